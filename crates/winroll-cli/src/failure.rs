//! Every way a command ends badly: an [`AppError`] from the use cases, or a batch in which some
//! items failed. The exit code says who has to act.

use std::process::ExitCode;

use winroll_app::{AppError, Class};
use winroll_core::{ErrorCode, ErrorInfo};

#[derive(Debug)]
pub enum Failure {
    App(AppError),
    /// Already printed in full (a validation report): only the exit code is left to give.
    Reported(AppError),
    /// Everything was printed and the answer is the exit code alone (`plan` and `diff`: 2 when
    /// something differs).
    Code(u8),
    /// Some items of a batch failed; `class` is the worst of them.
    Partial {
        class: Class,
        message: String,
        hint: String,
    },
}

impl Failure {
    pub fn usage(code: ErrorCode, message: impl Into<String>, hint: Option<String>) -> Self {
        Self::App(AppError::usage(code, message, hint))
    }

    fn class(&self) -> Class {
        match self {
            Self::App(e) | Self::Reported(e) => e.class(),
            Self::Partial { class, .. } => *class,
            Self::Code(_) => Class::Usage,
        }
    }

    pub fn exit_code(&self) -> ExitCode {
        if let Self::Code(code) = self {
            return ExitCode::from(*code);
        }
        ExitCode::from(match self.class() {
            Class::Invalid => 1,
            Class::Usage => 2,
            Class::Refused => 3,
            Class::Unavailable => 4,
            Class::Keyring => 5,
        })
    }

    pub fn info(&self) -> ErrorInfo {
        match self {
            Self::App(e) | Self::Reported(e) => e.info(),
            Self::Partial { message, hint, .. } => {
                ErrorInfo::new(ErrorCode::BatchFailed, message.clone(), Some(hint.clone()))
            }
            Self::Code(code) => ErrorInfo::new(
                ErrorCode::TemplatesDiffer,
                format!("exit {code}: they differ"),
                None,
            ),
        }
    }

    /// Prints the failure to stderr (or, with `json`, to stdout as `{"error": …}`).
    pub fn report(&self, json: bool) {
        if let Self::Reported(_) | Self::Code(_) = self {
            return;
        }
        if let Self::App(AppError::Invalid(problems)) = self {
            if json {
                println!(
                    "{}",
                    serde_json::json!({ "valid": false, "errors": problems, "warnings": [] })
                );
            } else {
                problems
                    .iter()
                    .for_each(|p| eprintln!("{}", crate::terminal::safe(&p.to_string())));
            }
            return;
        }
        let info = self.info();
        if json {
            println!("{}", serde_json::json!({ "error": info }));
            return;
        }
        // A message may quote what a server sent: never raw to the terminal.
        eprintln!("error: {}", crate::terminal::safe(&info.message));
        if let Some(hint) = info.hint {
            eprintln!("hint: {}", crate::terminal::safe(&hint));
        }
    }
}

impl<E: Into<AppError>> From<E> for Failure {
    fn from(e: E) -> Self {
        Self::App(e.into())
    }
}
