//! Winroll's desktop shell: one thin Tauri command per action over the winroll crates. Everything
//! that does I/O (HTTP, keyring, files, clipboard) happens here in Rust; the web view renders.

mod clipboard;
mod commands;
mod state;
mod target;

pub use commands::{CopyReceipt, SandboxInfo, SecretStatus};
pub use target::Target;

/// The page a window opens: the editor, or (for the start-up benchmark) a blank page.
#[derive(Debug, Clone, Copy)]
pub enum Page {
    Editor,
    Blank,
}

/// Starts the app.
pub fn run() {
    run_page(Page::Editor);
}

/// Starts the app on `page`. The blank page measures what a bare Tauri window costs, built and
/// started the same way as the editor.
pub fn run_page(page: Page) {
    let state = match state::AppState::new() {
        Ok(state) => state,
        Err(e) => {
            eprintln!("winroll: cannot start: {}", e.message);
            std::process::exit(1);
        }
    };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .setup(move |app| {
            let url = match page {
                Page::Editor => "index.html",
                Page::Blank => "blank.html",
            };
            tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::App(url.into()))
                .title("Winroll")
                .inner_size(1180.0, 860.0)
                .min_inner_size(760.0, 540.0)
                .build()?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::validate_template,
            commands::create_template,
            commands::find_template,
            commands::list_templates,
            commands::list_profiles,
            commands::add_profile,
            commands::remove_profile,
            commands::client_secret_status,
            commands::store_client_secret,
            commands::remove_client_secret,
            commands::start_sandbox,
            commands::copy_text,
            commands::editor_ready,
            commands::request_snippets,
            commands::save_draft,
            commands::load_draft,
            commands::clear_draft,
            commands::import_template,
            commands::export_template,
            commands::list_history,
            commands::copy_from_history,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("winroll: the window could not run: {e}");
        std::process::exit(1);
    }
}
