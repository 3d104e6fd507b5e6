//! The JSON Schema of a template file, generated from the same Rust types, so editors offer
//! completion and catch mistakes before Winroll sees the file.

use schemars::generate::SchemaSettings;

use crate::model::EnrollmentTemplate;

/// Where exported templates point their `$schema`.
pub const SCHEMA_ID: &str = "https://winroll.dev/schema/enrollment-template.v1.json";

/// The schema as pretty JSON text.
pub fn template_schema_json() -> String {
    let mut settings = SchemaSettings::draft2020_12();
    // The API wants unset fields left out, not null; the validator says so too.
    settings.option_add_null_type = false;
    let mut schema = settings
        .into_generator()
        .into_root_schema_for::<EnrollmentTemplate>();
    schema.insert("$id".into(), SCHEMA_ID.into());
    // The page marks `rules` optional, but a template without one is refused (spec/README.md #1).
    schema.insert("required".into(), serde_json::json!(["name", "rules"]));
    // A file may point at the schema itself.
    if let Some(props) = schema.get_mut("properties").and_then(|p| p.as_object_mut()) {
        props.insert("$schema".into(), serde_json::json!({ "type": "string" }));
    }
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
