//! Where Winroll's files live, resolved once: the per-user configuration folder (profiles) and
//! data folder (draft, history). Tests and portable set-ups root both in one folder.

use std::path::{Path, PathBuf};

use crate::drafts::DraftStore;
use crate::error::FilesError;
use crate::history::HistoryStore;
use crate::profiles::ProfileStore;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppDirs {
    config: PathBuf,
    data: PathBuf,
    logs: PathBuf,
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
    /// `%APPDATA%\Winroll\winroll\config` and `…\data` on Windows; logs beside them (see below).
    pub fn from_system() -> Result<Self, FilesError> {
        let dirs = directories::ProjectDirs::from("dev", "Winroll", "winroll")
            .ok_or(FilesError::NoDataDir)?;
        // Logs are state, not data: `$XDG_STATE_HOME/winroll` where the platform has it (Linux),
        // else the local (never roaming) data folder (`%LOCALAPPDATA%\Winroll\winroll\data\logs`).
        let logs = match dirs.state_dir() {
            Some(state) => state.join("logs"),
            None => dirs.data_local_dir().join("logs"),
        };
        Ok(Self {
            config: dirs.config_dir().to_path_buf(),
            data: dirs.data_dir().to_path_buf(),
            logs,
            history_capacity: None,
        })
    }

    /// Every folder under `root` (`root/config`, `root/data`, `root/logs`).
    pub fn under(root: &Path) -> Self {
        Self {
            config: root.join("config"),
            data: root.join("data"),
            logs: root.join("logs"),
            history_capacity: None,
        }
    }

    /// Where the desktop writes its daily log files.
    pub fn logs(&self) -> &Path {
        &self.logs
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
        let store = HistoryStore::in_dir(&self.data).with_profiles(self.profiles());
        match self.history_capacity {
            Some(capacity) => store.with_capacity(capacity),
            None => store,
        }
    }
}
