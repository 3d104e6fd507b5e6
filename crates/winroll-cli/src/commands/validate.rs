//! `winroll validate FILE`

use std::path::Path;

use winroll_app::AppError;
use winroll_core::{SecretSource, check_template_text};

use crate::failure::Failure;
use crate::input::read_text;

/// Checks without building the typed template: a large file costs about its own size.
pub fn run(file: &Path, json: bool) -> Result<(), Failure> {
    check_template_text(&read_text(file)?, SecretSource::Keyring).map_err(AppError::Invalid)?;
    if json {
        println!("{}", serde_json::json!({ "valid": true, "errors": [] }));
    } else {
        println!("valid");
    }
    Ok(())
}
