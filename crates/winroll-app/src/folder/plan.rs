//! `plan`: what applying a folder to an organization would do, template by template (matched by
//! name): create it, update it (each changed field, from the server's value to the file's), or
//! nothing; and which templates only the server has (Winroll deletes nothing). What a server does
//! to what it is sent (a policy echoed as an assignment, numbers as text, an absent versus an
//! empty list) is no change, so a folder just pulled, or just applied, plans clean.
//!
//! The server's list is read page by page; a file is read again only when its template is met
//! and differs from what the file held when it was checked (a digest tells), so a plan holds
//! names and changes, not templates: memory grows little with the organization's size.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;
use winroll_core::diff::{Change, changes, digest, normalize};
use winroll_core::{CreatedTemplate, ErrorCode, ListQuery, Problem};

use super::files::{FolderFile, read_again, read_folder};
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
    /// Each template's file, by name (for apply, never printed).
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) files: HashMap<String, FolderFile>,
}

impl FolderPlan {
    /// Whether applying would change anything (the CLI's exit 2: drift).
    pub fn changes_anything(&self) -> bool {
        !self.create.is_empty() || !self.update.is_empty()
    }

    /// The file of a template the plan names.
    pub fn file_of(&self, name: &str) -> Option<&Path> {
        self.files.get(name).map(|file| file.path.as_path())
    }

    /// The file of a template the plan names, as it was read and checked.
    pub(crate) fn folder_file(&self, name: &str) -> Option<&FolderFile> {
        self.files.get(name)
    }
}

/// A field only the server holds (one it adds to every template, such as a default, or one set
/// in its console) is the server's: no change, or every apply would be followed by drift. A
/// list item the file no longer has is a change; removing a field only `winroll update` does.
fn server_only(change: &Change) -> bool {
    change.to.is_none() && !change.path.ends_with(']')
}

/// How many pages of the server's list wait for the thread reading the files: the list is read
/// while the files are, and a slow disk holds the reading of the list back rather than every
/// template of the organization piling up in memory.
const PAGES_WAITING: usize = 2;

impl Winroll {
    /// Plans `dir` against `target`'s organization, ids rewritten by `map` first. Every problem
    /// of every file (and every id the map does not cover) is an [`AppError::Invalid`], and
    /// nothing but the list is asked of the server.
    ///
    /// The files are read and checked on a thread of their own while the list's first pages
    /// come in; then each page's templates are compared with their files on that thread while
    /// the next page is read.
    pub async fn plan_folder(
        &self,
        target: &Target,
        dir: &Path,
        map: Option<&IdMap>,
    ) -> Result<FolderPlan, AppError> {
        let conn = self.connection(target).await?;
        let (pages, mut received) =
            tokio::sync::mpsc::channel::<Vec<CreatedTemplate>>(PAGES_WAITING);
        let dir = dir.to_path_buf();
        let map = map.cloned().map(Arc::new);
        let planner = tokio::task::spawn_blocking(move || {
            let mut planner = Planner::new(read_folder(&dir, map.as_deref())?, map);
            while let Some(items) = received.blocking_recv() {
                planner.compare(items);
            }
            Ok::<_, AppError>(planner)
        });
        let mut list = self.client().all_pages(&conn, &ListQuery::default());
        let mut read = Ok(());
        while let Some(items) = list.next().await.transpose() {
            match items {
                Ok(items) => {
                    // The planner stopped: a file is invalid (its answer says which).
                    if pages.send(items).await.is_err() {
                        break;
                    }
                }
                Err(e) => {
                    read = Err(e);
                    break;
                }
            }
        }
        let unreadable = list.unreadable();
        drop(pages);
        // A problem of the folder outranks one of the server: it is what the user fixes first.
        let planner = planner.await??;
        read?;
        planner.finish(unreadable)
    }
}

/// The plan as the server's pages come in: names and changes, and the folder's files by name.
struct Planner {
    files: Vec<FolderFile>,
    by_name: HashMap<String, usize>,
    /// Whether the server holds file `i`'s template.
    met: Vec<bool>,
    map: Option<Arc<IdMap>>,
    plan: FolderPlan,
    problems: Vec<Problem>,
}

impl Planner {
    fn new(files: Vec<FolderFile>, map: Option<Arc<IdMap>>) -> Self {
        let by_name = files
            .iter()
            .enumerate()
            .map(|(i, file)| (file.name.clone(), i))
            .collect();
        Self {
            met: vec![false; files.len()],
            files,
            by_name,
            map,
            plan: FolderPlan::default(),
            problems: Vec::new(),
        }
    }

    /// One page of the server's templates, each compared with its file (read again now, so
    /// only a page's templates are in memory at once).
    fn compare(&mut self, items: Vec<CreatedTemplate>) {
        for held in items {
            let (Some(name), Some(id)) = (held.name, held.id) else {
                continue;
            };
            let Some(&index) = self.by_name.get(&name) else {
                self.plan.only_on_server.push(name);
                continue;
            };
            if std::mem::replace(&mut self.met[index], true) {
                // The server's second template of this name: the file is the first one's.
                self.plan.only_on_server.push(name);
                continue;
            }
            let mut server = Value::Object(held.body);
            normalize(&mut server);
            // The same content as the file had when it was checked: nothing to read again.
            if digest(&server) == self.files[index].digest {
                self.plan.unchanged.push(name);
                continue;
            }
            let template = match read_again(&self.files[index], self.map.as_deref()) {
                Ok(template) => template,
                Err(mut found) => {
                    self.problems.append(&mut found);
                    continue;
                }
            };
            let mut file = Value::Object(template.into_body());
            normalize(&mut file);
            let found: Vec<Change> = changes(&server, &file)
                .into_iter()
                .filter(|change| !server_only(change))
                .collect();
            if found.is_empty() {
                self.plan.unchanged.push(name);
            } else {
                self.plan.update.push(PlannedUpdate {
                    name,
                    id,
                    changes: found,
                });
            }
        }
    }

    fn finish(self, unreadable: u64) -> Result<FolderPlan, AppError> {
        if !self.problems.is_empty() {
            // A file changed while the plan was read.
            return Err(AppError::Invalid(self.problems));
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
        let mut plan = self.plan;
        plan.create = self
            .files
            .iter()
            .zip(&self.met)
            .filter(|(_, met)| !**met)
            .map(|(file, _)| file.name.clone())
            .collect();
        plan.files = self
            .files
            .into_iter()
            .map(|file| (file.name.clone(), file))
            .collect();
        plan.only_on_server.sort();
        plan.unchanged.sort();
        plan.update.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(plan)
    }
}
