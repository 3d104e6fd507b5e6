//! Native file dialogs, opened from Rust so the web view never names a path itself. Which
//! chooser answers is app state: the platform's dialogs in the app, a fixed file where dialogs
//! cannot be driven (end-to-end builds under WebDriver, tests on the mock runtime).

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;
use winroll_app::{AllowAnswer, AllowPrompt, AllowQuestion};

#[derive(Debug)]
pub enum Dialog {
    /// A template file to import.
    Open,
    /// A folder of template files (templates as code).
    Folder,
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
    /// Always this file (and, for a folder, this folder), as if the user had chosen it. Made
    /// only by test-hook builds and tests: a shipped build never constructs it.
    #[cfg_attr(not(any(test, feature = "test-hooks")), allow(dead_code))]
    Fixed { file: PathBuf, folder: PathBuf },
}

impl FileChooser {
    /// The app's chooser: native, except in end-to-end builds that name the file and folder
    /// (`WINROLL_TEST_DIALOG_FILE`, `WINROLL_TEST_DIALOG_FOLDER`), since GTK's dialogs cannot be
    /// driven through WebDriver.
    pub fn for_app() -> Self {
        #[cfg(feature = "test-hooks")]
        if let Some(path) = std::env::var_os("WINROLL_TEST_DIALOG_FILE") {
            let folder = std::env::var_os("WINROLL_TEST_DIALOG_FOLDER")
                .map_or_else(|| PathBuf::from(&path).with_extension("d"), PathBuf::from);
            return Self::Fixed {
                file: PathBuf::from(path),
                folder,
            };
        }
        Self::Native
    }
}

/// The file the user chose; `None` when cancelled.
pub fn choose_file<R: Runtime>(app: &AppHandle<R>, dialog: Dialog) -> Option<PathBuf> {
    let chooser = app
        .try_state::<FileChooser>()
        .map_or(FileChooser::Native, |c| c.inner().clone());
    if let FileChooser::Fixed { file, folder } = chooser {
        return Some(match dialog {
            Dialog::Folder => folder,
            _ => file,
        });
    }
    let files = app.dialog().file();
    let chosen = match dialog {
        Dialog::Folder => files.blocking_pick_folder(),
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

/// Who answers "may this stored client secret go there?" (see `winroll_app::AllowQuestion`).
#[derive(Debug, Clone)]
pub enum AllowAnswers {
    /// A native message dialog over the window.
    Native,
    /// The answer written in this file (`once`, `always`; anything else refuses), each
    /// question's text appended to `<file>.asked`: end-to-end builds (`WINROLL_TEST_ALLOW_FILE`)
    /// and tests on the mock runtime, where no native dialog can be answered. A shipped build
    /// never constructs it.
    #[cfg_attr(not(any(test, feature = "test-hooks")), allow(dead_code))]
    FromFile(PathBuf),
}

impl AllowAnswers {
    pub fn for_app() -> Self {
        #[cfg(feature = "test-hooks")]
        if let Some(path) = std::env::var_os("WINROLL_TEST_ALLOW_FILE") {
            return Self::FromFile(PathBuf::from(path));
        }
        Self::Native
    }
}

/// The desktop's [`AllowPrompt`]: a dialog opened from Rust, naming the app, the organization and
/// the server, so the web view never decides where a secret goes.
pub struct AllowDialog<R: Runtime> {
    app: AppHandle<R>,
    answers: AllowAnswers,
}

const ALLOW_ONCE: &str = "Allow once";
const ALLOW_ALWAYS: &str = "Always for this organization";

impl<R: Runtime> AllowDialog<R> {
    pub fn for_app(app: &AppHandle<R>) -> Self {
        let answers = app
            .try_state::<AllowAnswers>()
            .map_or(AllowAnswers::Native, |a| a.inner().clone());
        Self {
            app: app.clone(),
            answers,
        }
    }

    fn native(&self, question: &AllowQuestion) -> AllowAnswer {
        use tauri_plugin_dialog::{MessageDialogButtons, MessageDialogKind, MessageDialogResult};
        let text = format!(
            "{}\n\n{ALLOW_ONCE} sends it this time. {ALLOW_ALWAYS} lets Winroll send it there from now on without asking.",
            question.text()
        );
        let mut dialog = self
            .app
            .dialog()
            .message(text)
            .title("Send the client secret?")
            .kind(MessageDialogKind::Warning)
            .buttons(MessageDialogButtons::YesNoCancelCustom(
                ALLOW_ONCE.into(),
                ALLOW_ALWAYS.into(),
                "Cancel".into(),
            ));
        if let Some(window) = self.app.get_webview_window("main") {
            dialog = dialog.parent(&window);
        }
        match dialog.blocking_show_with_result() {
            MessageDialogResult::Yes => AllowAnswer::Once,
            MessageDialogResult::No => AllowAnswer::Always,
            MessageDialogResult::Custom(label) if label == ALLOW_ONCE => AllowAnswer::Once,
            MessageDialogResult::Custom(label) if label == ALLOW_ALWAYS => AllowAnswer::Always,
            _ => AllowAnswer::Refuse,
        }
    }
}

impl<R: Runtime> std::fmt::Debug for AllowDialog<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AllowDialog")
            .field("answers", &self.answers)
            .finish_non_exhaustive()
    }
}

impl<R: Runtime> AllowPrompt for AllowDialog<R> {
    fn ask(&self, question: &AllowQuestion) -> AllowAnswer {
        match &self.answers {
            AllowAnswers::Native => self.native(question),
            AllowAnswers::FromFile(path) => {
                let mut asked = path.clone().into_os_string();
                asked.push(".asked");
                let line = format!("{}\n", question.text());
                let _ = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(asked)
                    .and_then(|mut f| std::io::Write::write_all(&mut f, line.as_bytes()));
                match std::fs::read_to_string(path).unwrap_or_default().trim() {
                    "once" => AllowAnswer::Once,
                    "always" => AllowAnswer::Always,
                    _ => AllowAnswer::Refuse,
                }
            }
        }
    }
}
