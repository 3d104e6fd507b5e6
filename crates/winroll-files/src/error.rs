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
}

impl FilesError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NoDataDir => ErrorCode::FilesNoDir,
            Self::Io { .. } => ErrorCode::FilesIo,
            Self::Damaged { .. } => ErrorCode::FilesDamaged,
            Self::Exists { .. } => ErrorCode::FilesExists,
        }
    }

    pub fn info(&self) -> ErrorInfo {
        ErrorInfo::new(self.code(), self.to_string(), None)
    }
}
