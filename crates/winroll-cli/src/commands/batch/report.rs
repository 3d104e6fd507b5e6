//! The batch report: one JSON line per item as it finishes, flushed at once so a crash or Ctrl-C
//! loses nothing, and read back by `--resume` to skip what is done. It never holds a credential
//! (no API token, no client secret, no enrollment token).

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use winroll_app::batch::{Finished, ItemResult, Status};
use winroll_core::{ErrorCode, ErrorInfo};

use crate::failure::Failure;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Line {
    /// The item's index in the batch file (0 for a roll-out of one template).
    pub item: usize,
    /// Where it was sent: the profile, or the organization id.
    pub target: String,
    pub name: String,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
}

impl From<&ItemResult> for Line {
    fn from(result: &ItemResult) -> Self {
        let template = result.template.as_ref();
        Line {
            item: result.item,
            target: result.target.label(),
            name: result.name.clone(),
            status: result.status,
            id: template.and_then(|t| t.id.clone()),
            server_url: template
                .and_then(|t| t.win_enrollment_token.as_ref())
                .and_then(|t| t.server_url.clone()),
            error: result.error.as_ref().map(|e| e.info()),
        }
    }
}

pub struct Report {
    path: PathBuf,
    file: File,
}

impl Report {
    /// A new report; an existing file is never overwritten.
    pub fn create(path: &Path) -> Result<Self, Failure> {
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|e| {
                let hint = (e.kind() == std::io::ErrorKind::AlreadyExists).then(|| {
                    format!(
                        "Continue it with --resume {}, or choose another --report.",
                        path.display()
                    )
                });
                Failure::usage(
                    ErrorCode::BatchReport,
                    format!("cannot create the report {}: {e}", path.display()),
                    hint,
                )
            })?;
        Ok(Self {
            path: path.to_owned(),
            file,
        })
    }

    /// An earlier report to continue: what it shows as done (created or already there), by
    /// name and target, so an input file edited since (lines added, removed, reordered) still
    /// skips exactly what exists; and the file opened for appending.
    pub fn resume(path: &Path) -> Result<(Self, Finished), Failure> {
        let unreadable = |e: String| {
            Failure::usage(
                ErrorCode::BatchResume,
                format!("cannot read the report {}: {e}", path.display()),
                None,
            )
        };
        let reader = BufReader::new(File::open(path).map_err(|e| unreadable(e.to_string()))?);
        let mut done = Finished::default();
        for (n, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| unreadable(e.to_string()))?;
            if line.trim().is_empty() {
                continue;
            }
            let entry: Line = serde_json::from_str(&line)
                .map_err(|e| unreadable(format!("line {}: {e}", n + 1)))?;
            if entry.status != Status::Failed {
                done.insert(entry.name, entry.target);
            }
        }
        let file = OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| unreadable(e.to_string()))?;
        Ok((
            Self {
                path: path.to_owned(),
                file,
            },
            done,
        ))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn write(&mut self, line: &Line) -> Result<(), Failure> {
        let mut text = serde_json::to_string(line).unwrap_or_default();
        text.push('\n');
        self.file
            .write_all(text.as_bytes())
            .and_then(|()| self.file.flush())
            .map_err(|e| {
                Failure::usage(
                    ErrorCode::BatchReport,
                    format!("cannot write the report {}: {e}", self.path.display()),
                    None,
                )
            })
    }
}
