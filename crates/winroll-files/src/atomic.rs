//! Writing a file so that a crash leaves the old version or the new one, never half of either.

use std::io::Write;
use std::path::Path;

use crate::error::FilesError;

/// Writes `bytes` to a temporary file beside `path` (mode 0600 on Unix, an owner-only ACL on Windows), flushes it to disk and
/// renames it over `path`. Creates the folder (0700) when needed.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), FilesError> {
    let io = |action: &'static str, e: &std::io::Error| FilesError::Io {
        action,
        path: path.to_owned(),
        detail: e.to_string(),
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let mut temp = private_temp(dir).map_err(|e| io("write", &e))?;
    temp.write_all(bytes).map_err(|e| io("write", &e))?;
    temp.as_file().sync_all().map_err(|e| io("write", &e))?;
    temp.persist(path).map_err(|e| io("replace", &e.error))?;
    Ok(())
}

/// As [`write_private`], but never over an existing file: for files that hold credentials, where
/// replacing a file someone else gave the same name could hand its readers a token.
pub fn write_new_private(path: &Path, bytes: &[u8]) -> Result<(), FilesError> {
    let io = |action: &'static str, e: &std::io::Error| FilesError::Io {
        action,
        path: path.to_owned(),
        detail: e.to_string(),
    };
    if path.exists() {
        return Err(FilesError::Exists {
            path: path.to_owned(),
        });
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let mut temp = private_temp(dir).map_err(|e| io("write", &e))?;
    temp.write_all(bytes).map_err(|e| io("write", &e))?;
    temp.as_file().sync_all().map_err(|e| io("write", &e))?;
    // Fails, atomically, when a file appeared there meanwhile.
    temp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            FilesError::Exists {
                path: path.to_owned(),
            }
        } else {
            io("write", &e.error)
        }
    })?;
    Ok(())
}

/// A new temporary file in `dir` that only the user can open, from its creation on: mode 0600
/// on Unix (tempfile's default), an owner-only, protected DACL on Windows.
fn private_temp(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    #[cfg(windows)]
    return tempfile::Builder::new().make_in(dir, |path| crate::owner_only::create_new(path));
    #[cfg(not(windows))]
    tempfile::NamedTempFile::new_in(dir)
}

/// Creates `dir` and its parents when missing, readable by the user only (0700 on Unix). A file
/// where the folder should be is an error, not a folder.
pub fn create_private_dir(dir: &Path) -> Result<(), FilesError> {
    if dir.as_os_str().is_empty() {
        return Ok(());
    }
    if dir.is_dir() {
        return check_private_dir(dir);
    }
    if dir.exists() {
        return Err(FilesError::Io {
            action: "use the folder",
            path: dir.to_owned(),
            detail: "it is a file, not a folder".into(),
        });
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| FilesError::Io {
        action: "create the folder",
        path: dir.to_owned(),
        detail: e.to_string(),
    })
}

/// An existing folder must be the user's own and closed to others' writes (Unix): a folder
/// another account owns, or one its group or everyone may write to, lets someone else swap the
/// profiles file (and with it where a token goes) or read what Winroll writes. A missing folder
/// passes: it is created private.
pub fn check_private_dir(dir: &Path) -> Result<(), FilesError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let Ok(meta) = std::fs::metadata(dir) else {
            return Ok(());
        };
        let me = rustix::process::geteuid().as_raw();
        let not_private = |detail: String| FilesError::NotPrivate {
            path: dir.to_owned(),
            detail,
        };
        if meta.uid() != me {
            return Err(not_private(format!(
                "it belongs to user {} and Winroll runs as user {me}",
                meta.uid()
            )));
        }
        if meta.mode() & 0o022 != 0 {
            return Err(not_private(format!(
                "its group or everyone may write to it (mode {:o})",
                meta.mode() & 0o777
            )));
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Reads a JSON file; `None` when it does not exist.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Option<T>, FilesError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(FilesError::Io {
                action: "read",
                path: path.to_owned(),
                detail: e.to_string(),
            });
        }
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| FilesError::Damaged {
            path: path.to_owned(),
            detail: e.to_string(),
        })
}

// Both tests read Unix permission bits; Windows' owner-only files are tested in owner_only.rs.
#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn writes_privately_and_replaces_whole() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/file.json");
        write_private(&path, b"one").unwrap();
        write_private(&path, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            std::fs::metadata(path.parent().unwrap())
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o700
        );
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    /// A folder others may write to, or someone else's, is refused before anything is read or
    /// written in it.
    #[test]
    fn a_folder_others_could_change_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o770)).unwrap();
        let err = write_private(&shared.join("f.json"), b"x").unwrap_err();
        assert!(
            matches!(&err, FilesError::NotPrivate { detail, .. } if detail.contains("770")),
            "{err}"
        );
        assert!(!shared.join("f.json").exists());
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o700)).unwrap();
        check_private_dir(&shared).unwrap();
        check_private_dir(&dir.path().join("missing")).unwrap();
        // Someone else's folder: only root can make one to test with.
        if std::os::unix::fs::chown(&shared, Some(65534), None).is_ok() {
            let err = check_private_dir(&shared).unwrap_err();
            assert!(err.to_string().contains("belongs to user 65534"), "{err}");
        }
    }
}
