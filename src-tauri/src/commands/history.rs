//! What this desktop created, and copying from it: the enrollment token is read from the keyring
//! in Rust and goes straight to the clipboard, never through the window.

use serde::{Deserialize, Serialize};
use tauri::AppHandle;
use ts_rs::TS;
use winroll_core::{CreateOutcome, ErrorInfo, enrollment_link};
use winroll_secrets::Vault;
use winroll_store::{HistoryEntry, HistoryStore};

use super::{CopyReceipt, blocking, copy_text};

/// Which value of a history entry to copy.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum HistoryValue {
    ServerUrl,
    Token,
    Link,
}

fn history_store() -> Result<HistoryStore, ErrorInfo> {
    winroll_store::data_dir()
        .map(|dir| HistoryStore::in_dir(&dir))
        .map_err(|e| e.info())
}

/// Records a create: the entry on disk, the enrollment token in the keyring. A failure here must
/// not turn a successful create into an error, so it is only reported on stderr.
pub async fn record(target: String, organization_id: String, outcome: &CreateOutcome) {
    let t = &outcome.template;
    let (Some(template_id), Some(name)) = (t.id.clone(), t.name.clone()) else {
        return;
    };
    let token = t
        .win_enrollment_token
        .as_ref()
        .and_then(|k| k.token.clone());
    let server_url = t
        .win_enrollment_token
        .as_ref()
        .and_then(|k| k.server_url.clone());
    let created_at = t.created_at.clone().unwrap_or_else(|| {
        humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
    });
    let result = blocking(move || {
        let has_token = match token {
            Some(token) => Vault::open()
                .and_then(|v| v.set_enrollment_token(&template_id, &token))
                .is_ok(),
            None => false,
        };
        let entry = HistoryEntry {
            target,
            organization_id,
            template_id,
            name,
            server_url,
            created_at,
            has_token,
        };
        history_store()?.record(entry).map_err(|e| e.info())
    })
    .await;
    if let Err(e) = result {
        eprintln!(
            "winroll: could not record the template in the history: {}",
            e.message
        );
    }
}

#[tauri::command]
pub async fn list_history() -> Result<Vec<HistoryEntry>, ErrorInfo> {
    blocking(|| history_store()?.list().map_err(|e| e.info())).await
}

#[tauri::command]
pub async fn copy_from_history(
    app: AppHandle,
    template_id: String,
    value: HistoryValue,
) -> Result<CopyReceipt, ErrorInfo> {
    let (text, sensitive) = blocking(move || {
        let missing = |what: &str| {
            ErrorInfo::new(
                "history.missing",
                format!("the {what} of this template is not available"),
                None,
            )
        };
        let entry = history_store()?
            .find(&template_id)
            .map_err(|e| e.info())?
            .ok_or_else(|| missing("entry"))?;
        let server_url = entry
            .server_url
            .clone()
            .ok_or_else(|| missing("server URL"))?;
        if let HistoryValue::ServerUrl = value {
            return Ok((server_url, false));
        }
        let token = Vault::open()
            .and_then(|v| v.enrollment_token(&template_id))
            .map_err(|e| e.info())?
            .ok_or_else(|| missing("enrollment token"))?;
        Ok(match value {
            HistoryValue::Token => (token, true),
            _ => (enrollment_link(&server_url, &token), true),
        })
    })
    .await?;
    copy_text(app, text, sensitive).await
}
