//! `winroll validate FILE`

use std::path::Path;

use crate::failure::Failure;
use crate::input::read_template;

pub fn run(file: &Path, json: bool) -> Result<(), Failure> {
    read_template(file)?;
    if json {
        println!("{}", serde_json::json!({ "valid": true, "errors": [] }));
    } else {
        println!("valid");
    }
    Ok(())
}
