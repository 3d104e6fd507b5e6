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

/// End-to-end builds answer a validation late when `WINROLL_TEST_VALIDATE_DELAY_FILE` names a
/// file holding a number of milliseconds: the typing-race test makes "an answer still on its
/// way while the user types" certain, instead of hoping to type inside the few milliseconds a
/// real answer takes. No file (the default), no delay.
pub async fn late_validation() {
    let Some(path) = std::env::var_os("WINROLL_TEST_VALIDATE_DELAY_FILE") else {
        return;
    };
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    if let Ok(ms) = text.trim().parse::<u64>() {
        tokio::time::sleep(std::time::Duration::from_millis(ms.min(5_000))).await;
    }
}
