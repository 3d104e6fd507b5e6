//! The one error both front ends receive. Each variant keeps its cause; `info()` turns it into the
//! `{code, message, hint}` the UI and `--json` callers read, `class()` into who has to act (the
//! CLI's exit code).

use winroll_core::{ApiError, Category, ErrorCode, ErrorInfo, Problem};
use winroll_files::{FilesError, ProfilesError};
use winroll_keyring::{FillError, KeyringError};

/// What a name search after a lost answer found out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameCheck {
    /// No template of that name exists: trying again is safe.
    NotCreated,
    /// The search failed too: nobody can tell.
    Unknown(ApiError),
    /// A template of that name exists, but not one this send made (created before it began, or
    /// holding something else): the name was taken.
    Existed { created_at: Option<String> },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppError {
    /// The template (or ids, or a secret) breaks the contract; nothing was sent.
    #[error("the template has {} problem(s); nothing was sent", .0.len())]
    Invalid(Vec<Problem>),
    #[error(transparent)]
    Api(ApiError),
    /// A create whose answer was lost after sending, and what the search by name found.
    #[error("{error}")]
    Unsettled { error: ApiError, check: NameCheck },
    /// An update whose answer was lost after sending: it may or may not have been applied.
    #[error("{0}")]
    UpdateUncertain(ApiError),
    #[error(transparent)]
    Keyring(KeyringError),
    #[error(transparent)]
    Profiles(ProfilesError),
    #[error(transparent)]
    Files(FilesError),
    /// Settings, arguments or input a person must fix; nothing was sent.
    #[error("{message}")]
    Usage {
        code: ErrorCode,
        message: String,
        hint: Option<String>,
    },
    #[error("Winroll failed internally: {0}")]
    Internal(String),
}

/// Who has to act; the CLI turns it into its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Invalid,
    Usage,
    Refused,
    Unavailable,
    Keyring,
}

impl AppError {
    pub fn usage(code: ErrorCode, message: impl Into<String>, hint: Option<String>) -> Self {
        Self::Usage {
            code,
            message: message.into(),
            hint,
        }
    }

    pub fn class(&self) -> Class {
        match self {
            Self::Invalid(_) => Class::Invalid,
            Self::Usage { .. } | Self::Profiles(_) => Class::Usage,
            // Exits as the duplicate-name refusal it is.
            Self::Unsettled {
                check: NameCheck::Existed { .. },
                ..
            } => Class::Refused,
            Self::Api(e) | Self::Unsettled { error: e, .. } | Self::UpdateUncertain(e) => {
                match e.category() {
                    Category::Usage => Class::Usage,
                    Category::Refused => Class::Refused,
                    Category::Unavailable => Class::Unavailable,
                }
            }
            Self::Keyring(_) => Class::Keyring,
            Self::Files(FilesError::Exists { .. }) => Class::Usage,
            Self::Files(_) | Self::Internal(_) => Class::Unavailable,
        }
    }

    pub fn info(&self) -> ErrorInfo {
        match self {
            Self::Invalid(problems) => {
                let first = problems
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                ErrorInfo::new(
                    ErrorCode::InputInvalid,
                    format!("{self}. First: {first}"),
                    Some("Fix the fields the problems name.".into()),
                )
            }
            Self::Api(e) => e.info(),
            Self::Unsettled { error, check } => {
                let mut info = error.info();
                match check {
                    NameCheck::NotCreated => {
                        info.message = format!(
                            "{error}. The organization has no template of that name: it was not created"
                        );
                        info.hint = Some("It is safe to create it again.".into());
                        info.uncertain = false;
                    }
                    NameCheck::Existed { created_at } => {
                        info.code = ErrorCode::TemplateNameTaken;
                        info.message = format!(
                            "{error}. A template of that name already existed ({}), and not one this create made: the name is taken",
                            match created_at {
                                Some(at) => format!("created {at}"),
                                None => "its creation time unknown".into(),
                            }
                        );
                        info.hint = Some(
                            "Choose another name, or edit the existing template (the Templates view, or `winroll update`)."
                                .into(),
                        );
                        info.uncertain = false;
                    }
                    NameCheck::Unknown(search) => {
                        info.message = format!(
                            "{error}. Whether it was created could not be checked ({search})"
                        );
                        info.hint = Some(
                            "List the organization's templates by name before creating it again."
                                .into(),
                        );
                        info.uncertain = true;
                    }
                }
                info
            }
            Self::UpdateUncertain(error) => {
                let mut info = error.info();
                info.message = format!("{error}. The update may or may not have been applied");
                info.hint =
                    Some("An update is idempotent: sending the same update again is safe.".into());
                info.uncertain = true;
                info
            }
            Self::Keyring(e) => e.info(),
            Self::Profiles(e) => e.info(),
            Self::Files(e) => e.info(),
            Self::Usage {
                code,
                message,
                hint,
            } => ErrorInfo::new(*code, message.clone(), hint.clone()),
            Self::Internal(_) => ErrorInfo::new(
                ErrorCode::AppInternal,
                self.to_string(),
                Some("Try again; if it keeps happening, restart Winroll.".into()),
            ),
        }
    }
}

impl From<ApiError> for AppError {
    fn from(e: ApiError) -> Self {
        Self::Api(e)
    }
}

impl From<KeyringError> for AppError {
    fn from(e: KeyringError) -> Self {
        Self::Keyring(e)
    }
}

impl From<ProfilesError> for AppError {
    fn from(e: ProfilesError) -> Self {
        Self::Profiles(e)
    }
}

impl From<FilesError> for AppError {
    fn from(e: FilesError) -> Self {
        Self::Files(e)
    }
}

impl From<FillError> for AppError {
    fn from(e: FillError) -> Self {
        match e {
            FillError::Keyring(e) => Self::Keyring(e),
            FillError::Invalid(problem) => Self::Invalid(vec![problem]),
            missing @ FillError::Missing { .. } => {
                let info = missing.info();
                Self::Usage {
                    code: info.code,
                    message: info.message,
                    hint: info.hint,
                }
            }
        }
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(e: tokio::task::JoinError) -> Self {
        Self::Internal(e.to_string())
    }
}
