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

/// The validator's verdicts that JSON Schema can express but the types alone do not give, and
/// nothing more (what is only a warning, the schema allows):
/// - a client secret in a file is not empty;
/// - at least one rule names a policy id, its own or an assignment's (reading #1);
/// - an auxiliary field's `type` is any string: `select` and `text` are the page's, suggested,
///   and a server may know newer ones;
/// - fields the page does not list are allowed (a server may hand them back).
fn say_what_the_validator_says(schema: &mut Value) {
    if let Some(secret) = schema.pointer_mut("/$defs/MobilityApp/properties/clientSecret")
        && let Value::Object(secret) = secret
    {
        secret.insert("minLength".into(), 1.into());
    }
    if let Some(Value::Object(rules)) = schema.pointer_mut("/properties/rules") {
        rules.insert(
            "contains".into(),
            serde_json::json!({
                "description": "At least one rule names a policy: a winPolicyId of its own, or in one of its winPolicyAssignments.",
                "anyOf": [
                    { "required": ["winPolicyId"] },
                    {
                        "required": ["winPolicyAssignments"],
                        "properties": { "winPolicyAssignments": { "contains": { "required": ["winPolicyId"] } } }
                    }
                ]
            }),
        );
    }
    if let Some(Value::Object(kind)) = schema.pointer_mut("/$defs/AuxiliaryFieldType") {
        kind.clear();
        kind.insert("type".into(), "string".into());
        kind.insert("examples".into(), serde_json::json!(["select", "text"]));
        kind.insert(
            "description".into(),
            "`select` (choose among options) or `text`, as the page lists; another value is sent as given.".into(),
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
