//! The built-in sandbox inside this process: started on first use, on a loopback port, with a
//! token nobody has to see. It lets a new user try the whole flow without an account.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use winroll_core::ErrorCode;
use winroll_sandbox::{BASIC_PLAN_ORG, DEMO_ORG, DEMO_ORG_HEX, QUIRKS_ORG, Sandbox, SandboxConfig};

use crate::{AppError, Winroll};

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

impl Winroll {
    /// Starts the in-process sandbox if it is not running yet.
    pub async fn sandbox(&self) -> Result<SandboxInfo, AppError> {
        let mut slot = self.inner.sandbox.lock().await;
        if slot.is_none() {
            let config = SandboxConfig {
                port: 0,
                token: self.inner.sandbox_token.clone(),
            };
            let sandbox = Sandbox::start(config).await.map_err(|e| {
                AppError::usage(
                    ErrorCode::SandboxStart,
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
                org(
                    QUIRKS_ORG,
                    "Answers as the vendor's page shows (numbers as text, odd timestamps)",
                ),
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

    pub(crate) fn sandbox_token(&self) -> &str {
        &self.inner.sandbox_token
    }
}
