//! What each desktop command does: parse what the UI sent, call the use case in `winroll-app`,
//! answer. The Tauri wrappers, the handler and the TypeScript map are generated from
//! `src/command_list.rs` (see `declare.rs`). Blocking work (keyring, files, dialogs) runs on the
//! blocking pool through [`blocking`].

mod declare;
#[cfg(feature = "test-hooks")]
mod test_hooks;
#[cfg(test)]
mod typescript;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tauri::{AppHandle, Manager};
use ts_rs::TS;
use winroll_app::{
    AppError, CreateOptions, HistoryValue, ImportResult, LinksFormat, PersonLink, ProfileList,
    ProfileView, SandboxInfo, SecretStatus, Target, Winroll,
};
use winroll_core::{
    ApiToken, ClientSecret, CreateOutcome, CreatedTemplate, EnrollmentTemplate, ListQuery,
    RequestSnippets, SecretSource, TemplatePage, ValidationReport, validate_value,
};
use winroll_files::{Draft, EntraAppId, HistoryEntry};

#[cfg(test)]
use declare::typescript;
pub use declare::{PRODUCT_COMMANDS, TEST_HOOK_COMMANDS, handler};

use crate::dialogs::{Dialog, choose_file};

/// Any JSON the UI sends as is (the form may hold wrong types on purpose, for the validator to
/// name): `unknown` in TypeScript.
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
pub struct Json(pub Value);

impl TS for Json {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "unknown".into()
    }
    fn inline(cfg: &ts_rs::Config) -> String {
        Self::name(cfg)
    }
}

/// What a copy did: a sensitive value is cleared after this many seconds.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct CopyReceipt {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clears_after_secs: Option<u32>,
}

fn winroll(app: &AppHandle) -> Winroll {
    app.state::<Winroll>().inner().clone()
}

/// Runs blocking work (keyring D-Bus calls, file writes, dialogs) off the async workers.
async fn blocking<T: Send + 'static>(
    app: &AppHandle,
    work: impl FnOnce(&Winroll) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let winroll = winroll(app);
    tauri::async_runtime::spawn_blocking(move || work(&winroll))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
}

/// The form, checked: only a valid template is ever turned into the typed one.
fn typed(template: Json) -> Result<EnrollmentTemplate, AppError> {
    let report = validate_value(&template.0, SecretSource::Keyring);
    if !report.valid {
        return Err(AppError::Invalid(report.errors));
    }
    serde_json::from_value(template.0).map_err(|e| AppError::Internal(e.to_string()))
}

fn entra(tenant_id: String, client_id: String) -> EntraAppId {
    EntraAppId {
        tenant_id,
        client_id,
    }
}

pub async fn validate_template(
    _: &AppHandle,
    template: Json,
) -> Result<ValidationReport, AppError> {
    Ok(validate_value(&template.0, SecretSource::Keyring))
}

pub async fn create_template(
    app: &AppHandle,
    target: Target,
    template: Json,
) -> Result<CreateOutcome, AppError> {
    let options = CreateOptions {
        record_history: true,
    };
    winroll(app)
        .create(&target, typed(template)?, options)
        .await
}

/// Saves the form over template `id`. `original` is the template as the list gave it: the
/// fields Winroll does not know go back unchanged.
pub async fn update_template(
    app: &AppHandle,
    target: Target,
    id: String,
    template: Json,
    original: Json,
) -> Result<CreateOutcome, AppError> {
    let keep = serde_json::from_value::<CreatedTemplate>(original.0)
        .map(|listed| listed.unknown)
        .unwrap_or_default();
    winroll(app)
        .update(&target, &id, typed(template)?, keep)
        .await
}

/// A link per person of `people` (pasted addresses, or a CSV with an email or upn column).
pub async fn person_links(
    app: &AppHandle,
    target: Target,
    template_name: String,
    people: String,
) -> Result<Vec<PersonLink>, AppError> {
    winroll(app)
        .person_links(&target, &template_name, &people)
        .await
}

/// Saves links as CSV or the onboarding sheet where the user chooses; `None` if cancelled.
pub async fn save_links(
    app: &AppHandle,
    template_name: String,
    links: Vec<PersonLink>,
    format: LinksFormat,
) -> Result<Option<String>, AppError> {
    let extension = match format {
        LinksFormat::Csv => "csv",
        LinksFormat::Html => "html",
    };
    let stem = format!("{template_name} links");
    save_as(app, &stem, extension, move |w, path| {
        w.save_links(path, &template_name, &links, format)
    })
    .await
}

/// Asks where to save (the native dialog, in Rust), offering `stem.extension` with the
/// characters a file name cannot hold replaced, and writes there; answers the path, or `None`
/// when the user cancelled.
async fn save_as(
    app: &AppHandle,
    stem: &str,
    extension: &'static str,
    write: impl FnOnce(&Winroll, &std::path::Path) -> Result<(), AppError> + Send + 'static,
) -> Result<Option<String>, AppError> {
    let suggested = format!("{}.{extension}", stem.replace(['/', '\\', ':'], "-"));
    let handle = app.clone();
    blocking(app, move |w| {
        let dialog = Dialog::Save {
            suggested,
            extension,
        };
        let Some(path) = choose_file(&handle, dialog) else {
            return Ok(None);
        };
        write(w, &path)?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

pub async fn find_template(
    app: &AppHandle,
    target: Target,
    name: String,
) -> Result<Option<CreateOutcome>, AppError> {
    winroll(app).find_template(&target, &name).await
}

pub async fn list_templates(
    app: &AppHandle,
    target: Target,
    query: ListQuery,
) -> Result<TemplatePage, AppError> {
    // The window never needs a template's enrollment token from a list (a credential).
    winroll(app).list_templates(&target, &query, false).await
}

pub async fn request_snippets(
    app: &AppHandle,
    target: Target,
    template: Json,
) -> Result<RequestSnippets, AppError> {
    winroll(app)
        .request_snippets(&target, &typed(template)?)
        .await
}

pub async fn start_sandbox(app: &AppHandle) -> Result<SandboxInfo, AppError> {
    winroll(app).sandbox().await
}

pub async fn list_profiles(app: &AppHandle) -> Result<ProfileList, AppError> {
    blocking(app, Winroll::list_profiles).await
}

pub async fn add_profile(
    app: &AppHandle,
    name: String,
    base_url: String,
    organization_id: String,
    token: String,
) -> Result<ProfileView, AppError> {
    let token = ApiToken::new(token.trim());
    blocking(app, move |w| {
        w.add_profile(&name, &base_url, &organization_id, &token)
    })
    .await
}

pub async fn remove_profile(app: &AppHandle, name: String) -> Result<(), AppError> {
    blocking(app, move |w| w.remove_profile(&name)).await
}

pub async fn client_secret_status(
    app: &AppHandle,
    tenant_id: String,
    client_id: String,
) -> Result<SecretStatus, AppError> {
    blocking(app, move |w| {
        w.client_secret_status(&entra(tenant_id, client_id))
    })
    .await
}

pub async fn store_client_secret(
    app: &AppHandle,
    tenant_id: String,
    client_id: String,
    secret: String,
    replace: bool,
) -> Result<SecretStatus, AppError> {
    let secret = ClientSecret::new(secret.trim());
    let id = entra(tenant_id, client_id);
    blocking(app, move |w| w.store_client_secret(id, &secret, replace)).await
}

pub async fn remove_client_secret(
    app: &AppHandle,
    tenant_id: String,
    client_id: String,
) -> Result<SecretStatus, AppError> {
    let id = entra(tenant_id, client_id);
    blocking(app, move |w| w.remove_client_secret(&id)).await?;
    Ok(SecretStatus { has_secret: false })
}

pub async fn copy_text(
    app: &AppHandle,
    text: String,
    sensitive: bool,
) -> Result<CopyReceipt, AppError> {
    crate::clipboard::copy(app, text, sensitive)
}

pub async fn save_draft(app: &AppHandle, form: Json) -> Result<(), AppError> {
    blocking(app, move |w| w.save_draft(form.0)).await
}

pub async fn load_draft(app: &AppHandle) -> Result<Option<Draft>, AppError> {
    blocking(app, |w| Ok(w.load_draft())).await
}

pub async fn clear_draft(app: &AppHandle) -> Result<(), AppError> {
    blocking(app, Winroll::clear_draft).await
}

/// Opens the file dialog (in Rust) and reads the chosen file; `None` when cancelled.
pub async fn import_template(app: &AppHandle) -> Result<Option<ImportResult>, AppError> {
    let handle = app.clone();
    blocking(app, move |w| match choose_file(&handle, Dialog::Open) {
        Some(path) => w.import_template(&path).map(Some),
        None => Ok(None),
    })
    .await
}

/// Writes the form as a template file; answers the path, or `None` if cancelled.
pub async fn export_template(app: &AppHandle, template: Json) -> Result<Option<String>, AppError> {
    let name = template
        .0
        .get("name")
        .and_then(Value::as_str)
        .filter(|n| !n.trim().is_empty())
        .unwrap_or("template");
    let stem = name.to_owned();
    save_as(app, &stem, "json", move |w, path| {
        w.export_template(path, template.0)
    })
    .await
}

pub async fn list_history(app: &AppHandle) -> Result<Vec<HistoryEntry>, AppError> {
    blocking(app, Winroll::list_history).await
}

/// The token is read from the keyring and copied here; it never goes through the window.
pub async fn copy_from_history(
    app: &AppHandle,
    template_id: String,
    value: HistoryValue,
) -> Result<CopyReceipt, AppError> {
    let copy = blocking(app, move |w| w.history_value(&template_id, value)).await?;
    crate::clipboard::copy(app, copy.text, copy.sensitive)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `ui/src/bindings/commands.ts`; `tests/run-all.sh` fails when the committed file differs.
    #[test]
    fn export_bindings_commands() {
        let dir = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|_| "../ui/src/bindings".into());
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .join(dir)
            .join("commands.ts");
        std::fs::write(&path, typescript()).unwrap();
    }

    /// The capability grants exactly the declared commands (and the clipboard), nothing else.
    #[test]
    fn the_capability_grants_exactly_the_declared_commands() {
        let read = |file: &str| -> serde_json::Value {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
        };
        let permissions = |capability: &serde_json::Value| -> Vec<String> {
            let mut list: Vec<String> = capability["permissions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap().to_owned())
                .collect();
            list.sort();
            list
        };
        let allow = |names: &[&str]| -> Vec<String> {
            let mut list: Vec<String> = names
                .iter()
                .map(|n| format!("allow-{}", n.replace('_', "-")))
                .collect();
            list.sort();
            list
        };
        let mut expected = allow(PRODUCT_COMMANDS);
        expected.push("clipboard-manager:allow-write-text".into());
        expected.sort();
        assert_eq!(permissions(&read("capabilities/default.json")), expected);
        let hooks = read("tauri.test-hooks.conf.json");
        let granted = &hooks["app"]["security"]["capabilities"];
        let hook_capability = granted
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c.is_object())
            .expect("an inline test-hooks capability");
        assert_eq!(permissions(hook_capability), allow(TEST_HOOK_COMMANDS));
    }
}
