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
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
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
