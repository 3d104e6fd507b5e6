//! Files Winroll keeps in the user's data directory: the editor's draft (so nothing typed is lost
//! to a crash or a failed request) and the history of templates this desktop created. Every file
//! is written atomically, readable by the user only, and scrubbed of credentials.

pub mod atomic;
pub mod drafts;
pub mod history;

pub use atomic::{StoreError, write_private};
pub use drafts::{Draft, DraftStore};
pub use history::{HistoryEntry, HistoryStore};

/// The per-user data directory (`$XDG_DATA_HOME/winroll` on Linux).
pub fn data_dir() -> Result<std::path::PathBuf, StoreError> {
    directories::ProjectDirs::from("dev", "Winroll", "winroll")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or(StoreError::NoDataDir)
}
