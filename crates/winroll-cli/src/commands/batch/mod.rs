//! `winroll create --batch FILE` and `winroll create FILE --profiles A,B,C`: everything is read,
//! validated and resolved (tokens, client secrets) before the first request; then the creates run
//! with bounded concurrency, each result goes to the report as it lands, and `--resume` skips
//! what an earlier run finished. A name the organization already has is reported, not duplicated.

mod items;
mod report;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use futures_util::StreamExt;
use indicatif::{ProgressBar, ProgressStyle};
use winroll_core::{
    ApiClient, ApiError, Category, ClientConfig, Connection, EnrollmentTemplate, SecretSource,
    validate_template,
};

use self::report::{Line, Report, Status};
use super::create::fill_client_secret;
use super::settle::{Settled, settle};
use crate::cli::Target;
use crate::connection;
use crate::failure::Failure;
use crate::input::{read_template, read_text};

/// What to create where.
pub enum Source {
    /// Many templates, one organization.
    Batch { file: PathBuf, target: Target },
    /// One template, several profiles.
    RollOut {
        file: PathBuf,
        profiles: Vec<String>,
    },
}

pub struct Options {
    pub source: Source,
    pub concurrency: usize,
    pub report: Option<PathBuf>,
    pub resume: Option<PathBuf>,
    pub timeout: u64,
}

/// One create to make.
struct Job {
    item: usize,
    target: String,
    conn: Connection,
    template: EnrollmentTemplate,
}

pub fn run(options: Options) -> Result<(), Failure> {
    let (jobs, input) = prepare(&options.source)?;
    let (mut report, done) = match &options.resume {
        Some(path) => Report::resume(path)?,
        None => {
            let path = options
                .report
                .clone()
                .unwrap_or_else(|| default_report_path(&input));
            (Report::create(&path)?, HashSet::new())
        }
    };
    let (todo, skipped): (Vec<Job>, Vec<Job>) = jobs
        .into_iter()
        .partition(|j| !done.contains(&(j.item, j.target.clone())));
    let client = ApiClient::new(ClientConfig {
        total_timeout: Duration::from_secs(options.timeout),
        ..ClientConfig::default()
    })?;
    let progress = ProgressBar::new(todo.len() as u64);
    progress.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );

    let mut tally = Tally {
        skipped: skipped.len(),
        ..Tally::default()
    };
    let mut worst: Option<Category> = None;
    crate::runtime().block_on(async {
        let client = &client;
        let mut results = futures_util::stream::iter(todo)
            .map(|job| create_one(client, job))
            .buffer_unordered(options.concurrency);
        while let Some((line, failure)) = results.next().await {
            tally.count(line.status);
            if let Some(category) = failure {
                worst = Some(worse(worst, category));
            }
            report.write(&line)?;
            progress.inc(1);
            progress.set_message(tally.to_string());
        }
        Ok::<(), Failure>(())
    })?;
    progress.finish_and_clear();
    eprintln!("{tally} (report: {})", report.path().display());
    match worst {
        None => Ok(()),
        Some(category) => Err(Failure::Partial {
            category,
            message: format!("{} item(s) failed; the report says why", tally.failed),
            hint: format!(
                "Fix what failed, then run again with --resume {}",
                report.path().display()
            ),
        }),
    }
}

/// Reads, validates and resolves everything; fails before any request is sent.
fn prepare(source: &Source) -> Result<(Vec<Job>, PathBuf), Failure> {
    let (pairs, input): (
        Vec<(usize, String, Connection, EnrollmentTemplate)>,
        PathBuf,
    ) = match source {
        Source::Batch { file, target } => {
            let templates = items::parse_batch(&read_text(file)?).map_err(Failure::Invalid)?;
            let conn = connection::resolve(target)?;
            let label = target
                .profile
                .clone()
                .unwrap_or_else(|| conn.organization().to_string());
            let pairs = templates
                .into_iter()
                .enumerate()
                .map(|(i, t)| (i, label.clone(), conn.clone(), t))
                .collect();
            (pairs, file.clone())
        }
        Source::RollOut { file, profiles } => {
            let template = read_template(file)?;
            let mut pairs = Vec::new();
            for profile in profiles {
                let target = Target {
                    profile: Some(profile.clone()),
                    base_url: None,
                    org: None,
                };
                pairs.push((
                    0,
                    profile.clone(),
                    connection::resolve(&target)?,
                    template.clone(),
                ));
            }
            (pairs, file.clone())
        }
    };
    let mut jobs = Vec::new();
    let mut problems = Vec::new();
    for (item, target, conn, mut template) in pairs {
        fill_client_secret(&mut template)?;
        let report = validate_template(&template, SecretSource::InTemplate);
        problems.extend(report.errors.into_iter().map(|p| items::at_item(item, p)));
        jobs.push(Job {
            item,
            target,
            conn,
            template,
        });
    }
    if !problems.is_empty() {
        return Err(Failure::Invalid(problems));
    }
    Ok((jobs, input))
}

/// Creates one template; a lost answer is settled by listing, a refusal checked for a duplicate.
async fn create_one(client: &ApiClient, job: Job) -> (Line, Option<Category>) {
    let mut line = Line {
        item: job.item,
        target: job.target.clone(),
        name: job.template.name.clone(),
        status: Status::Failed,
        id: None,
        server_url: None,
        error: None,
    };
    let outcome = match client.create(&job.conn, &job.template).await {
        Ok(created) => Ok((Status::Created, created)),
        Err(e) if e.is_uncertain() => match settle(client, &job.conn, &job.template.name).await {
            Settled::Created(found) => Ok((Status::Created, *found)),
            Settled::NotCreated | Settled::Unknown(_) => Err(e),
        },
        // The API refuses a duplicate name with 5209; confirm it by name rather than by wording.
        Err(e @ ApiError::InvalidInput { .. }) => {
            match client.find_by_name(&job.conn, &job.template.name).await {
                Ok(Some(existing)) => Ok((Status::Exists, existing)),
                _ => Err(e),
            }
        }
        Err(e) => Err(e),
    };
    match outcome {
        Ok((status, template)) => {
            line.status = status;
            line.server_url = template
                .win_enrollment_token
                .as_ref()
                .and_then(|t| t.server_url.clone());
            line.id = template.id;
            (line, None)
        }
        Err(e) => {
            let category = e.category();
            line.error = Some(e.info());
            (line, Some(category))
        }
    }
}

fn worse(current: Option<Category>, next: Category) -> Category {
    match (current, next) {
        (Some(Category::Unavailable), _) | (_, Category::Unavailable) => Category::Unavailable,
        _ => next,
    }
}

fn default_report_path(input: &Path) -> PathBuf {
    if input.as_os_str() == "-" {
        return PathBuf::from("winroll-report.ndjson");
    }
    let mut name = input.file_name().unwrap_or_default().to_os_string();
    name.push(".report.ndjson");
    input.with_file_name(name)
}

#[derive(Debug, Default)]
struct Tally {
    created: usize,
    exists: usize,
    failed: usize,
    skipped: usize,
}

impl Tally {
    fn count(&mut self, status: Status) {
        match status {
            Status::Created => self.created += 1,
            Status::Exists => self.exists += 1,
            Status::Failed => self.failed += 1,
        }
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "created {}, already there {}, failed {}, skipped (done earlier) {}",
            self.created, self.exists, self.failed, self.skipped
        )
    }
}
