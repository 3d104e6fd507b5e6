//! Validate, create, find and list templates.

use serde_json::Value;
use tauri::State;
use winroll_core::{
    CreateOutcome, EnrollmentTemplate, ErrorInfo, ListQuery, RequestSnippets, SecretSource,
    TemplatePage, ValidationReport, validate_template as validate_typed, validate_value,
};

use super::blocking;
use crate::state::AppState;
use crate::target::Target;

/// The form as the UI holds it; the client secret is never part of it (it lives in the keyring).
#[tauri::command]
pub fn validate_template(template: Value) -> ValidationReport {
    validate_value(&template, SecretSource::Keyring)
}

#[tauri::command]
pub async fn create_template(
    state: State<'_, AppState>,
    target: Target,
    template: Value,
) -> Result<CreateOutcome, ErrorInfo> {
    let template = typed(template)?;
    let conn = target.connection(&state).await?;
    let template = blocking(move || {
        let mut template = template;
        winroll_secrets::fill_client_secret(&mut template, None).map_err(|e| e.info())?;
        Ok(template)
    })
    .await?;
    let report = validate_typed(&template, SecretSource::InTemplate);
    if !report.valid {
        return Err(invalid(&report));
    }
    let created = state
        .client
        .create(&conn, &template)
        .await
        .map_err(|e| e.info())?;
    let outcome = CreateOutcome::new(created);
    super::history::record(target.label(), conn.organization().to_string(), &outcome).await;
    Ok(outcome)
}

/// The create call for this template as curl and PowerShell, credentials as placeholders.
#[tauri::command]
pub async fn request_snippets(
    state: State<'_, AppState>,
    target: Target,
    template: Value,
) -> Result<RequestSnippets, ErrorInfo> {
    let template = typed(template)?;
    let conn = target.connection(&state).await?;
    Ok(winroll_core::request_snippets(&conn, &template))
}

/// After an uncertain create: is there now a template with exactly this name?
#[tauri::command]
pub async fn find_template(
    state: State<'_, AppState>,
    target: Target,
    name: String,
) -> Result<Option<CreateOutcome>, ErrorInfo> {
    let conn = target.connection(&state).await?;
    let found = state
        .client
        .find_by_name(&conn, &name)
        .await
        .map_err(|e| e.info())?;
    Ok(found.map(CreateOutcome::new))
}

#[tauri::command]
pub async fn list_templates(
    state: State<'_, AppState>,
    target: Target,
    query: ListQuery,
) -> Result<TemplatePage, ErrorInfo> {
    let conn = target.connection(&state).await?;
    state.client.list(&conn, &query).await.map_err(|e| e.info())
}

fn typed(value: Value) -> Result<EnrollmentTemplate, ErrorInfo> {
    let report = validate_value(&value, SecretSource::Keyring);
    if !report.valid {
        return Err(invalid(&report));
    }
    serde_json::from_value(value).map_err(|e| super::internal(&e))
}

fn invalid(report: &ValidationReport) -> ErrorInfo {
    let first = report
        .errors
        .first()
        .map(ToString::to_string)
        .unwrap_or_default();
    ErrorInfo::new(
        "input.invalid",
        format!(
            "the template has {} problem(s); nothing was sent. First: {first}",
            report.errors.len()
        ),
        Some("Fix the fields marked in the form.".into()),
    )
}
