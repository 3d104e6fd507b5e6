//! Declares the app's own commands so capabilities can grant each one by name (`allow-…`);
//! a command missing from a capability file is refused.

const COMMANDS: &[&str] = &[
    "validate_template",
    "create_template",
    "find_template",
    "list_templates",
    "list_profiles",
    "add_profile",
    "remove_profile",
    "client_secret_status",
    "store_client_secret",
    "remove_client_secret",
    "start_sandbox",
    "copy_text",
    "editor_ready",
    "request_snippets",
    "save_draft",
    "load_draft",
    "clear_draft",
    "import_template",
    "export_template",
    "list_history",
    "copy_from_history",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    if let Err(e) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)) {
        panic!("tauri build step failed: {e:#}");
    }
}
