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
    /// The keyring namespace of a set-up rooted in one folder; `None` for the user's default.
    keyring_namespace: Option<String>,
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
            keyring_namespace: None,
        })
    }

    /// Every folder under `root` (`root/config`, `root/data`, `root/logs`). Its keyring entries
    /// are its own too ([`AppDirs::keyring_namespace`]).
    pub fn under(root: &Path) -> Self {
        Self {
            config: root.join("config"),
            data: root.join("data"),
            logs: root.join("logs"),
            history_capacity: None,
            keyring_namespace: Some(namespace_of(root)),
        }
    }

    /// Where this set-up's keyring entries live: `None` for the user's default set-up, a name
    /// derived from the folder for one rooted elsewhere, so that two set-ups never read or
    /// overwrite each other's tokens and secrets (a copied set-up starts with none).
    pub fn keyring_namespace(&self) -> Option<&str> {
        self.keyring_namespace.as_deref()
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

    /// Refuses a set-up whose folders others could change (Unix): an existing configuration or
    /// data folder that another user owns, or that its group or everyone may write to. Missing
    /// folders are fine: they are created private when first written.
    pub fn check_private(&self) -> Result<(), FilesError> {
        [&self.config, &self.data, &self.logs]
            .into_iter()
            .try_for_each(|dir| crate::atomic::check_private_dir(dir))
    }

    pub fn history(&self) -> HistoryStore {
        let store = HistoryStore::in_dir(&self.data).with_profiles(self.profiles());
        match self.history_capacity {
            Some(capacity) => store.with_capacity(capacity),
            None => store,
        }
    }
}

/// A stable name for a set-up folder: FNV-1a (64 bits) of its absolute path, as hexadecimal.
/// Stable across runs and Rust versions (std's hasher is neither promised); not a secret.
fn namespace_of(root: &Path) -> String {
    let absolute = std::path::absolute(root).unwrap_or_else(|_| root.to_owned());
    let text = absolute.to_string_lossy();
    // Windows paths are case-insensitive: one folder, one namespace.
    let text = if cfg!(windows) {
        text.to_lowercase()
    } else {
        text.into_owned()
    };
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_set_up_folder_has_its_own_stable_keyring_namespace() {
        let a = AppDirs::under(Path::new("/srv/winroll/a"));
        let again = AppDirs::under(Path::new("/srv/winroll/a"));
        let b = AppDirs::under(Path::new("/srv/winroll/b"));
        assert_eq!(a.keyring_namespace(), again.keyring_namespace());
        assert_ne!(a.keyring_namespace(), b.keyring_namespace());
        assert_eq!(a.keyring_namespace().map(str::len), Some(16));
        // Known value (FNV-1a 64 of the path, computed apart): the name must not change between
        // versions, or set-ups lose their entries.
        if cfg!(unix) {
            assert_eq!(
                namespace_of(Path::new("/srv/winroll/a")),
                "b53478c04bb8c065"
            );
        }
    }
}
