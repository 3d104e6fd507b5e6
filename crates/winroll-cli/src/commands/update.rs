//! `winroll update ID FILE`: replace a template's settings in place (same id, same enrollment
//! token). Affects future enrollments only; devices already enrolled keep what they got.

use std::path::Path;

use winroll_app::{AppError, Target, Winroll};

use crate::failure::Failure;
use crate::input::read_template;

pub fn run(
    winroll: &Winroll,
    id: &str,
    file: &Path,
    target: &Target,
    json: bool,
) -> Result<(), Failure> {
    let template = read_template(file)?;
    let outcome = crate::runtime()
        .block_on(winroll.update(target, id, template, Default::default()))
        .inspect_err(|e| {
            if let AppError::UpdateUncertain(_) = e {
                eprintln!("The answer to the update was lost. Run the same command again: an update is idempotent.");
            }
        })?;
    let link = outcome.enrollment_link.as_deref();
    crate::commands::create::print_outcome(&outcome, &outcome.template, link, "Updated", json);
    // On standard error, so --json output stays one JSON document.
    eprintln!(
        "The change applies to future enrollments only; enrolled devices keep their settings."
    );
    Ok(())
}
