//! Files generated from the Rust types are committed; these tests fail when they are stale.
//! Regenerate with `WINROLL_BLESS=1 cargo test -p winroll-core --test generated_files`
//! (the TypeScript bindings are rewritten by every `cargo test`; CI checks them with git diff).

use std::path::PathBuf;

fn repo_file(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative)
}

#[test]
fn committed_json_schema_matches_the_types() {
    let path = repo_file("schema/enrollment-template.schema.json");
    let generated = winroll_core::schema::template_schema_json();
    if std::env::var_os("WINROLL_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is stale: rerun with WINROLL_BLESS=1",
        path.display()
    );
}

#[test]
fn schema_carries_the_contracts_limits() {
    let schema: serde_json::Value =
        serde_json::from_str(&winroll_core::schema::template_schema_json()).unwrap();
    let text = schema.to_string();
    assert_eq!(schema["properties"]["name"]["maxLength"], 128);
    assert!(text.contains("^[a-fA-F0-9]{24}$"));
    assert!(text.contains("\"maximum\":10000"));
    assert!(
        !text.contains("\"additionalProperties\":false"),
        "fields the page does not list are allowed: a server may hand them back"
    );
    assert!(
        !text.contains("null"),
        "unset fields are left out, never null"
    );
    assert_eq!(schema["required"], serde_json::json!(["name", "rules"]));
}

/// What the validator refuses and JSON Schema can say, the schema says too; what is only a
/// warning, the schema allows. The UTF-16 rule it cannot express is stated in words on every
/// limited field. (`tests/properties.rs` checks both directions over generated templates.)
#[test]
fn the_schema_says_what_it_can_of_the_validator() {
    use winroll_core::{SecretSource, validate_value};
    let schema: serde_json::Value =
        serde_json::from_str(&winroll_core::schema::template_schema_json()).unwrap();
    let checker = jsonschema::validator_for(&schema).unwrap();
    let base = serde_json::json!({ "name": "n", "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }] });
    let with = |patch: serde_json::Value| {
        let mut t = base.clone();
        t.as_object_mut()
            .unwrap()
            .extend(patch.as_object().unwrap().clone());
        t
    };
    for refused in [
        with(
            serde_json::json!({ "entraId": { "mobilityApp": { "tenantId": "t", "clientId": "c", "clientSecret": "" } } }),
        ),
        with(serde_json::json!({ "rules": [{ "name": "no policy" }] })),
        with(serde_json::json!({ "rules": [{ "winPolicyAssignments": [{ "priority": 1 }] }] })),
    ] {
        assert!(
            !validate_value(&refused, SecretSource::InTemplate).valid,
            "{refused}"
        );
        assert!(!checker.is_valid(&refused), "the schema accepts {refused}");
    }
    for warned in [
        with(serde_json::json!({ "auxiliaryFields": [{ "type": "select", "key": "k" }] })),
        with(
            serde_json::json!({ "auxiliaryFields": [{ "type": "radio", "key": "k", "options": [] }] }),
        ),
        with(
            serde_json::json!({ "entraId": { "mobilityApp": { "tenantId": "t", "clientId": "c", "clientSecret": "   " } } }),
        ),
        with(serde_json::json!({ "entraId": {}, "futureField": 1, "id": "x", "segmentId": 2.0 })),
    ] {
        let report = validate_value(&warned, SecretSource::InTemplate);
        assert!(
            report.valid && !report.warnings.is_empty(),
            "{warned}: {report:?}"
        );
        assert!(checker.is_valid(&warned), "the schema refuses {warned}");
    }
    let text = schema.to_string();
    assert_eq!(
        text.matches("\"maxLength\"").count(),
        text.matches("counted in UTF-16 units").count(),
        "every limited field states the UTF-16 rule"
    );
}
