//! Where the UI asks to send: the built-in sandbox, or a saved profile.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use winroll_core::{ApiToken, Connection, ErrorInfo};
use winroll_secrets::{ProfileStore, Vault};

use crate::state::AppState;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum Target {
    /// The in-process sandbox, in one of its organizations.
    #[serde(rename_all = "camelCase")]
    Sandbox { organization_id: String },
    /// A profile; its token comes from the keyring.
    Profile { name: String },
}

impl Target {
    /// How the history names where a template went.
    pub fn label(&self) -> String {
        match self {
            Target::Sandbox { .. } => "sandbox".into(),
            Target::Profile { name } => name.clone(),
        }
    }

    pub async fn connection(&self, state: &AppState) -> Result<Connection, ErrorInfo> {
        match self {
            Target::Sandbox { organization_id } => {
                let base_url = crate::commands::ensure_sandbox(state).await?.base_url;
                Connection::new(
                    &base_url,
                    organization_id,
                    ApiToken::new(&state.sandbox_token),
                )
                .map_err(|e| e.info())
            }
            Target::Profile { name } => {
                let name = name.clone();
                // Keyring calls block (D-Bus round trips): keep them off the async workers.
                let (profile, token) = tauri::async_runtime::spawn_blocking(move || {
                    let profile = ProfileStore::default_location()
                        .and_then(|s| s.get(&name))
                        .map_err(|e| e.info())?;
                    let token = Vault::open()
                        .and_then(|v| v.token(&name))
                        .map_err(|e| e.info())?;
                    Ok::<_, ErrorInfo>((profile, token))
                })
                .await
                .map_err(|e| crate::commands::internal(&e))??;
                let token = token.ok_or_else(|| {
                    ErrorInfo::new(
                        "config.missing_token",
                        format!("no API token is stored for profile {:?}", profile.name),
                        Some("Remove the profile and add it again with its token.".into()),
                    )
                })?;
                Connection::new(&profile.base_url, &profile.organization_id, token)
                    .map_err(|e| e.info())
            }
        }
    }
}
