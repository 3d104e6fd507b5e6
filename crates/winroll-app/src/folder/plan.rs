//! `plan`: what applying a folder to an organization would do, template by template (matched by
//! name): create it, update it (each changed field, from the server's value to the file's), or
//! nothing; and which templates only the server has (Winroll deletes nothing). What a server does
//! to what it is sent (a policy echoed as an assignment, numbers as text, an absent versus an
//! empty list) is no change, so a folder just pulled, or just applied, plans clean.
//!
//! The server's list is read page by page and each file is read again only when its template
//! is met, so a plan holds names and changes, not templates: memory grows little with the
//! organization's size.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;
use winroll_core::diff::{Change, changes, normalized};
use winroll_core::{ErrorCode, ListQuery, Problem};

use super::files::{FolderFile, read_checked, read_folder};
use super::map::IdMap;
use crate::{AppError, Target, Winroll};

/// One template the plan would update.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PlannedUpdate {
    pub name: String,
    pub id: String,
    /// From the server's value to the file's.
    pub changes: Vec<Change>,
}

/// What applying the folder would do. `--json` prints exactly these four lists.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FolderPlan {
    pub create: Vec<String>,
    pub update: Vec<PlannedUpdate>,
    pub unchanged: Vec<String>,
    pub only_on_server: Vec<String>,
    /// Where each template of the folder is (for apply, never printed).
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) files: HashMap<String, PathBuf>,
}

impl FolderPlan {
    /// Whether applying would change anything (the CLI's exit 2: drift).
    pub fn changes_anything(&self) -> bool {
        !self.create.is_empty() || !self.update.is_empty()
    }

    /// The file of a template the plan names.
    pub fn file_of(&self, name: &str) -> Option<&Path> {
        self.files.get(name).map(PathBuf::as_path)
    }
}

/// A field only the server holds (one it adds to every template, such as a default, or one set
/// in its console) is the server's: no change, or every apply would be followed by drift. A
/// list item the file no longer has is a change; removing a field only `winroll update` does.
fn server_only(change: &Change) -> bool {
    change.to.is_none() && !change.path.ends_with(']')
}

impl Winroll {
    /// Plans `dir` against `target`'s organization, ids rewritten by `map` first. Every problem
    /// of every file (and every id the map does not cover) is an [`AppError::Invalid`] before
    /// anything is asked of the server.
    pub async fn plan_folder(
        &self,
        target: &Target,
        dir: &Path,
        map: Option<&IdMap>,
    ) -> Result<FolderPlan, AppError> {
        let files = read_folder(dir, map)?;
        let conn = self.connection(target).await?;
        let mut waiting: HashMap<String, PathBuf> = files
            .iter()
            .map(|FolderFile { path, name }| (name.clone(), path.clone()))
            .collect();
        let mut plan = FolderPlan {
            files: waiting.clone(),
            ..FolderPlan::default()
        };
        let mut problems: Vec<Problem> = Vec::new();
        let unreadable = self
            .client()
            .scan_all(&conn, &ListQuery::default(), |items| {
                for held in items {
                    let (Some(name), Some(id)) = (held.name.clone(), held.id.clone()) else {
                        continue;
                    };
                    let Some(path) = waiting.remove(&name) else {
                        plan.only_on_server.push(name);
                        continue;
                    };
                    // Read again now, so only the templates in flight are in memory.
                    let template = match read_checked(&path, map) {
                        Ok(template) => template,
                        Err(mut found) => {
                            problems.append(&mut found);
                            continue;
                        }
                    };
                    let found: Vec<Change> = changes(
                        &normalized(&Value::Object(held.body)),
                        &normalized(&Value::Object(template.body().clone())),
                    )
                    .into_iter()
                    .filter(|change| !server_only(change))
                    .collect();
                    if found.is_empty() {
                        plan.unchanged.push(name);
                    } else {
                        plan.update.push(PlannedUpdate {
                            name,
                            id,
                            changes: found,
                        });
                    }
                }
            })
            .await?;
        if !problems.is_empty() {
            // A file changed while the plan was read.
            return Err(AppError::Invalid(problems));
        }
        if unreadable > 0 {
            return Err(AppError::usage(
                ErrorCode::SearchUnreadable,
                format!(
                    "the organization's list held {unreadable} item(s) Winroll could not read: any of them may be a template of the folder, so nothing is planned (a create could duplicate it)"
                ),
                Some("Look at the organization's templates in the vendor's console.".into()),
            ));
        }
        plan.create = files
            .into_iter()
            .map(|f| f.name)
            .filter(|name| waiting.contains_key(name))
            .collect();
        plan.only_on_server.sort();
        plan.unchanged.sort();
        plan.update.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(plan)
    }
}
