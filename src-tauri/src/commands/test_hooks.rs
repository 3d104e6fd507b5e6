//! Commands only end-to-end and benchmark builds have (`--features test-hooks`).

use tauri::{AppHandle, Runtime};
use winroll_app::AppError;

use super::requests::EditorReadyRequest;

/// The UI calls this once the editor is interactive: the mark the start-up benchmark waits for.
/// `timeline` is the page's own account of where the time went (milliseconds since the page's
/// navigation began), printed beside the process's figure for the benchmark's breakdown.
pub async fn editor_ready<R: Runtime>(
    _: &AppHandle<R>,
    request: EditorReadyRequest,
) -> Result<(), AppError> {
    if std::env::var_os("WINROLL_PRINT_READY").is_some() {
        println!(
            "winroll: editor ready after {} ms (page: {})",
            crate::STARTED.get().map_or(0, |t| t.elapsed().as_millis()),
            request.timeline
        );
    }
    Ok(())
}
