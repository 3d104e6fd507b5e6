//! The desktop's log: every command once, from the generated wrapper (its name, how long it took
//! and, when it failed, its error code; never its request or its answer), into the daily files
//! that `winroll_app::logging` keeps in the app's log folder.

use std::path::Path;
use std::time::Instant;

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_opener::OpenerExt;
use winroll_app::AppError;
use winroll_core::ErrorInfo;

/// Logs how command `name` ended and hands the window its answer or `{code, message, hint}`.
pub fn command_done<T>(
    name: &str,
    started: Instant,
    result: Result<T, AppError>,
) -> Result<T, ErrorInfo> {
    let ms = started.elapsed().as_millis() as u64;
    match result {
        Ok(answer) => {
            tracing::info!(command = name, ms, "done");
            Ok(answer)
        }
        Err(error) => {
            let info = error.info();
            // The code, never the message: a message may quote what the user typed.
            tracing::warn!(command = name, ms, code = %info.code, "failed");
            Err(info)
        }
    }
}

/// Opens `folder` in the system's file manager, when the opener plugin is there (the app); a
/// failure is only logged, since the window shows the path anyway.
pub fn reveal<R: Runtime>(app: &AppHandle<R>, folder: &Path) {
    if app.try_state::<tauri_plugin_opener::Opener<R>>().is_none() {
        return;
    }
    if let Err(e) = app
        .opener()
        .open_path(folder.display().to_string(), None::<&str>)
    {
        tracing::warn!("could not open the log folder: {e}");
    }
}
