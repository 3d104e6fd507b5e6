//! Copying for the admin. A value that carries the enrollment token is written as a secret
//! (kept out of clipboard history and cloud sync where the platform allows) and cleared after
//! 30 seconds if the clipboard still holds it, or when Winroll quits sooner.

use std::sync::Mutex;
use std::time::Duration;

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_clipboard_manager::ClipboardExt;
use winroll_app::AppError;
use winroll_core::ErrorCode;

use crate::commands::CopyReceipt;

pub const CLEAR_AFTER: Duration = Duration::from_secs(30);

/// The last sensitive value Winroll put on the clipboard, until it is cleared.
#[derive(Debug, Default)]
pub struct Pending(Mutex<Option<String>>);

impl Pending {
    fn set(&self, text: Option<String>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = text;
    }

    fn take(&self) -> Option<String> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

/// Whether to clear: only when the clipboard still holds exactly what Winroll put there (the
/// admin may have copied something else since).
fn still_ours(current: Option<&str>, ours: &str) -> bool {
    current == Some(ours)
}

/// On quit: clears the clipboard if it still holds the sensitive value Winroll put there. The
/// read happens off the main thread (it can deadlock there on Linux), bounded to a second.
pub fn clear_on_exit<R: Runtime>(app: &AppHandle<R>) {
    let Some(ours) = app.try_state::<Pending>().and_then(|p| p.take()) else {
        return;
    };
    let app = app.clone();
    let (done, wait) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let clipboard = app.clipboard();
        if still_ours(clipboard.read_text().ok().as_deref(), &ours) {
            let _ = clipboard.clear();
        }
        let _ = done.send(());
    });
    let _ = wait.recv_timeout(Duration::from_secs(1));
}

pub fn copy<R: Runtime>(
    app: &AppHandle<R>,
    text: String,
    sensitive: bool,
) -> Result<CopyReceipt, AppError> {
    let failed = |detail: tauri_plugin_clipboard_manager::Error| {
        AppError::usage(
            ErrorCode::ClipboardFailed,
            format!("could not copy: {detail}"),
            Some("Select the text and copy it by hand.".into()),
        )
    };
    let clipboard = app.clipboard();
    if !sensitive {
        clipboard.write_text(text).map_err(failed)?;
        return Ok(CopyReceipt {
            clears_after_secs: None,
        });
    }
    clipboard.write_secret(text.clone()).map_err(failed)?;
    if let Some(pending) = app.try_state::<Pending>() {
        pending.set(Some(text.clone()));
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(CLEAR_AFTER).await;
        // Reading the clipboard must not happen on the main thread (it can deadlock on Linux).
        let _ = tauri::async_runtime::spawn_blocking(move || {
            let clipboard = app.clipboard();
            if still_ours(clipboard.read_text().ok().as_deref(), &text) {
                let _ = clipboard.clear();
            }
        })
        .await;
    });
    Ok(CopyReceipt {
        clears_after_secs: Some(CLEAR_AFTER.as_secs() as u32),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clears_only_what_winroll_put_there() {
        assert!(still_ours(
            Some("ms-device-enrollment:?x"),
            "ms-device-enrollment:?x"
        ));
        assert!(!still_ours(
            Some("something the admin copied"),
            "ms-device-enrollment:?x"
        ));
        assert!(!still_ours(None, "ms-device-enrollment:?x"));
        let pending = Pending::default();
        pending.set(Some("t".into()));
        assert_eq!(pending.take().as_deref(), Some("t"));
        assert_eq!(pending.take(), None, "cleared once");
    }
}
