//! Every template this desktop created: where, its id, name and server URL, and when. The
//! enrollment token is not here: it stays in the keyring, and copies go from there.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::atomic::{FilesError, read_json, write_private};

const FILE_NAME: &str = "history.json";
/// The file format this build reads and writes.
const FILE_VERSION: u32 = 1;
/// Oldest entries go first beyond this.
const MAX_ENTRIES: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct HistoryEntry {
    /// The profile, or `sandbox`.
    pub target: String,
    pub organization_id: String,
    pub template_id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_url: Option<String>,
    /// When it was created (the server's time when it sent one, else this computer's).
    pub created_at: String,
    /// Whether the enrollment token is in the keyring to copy.
    #[serde(default)]
    pub has_token: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct HistoryFile {
    version: u32,
    entries: Vec<HistoryEntry>,
}

#[derive(Debug, Clone)]
pub struct HistoryStore {
    path: PathBuf,
    capacity: usize,
}

impl HistoryStore {
    pub fn in_dir(dir: &Path) -> Self {
        Self {
            path: dir.join(FILE_NAME),
            capacity: MAX_ENTRIES,
        }
    }

    /// The same file, keeping at most `capacity` entries (tests use a small one).
    pub fn with_capacity(self, capacity: usize) -> Self {
        Self { capacity, ..self }
    }

    /// The file as it is; a newer format is refused rather than rewritten without its new parts.
    fn load(&self) -> Result<HistoryFile, FilesError> {
        let file = read_json::<HistoryFile>(&self.path)?.unwrap_or(HistoryFile {
            version: FILE_VERSION,
            entries: Vec::new(),
        });
        if file.version > FILE_VERSION {
            return Err(FilesError::Damaged {
                path: self.path.clone(),
                detail: format!(
                    "written by a newer Winroll (format {}, this one reads {FILE_VERSION})",
                    file.version
                ),
            });
        }
        Ok(file)
    }

    /// Newest first.
    pub fn list(&self) -> Result<Vec<HistoryEntry>, FilesError> {
        let mut entries = self.load()?.entries;
        entries.reverse();
        Ok(entries)
    }

    /// Adds `entry` (replacing one with the same template id); answers the entries that fell
    /// out, oldest first, so their keyring entries can go too.
    pub fn record(&self, entry: HistoryEntry) -> Result<Vec<HistoryEntry>, FilesError> {
        // Held until the new file is in place: another window or the CLI may be recording too.
        let _lock = crate::lock::lock_for(&self.path)?;
        let mut file = self.load()?;
        file.entries.retain(|e| e.template_id != entry.template_id);
        file.entries.push(entry);
        let excess = file.entries.len().saturating_sub(self.capacity);
        let dropped: Vec<HistoryEntry> = file.entries.drain(..excess).collect();
        write_private(
            &self.path,
            &serde_json::to_vec_pretty(&file).unwrap_or_default(),
        )?;
        Ok(dropped)
    }

    pub fn find(&self, template_id: &str) -> Result<Option<HistoryEntry>, FilesError> {
        Ok(self
            .list()?
            .into_iter()
            .find(|e| e.template_id == template_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str) -> HistoryEntry {
        HistoryEntry {
            target: "sandbox".into(),
            organization_id: "winroll-demo".into(),
            template_id: id.into(),
            name: format!("T {id}"),
            server_url: Some("https://mdm.example/enroll".into()),
            created_at: "2026-11-29T10:00:00Z".into(),
            has_token: true,
        }
    }

    #[test]
    fn a_file_from_a_newer_winroll_is_refused_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = HistoryStore::in_dir(dir.path());
        let newer = r#"{"version": 2, "entries": [], "somethingNew": true}"#;
        std::fs::write(dir.path().join(FILE_NAME), newer).unwrap();
        assert!(store.list().is_err());
        assert!(store.record(entry("x")).is_err());
        assert_eq!(
            std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap(),
            newer,
            "never rewritten without what it does not understand"
        );
    }

    #[test]
    fn records_newest_first_and_caps_its_length() {
        let dir = tempfile::tempdir().unwrap();
        let store = HistoryStore::in_dir(dir.path()).with_capacity(5);
        assert!(store.list().unwrap().is_empty());
        store.record(entry("a")).unwrap();
        store.record(entry("b")).unwrap();
        let ids: Vec<String> = store
            .list()
            .unwrap()
            .into_iter()
            .map(|e| e.template_id)
            .collect();
        assert_eq!(ids, ["b", "a"]);
        assert_eq!(store.find("a").unwrap().unwrap().name, "T a");
        let mut dropped = Vec::new();
        for i in 0..10 {
            dropped.extend(store.record(entry(&i.to_string())).unwrap());
        }
        assert_eq!(store.list().unwrap().len(), 5);
        let ids: Vec<String> = dropped.into_iter().map(|e| e.template_id).collect();
        assert_eq!(
            ids,
            ["a", "b", "0", "1", "2", "3", "4"],
            "the oldest fall out, and say so"
        );
    }
}
