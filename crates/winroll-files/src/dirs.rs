//! Where Winroll's files live, resolved once: the per-user configuration folder (profiles) and
//! data folder (draft, history). Tests and portable set-ups root both in one folder.

use std::path::{Path, PathBuf};

use crate::atomic::FilesError;
use crate::drafts::DraftStore;
use crate::history::HistoryStore;
use crate::profiles::ProfileStore;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppDirs {
    config: PathBuf,
    data: PathBuf,
    history_capacity: Option<usize>,
}

/// Roots both folders in one place instead of the platform's (`$WINROLL_HOME/config`,
/// `$WINROLL_HOME/data`): a portable set-up on a USB stick, or a test that must not share the
/// user's folders. On Windows the platform's folders come from the Known Folders API, which no
/// environment variable moves, so this is the only way to keep two set-ups apart there.
pub const HOME_VARIABLE: &str = "WINROLL_HOME";

impl AppDirs {
    /// [`HOME_VARIABLE`]'s folder when it is set (and not empty), the platform's otherwise.
    pub fn for_user() -> Result<Self, FilesError> {
        match std::env::var_os(HOME_VARIABLE) {
            Some(root) if !root.is_empty() => Ok(Self::under(Path::new(&root))),
            _ => Self::from_system(),
        }
    }

    /// The platform's folders: `$XDG_CONFIG_HOME/winroll` and `$XDG_DATA_HOME/winroll` on Linux,
    /// `%APPDATA%\Winroll\winroll\config` and `…\data` on Windows.
    pub fn from_system() -> Result<Self, FilesError> {
        let dirs = directories::ProjectDirs::from("dev", "Winroll", "winroll")
            .ok_or(FilesError::NoDataDir)?;
        Ok(Self {
            config: dirs.config_dir().to_path_buf(),
            data: dirs.data_dir().to_path_buf(),
            history_capacity: None,
        })
    }

    /// Both folders under `root` (`root/config`, `root/data`).
    pub fn under(root: &Path) -> Self {
        Self {
            config: root.join("config"),
            data: root.join("data"),
            history_capacity: None,
        }
    }

    /// The history keeps at most `capacity` entries instead of its usual 1,000 (for tests).
    pub fn with_history_capacity(self, capacity: usize) -> Self {
        Self {
            history_capacity: Some(capacity),
            ..self
        }
    }

    pub fn profiles(&self) -> ProfileStore {
        ProfileStore::at(self.config.join(crate::profiles::FILE_NAME))
    }

    pub fn drafts(&self) -> DraftStore {
        DraftStore::in_dir(&self.data)
    }

    pub fn history(&self) -> HistoryStore {
        let store = HistoryStore::in_dir(&self.data);
        match self.history_capacity {
            Some(capacity) => store.with_capacity(capacity),
            None => store,
        }
    }
}
