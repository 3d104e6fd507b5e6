//! Copying for the admin. A value that carries the enrollment token is written as a secret
//! (kept out of clipboard history and cloud sync where the platform allows) and cleared after
//! 30 seconds if the clipboard still holds it.

use std::time::Duration;

use tauri::{AppHandle, Runtime};
use tauri_plugin_clipboard_manager::ClipboardExt;
use winroll_app::AppError;
use winroll_core::ErrorCode;

use crate::commands::CopyReceipt;

pub const CLEAR_AFTER: Duration = Duration::from_secs(30);

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
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(CLEAR_AFTER).await;
        // Reading the clipboard must not happen on the main thread (it can deadlock on Linux).
        let _ = tauri::async_runtime::spawn_blocking(move || {
            let clipboard = app.clipboard();
            if clipboard.read_text().is_ok_and(|current| current == text) {
                let _ = clipboard.clear();
            }
        })
        .await;
    });
    Ok(CopyReceipt {
        clears_after_secs: Some(CLEAR_AFTER.as_secs() as u32),
    })
}
