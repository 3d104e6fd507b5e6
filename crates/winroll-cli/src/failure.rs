//! Every way a command ends badly, with its exit code and its words.

use std::process::ExitCode;

use winroll_core::{ApiError, Category, ErrorInfo, Problem};
use winroll_secrets::{FillError, KeyringError, ProfilesError};

#[derive(Debug)]
pub enum Failure {
    /// The template breaks the contract; nothing was sent.
    Invalid(Vec<Problem>),
    /// Settings or arguments; nothing was sent.
    Usage {
        code: &'static str,
        message: String,
        hint: Option<String>,
    },
    Api(ApiError),
    Keyring(KeyringError),
    Profiles(ProfilesError),
    Secret(FillError),
    /// Some items of a batch failed; `category` is the worst of them.
    Partial {
        category: Category,
        message: String,
        hint: String,
    },
}

impl Failure {
    pub fn usage(
        code: &'static str,
        message: impl Into<String>,
        hint: impl Into<Option<String>>,
    ) -> Self {
        Self::Usage {
            code,
            message: message.into(),
            hint: hint.into(),
        }
    }

    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(match self {
            Self::Invalid(_) => 1,
            Self::Usage { .. } | Self::Profiles(_) => 2,
            Self::Api(e) => category_exit(e.category()),
            Self::Partial { category, .. } => category_exit(*category),
            Self::Keyring(_) | Self::Secret(FillError::Keyring(_)) => 5,
            Self::Secret(FillError::Missing { .. }) => 2,
        })
    }

    pub fn info(&self) -> ErrorInfo {
        match self {
            Self::Invalid(problems) => ErrorInfo::new(
                "input.invalid",
                format!(
                    "the template has {} problem(s); nothing was sent",
                    problems.len()
                ),
                None,
            ),
            Self::Usage {
                code,
                message,
                hint,
            } => ErrorInfo::new(*code, message.clone(), hint.clone()),
            Self::Api(e) => e.info(),
            Self::Keyring(e) => e.info(),
            Self::Profiles(e) => e.info(),
            Self::Secret(e) => e.info(),
            Self::Partial { message, hint, .. } => {
                ErrorInfo::new("batch.failed", message.clone(), Some(hint.clone()))
            }
        }
    }

    /// Prints the failure to stderr (or, with `json`, to stdout as `{"error": …}`).
    pub fn report(&self, json: bool) {
        if json {
            let body = match self {
                Self::Invalid(problems) => {
                    serde_json::json!({ "valid": false, "errors": problems })
                }
                other => serde_json::json!({ "error": other.info() }),
            };
            println!("{body}");
            return;
        }
        if let Self::Invalid(problems) = self {
            for problem in problems {
                eprintln!("{problem}");
            }
            return;
        }
        let info = self.info();
        eprintln!("error: {}", info.message);
        if let Some(hint) = info.hint {
            eprintln!("hint: {hint}");
        }
    }
}

fn category_exit(category: Category) -> u8 {
    match category {
        Category::Usage => 2,
        Category::Refused => 3,
        Category::Unavailable => 4,
    }
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Self::Api(e)
    }
}

impl From<KeyringError> for Failure {
    fn from(e: KeyringError) -> Self {
        Self::Keyring(e)
    }
}

impl From<ProfilesError> for Failure {
    fn from(e: ProfilesError) -> Self {
        Self::Profiles(e)
    }
}

impl From<FillError> for Failure {
    fn from(e: FillError) -> Self {
        Self::Secret(e)
    }
}

impl From<winroll_secrets::SecretStoreError> for Failure {
    fn from(e: winroll_secrets::SecretStoreError) -> Self {
        match e {
            winroll_secrets::SecretStoreError::Invalid(problems) => Self::Invalid(problems),
            winroll_secrets::SecretStoreError::Keyring(e) => Self::Keyring(e),
            winroll_secrets::SecretStoreError::Profiles(e) => Self::Profiles(e),
        }
    }
}
