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
use winroll_app::{AppError, Class, Prepared, Target, Winroll, create::may_be_duplicate};
use winroll_core::{ApiError, EnrollmentTemplate};

use self::report::{Line, Report, Status};
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
}

/// One create to make.
struct Job {
    item: usize,
    prepared: Prepared,
}

pub fn run(app: &Winroll, options: Options) -> Result<(), Failure> {
    let runtime = crate::runtime();
    let (jobs, input) = runtime.block_on(prepare(app, &options.source))?;
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
    let (todo, skipped): (Vec<Job>, Vec<Job>) = jobs.into_iter().partition(|j| {
        let key = (j.prepared.template.name.clone(), j.prepared.target.label());
        !done.contains(&key)
    });
    let progress = ProgressBar::new(todo.len() as u64);
    progress.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );

    let mut tally = Tally {
        skipped: skipped.len(),
        ..Tally::default()
    };
    let mut worst: Option<Class> = None;
    let pause = Pause::default();
    runtime.block_on(async {
        let mut results = futures_util::stream::iter(todo)
            .map(|job| create_one(app, job, &pause))
            .buffer_unordered(options.concurrency);
        while let Some((line, failure)) = results.next().await {
            tally.count(line.status);
            if let Some(class) = failure {
                worst = Some(worse(worst, class));
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
        Some(class) => Err(Failure::Partial {
            class,
            message: format!("{} item(s) failed; the report says why", tally.failed),
            hint: format!(
                "Fix what failed, then run again with --resume {}",
                report.path().display()
            ),
        }),
    }
}

/// Reads, validates and resolves everything; fails before any request is sent, with every
/// problem of every item.
async fn prepare(app: &Winroll, source: &Source) -> Result<(Vec<Job>, PathBuf), Failure> {
    let (pairs, input): (Vec<(usize, Target, EnrollmentTemplate)>, PathBuf) = match source {
        Source::Batch { file, target } => {
            let templates = items::parse_batch(&read_text(file)?).map_err(AppError::Invalid)?;
            let pairs = templates
                .into_iter()
                .enumerate()
                .map(|(i, t)| (i, target.clone(), t))
                .collect();
            (pairs, file.clone())
        }
        Source::RollOut { file, profiles } => {
            let template = read_template(file)?;
            let targets: Vec<Target> = profiles
                .iter()
                .map(|name| Target::Profile { name: name.clone() })
                .collect();
            app.check_given_token_for(&targets)?;
            let pairs = targets
                .into_iter()
                .map(|target| (0, target, template.clone()))
                .collect();
            (pairs, file.clone())
        }
    };
    app.check_given_secret_for(pairs.iter().map(|(_, _, template)| template))?;
    let mut jobs = Vec::new();
    let mut problems = Vec::new();
    let mut connections = std::collections::HashMap::new();
    for (item, target, template) in pairs {
        let conn = match connections.get(&target) {
            Some(conn) => Clone::clone(conn),
            None => {
                let conn = app.connection(&target).await?;
                connections.insert(target.clone(), conn.clone());
                conn
            }
        };
        match app.prepare_for(&target, conn, template).await {
            Ok(prepared) => jobs.push(Job { item, prepared }),
            Err(AppError::Invalid(found)) => {
                problems.extend(found.into_iter().map(|p| items::at_item(item, p)));
            }
            Err(e) => return Err(e.into()),
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems).into());
    }
    Ok((jobs, input))
}

/// How often one item is sent again after a 429 before it is reported as failed.
const RATE_LIMIT_RETRIES: u32 = 5;
/// The wait when a 429 names none, and the longest wait a 429 may impose.
const DEFAULT_RATE_LIMIT_WAIT: Duration = Duration::from_secs(5);
const LONGEST_RATE_LIMIT_WAIT: Duration = Duration::from_secs(300);

/// A 429 stops every worker, not just the one that got it, until the server's Retry-After.
#[derive(Debug, Default)]
struct Pause {
    until: std::sync::Mutex<Option<tokio::time::Instant>>,
}

impl Pause {
    fn until(&self) -> Option<tokio::time::Instant> {
        *self.until.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn extend(&self, wait: Duration) {
        let end = tokio::time::Instant::now() + wait.min(LONGEST_RATE_LIMIT_WAIT);
        let mut until = self.until.lock().unwrap_or_else(|p| p.into_inner());
        if until.is_none_or(|u| u < end) {
            *until = Some(end);
        }
    }

    async fn wait(&self) {
        while let Some(end) = self
            .until()
            .filter(|end| *end > tokio::time::Instant::now())
        {
            tokio::time::sleep_until(end).await;
        }
    }
}

/// Creates one template; a lost answer is settled by name, a refusal checked for a duplicate.
/// A 429 is a refusal to do anything, so the same item is sent again once the pause is over.
async fn create_one(app: &Winroll, job: Job, pause: &Pause) -> (Line, Option<Class>) {
    let prepared = &job.prepared;
    let mut line = Line {
        item: job.item,
        target: prepared.target.label(),
        name: prepared.template.name.clone(),
        status: Status::Failed,
        id: None,
        server_url: None,
        error: None,
    };
    let mut retries = 0;
    let sent = loop {
        pause.wait().await;
        match app.send(prepared).await {
            Err(AppError::Api(ApiError::RateLimited { retry_after }))
                if retries < RATE_LIMIT_RETRIES =>
            {
                retries += 1;
                pause.extend(retry_after.unwrap_or(DEFAULT_RATE_LIMIT_WAIT));
            }
            other => break other,
        }
    };
    let outcome = match sent {
        Ok(outcome) => Ok((Status::Created, outcome.template)),
        // The API refuses a duplicate name with 5209; confirm it by name rather than by wording.
        Err(e) if may_be_duplicate(&e) => match app.settle(&prepared.conn, &line.name).await {
            Ok(existing) => Ok((Status::Exists, existing)),
            Err(_) => Err(e),
        },
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
            line.error = Some(e.info());
            (line, Some(e.class()))
        }
    }
}

/// Unavailable outranks the rest: it is the one a retry may fix.
fn worse(current: Option<Class>, next: Class) -> Class {
    match (current, next) {
        (Some(Class::Unavailable), _) | (_, Class::Unavailable) => Class::Unavailable,
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
