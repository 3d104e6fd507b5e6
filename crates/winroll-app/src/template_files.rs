//! Templates as files, and the editor's draft. Import accepts a file that carries the client
//! secret: the secret moves into the keyring (never replacing a different stored one) and never
//! comes back with the template. Export writes `$schema` and never the secret.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;
use winroll_core::{
    ClientSecret, ErrorCode, SecretSource, ValidationReport, schema::SCHEMA_ID, validate_value,
};
use winroll_files::{Draft, EntraAppId, write_private};

use crate::{AppError, Target, Winroll};

/// What became of a client secret found in an imported file. It never stays in the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ImportedSecret {
    /// The file carried none.
    None,
    /// It is now in the keyring.
    Stored,
    /// A different secret was already stored for the same ids; that one was kept.
    KeptStored,
    /// The file's ids are missing or invalid, so there was nowhere to store it; it was dropped.
    Dropped,
}

/// A template read from a file, ready for the editor.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportResult {
    pub file_name: String,
    /// The template as the file has it, without `$schema` and without a client secret.
    #[ts(type = "unknown")]
    pub template: Value,
    pub report: ValidationReport,
    pub secret: ImportedSecret,
}

/// `stem.extension` with the characters a file name cannot hold on any platform replaced.
pub fn file_safe(stem: &str, extension: &str) -> String {
    let stem: String = stem
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => '-',
            c => c,
        })
        .collect();
    format!("{}.{extension}", stem.trim())
}

/// The file name a save dialog offers for a template given as JSON: its name, or `template`.
pub fn file_name(template: &Value) -> String {
    let name = template
        .get("name")
        .and_then(Value::as_str)
        .filter(|n| !n.trim().is_empty())
        .unwrap_or("template");
    file_safe(name, "json")
}

/// Reads a file as text as Windows tools write it too (UTF-8 with or without a BOM, UTF-16 with
/// one, CRLF), naming the file in the error.
pub fn read_text(path: &Path) -> Result<String, AppError> {
    let bytes = std::fs::read(path).map_err(|e| {
        AppError::usage(
            ErrorCode::InputUnreadable,
            format!("cannot read {}: {e}", path.display()),
            None,
        )
    })?;
    winroll_files::text::decode_owned(bytes).map_err(|e| not_text(&path.display().to_string(), &e))
}

/// Bytes from a file or standard input (`what` names it) as text.
pub fn decode_text(bytes: &[u8], what: &str) -> Result<String, AppError> {
    winroll_files::text::decode(bytes).map_err(|e| not_text(what, &e))
}

fn not_text(what: &str, e: &winroll_files::text::DecodeError) -> AppError {
    AppError::usage(
        ErrorCode::InputUnreadable,
        format!("{what} {e}"),
        Some("Save the file as UTF-8 (in Notepad: Save as, Encoding UTF-8).".into()),
    )
}

/// Parses JSON text, naming the file and the place in the error.
pub fn parse_json(text: &str, path: &Path) -> Result<Value, AppError> {
    serde_json::from_str(text).map_err(|e| {
        AppError::usage(
            ErrorCode::InputNotJson,
            format!(
                "{} is not valid JSON at line {}, column {}",
                path.display(),
                e.line(),
                e.column()
            ),
            None,
        )
    })
}

impl Winroll {
    /// Reads a template file for the editor; a client secret in it moves to the keyring, allowed
    /// to go to `target` (where the editor sends).
    pub fn import_template(&self, path: &Path, target: &Target) -> Result<ImportResult, AppError> {
        let mut value = parse_json(&read_text(path)?, path)?;
        if let Some(obj) = value.as_object_mut() {
            obj.shift_remove("$schema");
        }
        let secret = self.move_secret_to_keyring(&mut value, target)?;
        // The report notes the fields only the server sets; the editor never gets them.
        let report = validate_value(&value, SecretSource::Keyring);
        if let Some(obj) = value.as_object_mut() {
            for field in winroll_core::validate::SERVER_FIELDS {
                obj.shift_remove(*field);
            }
        }
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(ImportResult {
            file_name,
            template: value,
            report,
            secret,
        })
    }

    /// Takes any `clientSecret` out of the template, whatever shape `entraId` has, and stores it
    /// when the file names usable ids and no different secret is stored for them.
    fn move_secret_to_keyring(
        &self,
        value: &mut Value,
        target: &Target,
    ) -> Result<ImportedSecret, AppError> {
        let Some(secret) = take_client_secrets(value) else {
            return Ok(ImportedSecret::None);
        };
        let mobility_app = value.pointer("/entraId/mobilityApp");
        let text = |key: &str| {
            mobility_app
                .and_then(|a| a.get(key))
                .and_then(Value::as_str)
        };
        let (Some(tenant_id), Some(client_id), Value::String(secret)) =
            (text("tenantId"), text("clientId"), secret)
        else {
            return Ok(ImportedSecret::Dropped);
        };
        let id = EntraAppId {
            tenant_id: tenant_id.to_owned(),
            client_id: client_id.to_owned(),
        };
        match self.store_client_secret(id, &ClientSecret::new(secret), false, target) {
            Ok(_) => Ok(ImportedSecret::Stored),
            Err(AppError::Usage {
                code: ErrorCode::SecretWouldReplace,
                ..
            }) => Ok(ImportedSecret::KeptStored),
            Err(AppError::Invalid(_)) => Ok(ImportedSecret::Dropped),
            Err(e) => Err(e),
        }
    }

    /// Writes the form as a template file with `$schema`, never with a client secret.
    pub fn export_template(&self, path: &Path, template: Value) -> Result<(), AppError> {
        let mut file = serde_json::Map::new();
        file.insert("$schema".into(), SCHEMA_ID.into());
        if let Value::Object(fields) = template {
            file.extend(fields);
        }
        let mut file = Value::Object(file);
        take_client_secrets(&mut file);
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        Ok(write_private(path, text.as_bytes())?)
    }

    /// Saves the form as typed; keys that name a credential are dropped before writing.
    pub fn save_draft(&self, form: Value) -> Result<(), AppError> {
        Ok(self.dirs().drafts().save(form, crate::now())?)
    }

    pub fn load_draft(&self) -> Option<Draft> {
        self.dirs().drafts().load()
    }

    pub fn clear_draft(&self) -> Result<(), AppError> {
        Ok(self.dirs().drafts().clear()?)
    }
}

/// Removes every `clientSecret` under `entraId` (whatever its shape) and answers the one at the
/// documented place, else the first found.
fn take_client_secrets(value: &mut Value) -> Option<Value> {
    fn walk(value: &mut Value, found: &mut Vec<Value>) {
        match value {
            Value::Object(map) => {
                if let Some(secret) = map.shift_remove("clientSecret") {
                    found.push(secret);
                }
                map.values_mut().for_each(|v| walk(v, found));
            }
            Value::Array(items) => items.iter_mut().for_each(|v| walk(v, found)),
            _ => {}
        }
    }
    let documented = value
        .pointer_mut("/entraId/mobilityApp")
        .and_then(Value::as_object_mut)
        .and_then(|mobility| mobility.shift_remove("clientSecret"));
    let mut found = Vec::new();
    if let Some(entra) = value.get_mut("entraId") {
        walk(entra, &mut found);
    }
    documented.or_else(|| found.into_iter().next())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::testing::winroll;

    fn import(winroll: &Winroll, dir: &Path, body: &Value) -> ImportResult {
        let path = dir.join("in.json");
        std::fs::write(&path, body.to_string()).unwrap();
        winroll.import_template(&path, &sandbox()).unwrap()
    }

    fn sandbox() -> Target {
        Target::Sandbox {
            organization_id: "winroll-demo".into(),
        }
    }

    #[test]
    fn no_shape_of_entra_id_brings_the_secret_back() {
        let (dir, winroll) = winroll();
        let shapes = [
            json!({ "entraId": { "mobilityApp": { "tenantId": "unit-i1", "clientId": "c", "clientSecret": "S3CRET-a" } } }),
            json!({ "entraId": { "mobilityApp": { "clientSecret": "S3CRET-b" } } }),
            json!({ "entraId": { "mobilityApp": { "tenantId": 5, "clientId": "c", "clientSecret": "S3CRET-c" } } }),
            json!({ "entraId": { "clientSecret": "S3CRET-d" } }),
            json!({ "entraId": [{ "mobilityApp": { "clientSecret": "S3CRET-e" } }] }),
            json!({ "entraId": { "mobilityApp": { "tenantId": "", "clientId": "c", "clientSecret": "S3CRET-f" } } }),
        ];
        for shape in shapes {
            let result = import(&winroll, dir.path(), &shape);
            let answer = serde_json::to_string(&result).unwrap();
            assert!(!answer.contains("S3CRET"), "{answer}");
        }
        let stored = winroll.vault().unwrap().client_secret("unit-i1", "c");
        let stored = stored.unwrap().unwrap();
        assert_eq!(stored.secret.expose(), "S3CRET-a");
        assert_eq!(
            stored.allowed,
            Some(vec![winroll_core::Destination::sandbox("winroll-demo")]),
            "allowed where the editor sends, and nowhere else"
        );
    }

    #[test]
    fn import_never_replaces_a_different_stored_secret() {
        let (dir, winroll) = winroll();
        let id = EntraAppId {
            tenant_id: "unit-i2".into(),
            client_id: "c".into(),
        };
        winroll
            .store_client_secret(id, &ClientSecret::new("kept"), false, &sandbox())
            .unwrap();
        let body = json!({ "entraId": { "mobilityApp": { "tenantId": "unit-i2", "clientId": "c", "clientSecret": "other" } } });
        assert_eq!(
            import(&winroll, dir.path(), &body).secret,
            ImportedSecret::KeptStored
        );
        let stored = winroll.vault().unwrap().client_secret("unit-i2", "c");
        assert_eq!(stored.unwrap().unwrap().secret.expose(), "kept");
    }

    #[test]
    fn export_writes_schema_and_never_the_secret() {
        let (dir, winroll) = winroll();
        let path = dir.path().join("out.json");
        let form = json!({ "name": "x", "entraId": { "mobilityApp": { "tenantId": "t", "clientId": "c", "clientSecret": "S3CRET" } } });
        winroll.export_template(&path, form).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(SCHEMA_ID));
        assert!(!text.contains("S3CRET"), "{text}");
    }
}
