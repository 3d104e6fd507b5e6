//! A folder of template files, one template a file: how they are found and read (with an id
//! map), what a pulled file holds, and what a pulled template's file is called.

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Map, Value};
use winroll_core::diff::{digest, normalize};
use winroll_core::{CreatedTemplate, Problem, SecretSource, Template, schema::SCHEMA_ID};

use super::map::IdMap;
use crate::AppError;
use crate::batch::{Item, ItemSource, app_without_secret, fingerprint};
use crate::template_files::{parse_json, read_text};
use winroll_files::EntraAppId;

/// A checked template file of a folder: where it is, its template's name, and what the batch
/// engine would otherwise read and check the file again for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderFile {
    pub path: PathBuf,
    pub name: String,
    /// The checked content's fingerprint: read again unchanged, it need not be checked again.
    pub(crate) fingerprint: u64,
    /// The template as plan compares it (normalised), digested: a server's copy with the same
    /// digest is unchanged, and the file is not read again to find out.
    pub(crate) digest: u64,
    /// The Entra ID app whose client secret the keyring must supply (shared between the files
    /// of one app, so ten thousand files cost one copy of its ids).
    pub(crate) app: Option<Arc<EntraAppId>>,
}

/// The folder's template files (`*.json`, not in subfolders, none hidden), by file name.
pub fn template_files(dir: &Path) -> Result<Vec<PathBuf>, AppError> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        AppError::usage(
            winroll_core::ErrorCode::InputUnreadable,
            format!("cannot read the folder {}: {e}", dir.display()),
            None,
        )
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let path = entry.path();
            path.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
                && !entry.file_name().to_string_lossy().starts_with('.')
                // The entry's own type costs no call to the file system; a link is followed.
                && entry.file_type().is_ok_and(|t| {
                    t.is_file() || (t.is_symlink() && path.is_file())
                })
        })
        .map(|entry| entry.path())
        .collect();
    files.sort();
    Ok(files)
}

fn file_label(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A problem of `path`'s template, its path starting with the file's name:
/// `laptops.json: rules[0].winPolicyId`.
fn in_file(path: &Path, problem: Problem) -> Problem {
    Problem {
        path: format!("{}: {}", file_label(path), problem.path),
        message: problem.message,
    }
}

/// A file's template as it is to be sent: `$schema` dropped, ids rewritten by `map`. Not yet
/// checked by the validator (see [`read_checked`]).
pub fn read_value(path: &Path, map: Option<&IdMap>) -> Result<Value, Vec<Problem>> {
    let as_problem = |e: AppError| {
        vec![Problem {
            path: file_label(path),
            message: e.info().message,
        }]
    };
    let mut value = read_text(path)
        .and_then(|text| parse_json(&text, path))
        .map_err(as_problem)?;
    if let Some(fields) = value.as_object_mut() {
        fields.shift_remove("$schema");
    }
    if let Some(map) = map {
        let problems = map.rewrite(&mut value);
        if !problems.is_empty() {
            return Err(problems.into_iter().map(|p| in_file(path, p)).collect());
        }
    }
    Ok(value)
}

/// What checking a file leaves: its template's name, its fingerprint and the Entra ID app it
/// needs a secret for (the template itself is dropped at once, so a folder of any size is
/// never held whole).
struct CheckedFile {
    name: String,
    fingerprint: u64,
    digest: u64,
    app: Option<EntraAppId>,
}

/// `path`'s template checked by the one validator (its secret, if any, comes from the
/// keyring), each problem's path starting with the file's name.
fn checked(path: &Path, value: Value) -> Result<Template, Vec<Problem>> {
    Template::from_value(value, SecretSource::Keyring)
        .map(|checked| checked.template)
        .map_err(|problems| problems.into_iter().map(|p| in_file(path, p)).collect())
}

/// A file's template checked, and what of it plan and apply keep.
fn read_checked(path: &Path, map: Option<&IdMap>) -> Result<CheckedFile, Vec<Problem>> {
    let value = read_value(path, map)?;
    let fingerprint = fingerprint(&value);
    let app = app_without_secret(&value);
    let template = checked(path, value)?;
    let name = template.name().to_owned();
    let mut body = Value::Object(template.into_body());
    normalize(&mut body);
    Ok(CheckedFile {
        name,
        fingerprint,
        digest: digest(&body),
        app,
    })
}

/// `file`'s template read again (plan reads each file when the server's copy comes in): checked
/// again only when it changed since [`read_folder`] checked it.
pub(crate) fn read_again(file: &FolderFile, map: Option<&IdMap>) -> Result<Template, Vec<Problem>> {
    let value = read_value(&file.path, map)?;
    if fingerprint(&value) != file.fingerprint {
        return checked(&file.path, value);
    }
    // Only an object has the fingerprint of a valid template.
    Template::from_validated(value).ok_or_else(|| {
        vec![Problem {
            path: file_label(&file.path),
            message: "changed while it was read".into(),
        }]
    })
}

/// How many threads read a folder: each file costs a read and a validation, and reading a
/// large folder on both cores halves the wait before the first request.
fn reader_threads(files: usize) -> usize {
    // Below this a thread's start costs more than it saves.
    const FILES_A_THREAD: usize = 64;
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    cores.min(4).min(files / FILES_A_THREAD).max(1)
}

type ReadOutcome = Result<CheckedFile, Vec<Problem>>;

/// Every file read and checked, in the order given, on [`reader_threads`] threads.
fn read_all(paths: &[PathBuf], map: Option<&IdMap>) -> Vec<ReadOutcome> {
    let threads = reader_threads(paths.len());
    if threads == 1 {
        return paths.iter().map(|path| read_checked(path, map)).collect();
    }
    std::thread::scope(|scope| {
        let parts: Vec<_> = paths
            .chunks(paths.len().div_ceil(threads))
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|path| read_checked(path, map))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Reads and checks every file of `dir`: all the problems of all the files at once (nothing is
/// sent while any is left), and no two files with the same template name. Keeps only names,
/// paths and fingerprints, so a folder of any size costs little memory.
pub fn read_folder(dir: &Path, map: Option<&IdMap>) -> Result<Vec<FolderFile>, AppError> {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let mut apps: HashSet<Arc<EntraAppId>> = HashSet::new();
    let paths = template_files(dir)?;
    for (path, outcome) in paths.iter().zip(read_all(&paths, map)) {
        let path = path.clone();
        match outcome {
            Ok(CheckedFile {
                name,
                fingerprint,
                digest,
                app,
            }) => {
                if let Some(first) = seen.get(&name) {
                    problems.push(in_file(
                        &path,
                        Problem {
                            path: "name".into(),
                            message: format!(
                                "{name:?} is also the name in {}: one file a template",
                                file_label(first)
                            ),
                        },
                    ));
                    continue;
                }
                seen.insert(name.clone(), path.clone());
                let app = app.map(|app| match apps.get(&app) {
                    Some(shared) => Arc::clone(shared),
                    None => {
                        let shared = Arc::new(app);
                        apps.insert(Arc::clone(&shared));
                        shared
                    }
                });
                files.push(FolderFile {
                    path,
                    name,
                    fingerprint,
                    digest,
                    app,
                });
            }
            Err(mut found) => problems.append(&mut found),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(AppError::Invalid(problems))
    }
}

/// What `winroll pull` writes for a template: `$schema`, then the create body as the server
/// holds it (what Winroll does not model included, in the server's order), numbers the server
/// sent as text written as numbers. Never an id, a token, a time, a count or a secret: the
/// answer's reader already left those out.
pub fn pulled_text(template: &CreatedTemplate) -> String {
    let mut file = Map::new();
    file.insert("$schema".into(), SCHEMA_ID.into());
    file.extend(template.body.clone());
    let mut file = Value::Object(file);
    winroll_core::diff::restore_numbers(&mut file);
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

/// A file name for a template called `name` in a folder whose names (in lower case) are
/// `taken`: its name in lower case with anything but letters and digits as `-`, then `-2`,
/// `-3`… when taken. Windows' reserved device names get `-template`.
pub fn file_name_for(name: &str, taken: &HashSet<String>) -> String {
    let mut stem = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            stem.push(c);
        } else if !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let mut stem: String = stem.trim_matches('-').chars().take(64).collect();
    stem = stem.trim_end_matches('-').to_owned();
    if stem.is_empty() {
        stem = "template".into();
    }
    let reserved = ["con", "prn", "aux", "nul"].contains(&stem.as_str())
        || (stem.len() == 4
            && (stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.ends_with(|c: char| c.is_ascii_digit()));
    if reserved {
        stem.push_str("-template");
    }
    let mut candidate = format!("{stem}.json");
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{stem}-{n}.json");
        n += 1;
    }
    candidate
}

/// Files read as a batch's items, one at a time as the engine asks (so a folder of any size
/// holds a few templates at once), ids rewritten by the map.
#[derive(Debug)]
pub struct FolderSource {
    pub files: Vec<PathBuf>,
    pub map: Option<Arc<IdMap>>,
}

impl ItemSource for FolderSource {
    fn for_each(
        &self,
        each: &mut dyn FnMut(usize, Item) -> ControlFlow<()>,
    ) -> Result<(), AppError> {
        for (index, path) in self.files.iter().enumerate() {
            let item = read_value(path, self.map.as_deref()).map_err(|mut problems| {
                let first = problems.remove(0);
                Problem {
                    path: "(root)".into(),
                    message: first.to_string(),
                }
            });
            if each(index, item).is_break() {
                break;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_unique_and_stable() {
        let mut taken = HashSet::new();
        let mut name = |n: &str| {
            let f = file_name_for(n, &taken);
            taken.insert(f.clone());
            f
        };
        assert_eq!(name("Corporate Laptops (EU)"), "corporate-laptops-eu.json");
        assert_eq!(
            name("corporate laptops / EU"),
            "corporate-laptops-eu-2.json"
        );
        assert_eq!(name("../../etc/passwd"), "etc-passwd.json");
        assert_eq!(name("CON"), "con-template.json");
        assert_eq!(name("Ünïcode Kiosk"), "ünïcode-kiosk.json");
        assert_eq!(name("***"), "template.json");
        assert_eq!(name(&"x".repeat(200)).len(), 64 + ".json".len());
    }
}
