//! Native file dialogs, opened from Rust so the web view never names a path itself.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

pub enum Dialog {
    Open,
    Save { suggested: String },
}

/// The file the user chose; `None` when cancelled.
pub fn choose_file(app: &AppHandle, dialog: Dialog) -> Option<PathBuf> {
    // GTK's dialogs cannot be driven through WebDriver: end-to-end builds name the file instead.
    #[cfg(feature = "test-hooks")]
    if let Some(path) = std::env::var_os("WINROLL_TEST_DIALOG_FILE") {
        return Some(PathBuf::from(path));
    }
    let builder = app
        .dialog()
        .file()
        .add_filter("Winroll template", &["json"]);
    let chosen = match dialog {
        Dialog::Open => builder.blocking_pick_file(),
        Dialog::Save { suggested } => builder.set_file_name(suggested).blocking_save_file(),
    };
    chosen.and_then(|p| p.into_path().ok())
}
