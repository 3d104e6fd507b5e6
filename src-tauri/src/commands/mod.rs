//! The commands the web view may call. Each is a few lines over the crates: parse what the UI
//! sent, call the crate, answer with data or a typed `{code, message, hint}` error.

mod files;
mod history;
mod profiles;
mod secrets;
mod templates;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use ts_rs::TS;
use winroll_core::ErrorInfo;
use winroll_sandbox::{BASIC_PLAN_ORG, DEMO_ORG, DEMO_ORG_HEX, Sandbox, SandboxConfig};

pub use files::*;
pub use history::*;
pub use profiles::*;
pub use secrets::*;
pub use templates::*;

use crate::state::AppState;

/// Whether a client secret is in the keyring: all the UI ever learns about one.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SecretStatus {
    pub has_secret: bool,
}

/// The running sandbox, as the UI offers it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SandboxInfo {
    pub base_url: String,
    pub organizations: Vec<SandboxOrganization>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SandboxOrganization {
    pub id: String,
    pub label: String,
}

/// What a copy did: a sensitive value is cleared after this many seconds.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct CopyReceipt {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clears_after_secs: Option<u32>,
}

/// A failure of the shell itself (a task that panicked); not expected, still never a crash.
pub fn internal(e: &dyn std::fmt::Display) -> ErrorInfo {
    ErrorInfo::new(
        "app.internal",
        format!("Winroll failed internally: {e}"),
        Some("Try again; if it keeps happening, restart Winroll.".into()),
    )
}

/// Runs blocking work (keyring D-Bus calls, file writes) off the async workers.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ErrorInfo> + Send + 'static,
) -> Result<T, ErrorInfo> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| internal(&e))?
}

pub async fn ensure_sandbox(state: &AppState) -> Result<SandboxInfo, ErrorInfo> {
    let mut slot = state.sandbox.lock().await;
    if slot.is_none() {
        let config = SandboxConfig {
            port: 0,
            token: state.sandbox_token.clone(),
        };
        let sandbox = Sandbox::start(config).await.map_err(|e| {
            ErrorInfo::new(
                "sandbox.start",
                format!("the sandbox could not start: {e}"),
                None,
            )
        })?;
        *slot = Some(sandbox);
    }
    let base_url = slot.as_ref().map(Sandbox::base_url).unwrap_or_default();
    let org = |id: &str, label: &str| SandboxOrganization {
        id: id.into(),
        label: label.into(),
    };
    Ok(SandboxInfo {
        base_url,
        organizations: vec![
            org(DEMO_ORG, "Demo organization"),
            org(DEMO_ORG_HEX, "Demo organization (24-hex id)"),
            org(BASIC_PLAN_ORG, "Plan without the feature (answers 5050)"),
            org("no-such-org", "Unknown organization (answers 3001)"),
            org(
                "fault-delay-40000",
                "Slow server: answers after 40 s (the create still happens)",
            ),
            org("fault-502-html", "Proxy error page (HTTP 502)"),
        ],
    })
}

#[tauri::command]
pub async fn start_sandbox(state: State<'_, AppState>) -> Result<SandboxInfo, ErrorInfo> {
    ensure_sandbox(&state).await
}

#[tauri::command]
pub async fn copy_text(
    app: AppHandle,
    text: String,
    sensitive: bool,
) -> Result<CopyReceipt, ErrorInfo> {
    crate::clipboard::copy(&app, text, sensitive).map_err(|detail| {
        ErrorInfo::new(
            "clipboard.failed",
            format!("could not copy: {detail}"),
            Some("Select the text and copy it by hand.".into()),
        )
    })?;
    let clears_after_secs = sensitive.then_some(crate::clipboard::CLEAR_AFTER.as_secs() as u32);
    Ok(CopyReceipt { clears_after_secs })
}

/// The UI calls this once the editor can be used: the mark the start-up benchmark waits for.
#[tauri::command]
pub fn editor_ready(state: State<'_, AppState>) {
    if std::env::var_os("WINROLL_PRINT_READY").is_some() {
        println!(
            "winroll: editor ready after {} ms",
            state.started.elapsed().as_millis()
        );
    }
}
