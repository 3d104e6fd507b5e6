//! What Winroll keeps in files in the user's folders: connection profiles (configuration), the
//! editor's draft (so nothing typed is lost to a crash or a failed request) and the history of
//! templates this computer created (data). Every file is written atomically, readable by the user
//! only, changed under a cross-process lock, and never holds a credential.

pub mod atomic;
pub mod dirs;
pub mod drafts;
pub mod error;
pub mod history;
pub mod lock;
#[cfg(windows)]
pub mod owner_only;
pub mod profiles;
pub mod text;

pub use atomic::{write_new_private, write_private};
pub use dirs::AppDirs;
pub use drafts::{Draft, DraftStore};
pub use error::FilesError;
pub use history::{HistoryEntry, HistoryStore};
pub use profiles::{
    EntraAppId, Profile, ProfileStore, ProfilesError, ProfilesFile, check_profile_name,
};
