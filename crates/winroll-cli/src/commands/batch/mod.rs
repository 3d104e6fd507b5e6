//! `winroll create --batch FILE` and `winroll create FILE --profiles A,B,C`, on the batch engine
//! in `winroll-app`: this module reads the input, shows progress, writes one report line per item
//! as it lands, and turns the tally into the exit code.

mod items;
mod report;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressStyle};
use winroll_app::batch::{Finished, Progress, Tally, Work};
use winroll_app::{Target, Winroll};

use self::items::BatchInput;
use self::report::{Line, Report};
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

pub fn run(winroll: &Winroll, options: Options) -> Result<(), Failure> {
    let runtime = crate::runtime();
    let work = match &options.source {
        Source::Batch { file, target } => Work::Batch {
            source: Arc::new(BatchInput::open(file)?),
            target: target.clone(),
        },
        Source::RollOut { file, profiles } => Work::RollOut {
            template: read_template(file)?,
            targets: profiles
                .iter()
                .map(|name| Target::Profile { name: name.clone() })
                .collect(),
        },
    };
    let checked = runtime.block_on(winroll.check_batch(work))?;
    let (mut report, finished) = match &options.resume {
        Some(path) => Report::resume(path)?,
        None => {
            let path = options
                .report
                .clone()
                .unwrap_or_else(|| default_report_path(options.source.file()));
            (Report::create(&path)?, Finished::default())
        }
    };
    let progress = ProgressBar::new(checked.len() as u64);
    progress.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut running = Tally::default();
    let tally =
        runtime.block_on(
            winroll.run_batch(checked, finished, options.concurrency, |event| {
                match event {
                    Progress::Skipped => running.skipped += 1,
                    Progress::Finished(result) => {
                        report.write(&Line::from(result))?;
                        running.count(result);
                    }
                }
                progress.inc(1);
                progress.set_message(counts(&running));
                Ok::<(), Failure>(())
            }),
        )?;
    progress.finish_and_clear();
    eprintln!("{} (report: {})", counts(&tally), report.path().display());
    match tally.worst {
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

fn counts(tally: &Tally) -> String {
    format!(
        "created {}, already there {}, failed {}, skipped (done earlier) {}",
        tally.created, tally.exists, tally.failed, tally.skipped
    )
}

fn default_report_path(input: &Path) -> PathBuf {
    if input.as_os_str() == "-" {
        return PathBuf::from("winroll-report.ndjson");
    }
    let mut name = input.file_name().unwrap_or_default().to_os_string();
    name.push(".report.ndjson");
    input.with_file_name(name)
}
