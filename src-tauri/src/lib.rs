//! Winroll's desktop shell: one thin Tauri command per action over the winroll crates. Everything
//! that does I/O (HTTP, keyring, files, clipboard) happens here in Rust; the web view renders.

mod clipboard;
mod commands;
mod state;
mod target;

pub use commands::{CopyReceipt, SandboxInfo, SecretStatus};
pub use target::Target;

/// Starts the app.
pub fn run() {
    let state = match state::AppState::new() {
        Ok(state) => state,
        Err(e) => {
            eprintln!("winroll: cannot start: {}", e.message);
            std::process::exit(1);
        }
    };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_clipboard_manager::init())
        .manage(state)
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
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("winroll: the window could not run: {e}");
        std::process::exit(1);
    }
}
