//! `winroll update ID FILE`: replace a template's settings in place (same id, same enrollment
//! token) with the file, whole: fields Winroll does not model go as the file has them. Before
//! sending it shows every field the update changes and what the server holds that the file would
//! remove, and asks on a terminal; without one, a removal needs `--yes`. Affects future
//! enrollments only; devices already enrolled keep what they got.

use std::io::IsTerminal;
use std::path::Path;

use winroll_app::{AppError, Target, Winroll};
use winroll_core::ErrorCode;
use winroll_core::diff::shown;

use crate::failure::Failure;
use crate::input::read_template;

pub struct Options<'a> {
    pub id: &'a str,
    pub file: &'a Path,
    pub yes: bool,
    pub json: bool,
}

pub fn run(winroll: &Winroll, target: &Target, options: Options<'_>) -> Result<(), Failure> {
    let template = read_template(options.file)?;
    let runtime = crate::runtime();
    let plan = runtime.block_on(winroll.plan_update(target, options.id, template))?;
    // On standard error, so --json output stays one JSON document.
    if plan.changes.is_empty() {
        eprintln!("The update changes nothing: the server already holds exactly this template.");
    } else {
        eprintln!("The update changes {} field(s):", plan.changes.len());
        for change in plan.changes.iter().filter(|c| !c.removes()) {
            eprintln!(
                "  {}: {} -> {}",
                crate::terminal::safe(&change.path),
                crate::terminal::safe(&shown(change.from.as_ref())),
                crate::terminal::safe(&shown(change.to.as_ref()))
            );
        }
    }
    let removals: Vec<_> = plan.removals().collect();
    if !removals.is_empty() {
        eprintln!("The server holds these, which the file would remove:");
        for change in &removals {
            eprintln!(
                "  {}: {}",
                crate::terminal::safe(&change.path),
                crate::terminal::safe(&shown(change.from.as_ref()))
            );
        }
    }
    if !options.yes {
        if std::io::stdin().is_terminal() {
            if !confirm("Send the update? [y/N] ")? {
                return Err(Failure::usage(
                    ErrorCode::ConfigMissingInput,
                    "not sent",
                    None,
                ));
            }
        } else if !removals.is_empty() {
            return Err(Failure::usage(
                ErrorCode::ConfigMissingInput,
                format!(
                    "the update would remove {} field(s) the server holds; nothing was sent",
                    removals.len()
                ),
                Some("Add them to the file, or run again with --yes to remove them.".into()),
            ));
        }
    }
    let outcome = runtime
        .block_on(winroll.update(target, options.id, plan.template))
        .inspect_err(|e| {
            if let AppError::UpdateUncertain(_) = e {
                eprintln!("The answer to the update was lost. Run the same command again: an update is idempotent.");
            }
        })?;
    let link = outcome.enrollment_link.as_deref();
    crate::commands::create::print_outcome(
        &outcome,
        &outcome.template,
        link,
        "Updated",
        options.json,
    );
    eprintln!(
        "The change applies to future enrollments only; enrolled devices keep their settings."
    );
    Ok(())
}

/// Asks on the terminal; only `y` or `yes` is a yes.
fn confirm(question: &str) -> Result<bool, Failure> {
    Ok(crate::input::ask(question)?.is_some_and(|a| matches!(a.as_str(), "y" | "yes")))
}
