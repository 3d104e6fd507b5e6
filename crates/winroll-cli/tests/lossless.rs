//! `winroll update` keeps the template whole: it sends the file as the template (fields Winroll
//! does not model at every depth included), in the server's field order, so that what was not
//! edited goes out byte for byte as the server holds it; it says what the update changes and what
//! it would remove, and without a terminal a removal needs `--yes`.

mod common;

use common::vendor::VendorServer;
use common::*;
use serde_json::{Value, json};

const ORG: &str = "acme";

/// A template with fields Winroll does not model at every depth, as the vendor's server holds it.
fn rich() -> Value {
    json!({
        "name": "Laptops",
        "description": "as the server has it",
        "rules": [{
            "name": "All",
            "teamNotes": { "owner": "IT", "tags": ["a", 1.5, null] },
            "conditions": [{ "patterns": ["LAP-*"], "x-weight": 3 }],
            "winPolicyAssignments": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0", "priority": 7, "pinned": true }],
            "segmentId": 4
        }],
        "auxiliaryFields": [{ "type": "multiselect", "key": "dept", "options": ["a", ""], "placeholder": "Pick" }],
        "entraId": { "mobilityApp": { "tenantId": "t", "clientId": "c", "region": "eu" }, "mode": "hybrid" },
        "ownerTeam": { "name": "IT", "since": 2019 }
    })
}

fn update(
    server: &VendorServer,
    home: &Home,
    id: &str,
    file: &Value,
    extra: &[&str],
) -> std::process::Output {
    let path = home.path().join("edited.json");
    std::fs::write(&path, serde_json::to_string_pretty(file).unwrap()).unwrap();
    let mut args = vec![
        "update",
        id,
        path.to_str().unwrap(),
        "--base-url",
        &server.url,
        "--org",
        ORG,
    ];
    args.extend_from_slice(extra);
    let mut cmd = home.winroll(&args);
    cmd.env("WINROLL_TOKEN", &server.token)
        .env("WINROLL_CLIENT_SECRET", "the-secret");
    run(cmd)
}

/// The server's copy of template `id` as a create body: what `winroll pull` writes, what an admin
/// edits.
fn as_create_body(server: &VendorServer, id: &str) -> Value {
    let mut body = server
        .templates(ORG)
        .into_iter()
        .find(|t| t["id"] == id)
        .unwrap();
    for owned in [
        "id",
        "winEnrollmentTokenId",
        "winEnrollmentToken",
        "devicesCount",
        "createdAt",
        "updatedAt",
    ] {
        body.as_object_mut().unwrap().shift_remove(owned);
    }
    body
}

#[test]
fn an_update_sends_the_file_whole_and_what_was_not_edited_byte_for_byte() {
    let server = VendorServer::start("vendor-token");
    let home = Home::new();
    let id = server.seed(ORG, rich());
    let original = as_create_body(&server, &id);
    let mut edited = original.clone();
    edited["description"] = "edited".into();
    let out = update(&server, &home, &id, &edited, &[]);
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}{stderr}");
    assert!(
        stderr.contains("The update changes 1 field(s):"),
        "{stderr}"
    );
    assert!(
        stderr.contains("description: \"as the server has it\" -> \"edited\""),
        "{stderr}"
    );
    let put = server
        .requests()
        .into_iter()
        .find(|r| r.method == "PUT")
        .expect("a PUT");
    // The body is the server's copy with the one edit (and the secret filled in), in its order.
    let mut expected = original.clone();
    expected["description"] = "edited".into();
    expected["entraId"]["mobilityApp"]["clientSecret"] = "the-secret".into();
    assert_eq!(put.body, serde_json::to_string(&expected).unwrap());
}

#[test]
fn what_the_file_would_remove_is_named_and_needs_yes_without_a_terminal() {
    let server = VendorServer::start("vendor-token");
    let home = Home::new();
    let id = server.seed(ORG, rich());
    let mut shorter = as_create_body(&server, &id);
    shorter.as_object_mut().unwrap().shift_remove("ownerTeam");
    shorter["rules"][0]
        .as_object_mut()
        .unwrap()
        .shift_remove("teamNotes");
    let out = update(&server, &home, &id, &shorter, &[]);
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("The server holds these, which the file would remove:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("  rules[0].teamNotes: {\"owner\":\"IT\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("  ownerTeam: {\"name\":\"IT\",\"since\":2019}"),
        "{stderr}"
    );
    assert!(stderr.contains("--yes"), "{stderr}");
    assert_eq!(server.count("PUT"), 0, "nothing sent");
    let out = update(&server, &home, &id, &shorter, &["--yes"]);
    assert_eq!(code(&out), 0, "{:?}", text(&out));
    let held = server
        .templates(ORG)
        .into_iter()
        .find(|t| t["id"] == id)
        .unwrap();
    assert!(held.get("ownerTeam").is_none() && held["rules"][0].get("teamNotes").is_none());
}

#[test]
fn an_id_that_cannot_be_one_sends_nothing() {
    let server = VendorServer::start("vendor-token");
    let home = Home::new();
    for bad in [".", "..", ".\t.", "../x"] {
        let out = update(&server, &home, bad, &rich(), &["--yes"]);
        let (stdout, stderr) = text(&out);
        assert_eq!(code(&out), 2, "{bad:?}: {stdout}{stderr}");
        assert!(
            stderr.contains("config.invalid_template_id") || stderr.contains("not a template id"),
            "{stderr}"
        );
        assert!(!stderr.contains('\t'), "the id is shown escaped: {stderr}");
    }
    assert!(server.requests().is_empty(), "{:?}", server.requests());
}

#[test]
fn a_listed_name_cannot_steer_the_terminal_and_a_missing_count_is_unknown() {
    let server = VendorServer::start("vendor-token");
    let home = Home::new();
    let mut evil = rich();
    evil["name"] = json!("Laptops\u{1b}]52;c;ZXZpbA==\u{7}\r\u{202e}exe");
    let id = server.seed(ORG, evil);
    server.edit(&id, |t| {
        t.as_object_mut().unwrap().shift_remove("devicesCount");
    });
    let mut cmd = home.winroll(&["list", "--base-url", &server.url, "--org", ORG]);
    cmd.env("WINROLL_TOKEN", &server.token);
    let out = run(cmd);
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}{stderr}");
    let line = stdout
        .lines()
        .find(|l| l.starts_with(&id))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        line.contains("Laptops\\u{1b}]52;c;ZXZpbA==\\u{7}\\u{d}\\u{202e}exe"),
        "{line}"
    );
    assert!(
        !stdout.contains(['\u{1b}', '\u{7}', '\r', '\u{202e}']),
        "{stdout:?}"
    );
    assert!(line.contains("devices: unknown"), "{line}");
}
