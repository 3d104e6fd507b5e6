//! Winroll's desktop shell: the window, and one thin Tauri command per action over the use cases
//! in `winroll-app`. Everything that does I/O (HTTP, keyring, files, clipboard) happens in Rust;
//! the web view renders.

mod clipboard;
mod commands;
mod dialogs;
mod fatal;
mod logging;
mod rendering;

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use tauri::{Manager, Runtime};
use winroll_app::{GivenCredentials, Settings, Winroll};
use winroll_files::AppDirs;

pub use clipboard::CopyReceipt;
pub use commands::{PRODUCT_COMMANDS, TEST_HOOK_COMMANDS};

/// When the process started, for the start-up benchmark's ready mark.
static STARTED: OnceLock<Instant> = OnceLock::new();

/// The page a window opens: the editor, or (benchmark builds only) a blank page that measures
/// what a bare Tauri window costs, built and started the same way.
#[derive(Debug, Clone, Copy)]
pub enum Page {
    Editor,
    #[cfg(feature = "test-hooks")]
    Blank,
}

/// Starts the app.
pub fn run() {
    run_page(Page::Editor);
}

pub fn run_page(page: Page) {
    STARTED.get_or_init(Instant::now);
    rendering::draw_on_cpu();
    if let Some(message) = fatal::missing_webview() {
        fatal::exit_with(&message);
    }
    let winroll = match settings().and_then(Winroll::new) {
        Ok(winroll) => winroll,
        Err(e) => fatal::exit_with(&e.info().message),
    };
    // Logs are a help, never a reason not to start.
    if let Err(e) = winroll_app::logging::to_folder(winroll.dirs().logs()) {
        eprintln!("winroll: no log file: {}", e.info().message);
    }
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "starting");
    let app = with_commands(tauri::Builder::default(), winroll)
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(dialogs::FileChooser::for_app())
        .manage(dialogs::AllowAnswers::for_app())
        .manage(commands::ChosenFolder::default())
        .setup(move |app| {
            app.manage(clipboard::Clipboard::of_plugin(app.handle()));
            let url = match page {
                Page::Editor => "index.html",
                #[cfg(feature = "test-hooks")]
                Page::Blank => "blank.html",
            };
            tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::App(url.into()))
                .title("Winroll")
                .inner_size(1180.0, 860.0)
                .min_inner_size(760.0, 540.0)
                // Ctrl + = / - / mouse wheel zoom the page, as in a browser (WebView2's own
                // zoom on Windows; Tauri's polyfill elsewhere, through set-webview-zoom).
                .zoom_hotkeys_enabled(true)
                .build()?;
            Ok(())
        })
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                clipboard::clear_on_exit(app);
            }
        }),
        Err(e) => fatal::exit_with(&format!("the window could not open: {e}")),
    }
}

/// The use cases and every command on `builder`: the app's runtime or, in tests, the mock one.
pub fn with_commands<R: Runtime>(
    builder: tauri::Builder<R>,
    winroll: Winroll,
) -> tauri::Builder<R> {
    builder.manage(winroll).invoke_handler(commands::handler())
}

fn settings() -> Result<Settings, winroll_app::AppError> {
    Ok(Settings {
        dirs: AppDirs::for_user()?,
        timeout: Duration::from_secs(timeout_from_environment().unwrap_or(30)),
        // The desktop reads credentials from the keyring only.
        given: GivenCredentials::default(),
        sandbox_token: test_sandbox_token(),
    })
}

/// End-to-end tests read the in-process sandbox's request counts, so they name its token.
#[cfg(feature = "test-hooks")]
fn test_sandbox_token() -> Option<String> {
    std::env::var("WINROLL_TEST_SANDBOX_TOKEN").ok()
}

#[cfg(not(feature = "test-hooks"))]
fn test_sandbox_token() -> Option<String> {
    None
}

/// `WINROLL_TIMEOUT_SECS` (1 to 600) replaces the 30 s wait for an answer, for slow proxies.
fn timeout_from_environment() -> Option<u64> {
    std::env::var("WINROLL_TIMEOUT_SECS")
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|s| (1..=600).contains(s))
}
