//! Drafts, and templates as files: import (a carried client secret moves into the keyring) and
//! export (with `$schema`, never the secret). File dialogs open here, in Rust.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;
use winroll_core::{
    ClientSecret, ErrorInfo, SecretSource, ValidationReport, schema::SCHEMA_ID, validate_value,
};
use winroll_secrets::EntraAppId;
use winroll_store::{Draft, DraftStore};

use super::blocking;

/// Native file dialogs cannot be driven through WebDriver; the end-to-end tests name the file
/// here instead. Nothing else reads this variable.
const TEST_DIALOG_FILE: &str = "WINROLL_TEST_DIALOG_FILE";

/// A template read from a file, ready for the editor.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportResult {
    pub file_name: String,
    /// The template as the file has it, without `$schema` and without a client secret.
    #[ts(type = "unknown")]
    pub template: Value,
    pub report: ValidationReport,
    /// The file carried the client secret; it is now in the keyring.
    pub secret_moved: bool,
}

fn draft_store() -> Result<DraftStore, ErrorInfo> {
    winroll_store::data_dir()
        .map(|dir| DraftStore::in_dir(&dir))
        .map_err(|e| e.info())
}

fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

#[tauri::command]
pub async fn save_draft(form: Value) -> Result<(), ErrorInfo> {
    blocking(move || draft_store()?.save(form, now()).map_err(|e| e.info())).await
}

#[tauri::command]
pub async fn load_draft() -> Result<Option<Draft>, ErrorInfo> {
    blocking(|| Ok(draft_store()?.load())).await
}

#[tauri::command]
pub async fn clear_draft() -> Result<(), ErrorInfo> {
    blocking(|| draft_store()?.clear().map_err(|e| e.info())).await
}

enum Dialog {
    Open,
    Save { suggested: String },
}

fn choose_file(app: &AppHandle, dialog: Dialog) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(TEST_DIALOG_FILE) {
        return Some(PathBuf::from(path));
    }
    let builder = app
        .dialog()
        .file()
        .add_filter("Winroll template", &["json"]);
    let chosen = match dialog {
        Dialog::Open => builder.blocking_pick_file(),
        Dialog::Save { suggested } => builder.set_file_name(suggested).blocking_save_file(),
    };
    chosen.and_then(|p| p.into_path().ok())
}

#[tauri::command]
pub async fn import_template(app: AppHandle) -> Result<Option<ImportResult>, ErrorInfo> {
    blocking(move || {
        let Some(path) = choose_file(&app, Dialog::Open) else {
            return Ok(None);
        };
        let text = std::fs::read_to_string(&path).map_err(|e| {
            ErrorInfo::new(
                "import.unreadable",
                format!("cannot read {}: {e}", path.display()),
                None,
            )
        })?;
        let mut value: Value = serde_json::from_str(&text).map_err(|e| {
            ErrorInfo::new(
                "import.not_json",
                format!(
                    "{} is not valid JSON at line {}, column {}",
                    path.display(),
                    e.line(),
                    e.column()
                ),
                None,
            )
        })?;
        if let Some(obj) = value.as_object_mut() {
            obj.remove("$schema");
        }
        let secret_moved = move_secret_to_keyring(&mut value)?;
        let report = validate_value(&value, SecretSource::Keyring);
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Some(ImportResult {
            file_name,
            template: value,
            report,
            secret_moved,
        }))
    })
    .await
}

/// A file that carries the client secret is accepted: the secret goes to the keyring under the
/// file's tenant and client ids and leaves the template.
fn move_secret_to_keyring(value: &mut Value) -> Result<bool, ErrorInfo> {
    let Some(app) = value
        .pointer_mut("/entraId/mobilityApp")
        .and_then(Value::as_object_mut)
    else {
        return Ok(false);
    };
    let (Some(Value::String(tenant_id)), Some(Value::String(client_id))) =
        (app.get("tenantId"), app.get("clientId"))
    else {
        return Ok(false);
    };
    let (tenant_id, client_id) = (tenant_id.clone(), client_id.clone());
    let Some(Value::String(secret)) = app.remove("clientSecret") else {
        return Ok(false);
    };
    let id = EntraAppId {
        tenant_id,
        client_id,
    };
    winroll_secrets::store_client_secret(id, &ClientSecret::new(secret)).map_err(|e| e.info())?;
    Ok(true)
}

/// Writes the form as a template file with `$schema`; answers the path, or `None` if cancelled.
#[tauri::command]
pub async fn export_template(app: AppHandle, template: Value) -> Result<Option<String>, ErrorInfo> {
    blocking(move || {
        let name = template
            .get("name")
            .and_then(Value::as_str)
            .filter(|n| !n.trim().is_empty())
            .unwrap_or("template");
        let suggested = format!("{}.json", name.replace(['/', '\\', ':'], "-"));
        let Some(path) = choose_file(&app, Dialog::Save { suggested }) else {
            return Ok(None);
        };
        let mut file = serde_json::Map::new();
        file.insert("$schema".into(), SCHEMA_ID.into());
        if let Value::Object(fields) = template {
            // The client secret never leaves the keyring, whatever the form sent.
            file.extend(fields.into_iter().map(|(k, mut v)| {
                if let Some(app) = v.pointer_mut("/mobilityApp").and_then(Value::as_object_mut) {
                    app.remove("clientSecret");
                }
                (k, v)
            }));
        }
        let mut text = serde_json::to_string_pretty(&Value::Object(file)).unwrap_or_default();
        text.push('\n');
        winroll_store::write_private(&path, text.as_bytes()).map_err(|e| e.info())?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_without_a_secret_is_left_alone() {
        let mut value = serde_json::json!({ "name": "x", "entraId": { "mobilityApp": { "tenantId": "t", "clientId": "c" } } });
        let before = value.clone();
        assert!(!move_secret_to_keyring(&mut value).unwrap());
        assert_eq!(value, before);
    }
}
