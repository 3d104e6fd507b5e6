//! Reading what the user hands over: template files, and credentials from standard input.

use std::io::{IsTerminal, Read};
use std::path::Path;

use winroll_core::{EnrollmentTemplate, Problem, SecretSource, parse_template};

use crate::failure::Failure;

/// Reads and validates a template; `-` is standard input. The client secret may be missing:
/// it comes from the keyring or WINROLL_CLIENT_SECRET just before sending.
pub fn read_template(path: &Path) -> Result<EnrollmentTemplate, Failure> {
    let text = read_text(path)?;
    parse_template(&text, SecretSource::Keyring).map_err(Failure::Invalid)
}

pub fn read_text(path: &Path) -> Result<String, Failure> {
    let mut text = String::new();
    let result = if path.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    result.map_err(|e| {
        Failure::Invalid(vec![Problem {
            path: "(root)".into(),
            message: format!("cannot read {}: {e}", path.display()),
        }])
    })?;
    Ok(text)
}

/// A credential from standard input: a hidden prompt on a terminal, else the first line piped in.
pub fn read_credential(prompt: &str) -> Result<String, Failure> {
    let value = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(prompt).map_err(|e| {
            Failure::usage(
                "input.unreadable",
                format!("could not read the value: {e}"),
                None,
            )
        })?
    } else {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| {
            Failure::usage(
                "input.unreadable",
                format!("could not read standard input: {e}"),
                None,
            )
        })?;
        text.lines().next().unwrap_or_default().to_owned()
    };
    let value = value.trim().to_owned();
    if value.is_empty() {
        return Err(Failure::usage(
            "input.empty_credential",
            "nothing was given on standard input",
            Some("Pipe the value in (e.g. `winroll profile add … < token.txt`) or type it at the prompt.".into()),
        ));
    }
    Ok(value)
}
