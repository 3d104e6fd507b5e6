//! Commands only end-to-end and benchmark builds have (`--features test-hooks`).

use tauri::AppHandle;
use winroll_app::AppError;

/// The UI calls this once the editor is interactive: the mark the start-up benchmark waits for.
/// `timeline` is the page's own account of where the time went (milliseconds since the page's
/// navigation began), printed beside the process's figure for the benchmark's breakdown.
pub async fn editor_ready(_: &AppHandle, timeline: String) -> Result<(), AppError> {
    if std::env::var_os("WINROLL_PRINT_READY").is_some() {
        println!(
            "winroll: editor ready after {} ms (page: {timeline})",
            crate::STARTED.get().map_or(0, |t| t.elapsed().as_millis())
        );
    }
    Ok(())
}
