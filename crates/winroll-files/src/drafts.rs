//! The editor's draft: saved as the user types, offered back after a crash, kept after a failed
//! create, cleared after a successful one. It is the form exactly as typed (wrong values
//! included) and never holds a credential: keys that name one are dropped before writing.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::atomic::{read_json, write_private};
use crate::error::FilesError;

const FILE_NAME: &str = "draft.json";
/// Keys that hold a credential wherever they appear; a draft never keeps them.
const CREDENTIAL_KEYS: &[&str] = &["clientSecret", "token", "apiToken", "secret", "password"];

/// A saved form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Draft {
    /// When it was saved (RFC 3339).
    pub saved_at: String,
    /// The editor's own model of the form.
    #[ts(type = "unknown")]
    pub form: Value,
}

#[derive(Debug, Clone)]
pub struct DraftStore {
    path: PathBuf,
}

impl DraftStore {
    pub fn in_dir(dir: &Path) -> Self {
        Self {
            path: dir.join(FILE_NAME),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn save(&self, mut form: Value, saved_at: String) -> Result<(), FilesError> {
        scrub(&mut form);
        let draft = Draft { saved_at, form };
        let bytes = serde_json::to_vec(&draft).unwrap_or_default();
        write_private(&self.path, &bytes)
    }

    /// The saved draft, if any. A damaged file is treated as none (and left for inspection):
    /// a draft is a convenience, never a reason to refuse to start.
    pub fn load(&self) -> Option<Draft> {
        read_json(&self.path).ok().flatten()
    }

    pub fn clear(&self) -> Result<(), FilesError> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(FilesError::Io {
                action: "remove",
                path: self.path.clone(),
                detail: e.to_string(),
            }),
        }
    }
}

fn scrub(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|k, _| !CREDENTIAL_KEYS.contains(&k.as_str()));
            map.values_mut().for_each(scrub);
        }
        Value::Array(items) => items.iter_mut().for_each(scrub),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_loads_and_clears_without_credentials() {
        let dir = tempfile::tempdir().unwrap();
        let store = DraftStore::in_dir(dir.path());
        assert_eq!(store.load(), None);
        let form = serde_json::json!({ "name": "x", "segmentId": "abc", "entra": { "clientSecret": "s3cret", "tenantId": "t" } });
        store.save(form, "2026-11-29T10:00:00Z".into()).unwrap();
        let draft = store.load().unwrap();
        assert_eq!(
            draft.form,
            serde_json::json!({ "name": "x", "segmentId": "abc", "entra": { "tenantId": "t" } })
        );
        assert!(
            !std::fs::read_to_string(store.path())
                .unwrap()
                .contains("s3cret")
        );
        store.clear().unwrap();
        store.clear().unwrap();
        assert_eq!(store.load(), None);
    }

    #[test]
    fn a_damaged_draft_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let store = DraftStore::in_dir(dir.path());
        std::fs::write(store.path(), "{ half").unwrap();
        assert_eq!(store.load(), None);
    }
}
