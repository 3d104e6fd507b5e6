//! Native file dialogs, opened from Rust so the web view never names a path itself. Which
//! chooser answers is app state: the platform's dialogs in the app, a fixed file where dialogs
//! cannot be driven (end-to-end builds under WebDriver, tests on the mock runtime).

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

#[derive(Debug)]
pub enum Dialog {
    /// A template file to import.
    Open,
    /// Where to save; `extension` picks the filter (`json` templates, `csv` or `html` links).
    Save {
        suggested: String,
        extension: &'static str,
    },
}

/// Who answers the app's file dialogs.
#[derive(Debug, Clone)]
pub enum FileChooser {
    /// The platform's dialogs (the dialog plugin).
    Native,
    /// Always this file, as if the user had chosen it.
    Fixed(PathBuf),
}

impl FileChooser {
    /// The app's chooser: native, except in end-to-end builds that name the file
    /// (`WINROLL_TEST_DIALOG_FILE`), since GTK's dialogs cannot be driven through WebDriver.
    pub fn for_app() -> Self {
        #[cfg(feature = "test-hooks")]
        if let Some(path) = std::env::var_os("WINROLL_TEST_DIALOG_FILE") {
            return Self::Fixed(PathBuf::from(path));
        }
        Self::Native
    }
}

/// The file the user chose; `None` when cancelled.
pub fn choose_file<R: Runtime>(app: &AppHandle<R>, dialog: Dialog) -> Option<PathBuf> {
    let chooser = app
        .try_state::<FileChooser>()
        .map_or(FileChooser::Native, |c| c.inner().clone());
    if let FileChooser::Fixed(path) = chooser {
        return Some(path);
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
