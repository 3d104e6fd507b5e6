//! Reading what the user hands over: template files, and credentials from standard input.

use std::io::{IsTerminal, Read};
use std::path::Path;

use winroll_core::{ErrorCode, Problem, Template};

use crate::failure::Failure;

/// Reads and validates a template, kept whole; `-` is standard input. Its warnings go to standard
/// error. The client secret may be missing: it comes from the keyring or WINROLL_CLIENT_SECRET
/// just before sending.
pub fn read_template(path: &Path) -> Result<Template, Failure> {
    let checked = winroll_app::template_from_text(&read_text(path)?)?;
    print_warnings(&checked.warnings);
    Ok(checked.template)
}

/// `warning: path: message`, one a line, on standard error.
pub fn print_warnings(warnings: &[Problem]) {
    for warning in warnings {
        eprintln!("warning: {}", crate::terminal::safe(&warning.to_string()));
    }
}

pub fn read_text(path: &Path) -> Result<String, Failure> {
    if path.as_os_str() != "-" {
        return Ok(winroll_app::template_files::read_text(path)?);
    }
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes).map_err(|e| {
        Failure::usage(
            ErrorCode::InputUnreadable,
            format!("cannot read standard input: {e}"),
            None,
        )
    })?;
    Ok(winroll_app::template_files::decode_text(
        &bytes,
        "standard input",
    )?)
}

/// Asks `question` on the terminal (standard error) and answers the line typed, trimmed and in
/// lower case; `None` when standard input is not a terminal, so a script never waits.
pub fn ask(question: &str) -> Result<Option<String>, Failure> {
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    eprint!("{question}");
    let _ = std::io::Write::flush(&mut std::io::stderr());
    let mut answer = String::new();
    std::io::BufRead::read_line(&mut std::io::stdin().lock(), &mut answer)
        .map_err(|e| Failure::usage(ErrorCode::InputUnreadable, format!("no answer: {e}"), None))?;
    Ok(Some(answer.trim().to_lowercase()))
}

/// A credential from standard input: a hidden prompt on a terminal, else the first line piped in.
pub fn read_credential(prompt: &str) -> Result<String, Failure> {
    let value = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(prompt).map_err(|e| {
            Failure::usage(
                ErrorCode::InputUnreadable,
                format!("could not read the value: {e}"),
                None,
            )
        })?
    } else {
        read_text(Path::new("-"))?
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    let value = value.trim().to_owned();
    if value.is_empty() {
        return Err(Failure::usage(
            ErrorCode::InputEmptyCredential,
            "nothing was given on standard input",
            Some("Pipe the value in (e.g. `winroll profile add … < token.txt`) or type it at the prompt.".into()),
        ));
    }
    Ok(value)
}
