//! What this computer created, and copying from it: entries in the history file, enrollment
//! tokens in the keyring. Values to copy are read here and go to the clipboard from the front
//! end's Rust side, never through the web view.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use winroll_core::{CreateOutcome, ErrorCode, enrollment_link};
use winroll_files::HistoryEntry;
use winroll_keyring::Vault;

use crate::create::Prepared;
use crate::{AppError, Target, Winroll};

/// Which value of a history entry to copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum HistoryValue {
    ServerUrl,
    Token,
    Link,
}

/// A value to copy, and whether it is a credential (cleared from the clipboard after a while).
#[derive(Clone)]
pub struct CopyValue {
    pub text: String,
    pub sensitive: bool,
}

impl std::fmt::Debug for CopyValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CopyValue")
            .field("text", &"<redacted>")
            .field("sensitive", &self.sensitive)
            .finish()
    }
}

impl Winroll {
    /// Records a create. A failure here must not turn a successful create into an error, so it
    /// goes to the log (a windowed build has no terminal to print to).
    pub(crate) async fn record_in_history(&self, prepared: &Prepared, outcome: &CreateOutcome) {
        let t = &outcome.template;
        let (Some(template_id), Some(name)) = (t.id.clone(), t.name.clone()) else {
            return;
        };
        let token = t.win_enrollment_token.as_ref();
        let enrollment_token = token.and_then(|k| k.token.clone());
        let entry = HistoryEntry {
            target: prepared.target.clone(),
            organization_id: prepared.conn.organization().to_string(),
            template_id,
            name,
            server_url: token.and_then(|k| k.server_url.clone()),
            created_at: t.created_at.clone().unwrap_or_else(crate::now),
            has_token: false,
        };
        let result = self
            .blocking(move |winroll| winroll.record_blocking(entry, enrollment_token))
            .await;
        if let Err(e) = result {
            tracing::warn!(code = %e.info().code, "could not record the template in the history: {e}");
        }
    }

    pub(crate) fn record_blocking(
        &self,
        mut entry: HistoryEntry,
        enrollment_token: Option<String>,
    ) -> Result<(), AppError> {
        entry.has_token = match enrollment_token {
            Some(token) => Vault::open()
                .and_then(|v| v.set_enrollment_token(&entry.target, &entry.template_id, &token))
                .is_ok(),
            None => false,
        };
        let dropped = self.dirs().history().record(entry)?;
        // An entry that fell out of the history takes its enrollment token out of the keyring.
        if let Some(vault) = dropped
            .iter()
            .any(|e| e.has_token)
            .then(Vault::open)
            .transpose()?
        {
            for gone in dropped.iter().filter(|e| e.has_token) {
                vault.delete_enrollment_token(&gone.target, &gone.template_id)?;
            }
        }
        Ok(())
    }

    pub fn list_history(&self) -> Result<Vec<HistoryEntry>, AppError> {
        Ok(self.dirs().history().list()?)
    }

    /// The server URL, enrollment token or link of a template in the history, created in `target`.
    pub fn history_value(
        &self,
        target: &Target,
        template_id: &str,
        value: HistoryValue,
    ) -> Result<CopyValue, AppError> {
        let missing = |what: &str| {
            AppError::usage(
                ErrorCode::HistoryMissing,
                format!("the {what} of this template is not available"),
                None,
            )
        };
        let entry = self
            .dirs()
            .history()
            .find(target, template_id)?
            .ok_or_else(|| missing("entry"))?;
        let server_url = entry.server_url.ok_or_else(|| missing("server URL"))?;
        if value == HistoryValue::ServerUrl {
            return Ok(CopyValue {
                text: server_url,
                sensitive: false,
            });
        }
        let token = Vault::open()?
            .enrollment_token(target, template_id)?
            .ok_or_else(|| missing("enrollment token"))?;
        let text = match value {
            HistoryValue::Token => token,
            _ => enrollment_link(&server_url, &token),
        };
        Ok(CopyValue {
            text,
            sensitive: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::winroll;

    fn sandbox() -> Target {
        Target::Sandbox {
            organization_id: "winroll-demo".into(),
        }
    }

    fn entry(id: &str) -> HistoryEntry {
        HistoryEntry {
            target: sandbox(),
            organization_id: "winroll-demo".into(),
            template_id: id.into(),
            name: format!("T {id}"),
            server_url: Some("https://mdm.example/enroll".into()),
            created_at: "2026-11-29T10:00:00Z".into(),
            has_token: false,
        }
    }

    #[test]
    fn an_entry_that_falls_out_takes_its_token_out_of_the_keyring() {
        let (_dir, winroll) = winroll();
        let first = "unit-history-first";
        winroll
            .record_blocking(entry(first), Some("enroll_first".into()))
            .unwrap();
        let vault = Vault::open().unwrap();
        assert_eq!(
            vault
                .enrollment_token(&sandbox(), first)
                .unwrap()
                .as_deref(),
            Some("enroll_first")
        );
        let copied = winroll
            .history_value(&sandbox(), first, HistoryValue::Link)
            .unwrap();
        let elsewhere = Target::Profile {
            name: "sandbox".into(),
        };
        assert!(
            winroll
                .history_value(&elsewhere, first, HistoryValue::Link)
                .is_err(),
            "the same id in another target is another template"
        );
        assert!(copied.sensitive && copied.text.ends_with("accesstoken=enroll_first"));
        for i in 0..5 {
            winroll
                .record_blocking(entry(&format!("unit-history-{i}")), None)
                .unwrap();
        }
        assert!(
            winroll
                .list_history()
                .unwrap()
                .iter()
                .all(|e| e.template_id != first)
        );
        assert_eq!(vault.enrollment_token(&sandbox(), first).unwrap(), None);
    }
}
