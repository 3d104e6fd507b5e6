//! The JSON Schema of a template file, generated from the same Rust types, so editors offer
//! completion and catch mistakes before Winroll sees the file.

use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::model::EnrollmentTemplate;

/// Where exported templates point their `$schema`.
pub const SCHEMA_ID: &str = "https://winroll.dev/schema/enrollment-template.v1.json";

/// The schema as pretty JSON text.
pub fn template_schema_json() -> String {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<EnrollmentTemplate>();
    schema.insert("$id".into(), SCHEMA_ID.into());
    // The page marks `rules` optional, but a template without one is refused (spec/README.md #1).
    schema.insert("required".into(), serde_json::json!(["name", "rules"]));
    // A file may point at the schema itself.
    if let Some(props) = schema.get_mut("properties").and_then(|p| p.as_object_mut()) {
        props.insert("$schema".into(), serde_json::json!({ "type": "string" }));
    }
    let mut value = schema.to_value();
    forbid_null(&mut value);
    state_utf16_lengths(&mut value);
    say_what_the_validator_says(&mut value);
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The server counts lengths in UTF-16 units and so does the validator; JSON Schema counts code
/// points, so it cannot say this limit exactly. Every limited field says it in words.
fn state_utf16_lengths(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.contains_key("maxLength") {
                let note = "Length counted in UTF-16 units, as the server counts: a character outside the Basic Multilingual Plane (an emoji) counts as 2.";
                let description = match map.get("description").and_then(Value::as_str) {
                    Some(text) => format!("{text} {note}"),
                    None => note.to_owned(),
                };
                map.insert("description".into(), description.into());
            }
            map.values_mut().for_each(state_utf16_lengths);
        }
        Value::Array(items) => items.iter_mut().for_each(state_utf16_lengths),
        _ => {}
    }
}

/// Rules of the validator that JSON Schema can express but the types alone do not give: a client
/// secret in a file is not blank, and a select field has at least one option.
fn say_what_the_validator_says(schema: &mut Value) {
    if let Some(secret) = schema.pointer_mut("/$defs/MobilityApp/properties/clientSecret")
        && let Value::Object(secret) = secret
    {
        secret.insert("minLength".into(), 1.into());
        secret.insert("pattern".into(), "\\S".into());
    }
    if let Some(Value::Object(field)) = schema.pointer_mut("/$defs/AuxiliaryField") {
        field.insert(
            "if".into(),
            serde_json::json!({ "properties": { "type": { "const": "select" } }, "required": ["type"] }),
        );
        field.insert(
            "then".into(),
            serde_json::json!({ "required": ["options"], "properties": { "options": { "minItems": 1 } } }),
        );
    }
}

/// The API wants unset fields left out, not `null` (and the validator says so), but schemars
/// lets every `Option` be null: take `null` back out of each type list and `anyOf`.
fn forbid_null(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(any_of)) = map.get_mut("anyOf") {
                any_of.retain(|s| s.get("type").is_none_or(|t| t != "null"));
                if any_of.len() == 1 {
                    let only = any_of.remove(0);
                    map.remove("anyOf");
                    if let Value::Object(inner) = only {
                        map.extend(inner);
                    }
                }
            }
            map.values_mut().for_each(forbid_null);
        }
        Value::Array(items) => items.iter_mut().for_each(forbid_null),
        _ => {}
    }
}
