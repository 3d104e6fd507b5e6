//! What can go wrong with Winroll's files, as one error with a stable code per kind.

use std::path::PathBuf;

use winroll_core::{ErrorCode, ErrorInfo};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilesError {
    #[error("this system has no per-user data or configuration folder (is HOME set?)")]
    NoDataDir,
    #[error("could not {action} {path}: {detail}")]
    Io {
        action: &'static str,
        path: PathBuf,
        detail: String,
    },
    #[error("{path} is damaged ({detail})")]
    Damaged { path: PathBuf, detail: String },
    #[error("{path} already exists; Winroll does not write over it")]
    Exists { path: PathBuf },
    #[error("{path} is not private: {detail}")]
    NotPrivate { path: PathBuf, detail: String },
}

impl FilesError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NoDataDir => ErrorCode::FilesNoDir,
            Self::Io { .. } => ErrorCode::FilesIo,
            Self::Damaged { .. } => ErrorCode::FilesDamaged,
            Self::Exists { .. } => ErrorCode::FilesExists,
            Self::NotPrivate { .. } => ErrorCode::FilesNotPrivate,
        }
    }

    pub fn info(&self) -> ErrorInfo {
        let hint = match self {
            Self::NotPrivate { path, .. } => Some(format!(
                "Make it yours and closed to others (chown \"$USER\" '{0}' && chmod 700 '{0}'), or point WINROLL_HOME at a private folder.",
                path.display()
            )),
            _ => None,
        };
        ErrorInfo::new(self.code(), self.to_string(), hint)
    }
}
