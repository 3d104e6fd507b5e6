//! Failures before the window exists. A Windows release build has no console, so a message on
//! standard error alone would vanish and the app would seem not to start at all: there the
//! user gets a message box too.

/// Where the WebView2 Runtime comes from; the link Microsoft gives for the Evergreen installer.
const WEBVIEW2_DOWNLOAD: &str = "https://developer.microsoft.com/microsoft-edge/webview2/";

/// The message for a Windows without the WebView2 Runtime (older Windows 10 images, LTSC,
/// Wine), checked before Tauri tries to create a web view and fails with an opaque error.
pub fn missing_webview() -> Option<String> {
    if !cfg!(windows) {
        return None;
    }
    let detail = tauri::webview_version().err()?;
    Some(format!(
        "Winroll needs the Microsoft Edge WebView2 Runtime, which is not installed on this computer.\n\n\
         Install the Evergreen Runtime from {WEBVIEW2_DOWNLOAD} (or ask IT to deploy it), then start \
         Winroll again. The command-line winroll.exe works without it.\n\n({detail})"
    ))
}

/// Says why the app cannot start, on standard error and (Windows) in a message box, and exits 1.
pub fn exit_with(message: &str) -> ! {
    eprintln!("winroll: cannot start: {message}");
    #[cfg(windows)]
    {
        rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("Winroll cannot start")
            .set_description(message)
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
    std::process::exit(1)
}
