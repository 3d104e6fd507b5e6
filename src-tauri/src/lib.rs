//! Winroll's desktop shell: the window, and one thin Tauri command per action over the use cases
//! in `winroll-app`. Everything that does I/O (HTTP, keyring, files, clipboard) happens in Rust;
//! the web view renders.

mod clipboard;
mod commands;
mod dialogs;
mod fatal;
mod rendering;

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use winroll_app::{GivenCredentials, Settings, Winroll};
use winroll_files::AppDirs;

pub use commands::{CopyReceipt, PRODUCT_COMMANDS, TEST_HOOK_COMMANDS};

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
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .manage(winroll)
        .manage(clipboard::Pending::default())
        .setup(move |app| {
            let url = match page {
                Page::Editor => "index.html",
                #[cfg(feature = "test-hooks")]
                Page::Blank => "blank.html",
            };
            tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::App(url.into()))
                .title("Winroll")
                .inner_size(1180.0, 860.0)
                .min_inner_size(760.0, 540.0)
                .build()?;
            Ok(())
        })
        .invoke_handler(commands::handler())
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
