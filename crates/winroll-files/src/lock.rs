//! Several Winroll processes (app windows, the CLI) may change the same file at once. Each
//! read-modify-write holds the operating system's exclusive lock (flock / LockFileEx, through
//! `std::fs::File::lock`) on a sidecar `.lock` file, so no change overwrites another. The lock
//! goes with the process: a crash never leaves a stale one behind.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use crate::atomic::create_private_dir;
use crate::error::FilesError;

/// Held while it lives.
#[derive(Debug)]
pub struct FileLock {
    _file: File,
}

/// Blocks until this process holds the lock that guards `path`.
pub fn lock_for(path: &Path) -> Result<FileLock, FilesError> {
    let lock_path = sidecar(path);
    let io = |action: &'static str, e: std::io::Error| FilesError::Io {
        action,
        path: lock_path.clone(),
        detail: e.to_string(),
    };
    if let Some(dir) = lock_path.parent() {
        create_private_dir(dir)?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| io("open", e))?;
    file.lock().map_err(|e| io("lock", e))?;
    Ok(FileLock { _file: file })
}

fn sidecar(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}
