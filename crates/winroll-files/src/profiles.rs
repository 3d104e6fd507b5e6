//! Connection profiles: `{name, baseUrl, organizationId}` in a small versioned JSON file in the
//! platform's config directory. The file holds no secret (tokens live in the keyring); it is still
//! written atomically and readable by the user only, and a damaged or newer file is never
//! overwritten.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use winroll_core::{ErrorCode, ErrorInfo};

use crate::error::FilesError;

/// The file format this build reads and writes.
pub const FILE_VERSION: u32 = 1;
/// The file's name in the configuration folder.
pub const FILE_NAME: &str = "profiles.json";

/// Where to reach one organization. Its token is in the keyring under `token:<name>`. The UI
/// sees it inside `ProfileView`, so it has no binding file of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub name: String,
    pub base_url: String,
    pub organization_id: String,
}

/// The ids under which a client secret is stored: the secret itself is in the keyring.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntraAppId {
    pub tenant_id: String,
    pub client_id: String,
}

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfilesFile {
    pub version: u32,
    #[serde(default)]
    pub profiles: Vec<Profile>,
    /// Which client secrets are in the keyring, so they can be listed without searching it.
    #[serde(default)]
    pub entra_secrets: Vec<EntraAppId>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfilesError {
    #[error("could not {action} {path}: {detail}")]
    Io {
        action: &'static str,
        path: PathBuf,
        detail: String,
    },
    #[error("{path} is damaged ({detail}); Winroll will not overwrite it")]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "{path} was written by a newer Winroll (format {found}, this one reads {FILE_VERSION}); Winroll will not overwrite it"
    )]
    NewerVersion { path: PathBuf, found: u32 },
    #[error("no profile named {name:?}{}", known_list(.known))]
    Unknown { name: String, known: Vec<String> },
    #[error("a profile named {name:?} already exists")]
    Exists { name: String },
    #[error("profile name {name:?} is not valid: use 1 to 64 letters, digits, '.', '_' or '-'")]
    InvalidName { name: String },
    /// The folder holding the file is not private (see [`FilesError::NotPrivate`]).
    #[error(transparent)]
    NotPrivate(FilesError),
}

impl From<FilesError> for ProfilesError {
    fn from(e: FilesError) -> Self {
        match e {
            FilesError::Io {
                action,
                path,
                detail,
            } => Self::Io {
                action,
                path,
                detail,
            },
            FilesError::Damaged { path, detail } => Self::Damaged { path, detail },
            FilesError::NoDataDir => Self::Io {
                action: "find",
                path: PathBuf::new(),
                detail: e.to_string(),
            },
            FilesError::NotPrivate { .. } => Self::NotPrivate(e),
            // The profiles file is always replaced, never created only-if-new.
            FilesError::Exists { ref path } => Self::Io {
                action: "write",
                path: path.clone(),
                detail: e.to_string(),
            },
        }
    }
}

fn known_list(known: &[String]) -> String {
    if known.is_empty() {
        "; none is set up yet".into()
    } else {
        format!("; known: {}", known.join(", "))
    }
}

impl ProfilesError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Io { .. } => ErrorCode::ProfilesIo,
            Self::Damaged { .. } => ErrorCode::ProfilesDamaged,
            Self::NewerVersion { .. } => ErrorCode::ProfilesNewerVersion,
            Self::Unknown { .. } => ErrorCode::ProfilesUnknown,
            Self::Exists { .. } => ErrorCode::ProfilesExists,
            Self::InvalidName { .. } => ErrorCode::ProfilesInvalidName,
            Self::NotPrivate(e) => e.code(),
        }
    }

    pub fn info(&self) -> ErrorInfo {
        if let Self::NotPrivate(e) = self {
            return e.info();
        }
        ErrorInfo::new(self.code(), self.to_string(), self.hint().map(Into::into))
    }

    pub fn hint(&self) -> Option<&'static str> {
        Some(match self {
            Self::Damaged { .. } => {
                "Fix the JSON by hand or move the file away; Winroll then starts with no profiles."
            }
            Self::NewerVersion { .. } => "Update Winroll, or move the file away.",
            Self::Unknown { .. } => {
                "Add it with `winroll profile add NAME --base-url URL --org ORG`."
            }
            Self::Exists { .. } => {
                "Remove it first (`winroll profile remove NAME`) or choose another name."
            }
            _ => return None,
        })
    }
}

pub fn check_profile_name(name: &str) -> Result<(), ProfilesError> {
    let ok = (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(ProfilesError::InvalidName {
            name: name.to_owned(),
        })
    }
}

/// The profiles file at one path.
#[derive(Debug, Clone)]
pub struct ProfileStore {
    path: PathBuf,
}

impl ProfileStore {
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's contents; an absent file is an empty one.
    pub fn load(&self) -> Result<ProfilesFile, ProfilesError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(ProfilesFile {
                    version: FILE_VERSION,
                    ..ProfilesFile::default()
                });
            }
            Err(e) => return Err(self.io("read", &e)),
        };
        let damaged = |detail: String| ProfilesError::Damaged {
            path: self.path.clone(),
            detail,
        };
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| damaged(e.to_string()))?;
        let version = value.get("version").and_then(serde_json::Value::as_u64);
        match version {
            Some(v) if v > u64::from(FILE_VERSION) => {
                return Err(ProfilesError::NewerVersion {
                    path: self.path.clone(),
                    found: v as u32,
                });
            }
            Some(_) => {}
            None => return Err(damaged("no format version".into())),
        }
        serde_json::from_value(value).map_err(|e| damaged(e.to_string()))
    }

    /// Written atomically and privately: a crash leaves the old file or the new one.
    pub fn save(&self, file: &ProfilesFile) -> Result<(), ProfilesError> {
        let mut text = serde_json::to_string_pretty(file).unwrap_or_default();
        text.push('\n');
        crate::atomic::write_private(&self.path, text.as_bytes()).map_err(ProfilesError::from)
    }

    /// Loads, applies `change`, and saves; nothing is written when loading or `change` fails.
    pub fn update<T>(
        &self,
        change: impl FnOnce(&mut ProfilesFile) -> Result<T, ProfilesError>,
    ) -> Result<T, ProfilesError> {
        // Held until the new file is in place, so two processes never lose each other's change.
        let _lock = crate::lock::lock_for(&self.path).map_err(ProfilesError::from)?;
        let mut file = self.load()?;
        let answer = change(&mut file)?;
        file.version = FILE_VERSION;
        self.save(&file)?;
        Ok(answer)
    }

    pub fn get(&self, name: &str) -> Result<Profile, ProfilesError> {
        let file = self.load()?;
        file.profiles
            .iter()
            .find(|p| p.name == name)
            .cloned()
            .ok_or_else(|| ProfilesError::Unknown {
                name: name.to_owned(),
                known: file.profiles.iter().map(|p| p.name.clone()).collect(),
            })
    }

    fn io(&self, action: &'static str, e: &std::io::Error) -> ProfilesError {
        ProfilesError::Io {
            action,
            path: self.path.clone(),
            detail: e.to_string(),
        }
    }
}

impl ProfilesFile {
    pub fn add(&mut self, profile: Profile) -> Result<(), ProfilesError> {
        check_profile_name(&profile.name)?;
        if self.profiles.iter().any(|p| p.name == profile.name) {
            return Err(ProfilesError::Exists { name: profile.name });
        }
        self.profiles.push(profile);
        Ok(())
    }

    pub fn remove(&mut self, name: &str) -> Result<Profile, ProfilesError> {
        let index = self
            .profiles
            .iter()
            .position(|p| p.name == name)
            .ok_or_else(|| ProfilesError::Unknown {
                name: name.to_owned(),
                known: self.profiles.iter().map(|p| p.name.clone()).collect(),
            })?;
        Ok(self.profiles.remove(index))
    }

    pub fn note_secret(&mut self, id: EntraAppId) {
        if !self.entra_secrets.contains(&id) {
            self.entra_secrets.push(id);
            self.entra_secrets.sort();
        }
    }

    pub fn forget_secret(&mut self, id: &EntraAppId) {
        self.entra_secrets.retain(|s| s != id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, ProfileStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = ProfileStore::at(dir.path().join("nested/profiles.json"));
        (dir, store)
    }

    fn profile(name: &str) -> Profile {
        Profile {
            name: name.into(),
            base_url: "https://api.example.com".into(),
            organization_id: "acme".into(),
        }
    }

    #[test]
    fn adds_lists_and_removes() {
        let (_dir, store) = store();
        assert!(store.load().unwrap().profiles.is_empty());
        store.update(|f| f.add(profile("prod"))).unwrap();
        store.update(|f| f.add(profile("lab"))).unwrap();
        assert_eq!(store.get("lab").unwrap(), profile("lab"));
        assert_eq!(
            store.update(|f| f.add(profile("prod"))),
            Err(ProfilesError::Exists {
                name: "prod".into()
            })
        );
        store.update(|f| f.remove("prod")).unwrap();
        let err = store.get("prod").unwrap_err();
        assert_eq!(err.to_string(), "no profile named \"prod\"; known: lab");
    }

    #[cfg(unix)]
    #[test]
    fn file_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, store) = store();
        store.update(|f| f.add(profile("prod"))).unwrap();
        let mode = std::fs::metadata(store.path())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
        let dir_mode = std::fs::metadata(store.path().parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dir_mode, 0o700);
    }

    #[test]
    fn damaged_or_newer_files_are_left_alone() {
        let (_dir, store) = store();
        std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        for (text, code) in [
            ("{ not json", ErrorCode::ProfilesDamaged),
            ("{\"profiles\": []}", ErrorCode::ProfilesDamaged),
            (
                "{\"version\": 1, \"profiles\": 3}",
                ErrorCode::ProfilesDamaged,
            ),
            (
                "{\"version\": 2, \"profiles\": []}",
                ErrorCode::ProfilesNewerVersion,
            ),
        ] {
            std::fs::write(store.path(), text).unwrap();
            let err = store.update(|f| f.add(profile("x"))).unwrap_err();
            assert_eq!(err.code(), code, "{text}");
            assert_eq!(
                std::fs::read_to_string(store.path()).unwrap(),
                text,
                "never overwritten"
            );
        }
    }

    #[test]
    fn names_are_checked() {
        assert!(check_profile_name("prod-eu_1.2").is_ok());
        for bad in ["", "a b", "a:b", "é", &"x".repeat(65)] {
            assert!(check_profile_name(bad).is_err(), "{bad}");
        }
    }
}
