//! `pull`: one file per template of the organization, every page of the list. A template keeps
//! the file that already holds its name, so pulls are stable; a file whose bytes would not change
//! is not written at all (same modification time); a file that differs from the server's copy is
//! left alone and named, unless the caller says to overwrite.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;
use winroll_core::{ErrorCode, ListQuery};

use super::files::{file_name_for, pulled_text, template_files};
use crate::{AppError, Target, Winroll};

/// What a pull did, file by file (paths as written).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PullReport {
    /// New files, and files replaced (`overwrite`).
    pub written: Vec<String>,
    /// Already as the server has the template: not touched.
    pub unchanged: Vec<String>,
    /// Differ from the server's copy (edited here, or changed there) and were left alone.
    pub kept: Vec<String>,
}

impl Winroll {
    /// Pulls every template of `target`'s organization into `dir` (created when missing).
    pub async fn pull_folder(
        &self,
        target: &Target,
        dir: &Path,
        overwrite: bool,
    ) -> Result<PullReport, AppError> {
        std::fs::create_dir_all(dir).map_err(|e| {
            AppError::usage(
                ErrorCode::FilesIo,
                format!("cannot create the folder {}: {e}", dir.display()),
                None,
            )
        })?;
        let mut by_name = files_by_name(dir)?;
        let mut taken: HashSet<String> = template_files(dir)?
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().to_lowercase()))
            .collect();
        let conn = self.connection(target).await?;
        let mut report = PullReport::default();
        let mut failure = None;
        let unreadable = self
            .client()
            .scan_all(&conn, &ListQuery::default(), |items| {
                for template in items {
                    let Some(name) = template.name.clone() else {
                        continue;
                    };
                    let path = by_name.remove(&name).unwrap_or_else(|| {
                        let file = file_name_for(&name, &taken);
                        taken.insert(file.clone());
                        dir.join(file)
                    });
                    let text = pulled_text(&template);
                    let shown = path.display().to_string();
                    match std::fs::read(&path) {
                        Ok(bytes) if bytes == text.as_bytes() => report.unchanged.push(shown),
                        Ok(_) if !overwrite => report.kept.push(shown),
                        _ => match winroll_files::write_private(&path, text.as_bytes()) {
                            Ok(()) => report.written.push(shown),
                            Err(e) => {
                                failure.get_or_insert(e);
                            }
                        },
                    }
                }
            })
            .await?;
        if let Some(e) = failure {
            return Err(e.into());
        }
        if unreadable > 0 {
            return Err(AppError::usage(
                ErrorCode::SearchUnreadable,
                format!(
                    "the organization's list held {unreadable} item(s) Winroll could not read (no name, or not a template); the other templates were pulled"
                ),
                Some("Look at the organization's templates in the vendor's console.".into()),
            ));
        }
        Ok(report)
    }
}

/// The folder's files by the template name each holds (files that are not readable templates
/// are not anybody's).
fn files_by_name(dir: &Path) -> Result<HashMap<String, PathBuf>, AppError> {
    let mut by_name = HashMap::new();
    for path in template_files(dir)? {
        let name = crate::template_files::read_text(&path)
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .and_then(|v| v.get("name").and_then(|n| n.as_str()).map(str::to_owned));
        if let Some(name) = name {
            by_name.entry(name).or_insert(path);
        }
    }
    Ok(by_name)
}
