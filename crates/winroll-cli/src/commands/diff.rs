//! `winroll diff A B`: two templates field by field (files, or `@NAME` for the target's
//! template); exit 0 when they are the same, 2 when they differ.

use winroll_app::compare::Side;
use winroll_app::{Target, Winroll};
use winroll_core::diff::shown;

use crate::failure::Failure;
use crate::terminal::safe;

pub fn run(
    winroll: &Winroll,
    target: Option<&Target>,
    a: &str,
    b: &str,
    json: bool,
) -> Result<(), Failure> {
    let changes =
        crate::runtime().block_on(winroll.compare(target, Side::parse(a), Side::parse(b)))?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({ "same": changes.is_empty(), "changes": changes })
            )
            .unwrap_or_default()
        );
    } else if changes.is_empty() {
        println!("The same template (what only the server sets aside).");
    } else {
        for change in &changes {
            println!(
                "{}: {} -> {}",
                safe(&change.path),
                safe(&shown(change.from.as_ref())),
                safe(&shown(change.to.as_ref()))
            );
        }
        eprintln!("{} difference(s)", changes.len());
    }
    if changes.is_empty() {
        Ok(())
    } else {
        Err(Failure::Code(2))
    }
}
