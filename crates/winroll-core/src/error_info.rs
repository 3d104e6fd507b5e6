//! The shape every error takes when it crosses to the UI or a `--json` caller.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// `{code, message, hint}`: the UI switches on `code`, shows `message`, and offers `hint`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct ErrorInfo {
    /// Stable, e.g. `api.unauthorized`, `network.timeout_after_send`.
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// True when the request may have reached the server: check before retrying.
    #[serde(default)]
    pub uncertain: bool,
    /// Seconds to wait, from a 429's Retry-After.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u32>,
}

impl ErrorInfo {
    /// An error whose request certainly did not go through, with no Retry-After: all but the
    /// client's own errors (`ApiError::info`) are of this kind.
    pub fn new(code: impl Into<String>, message: impl Into<String>, hint: Option<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            hint,
            uncertain: false,
            retry_after_secs: None,
        }
    }
}
