//! Copying for the admin. A value that carries the enrollment token is written as a secret
//! (kept out of clipboard history and cloud sync where the platform allows) and cleared after
//! 30 seconds if the clipboard still holds it, or when Winroll quits sooner.
//!
//! The system clipboard sits behind [`SystemClipboard`], so the rules (clear only what Winroll put
//! there, once) are tested against a fake one; the app's is the clipboard plugin's.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_clipboard_manager::ClipboardExt;
use ts_rs::TS;
use winroll_app::AppError;
use winroll_core::ErrorCode;

pub const CLEAR_AFTER: Duration = Duration::from_secs(30);

/// What a copy did: a sensitive value is cleared after this many seconds.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct CopyReceipt {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clears_after_secs: Option<u32>,
}

/// The operating system's clipboard, as far as Winroll uses it.
pub trait SystemClipboard: Send + Sync {
    fn write_text(&self, text: &str) -> Result<(), String>;
    /// Written so that clipboard history and cloud clipboard skip it, where the system allows.
    fn write_secret(&self, text: &str) -> Result<(), String>;
    fn read_text(&self) -> Option<String>;
    fn clear(&self);
}

/// The clipboard plugin's clipboard.
struct PluginClipboard<R: Runtime>(AppHandle<R>);

impl<R: Runtime> SystemClipboard for PluginClipboard<R> {
    fn write_text(&self, text: &str) -> Result<(), String> {
        self.0
            .clipboard()
            .write_text(text)
            .map_err(|e| e.to_string())
    }

    fn write_secret(&self, text: &str) -> Result<(), String> {
        self.0
            .clipboard()
            .write_secret(text)
            .map_err(|e| e.to_string())
    }

    fn read_text(&self) -> Option<String> {
        self.0.clipboard().read_text().ok()
    }

    fn clear(&self) {
        let _ = self.0.clipboard().clear();
    }
}

/// The app's clipboard, and the last sensitive value Winroll put there until it is cleared.
pub struct Clipboard {
    system: Arc<dyn SystemClipboard>,
    pending: Arc<Mutex<Option<String>>>,
}

impl std::fmt::Debug for Clipboard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clipboard")
            .field("pending", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl Clipboard {
    pub fn new(system: Arc<dyn SystemClipboard>) -> Self {
        Self {
            system,
            pending: Arc::default(),
        }
    }

    /// The clipboard plugin's clipboard (the plugin must be registered on the app).
    pub fn of_plugin<R: Runtime>(app: &AppHandle<R>) -> Self {
        Self::new(Arc::new(PluginClipboard(app.clone())))
    }

    /// Copies `text`; a sensitive one is remembered for [`Clipboard::clear_if_ours`].
    pub fn copy(&self, text: &str, sensitive: bool) -> Result<CopyReceipt, AppError> {
        let failed = |detail: String| {
            AppError::usage(
                ErrorCode::ClipboardFailed,
                format!("could not copy: {detail}"),
                Some("Select the text and copy it by hand.".into()),
            )
        };
        if !sensitive {
            self.system.write_text(text).map_err(failed)?;
            return Ok(CopyReceipt {
                clears_after_secs: None,
            });
        }
        self.system.write_secret(text).map_err(failed)?;
        *self.pending.lock().unwrap_or_else(|p| p.into_inner()) = Some(text.to_owned());
        Ok(CopyReceipt {
            clears_after_secs: Some(CLEAR_AFTER.as_secs() as u32),
        })
    }

    /// Clears the clipboard if it still holds exactly the sensitive `value` Winroll put there
    /// (the admin may have copied something else since), and forgets it.
    pub fn clear_if_ours(&self, value: &str) {
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        if pending.as_deref() == Some(value) {
            *pending = None;
        }
        if self.system.read_text().as_deref() == Some(value) {
            self.system.clear();
        }
    }

    /// The sensitive value still pending, taken (on quit).
    fn take_pending(&self) -> Option<String> {
        self.pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
    }
}

/// Copies for the window's command, and schedules the clear of a sensitive value.
pub fn copy<R: Runtime>(
    app: &AppHandle<R>,
    text: String,
    sensitive: bool,
) -> Result<CopyReceipt, AppError> {
    let clipboard = app.state::<Clipboard>();
    let receipt = clipboard.copy(&text, sensitive)?;
    if sensitive {
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(CLEAR_AFTER).await;
            // Reading the clipboard must not happen on the main thread (it can deadlock on Linux).
            let _ = tauri::async_runtime::spawn_blocking(move || {
                app.state::<Clipboard>().clear_if_ours(&text);
            })
            .await;
        });
    }
    Ok(receipt)
}

/// On quit: clears the clipboard if it still holds the sensitive value Winroll put there. The
/// read happens off the main thread (it can deadlock there on Linux), bounded to a second.
pub fn clear_on_exit<R: Runtime>(app: &AppHandle<R>) {
    let Some(clipboard) = app.try_state::<Clipboard>() else {
        return;
    };
    let Some(ours) = clipboard.take_pending() else {
        return;
    };
    let (system, pending) = (clipboard.system.clone(), clipboard.pending.clone());
    let (done, wait) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        Clipboard { system, pending }.clear_if_ours(&ours);
        let _ = done.send(());
    });
    let _ = wait.recv_timeout(Duration::from_secs(1));
}

#[cfg(test)]
pub mod fake {
    //! A clipboard in memory, for the tests.

    use super::*;

    #[derive(Debug, Default)]
    pub struct FakeClipboard {
        pub text: Mutex<Option<String>>,
        pub secret_writes: Mutex<usize>,
        /// Every write fails, as a clipboard owned by another program may.
        broken: bool,
    }

    impl FakeClipboard {
        pub fn broken() -> Self {
            Self {
                broken: true,
                ..Self::default()
            }
        }
    }

    impl SystemClipboard for FakeClipboard {
        fn write_text(&self, text: &str) -> Result<(), String> {
            if self.broken {
                return Err("the clipboard is owned by another program".into());
            }
            *self.text.lock().unwrap() = Some(text.to_owned());
            Ok(())
        }

        fn write_secret(&self, text: &str) -> Result<(), String> {
            *self.secret_writes.lock().unwrap() += 1;
            self.write_text(text)
        }

        fn read_text(&self) -> Option<String> {
            self.text.lock().unwrap().clone()
        }

        fn clear(&self) {
            *self.text.lock().unwrap() = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fake::FakeClipboard;
    use super::*;

    #[test]
    fn clears_only_what_winroll_put_there() {
        let system = Arc::new(FakeClipboard::default());
        let clipboard = Clipboard::new(system.clone());
        let receipt = clipboard.copy("ms-device-enrollment:?x", true).unwrap();
        assert_eq!(receipt.clears_after_secs, Some(30));
        assert_eq!(
            *system.secret_writes.lock().unwrap(),
            1,
            "written as a secret"
        );
        // The admin copied something else since: it stays.
        system.write_text("something the admin copied").unwrap();
        clipboard.clear_if_ours("ms-device-enrollment:?x");
        assert_eq!(
            system.read_text().as_deref(),
            Some("something the admin copied")
        );
        clipboard.copy("ms-device-enrollment:?y", true).unwrap();
        clipboard.clear_if_ours("ms-device-enrollment:?y");
        assert_eq!(system.read_text(), None);
        // Text that is not a credential is neither remembered nor cleared.
        let receipt = clipboard.copy("https://mdm.example", false).unwrap();
        assert_eq!(receipt.clears_after_secs, None);
        assert_eq!(clipboard.take_pending(), None);
    }

    #[test]
    fn quitting_clears_a_pending_secret_once() {
        let app = tauri::test::mock_app();
        let system = Arc::new(FakeClipboard::default());
        app.manage(Clipboard::new(system.clone()));
        let handle = app.handle();
        copy(handle, "enroll_SECRET".into(), true).unwrap();
        assert_eq!(system.read_text().as_deref(), Some("enroll_SECRET"));
        clear_on_exit(handle);
        assert_eq!(system.read_text(), None, "cleared on quit");
        // Nothing pending any more: a later copy by the admin survives a second quit.
        system.write_text("the admin's").unwrap();
        clear_on_exit(handle);
        assert_eq!(system.read_text().as_deref(), Some("the admin's"));
    }
}
