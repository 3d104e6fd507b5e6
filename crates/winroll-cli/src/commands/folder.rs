//! `winroll pull|plan|apply`: templates as code, one file a template, on the use cases in
//! `winroll-app` (`folder`); this module prints what they found and did, and picks exit codes.

use std::path::Path;
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressStyle};
use winroll_app::batch::{Progress, Status, Tally};
use winroll_app::folder::{FolderPlan, IdMap};
use winroll_app::{Target, Winroll};
use winroll_core::diff::shown;

use crate::failure::Failure;
use crate::terminal::safe;

pub fn pull(
    winroll: &Winroll,
    target: &Target,
    dir: &Path,
    overwrite: bool,
    json: bool,
) -> Result<(), Failure> {
    let report = crate::runtime().block_on(winroll.pull_folder(target, dir, overwrite))?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
        return Ok(());
    }
    for path in &report.written {
        println!("wrote      {}", safe(path));
    }
    for path in &report.kept {
        println!(
            "kept       {} (differs from the server's copy; --overwrite replaces it)",
            safe(path)
        );
    }
    eprintln!(
        "{} written, {} unchanged, {} left as they are",
        report.written.len(),
        report.unchanged.len(),
        report.kept.len()
    );
    Ok(())
}

fn read_map(map: Option<&Path>) -> Result<Option<IdMap>, Failure> {
    Ok(map.map(IdMap::read).transpose()?)
}

pub fn plan(
    winroll: &Winroll,
    target: &Target,
    dir: &Path,
    map: Option<&Path>,
    json: bool,
) -> Result<(), Failure> {
    let map = read_map(map)?;
    let plan = crate::runtime().block_on(winroll.plan_folder(target, dir, map.as_ref()))?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&plan).unwrap_or_default()
        );
    } else {
        print_plan(&plan);
    }
    // Drift: something would change.
    if plan.changes_anything() {
        return Err(Failure::Code(2));
    }
    Ok(())
}

fn print_plan(plan: &FolderPlan) {
    for name in &plan.create {
        println!("create     {}", safe(name));
    }
    for update in &plan.update {
        println!(
            "update     {} ({}): {} change(s)",
            safe(&update.name),
            safe(&update.id),
            update.changes.len()
        );
        for change in &update.changes {
            println!(
                "             {}: {} -> {}",
                safe(&change.path),
                safe(&shown(change.from.as_ref())),
                safe(&shown(change.to.as_ref()))
            );
        }
    }
    for name in &plan.only_on_server {
        println!("not in the folder {} (Winroll deletes nothing)", safe(name));
    }
    println!(
        "Plan: {} to create, {} to update, {} unchanged, {} only on the server.",
        plan.create.len(),
        plan.update.len(),
        plan.unchanged.len(),
        plan.only_on_server.len()
    );
}

pub struct ApplyOptions<'a> {
    pub dir: &'a Path,
    pub map: Option<&'a Path>,
    pub concurrency: usize,
    pub json: bool,
}

pub fn apply(winroll: &Winroll, target: &Target, options: ApplyOptions<'_>) -> Result<(), Failure> {
    let map = read_map(options.map)?.map(Arc::new);
    let json = options.json;
    let progress = ProgressBar::hidden();
    let planned = |plan: &FolderPlan| {
        if !json {
            print_plan(plan);
        }
        let count = plan.create.len() + plan.update.len();
        progress.set_length(count as u64);
        if count > 0 && !json {
            progress.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            progress.set_style(
                ProgressStyle::with_template("{bar:30} {pos}/{len} ({elapsed})")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
        }
    };
    let mut results = JsonResults::default();
    let tally = crate::runtime().block_on(winroll.apply_folder(
        target,
        options.dir,
        map,
        options.concurrency,
        planned,
        |event| {
            if let Progress::Finished(result) = event {
                let said = match result.status {
                    Status::Created => "created",
                    Status::Updated => "updated",
                    Status::Exists => "exists",
                    Status::Failed => "failed",
                };
                let error = result
                    .error
                    .as_ref()
                    .map(|e| format!(": {}", e.info().message))
                    .unwrap_or_default();
                let line = format!("{said:<10} {}{error}", result.name);
                progress.suspend(|| {
                    if !json {
                        println!("{}", safe(&line));
                    }
                });
                if json {
                    results.print(&serde_json::json!({
                        "name": result.name,
                        "status": result.status,
                        "id": result.template.as_ref().and_then(|t| t.id.clone()),
                        "error": result.error.as_ref().map(|e| e.info()),
                    }));
                }
            }
            progress.inc(1);
            Ok::<(), Failure>(())
        },
    ))??;
    progress.finish_and_clear();
    if json {
        results.finish();
    } else {
        eprintln!("{}", counts(&tally));
    }
    match tally.worst {
        None => Ok(()),
        Some(class) => Err(Failure::Partial {
            class,
            message: format!("{} template(s) failed", tally.failed),
            hint: "Fix what failed, then run apply again: it plans again and carries on.".into(),
        }),
    }
}

/// `apply --json`'s `{"results": [...]}`, printed as each template lands (the bytes
/// `to_string_pretty` gives the whole), so an apply of ten thousand templates does not hold
/// ten thousand results until the end.
#[derive(Default)]
struct JsonResults {
    started: bool,
}

impl JsonResults {
    fn print(&mut self, result: &serde_json::Value) {
        let text = serde_json::to_string_pretty(result).unwrap_or_default();
        // JSON text holds no raw line break inside a string, so each line is indented whole.
        let indented: Vec<String> = text.lines().map(|line| format!("    {line}")).collect();
        let before = if self.started {
            ",\n"
        } else {
            "{\n  \"results\": [\n"
        };
        print!("{before}{}", indented.join("\n"));
        self.started = true;
    }

    fn finish(self) {
        if self.started {
            println!("\n  ]\n}}");
        } else {
            println!("{{\n  \"results\": []\n}}");
        }
    }
}

fn counts(tally: &Tally) -> String {
    format!(
        "created {}, updated {}, already there {}, failed {}",
        tally.created, tally.updated, tally.exists, tally.failed
    )
}
