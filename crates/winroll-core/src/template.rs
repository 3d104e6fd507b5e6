//! A template as Winroll sends it: the create body as a JSON object, every field kept as it was
//! given (fields Winroll does not model, at every depth, included; numbers and texts untouched),
//! without what only the server sets, checked by the one validator, and with the Entra ID client
//! secret held apart until the body is written. Nothing a file, the form or a server hands over is
//! dropped on the way to the API except what the vendor's page says the server sets.

use serde_json::{Map, Value};

use crate::sensitive::ClientSecret;
use crate::validate::{
    Problem, SERVER_FIELDS, SecretSource, ValidationReport, check_template_text, validate_value,
};

/// The JSON Schema reference a template file may carry; never sent.
const SCHEMA_KEY: &str = "$schema";
/// The longest client secret the page allows (UTF-16 units).
const MAX_SECRET: usize = 256;

#[derive(Clone, PartialEq)]
pub struct Template {
    body: Map<String, Value>,
    secret: Option<ClientSecret>,
    /// Where the secret stood among the mobility app's fields (it goes back there), when the
    /// template carried one.
    secret_at: Option<usize>,
}

/// The client secret never prints, and neither does the body (it is the user's data).
impl std::fmt::Debug for Template {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Template")
            .field("name", &self.name())
            .field("fields", &self.body.len())
            .field("secret", &self.secret)
            .finish()
    }
}

/// A template that passed the validator, with what it warned about.
#[derive(Debug, Clone)]
pub struct Checked {
    pub template: Template,
    pub warnings: Vec<Problem>,
}

/// The tenant and client ids of a template's Entra ID mobility app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct AppIds<'a> {
    pub tenant_id: &'a str,
    pub client_id: &'a str,
}

impl Template {
    /// Validates `value` (its client secret may be missing when `secrets` says it comes from the
    /// keyring) and keeps it whole: `$schema` and the fields only the server sets are left out,
    /// and a client secret it carries is taken out of the body into the template's secret.
    pub fn from_value(value: Value, secrets: SecretSource) -> Result<Checked, Vec<Problem>> {
        let report = validate_value(&value, secrets);
        Self::checked(value, report)
    }

    /// As [`Template::from_value`] for a file's text: malformed JSON names its line and column.
    pub fn from_text(text: &str, secrets: SecretSource) -> Result<Checked, Vec<Problem>> {
        let report = check_template_text(text, secrets);
        if !report.valid {
            return Err(report.errors);
        }
        let value: Value = serde_json::from_str(text).map_err(|e| {
            vec![Problem {
                path: "(root)".into(),
                message: format!("not valid JSON: {e}"),
            }]
        })?;
        Self::checked(value, report)
    }

    /// A template from a value this process validated a moment ago and that has not changed
    /// since (the batch engine compares a fingerprint of it): split as [`Template::from_value`]
    /// does, without validating it again. `None` for anything but an object.
    pub fn from_validated(value: Value) -> Option<Template> {
        let report = ValidationReport {
            valid: true,
            errors: Vec::new(),
            warnings: Vec::new(),
        };
        Self::checked(value, report).ok().map(|c| c.template)
    }

    fn checked(value: Value, report: ValidationReport) -> Result<Checked, Vec<Problem>> {
        if !report.valid {
            return Err(report.errors);
        }
        let Value::Object(mut body) = value else {
            // The validator refuses anything but an object.
            return Err(report.errors);
        };
        body.shift_remove(SCHEMA_KEY);
        for field in SERVER_FIELDS {
            body.shift_remove(*field);
        }
        let app = body
            .get_mut("entraId")
            .and_then(|e| e.get_mut("mobilityApp"))
            .and_then(Value::as_object_mut);
        let taken = app.and_then(|app| {
            let at = app.keys().position(|k| k == "clientSecret")?;
            Some((at, app.shift_remove("clientSecret")?))
        });
        let (secret, secret_at) = match taken {
            Some((at, Value::String(s))) => (Some(ClientSecret::new(s)), Some(at)),
            _ => (None, None),
        };
        Ok(Checked {
            template: Template {
                body,
                secret,
                secret_at,
            },
            warnings: report.warnings,
        })
    }

    /// The template's name (the validator made sure there is one).
    pub fn name(&self) -> &str {
        self.body
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// The ids of its Entra ID mobility app, when it has one.
    pub fn mobility_app(&self) -> Option<AppIds<'_>> {
        let app = self.body.get("entraId")?.get("mobilityApp")?;
        Some(AppIds {
            tenant_id: app.get("tenantId")?.as_str()?,
            client_id: app.get("clientId")?.as_str()?,
        })
    }

    /// The segment it is scoped to, when it names one (a whole number).
    pub fn segment_id(&self) -> Option<u64> {
        let n = self.body.get("segmentId")?.as_number()?;
        n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0)
                .map(|f| f as u64)
        })
    }

    /// It has a mobility app and no client secret yet.
    pub fn needs_secret(&self) -> bool {
        self.mobility_app().is_some() && self.secret.is_none()
    }

    pub fn secret(&self) -> Option<&ClientSecret> {
        self.secret.as_ref()
    }

    /// Puts the client secret in (from the keyring, or given for this run), checked against the
    /// page's limits; the problem never quotes it.
    pub fn set_secret(&mut self, secret: ClientSecret) -> Result<(), Problem> {
        let length = secret.expose().encode_utf16().count();
        if secret.expose().is_empty() || length > MAX_SECRET {
            return Err(Problem {
                path: "entraId.mobilityApp.clientSecret".into(),
                message: format!("must be 1 to {MAX_SECRET} characters, got {length}"),
            });
        }
        self.secret = Some(secret);
        Ok(())
    }

    /// The body without the client secret: what files, drafts and diffs see.
    pub fn body(&self) -> &Map<String, Value> {
        &self.body
    }

    /// The body alone (without the client secret, which is never part of it).
    pub fn into_body(self) -> Map<String, Value> {
        self.body
    }

    /// The template with its fields in `body`'s order (an update keeps the server's order, so
    /// what was not edited goes back as it came).
    pub fn ordered_like(self, body: &Map<String, Value>) -> Self {
        let ordered =
            crate::diff::in_order_of(Value::Object(self.body), &Value::Object(body.clone()));
        let Value::Object(body) = ordered else {
            unreachable!("an object stays an object")
        };
        Self {
            body,
            secret: self.secret,
            secret_at: self.secret_at,
        }
    }

    /// The body with a different name (a copy, a test).
    pub fn renamed(mut self, name: &str) -> Self {
        self.body.insert("name".into(), name.into());
        self
    }

    /// The JSON sent to the API: the body and, when there is one, the client secret. This is the
    /// one place where the secret is written out.
    pub fn request_body(&self) -> serde_json::Result<Vec<u8>> {
        match (&self.secret, self.mobility_app()) {
            (Some(secret), Some(_)) => {
                // Only `entraId` is copied to take the secret (a batch writes thousands of
                // bodies); every other field is written from the template itself.
                let mut entra = self.body.get("entraId").cloned().unwrap_or(Value::Null);
                if let Some(app) = entra.get_mut("mobilityApp").and_then(Value::as_object_mut) {
                    let at = self.secret_at.unwrap_or(app.len()).min(app.len());
                    app.shift_insert(at, "clientSecret".into(), secret.expose().into());
                }
                serde_json::to_vec(&WithEntra {
                    body: &self.body,
                    entra: &entra,
                })
            }
            _ => serde_json::to_vec(&self.body),
        }
    }
}

/// A template's body written with another `entraId` in its place (the one carrying the secret).
struct WithEntra<'a> {
    body: &'a Map<String, Value>,
    entra: &'a Value,
}

impl serde::Serialize for WithEntra<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.body.len()))?;
        for (key, value) in self.body {
            if key == "entraId" {
                map.serialize_entry(key, self.entra)?;
            } else {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}

/// Removes, at any depth, every field whose name says it holds a secret (`clientSecret`,
/// `secret`, `password`, …): what a server echoes of one never reaches a window, a terminal, a
/// file or a later request.
pub fn scrub_secrets(value: &mut Value) {
    match value {
        Value::Object(fields) => {
            fields.retain(|key, _| !names_a_secret(key));
            fields.values_mut().for_each(scrub_secrets);
        }
        Value::Array(items) => items.iter_mut().for_each(scrub_secrets),
        _ => {}
    }
}

fn names_a_secret(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.contains("secret") || key.contains("password")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn keeps_every_field_as_given_and_leaves_out_what_the_server_sets() {
        let value = json!({
            "$schema": "https://example.invalid/schema.json",
            "id": "6b0bad6ffa4a2a9b1c36c259",
            "devicesCount": 3,
            "name": "  Laptops ",
            "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0", "x-team": { "deep": [1.0, ""] } }],
            "futureField": true,
            "segmentId": 2.0,
            "entraId": { "mobilityApp": { "tenantId": "t", "clientId": "c", "clientSecret": "s3cret" } }
        });
        let checked = Template::from_value(value, SecretSource::InTemplate).unwrap();
        let body = serde_json::to_value(checked.template.body()).unwrap();
        assert_eq!(
            body,
            json!({
                "name": "  Laptops ",
                "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0", "x-team": { "deep": [1.0, ""] } }],
                "futureField": true,
                "segmentId": 2.0,
                "entraId": { "mobilityApp": { "tenantId": "t", "clientId": "c" } }
            })
        );
        let keys: Vec<&String> = checked.template.body().keys().collect();
        assert_eq!(
            keys,
            ["name", "rules", "futureField", "segmentId", "entraId"],
            "order kept"
        );
        let sent: Value =
            serde_json::from_slice(&checked.template.request_body().unwrap()).unwrap();
        assert_eq!(sent["entraId"]["mobilityApp"]["clientSecret"], "s3cret");
        assert!(!format!("{:?}", checked.template).contains("s3cret"));
        let noted: Vec<&str> = checked.warnings.iter().map(|w| w.path.as_str()).collect();
        assert!(
            noted.contains(&"id") && noted.contains(&"devicesCount"),
            "{noted:?}"
        );
    }

    #[test]
    fn secrets_are_scrubbed_at_every_depth() {
        let mut value = json!({
            "name": "n",
            "entraId": { "mobilityApp": { "tenantId": "t", "clientSecret": "echo" } },
            "extra": [{ "Password": "p", "apiSecretKey": "k", "keep": 1 }]
        });
        scrub_secrets(&mut value);
        assert_eq!(
            value,
            json!({ "name": "n", "entraId": { "mobilityApp": { "tenantId": "t" } }, "extra": [{ "keep": 1 }] })
        );
    }
}
