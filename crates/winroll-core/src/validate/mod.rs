//! The one validator. The CLI, the desktop UI (through a Tauri command), the sandbox server and the
//! tests all call [`validate_value`] (or [`parse_template`] for text), so a template accepted in one
//! place is accepted everywhere. It reports every problem at once, each at a path such as
//! `rules[0].winPolicyAssignments[1].priority`.

mod describe;
mod path;
mod stream;
mod suggest;
mod walker;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::model::EnrollmentTemplate;

/// One problem at one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Problem {
    /// Where: `name`, `rules[0].winPolicyAssignments[1].priority`, or `(root)`.
    pub path: String,
    /// What is wrong, in words an admin understands.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// The verdict on a whole template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ValidationReport {
    pub valid: bool,
    pub errors: Vec<Problem>,
}

/// Where the Entra ID client secret will come from (Rust only: the UI never chooses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SecretSource {
    /// The template itself must carry it: what the API (and the sandbox) receives.
    #[default]
    InTemplate,
    /// Winroll fills it in from the keyring just before sending, so the template may omit it.
    Keyring,
}

/// Checks a template given as JSON: its shape, every type and every constraint of the contract.
pub fn validate_value(value: &Value, secrets: SecretSource) -> ValidationReport {
    let errors = walker::walk_template(value, secrets);
    ValidationReport {
        valid: errors.is_empty(),
        errors,
    }
}

/// Checks a typed template (one built in code rather than read from a file).
pub fn validate_template(template: &EnrollmentTemplate, secrets: SecretSource) -> ValidationReport {
    let mut value = serde_json::to_value(template).unwrap_or(Value::Null);
    // The secret never serialises; put it back for the length check. This value lives only
    // for the call, and no message quotes a secret.
    if let Some(secret) = template
        .mobility_app()
        .and_then(|app| app.client_secret.as_ref())
    {
        value["entraId"]["mobilityApp"]["clientSecret"] = secret.expose().into();
    }
    validate_value(&value, secrets)
}

/// Checks a template file's text without building the typed template: malformed JSON names its
/// line and column, and every problem the validator finds is returned. Reads the text rule by
/// rule, so a large file costs little more than its own size.
pub fn check_template_text(text: &str, secrets: SecretSource) -> Result<(), Vec<Problem>> {
    let problems = stream::problems_in_text(text, secrets).map_err(|p| vec![p])?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Reads a template file's text: malformed JSON names its line and column; anything the
/// validator finds is returned whole; a valid template comes back typed.
pub fn parse_template(
    text: &str,
    secrets: SecretSource,
) -> Result<EnrollmentTemplate, Vec<Problem>> {
    check_template_text(text, secrets)?;
    // The typed template straight from the text; a JSON object that repeats a key (which the
    // validator reads as the last one, as JSON does) goes through the tree instead.
    if let Ok(template) = serde_json::from_str(text) {
        return Ok(template);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| vec![describe::syntax_error(&e)])?;
    serde_json::from_value(value).map_err(|e| {
        // The walker accepted it, so this is a bug in one of the two, not the user's fault.
        vec![Problem {
            path: "(root)".into(),
            message: format!("internal error reading the template: {e}"),
        }]
    })
}

#[cfg(test)]
mod tests;
