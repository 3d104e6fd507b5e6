//! Native file dialogs, opened from Rust so the web view never names a path itself.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

pub enum Dialog {
    /// A template file to import.
    Open,
    /// Where to save; `extension` picks the filter (`json` templates, `csv` or `html` links).
    Save {
        suggested: String,
        extension: &'static str,
    },
}

/// The file the user chose; `None` when cancelled.
pub fn choose_file(app: &AppHandle, dialog: Dialog) -> Option<PathBuf> {
    // GTK's dialogs cannot be driven through WebDriver: end-to-end builds name the file instead.
    #[cfg(feature = "test-hooks")]
    if let Some(path) = std::env::var_os("WINROLL_TEST_DIALOG_FILE") {
        return Some(PathBuf::from(path));
    }
    let files = app.dialog().file();
    let chosen = match dialog {
        Dialog::Open => files
            .add_filter("Winroll template", &["json"])
            .blocking_pick_file(),
        Dialog::Save {
            suggested,
            extension,
        } => {
            let kind = match extension {
                "csv" => "Links (CSV)",
                "html" => "Onboarding sheet (HTML)",
                _ => "Winroll template",
            };
            files
                .add_filter(kind, &[extension])
                .set_file_name(suggested)
                .blocking_save_file()
        }
    };
    chosen.and_then(|p| p.into_path().ok())
}
