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
    assert!(text.contains("\"additionalProperties\":false"));
    assert!(
        !text.contains("null"),
        "unset fields are left out, never null"
    );
    assert_eq!(schema["required"], serde_json::json!(["name", "rules"]));
}
