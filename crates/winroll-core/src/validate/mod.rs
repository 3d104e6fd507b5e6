//! The one validator. The CLI, the desktop UI (through a Tauri command), the sandbox server and the
//! tests all call [`validate_value`] (or [`parse_template`] for text), so a template accepted in one
//! place is accepted everywhere. It reports every problem at once, each at a path such as
//! `rules[0].winPolicyAssignments[1].priority`.

mod describe;
mod path;
mod stream;
mod suggest;
mod walker;

pub use walker::{KNOWN_LOGIN_PROVIDERS, SERVER_FIELDS, known_fields};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

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

/// The verdict on a whole template: `errors` are what the vendor's page says is invalid (nothing
/// is sent while there are any); `warnings` are allowed but probably a mistake (never blocking).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ValidationReport {
    pub valid: bool,
    pub errors: Vec<Problem>,
    #[serde(default)]
    pub warnings: Vec<Problem>,
}

impl ValidationReport {
    fn of(found: walker::Findings) -> Self {
        Self {
            valid: found.errors.is_empty(),
            errors: found.errors,
            warnings: found.warnings,
        }
    }
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
    ValidationReport::of(walker::walk_template(value, secrets))
}

/// Checks a template file's text without building the typed template: malformed JSON is one
/// error naming its line and column; otherwise every error and warning the validator finds.
/// Reads the text rule by rule, so a large file costs little more than its own size.
pub fn check_template_text(text: &str, secrets: SecretSource) -> ValidationReport {
    match stream::problems_in_text(text, secrets) {
        Ok(found) => ValidationReport::of(found),
        Err(syntax) => ValidationReport {
            valid: false,
            errors: vec![syntax],
            warnings: Vec::new(),
        },
    }
}

#[cfg(test)]
mod tests;

/// `ui/src/bindings/contract.ts`: the field names Winroll models, by object, the providers the
/// page shows and the fields only the server sets, for the window's editor (which keeps every
/// other field as the server has it). `tests/run-all.sh` fails when the committed file differs.
#[cfg(test)]
mod export {
    #[test]
    fn export_bindings_contract() {
        let mut out = String::from(
            "// Generated from crates/winroll-core/src/validate/walker.rs by `cargo test` (export_bindings_contract); do not edit.\n\n",
        );
        out.push_str("/** The fields Winroll models, by the object that holds them. */\nexport const CONTRACT_FIELDS = {\n");
        for (object, fields) in super::known_fields() {
            let list: Vec<String> = fields.iter().map(|f| format!("{f:?}")).collect();
            out.push_str(&format!("  {object}: [{}],\n", list.join(", ")));
        }
        out.push_str("} as const;\n\n");
        let quoted = |list: &[&str]| {
            list.iter()
                .map(|f| format!("{f:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push_str(&format!(
            "/** The login providers the vendor's page shows; others are sent as given. */\nexport const KNOWN_LOGIN_PROVIDERS = [{}] as const;\n\n",
            quoted(super::KNOWN_LOGIN_PROVIDERS)
        ));
        out.push_str(&format!(
            "/** Fields of a template only the server sets: never sent. */\nexport const SERVER_FIELDS = [{}] as const;\n",
            quoted(super::SERVER_FIELDS)
        ));
        let dir =
            std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|_| "../../ui/src/bindings".into());
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(dir)
            .join("contract.ts");
        std::fs::write(path, out).unwrap();
    }
}
