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
use serde_json::Value;
use winroll_app::{AppError, Class, Prepared, Target, Winroll, create::may_be_duplicate};
use winroll_core::{ApiError, EnrollmentTemplate, Problem, SecretSource, validate_value};

use self::items::BatchInput;
use self::report::{Line, Report, Status};
use crate::failure::Failure;
use crate::input::read_template;

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

/// What the stream of work hands the workers: a create, an item the report shows done, or an
/// item that failed before it could be sent (a file changed between the two reads).
enum Next {
    Create(Box<Job>),
    Skip,
    Fail(Box<Line>, Class),
}

/// Everything checked before the first request: every item valid, every client secret there,
/// the target's connection resolved.
enum Plan {
    Batch {
        input: BatchInput,
        target: Target,
        conn: winroll_core::Connection,
        count: usize,
    },
    RollOut {
        jobs: Vec<Job>,
    },
}

pub fn run(app: &Winroll, options: Options) -> Result<(), Failure> {
    let runtime = crate::runtime();
    let plan = runtime.block_on(plan(app, &options.source))?;
    let (mut report, done) = match &options.resume {
        Some(path) => Report::resume(path)?,
        None => {
            let path = options
                .report
                .clone()
                .unwrap_or_else(|| default_report_path(options.source.file()));
            (Report::create(&path)?, HashSet::new())
        }
    };
    let count = match &plan {
        Plan::Batch { count, .. } => *count,
        Plan::RollOut { jobs } => jobs.len(),
    };
    let progress = ProgressBar::new(count as u64);
    progress.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );

    let mut tally = Tally::default();
    let mut worst: Option<Class> = None;
    let pause = Pause::default();
    runtime.block_on(async {
        let mut results = work(app, plan, done)
            .map(|next| async {
                match next {
                    Next::Create(job) => Some(create_one(app, *job, &pause).await),
                    Next::Skip => None,
                    Next::Fail(line, class) => Some((*line, Some(class))),
                }
            })
            .buffer_unordered(options.concurrency);
        while let Some(result) = results.next().await {
            match result {
                None => tally.skipped += 1,
                Some((line, failure)) => {
                    tally.count(line.status);
                    if let Some(class) = failure {
                        worst = Some(worse(worst, class));
                    }
                    report.write(&line)?;
                }
            }
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

impl Source {
    fn file(&self) -> &Path {
        match self {
            Source::Batch { file, .. } | Source::RollOut { file, .. } => file,
        }
    }
}

/// Reads and validates everything and resolves credentials; fails before any request is sent,
/// with every problem of every item. A batch file is read item by item and nothing of it is
/// kept but what the checks need (the Entra ID apps without a secret in the file).
async fn plan(app: &Winroll, source: &Source) -> Result<Plan, Failure> {
    match source {
        Source::Batch { file, target } => {
            let input = BatchInput::open(file)?;
            let mut problems = Vec::new();
            let mut apps = std::collections::BTreeSet::new();
            let mut count = 0;
            input.for_each(|index, item| {
                match item {
                    Ok(value) => {
                        let report = validate_value(&value, SecretSource::Keyring);
                        if report.valid {
                            count += 1;
                            if let Some(app) = value.pointer("/entraId/mobilityApp")
                                && app.get("clientSecret").is_none()
                            {
                                let id =
                                    |key: &str| app[key].as_str().unwrap_or_default().to_owned();
                                apps.insert((id("tenantId"), id("clientId")));
                            }
                        } else {
                            problems.extend(
                                report.errors.into_iter().map(|p| items::at_item(index, p)),
                            );
                        }
                    }
                    Err(problem) => problems.push(problem),
                }
                std::ops::ControlFlow::Continue(())
            })?;
            if count == 0 && problems.is_empty() {
                problems.push(Problem {
                    path: "(root)".into(),
                    message: "the batch holds no template".into(),
                });
            }
            if !problems.is_empty() {
                return Err(AppError::Invalid(problems).into());
            }
            // Every Entra ID app's secret is looked up now, so a missing one stops the batch
            // before its first request rather than halfway through.
            let stubs: Vec<EnrollmentTemplate> = apps
                .into_iter()
                .map(|(tenant_id, client_id)| EnrollmentTemplate {
                    entra_id: Some(winroll_core::EntraId {
                        mobility_app: Some(winroll_core::MobilityApp {
                            tenant_id,
                            client_id,
                            client_secret: None,
                        }),
                    }),
                    ..Default::default()
                })
                .collect();
            app.check_given_secret_for(&stubs)?;
            for mut stub in stubs {
                app.fill_client_secret(&mut stub)?;
            }
            let conn = app.connection(target).await?;
            Ok(Plan::Batch {
                input,
                target: target.clone(),
                conn,
                count,
            })
        }
        Source::RollOut { file, profiles } => {
            let template = read_template(file)?;
            let targets: Vec<Target> = profiles
                .iter()
                .map(|name| Target::Profile { name: name.clone() })
                .collect();
            app.check_given_token_for(&targets)?;
            app.check_given_secret_for([&template])?;
            let mut jobs = Vec::new();
            for target in targets {
                let conn = app.connection(&target).await?;
                let prepared = app.prepare_for(&target, conn, template.clone()).await?;
                jobs.push(Job { item: 0, prepared });
            }
            Ok(Plan::RollOut { jobs })
        }
    }
}

/// The work, in order. A batch file is read a second time as the workers take items: a reader
/// thread keeps a few items ahead, so memory holds what is in flight, not the batch.
fn work<'a>(
    app: &'a Winroll,
    plan: Plan,
    done: HashSet<(String, String)>,
) -> futures_util::stream::BoxStream<'a, Next> {
    let skip = move |name: &str, target: &Target| done.contains(&(name.to_owned(), target.label()));
    match plan {
        Plan::RollOut { jobs } => futures_util::stream::iter(jobs.into_iter().map(move |job| {
            if skip(&job.prepared.template.name, &job.prepared.target) {
                Next::Skip
            } else {
                Next::Create(Box::new(job))
            }
        }))
        .boxed(),
        Plan::Batch {
            input,
            target,
            conn,
            ..
        } => {
            let (sender, receiver) =
                tokio::sync::mpsc::channel::<(usize, Result<Value, Problem>)>(READ_AHEAD);
            std::thread::spawn(move || {
                let _ = input.for_each(|index, item| match sender.blocking_send((index, item)) {
                    Ok(()) => std::ops::ControlFlow::Continue(()),
                    Err(_) => std::ops::ControlFlow::Break(()),
                });
            });
            futures_util::stream::unfold(receiver, |mut receiver| async move {
                receiver.recv().await.map(|item| (item, receiver))
            })
            .then(move |(item, value)| {
                let (target, conn, skip) = (target.clone(), conn.clone(), skip.clone());
                async move {
                    let template = match value.map(serde_json::from_value::<EnrollmentTemplate>) {
                        Ok(Ok(template)) => template,
                        // The file changed since it was checked.
                        _ => return changed(item, &target),
                    };
                    if skip(&template.name, &target) {
                        return Next::Skip;
                    }
                    match app.prepare_for(&target, conn, template).await {
                        Ok(prepared) => Next::Create(Box::new(Job { item, prepared })),
                        Err(e) => failed(item, &target, &e),
                    }
                }
            })
            .boxed()
        }
    }
}

/// How many items the reader keeps ready beyond those in flight.
const READ_AHEAD: usize = 64;

fn changed(item: usize, target: &Target) -> Next {
    let error = AppError::usage(
        winroll_core::ErrorCode::InputInvalid,
        format!("item {item} changed in the file after the batch was checked; it was not sent"),
        Some("Run the batch again with --resume.".into()),
    );
    failed(item, target, &error)
}

/// An item that failed before it could be sent.
fn failed(item: usize, target: &Target, error: &AppError) -> Next {
    let line = Line {
        item,
        target: target.label(),
        name: String::new(),
        status: Status::Failed,
        id: None,
        server_url: None,
        error: Some(error.info()),
    };
    Next::Fail(Box::new(line), error.class())
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
