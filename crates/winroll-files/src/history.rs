//! Every template this desktop created: where (the typed target), its id, name and server URL,
//! and when. The enrollment token is not here: it stays in the keyring, and copies go from there.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;
use winroll_core::Target;

use crate::atomic::{read_json, write_private};
use crate::error::FilesError;
use crate::profiles::ProfileStore;

const FILE_NAME: &str = "history.json";
/// The file format this build writes: 2 names the target as a typed [`Target`]; 1 named it by a
/// label (`sandbox`, or a profile's name) and is read and converted.
const FILE_VERSION: u32 = 2;
const _: () = assert!(
    FILE_VERSION == 2,
    "load() reads version 2 as the current format"
);
/// Oldest entries go first beyond this.
const MAX_ENTRIES: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct HistoryEntry {
    /// Where it was created: Edit and Links go back there.
    pub target: Target,
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

/// Version 1's entry: the target was a label.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct EntryV1 {
    target: String,
    organization_id: String,
    template_id: String,
    name: String,
    #[serde(default)]
    server_url: Option<String>,
    created_at: String,
    #[serde(default)]
    has_token: bool,
}

#[derive(Debug, Clone)]
pub struct HistoryStore {
    path: PathBuf,
    capacity: usize,
    /// The profiles beside it: a version-1 label `sandbox` may have been a profile of that name.
    profiles: Option<ProfileStore>,
}

impl HistoryStore {
    pub fn in_dir(dir: &Path) -> Self {
        Self {
            path: dir.join(FILE_NAME),
            capacity: MAX_ENTRIES,
            profiles: None,
        }
    }

    /// Version-1 files are converted against these profiles (see [`target_from_label`]).
    pub fn with_profiles(self, profiles: ProfileStore) -> Self {
        Self {
            profiles: Some(profiles),
            ..self
        }
    }

    /// The same file, keeping at most `capacity` entries (tests use a small one).
    pub fn with_capacity(self, capacity: usize) -> Self {
        Self { capacity, ..self }
    }

    /// The file as it is, a version-1 file converted; a newer format is refused rather than
    /// rewritten without its new parts.
    fn load(&self) -> Result<HistoryFile, FilesError> {
        let Some(raw) = read_json::<Value>(&self.path)? else {
            return Ok(HistoryFile {
                version: FILE_VERSION,
                entries: Vec::new(),
            });
        };
        let damaged = |detail: String| FilesError::Damaged {
            path: self.path.clone(),
            detail,
        };
        let version = raw.get("version").and_then(Value::as_u64).unwrap_or(0);
        match version {
            1 => {
                let entries = raw
                    .get("entries")
                    .cloned()
                    .map(serde_json::from_value::<Vec<EntryV1>>)
                    .transpose()
                    .map_err(|e| damaged(e.to_string()))?
                    .unwrap_or_default();
                let profiles = self
                    .profiles
                    .as_ref()
                    .and_then(|p| p.load().ok())
                    .map(|f| f.profiles)
                    .unwrap_or_default();
                let entries = entries
                    .into_iter()
                    .map(|old| {
                        let named_profile = |name: &str| {
                            profiles
                                .iter()
                                .any(|p| p.name == name && p.organization_id == old.organization_id)
                        };
                        HistoryEntry {
                            target: target_from_label(
                                &old.target,
                                &old.organization_id,
                                named_profile,
                            ),
                            organization_id: old.organization_id,
                            template_id: old.template_id,
                            name: old.name,
                            server_url: old.server_url,
                            created_at: old.created_at,
                            has_token: old.has_token,
                        }
                    })
                    .collect();
                Ok(HistoryFile {
                    version: FILE_VERSION,
                    entries,
                })
            }
            2 => serde_json::from_value(raw).map_err(|e| damaged(e.to_string())),
            newer if newer > u64::from(FILE_VERSION) => Err(damaged(format!(
                "written by a newer Winroll (format {newer}, this one reads {FILE_VERSION})"
            ))),
            _ => Err(damaged("no format version".into())),
        }
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
        file.entries
            .retain(|e| !(e.template_id == entry.template_id && e.target == entry.target));
        file.entries.push(entry);
        let excess = file.entries.len().saturating_sub(self.capacity);
        let dropped: Vec<HistoryEntry> = file.entries.drain(..excess).collect();
        write_private(
            &self.path,
            &serde_json::to_vec_pretty(&file).unwrap_or_default(),
        )?;
        Ok(dropped)
    }

    /// The entry for template `template_id` created in `target`.
    pub fn find(
        &self,
        target: &Target,
        template_id: &str,
    ) -> Result<Option<HistoryEntry>, FilesError> {
        Ok(self
            .list()?
            .into_iter()
            .find(|e| e.template_id == template_id && &e.target == target))
    }
}

/// A version-1 label as a target: `sandbox` was the built-in sandbox unless a profile of that
/// name reaching the same organization exists (`is_profile`); any other label was a profile.
fn target_from_label(
    label: &str,
    organization_id: &str,
    is_profile: impl Fn(&str) -> bool,
) -> Target {
    if label == "sandbox" && !is_profile(label) {
        Target::Sandbox {
            organization_id: organization_id.to_owned(),
        }
    } else {
        Target::Profile {
            name: label.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The template ids listed, newest first.
    fn ids(store: &HistoryStore) -> Vec<String> {
        store
            .list()
            .unwrap()
            .into_iter()
            .map(|e| e.template_id)
            .collect()
    }

    fn entry(id: &str) -> HistoryEntry {
        HistoryEntry {
            target: Target::Sandbox {
                organization_id: "winroll-demo".into(),
            },
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
        let newer = r#"{"version": 3, "entries": [], "somethingNew": true}"#;
        std::fs::write(dir.path().join(FILE_NAME), newer).unwrap();
        assert!(store.list().is_err());
        assert!(store.record(entry("x")).is_err());
        assert_eq!(
            std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap(),
            newer,
            "never rewritten without what it does not understand"
        );
    }

    /// The lock, shown deterministically: while another holder has it, a record waits and the
    /// file stays as it was; released, the record lands.
    #[test]
    fn a_record_waits_while_another_holds_the_history_lock() {
        let dir = tempfile::tempdir().unwrap();
        let store = HistoryStore::in_dir(dir.path());
        store.record(entry("first")).unwrap();
        let path = dir.path().join(FILE_NAME);
        let before = std::fs::read(&path).unwrap();
        let held = crate::lock::lock_for(&path).unwrap();
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let recording = {
            let (store, done) = (store.clone(), done.clone());
            std::thread::spawn(move || {
                let result = store.record(entry("second"));
                done.store(true, std::sync::atomic::Ordering::SeqCst);
                result
            })
        };
        // However long it is given, a record that honours the lock is still waiting.
        std::thread::sleep(std::time::Duration::from_millis(500));
        assert!(
            !done.load(std::sync::atomic::Ordering::SeqCst),
            "recorded while the lock was held"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "written under the lock"
        );
        drop(held);
        recording.join().unwrap().unwrap();
        let ids = ids(&store);
        assert_eq!(ids, ["second", "first"]);
    }

    #[test]
    fn records_newest_first_and_caps_its_length() {
        let dir = tempfile::tempdir().unwrap();
        let store = HistoryStore::in_dir(dir.path()).with_capacity(5);
        assert!(store.list().unwrap().is_empty());
        store.record(entry("a")).unwrap();
        store.record(entry("b")).unwrap();
        let ids = ids(&store);
        assert_eq!(ids, ["b", "a"]);
        let sandbox = entry("a").target;
        assert_eq!(store.find(&sandbox, "a").unwrap().unwrap().name, "T a");
        let elsewhere = Target::Profile {
            name: "prod".into(),
        };
        assert_eq!(
            store.find(&elsewhere, "a").unwrap(),
            None,
            "keyed by target too"
        );
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

    #[test]
    fn a_version_1_file_is_read_with_typed_targets() {
        let dir = tempfile::tempdir().unwrap();
        let profiles = ProfileStore::at(dir.path().join("profiles.json"));
        std::fs::write(
            profiles.path(),
            r#"{"version":1,"profiles":[{"name":"sandbox","baseUrl":"https://api.example","organizationId":"acme"}]}"#,
        )
        .unwrap();
        let store = HistoryStore::in_dir(dir.path()).with_profiles(profiles);
        let old = r#"{"version": 1, "entries": [
            {"target": "sandbox", "organizationId": "winroll-demo", "templateId": "a", "name": "A", "createdAt": "t", "hasToken": true},
            {"target": "sandbox", "organizationId": "acme", "templateId": "b", "name": "B", "createdAt": "t"},
            {"target": "prod", "organizationId": "acme", "templateId": "c", "name": "C", "createdAt": "t"}
        ]}"#;
        std::fs::write(dir.path().join(FILE_NAME), old).unwrap();
        let targets: Vec<Target> = store
            .list()
            .unwrap()
            .into_iter()
            .rev()
            .map(|e| e.target)
            .collect();
        assert_eq!(
            targets,
            [
                Target::Sandbox {
                    organization_id: "winroll-demo".into()
                },
                // A profile named `sandbox` that reaches the entry's organization was the target.
                Target::Profile {
                    name: "sandbox".into()
                },
                Target::Profile {
                    name: "prod".into()
                },
            ]
        );
        // The next write is version 2.
        store.record(entry("d")).unwrap();
        let written: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap())
                .unwrap();
        assert_eq!(written["version"], 2);
        assert_eq!(written["entries"][1]["target"]["kind"], "profile");
        assert_eq!(store.list().unwrap().len(), 4);
    }
}
