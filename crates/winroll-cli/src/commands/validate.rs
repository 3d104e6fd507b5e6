//! `winroll validate FILE`: every error and warning, each at its field. Warnings (allowed by the
//! vendor's page, probably a mistake) never fail it.

use std::path::Path;

use winroll_app::AppError;
use winroll_core::{SecretSource, check_template_text};

use crate::failure::Failure;
use crate::input::{print_warnings, read_text};

/// Checks without building the template: a large file costs about its own size.
pub fn run(file: &Path, json: bool) -> Result<(), Failure> {
    let report = check_template_text(&read_text(file)?, SecretSource::Keyring);
    if json {
        println!("{}", serde_json::to_string(&report).unwrap_or_default());
        return if report.valid {
            Ok(())
        } else {
            Err(Failure::Reported(AppError::Invalid(report.errors)))
        };
    }
    if !report.valid {
        // Errors first, the exit code says invalid; warnings after them.
        report
            .errors
            .iter()
            .for_each(|p| eprintln!("{}", crate::terminal::safe(&p.to_string())));
        print_warnings(&report.warnings);
        return Err(Failure::Reported(AppError::Invalid(report.errors)));
    }
    print_warnings(&report.warnings);
    match report.warnings.len() {
        0 => println!("valid"),
        n => println!("valid, with {n} warning(s)"),
    }
    Ok(())
}
