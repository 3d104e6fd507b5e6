//! Every command through the real invoke handler and capability, on Tauri's mock runtime: the
//! shape of its answer and one error code. The use cases run for real over a temporary folder, the
//! in-process sandbox and keyring-core's in-memory store; file dialogs answer with a fixed file and
//! the clipboard is a fake one.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};
use winroll_app::{GivenCredentials, Settings, Winroll};
use winroll_files::AppDirs;

use crate::clipboard::fake::FakeClipboard;
use crate::clipboard::{Clipboard, SystemClipboard};
use crate::dialogs::{AllowAnswers, FileChooser};

const POLICY: &str = "64b7f0c2a1e4d5f6a7b8c9d0";

struct Harness {
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    dir: tempfile::TempDir,
    clipboard: Arc<FakeClipboard>,
}

/// The file every dialog "chooses".
fn chosen(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("chosen.file")
}

/// The file that answers "may this secret go there?" (`once`, `always`, else no).
fn allow_file(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("allow.answer")
}

fn harness() -> Harness {
    harness_with(Arc::new(FakeClipboard::default()))
}

fn harness_with(clipboard: Arc<FakeClipboard>) -> Harness {
    winroll_keyring::Vault::use_mock_store();
    let dir = tempfile::tempdir().unwrap();
    let winroll = Winroll::new(Settings {
        dirs: AppDirs::under(dir.path()),
        timeout: Duration::from_secs(10),
        given: GivenCredentials::default(),
        sandbox_token: None,
    })
    .unwrap();
    let app = crate::with_commands(mock_builder(), winroll)
        .manage(FileChooser::Fixed {
            file: chosen(&dir),
            folder: dir.path().join("chosen-folder"),
        })
        .manage(super::ChosenFolder::default())
        .manage(AllowAnswers::FromFile(allow_file(&dir)))
        .build(tauri::generate_context!())
        .unwrap();
    app.manage(Clipboard::new(clipboard.clone() as Arc<dyn SystemClipboard>));
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Harness {
        _app: app,
        webview,
        dir,
        clipboard,
    }
}

impl Harness {
    /// Invokes `command` as the window does (`{request}` or no argument), from the app's origin.
    fn call(&self, command: &str, request: Option<Value>) -> Result<Value, Value> {
        let body = match request {
            Some(request) => json!({ "request": request }),
            None => json!({}),
        };
        get_ipc_response(
            &self.webview,
            InvokeRequest {
                cmd: command.into(),
                callback: tauri::ipc::CallbackFn(0),
                error: tauri::ipc::CallbackFn(1),
                url: if cfg!(windows) {
                    "http://tauri.localhost"
                } else {
                    "tauri://localhost"
                }
                .parse()
                .unwrap(),
                body: tauri::ipc::InvokeBody::Json(body),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|b| b.deserialize::<Value>().unwrap())
    }

    fn ok(&self, command: &str, request: Option<Value>) -> Value {
        self.call(command, request)
            .unwrap_or_else(|e| panic!("{command} failed: {e}"))
    }

    /// The error code of a command that must fail.
    fn code(&self, command: &str, request: Option<Value>) -> String {
        let error = self
            .call(command, request)
            .expect_err(&format!("{command} must fail"));
        error["code"]
            .as_str()
            .unwrap_or_else(|| panic!("{command}: not an ErrorInfo: {error}"))
            .to_owned()
    }

    fn create(&self, name: &str) -> Value {
        self.ok(
            "create_template",
            Some(json!({ "target": sandbox(), "template": template(name) })),
        )
    }
}

fn sandbox() -> Value {
    json!({ "kind": "sandbox", "organizationId": "winroll-demo" })
}

fn template(name: &str) -> Value {
    json!({ "name": name, "rules": [{ "winPolicyId": POLICY }] })
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

#[test]
fn validate_template() {
    let h = harness();
    let report = h.ok(
        "validate_template",
        Some(json!({ "template": { "name": "" } })),
    );
    assert_eq!(keys(&report), ["errors", "valid", "warnings"]);
    assert_eq!(report["valid"], false);
    assert_eq!(report["errors"][0]["path"], "name");
    // A request without its field is refused by the handler, before the command runs.
    let refused = h.call("validate_template", Some(json!({}))).unwrap_err();
    assert!(refused.to_string().contains("template"), "{refused}");
}

#[test]
fn create_template() {
    let h = harness();
    let outcome = h.create("Mock create");
    assert_eq!(
        keys(&outcome),
        ["enrollmentLink", "foundByName", "template"]
    );
    assert_eq!(outcome["template"]["name"], "Mock create");
    assert_eq!(outcome["foundByName"], false);
    let code = h.code(
        "create_template",
        Some(json!({ "target": sandbox(), "template": { "name": "x" } })),
    );
    assert_eq!(code, "input.invalid");
}

#[test]
fn update_template() {
    let h = harness();
    let created = h.create("Mock update");
    let id = created["template"]["id"].clone();
    let mut form = template("Mock update");
    form["description"] = "changed".into();
    let outcome = h.ok(
        "update_template",
        Some(json!({ "target": sandbox(), "id": id, "template": form, "original": created["template"] })),
    );
    assert_eq!(keys(&outcome), ["enrollmentLink", "template"]);
    assert_eq!(outcome["template"]["id"], id);
    assert_eq!(outcome["template"]["description"], "changed");
    let code = h.code(
        "update_template",
        Some(json!({ "target": sandbox(), "id": id, "template": form, "original": "?" })),
    );
    assert_eq!(code, "input.invalid");
}

#[test]
fn person_links() {
    let h = harness();
    h.create("Mock links");
    let links = h.ok(
        "person_links",
        Some(json!({ "target": sandbox(), "templateName": "Mock links", "people": "ada@example.com" })),
    );
    // Who, and the link masked: the token never reaches the window.
    assert_eq!(keys(&links[0]), ["email", "masked"]);
    let masked = links[0]["masked"].as_str().unwrap();
    assert!(
        masked.contains("username=ada@example.com") && masked.ends_with("accesstoken=••••"),
        "{masked}"
    );
    assert!(!links.to_string().contains("enroll_"), "{links}");
    let code = h.code(
        "person_links",
        Some(json!({ "target": sandbox(), "templateName": "Mock links", "people": " " })),
    );
    assert_eq!(code, "links.empty");
}

/// The links copied are made in Rust from the template and the addresses.
#[test]
fn copy_links() {
    let h = harness();
    let created = h.create("Mock copy");
    let token = created["template"]["winEnrollmentToken"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let people = "ada@example.com\n-2+3@example.com";
    let one = json!({ "target": sandbox(), "templateName": "Mock copy", "people": people, "which": { "kind": "one", "email": "ada@example.com" } });
    h.ok("copy_links", Some(one));
    let copied = h.clipboard.text.lock().unwrap().clone().unwrap();
    assert!(
        copied.starts_with("ms-device-enrollment:?mode=mdm&username=ada@example.com")
            && copied.ends_with(&format!("accesstoken={token}")),
        "{copied}"
    );
    let all = json!({ "target": sandbox(), "templateName": "Mock copy", "people": people, "which": { "kind": "all" } });
    h.ok("copy_links", Some(all));
    let copied = h.clipboard.text.lock().unwrap().clone().unwrap();
    let lines: Vec<&str> = copied.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[1].starts_with("'-2+3@example.com\t"),
        "a formula neutralised: {copied}"
    );
    assert_eq!(
        *h.clipboard.secret_writes.lock().unwrap(),
        2,
        "as a credential"
    );
    let stranger = json!({ "target": sandbox(), "templateName": "Mock copy", "people": people, "which": { "kind": "one", "email": "eve@example.com" } });
    assert_eq!(h.code("copy_links", Some(stranger)), "links.bad_address");
}

#[test]
fn save_links() {
    let h = harness();
    h.create("Mock save");
    let request = json!({ "target": sandbox(), "templateName": "Mock save", "people": "ada@example.com", "format": "csv" });
    let path = h.ok("save_links", Some(request.clone()));
    assert_eq!(path, chosen(&h.dir).display().to_string());
    let saved = std::fs::read_to_string(chosen(&h.dir)).unwrap();
    assert!(
        saved.starts_with("email,link") && saved.contains("username=ada@example.com"),
        "{saved}"
    );
    // A file that holds enrollment tokens is never written over another.
    assert_eq!(h.code("save_links", Some(request)), "files.exists");
}

#[test]
fn find_template() {
    let h = harness();
    h.create("Mock find");
    let found = h.ok(
        "find_template",
        Some(json!({ "target": sandbox(), "name": "Mock find" })),
    );
    assert_eq!(found["template"]["name"], "Mock find");
    let none = h.ok(
        "find_template",
        Some(json!({ "target": sandbox(), "name": "Nobody" })),
    );
    assert_eq!(none, Value::Null);
    let code = h.code(
        "find_template",
        Some(json!({ "target": { "kind": "profile", "name": "absent" }, "name": "x" })),
    );
    assert_eq!(code, "profiles.unknown");
}

#[test]
fn template_for_edit() {
    let h = harness();
    let created = h.create("Mock edit");
    let id = created["template"]["id"].clone();
    let found = h.ok(
        "template_for_edit",
        Some(json!({ "target": sandbox(), "id": id, "name": "Renamed since" })),
    );
    assert_eq!(
        found["id"], id,
        "found by id when the name no longer matches"
    );
    assert!(found["winEnrollmentToken"].get("token").is_none());
    let code = h.code(
        "template_for_edit",
        Some(json!({ "target": sandbox(), "id": "000000000000000000000000", "name": "Mock edit" })),
    );
    assert_eq!(code, "template.gone");
}

#[test]
fn list_templates() {
    let h = harness();
    h.create("Mock list");
    let page = h.ok(
        "list_templates",
        Some(json!({ "target": sandbox(), "query": { "name": "Mock list" } })),
    );
    assert_eq!(page["items"][0]["name"], "Mock list");
    assert!(
        page["items"][0]["winEnrollmentToken"]
            .get("token")
            .is_none(),
        "a list never hands the window an enrollment token"
    );
    let code = h.code(
        "list_templates",
        Some(json!({ "target": sandbox(), "query": { "page": 0 } })),
    );
    assert_eq!(code, "config.invalid_query");
}

#[test]
fn request_snippets() {
    let h = harness();
    let snippets = h.ok(
        "request_snippets",
        Some(json!({ "target": sandbox(), "template": template("T") })),
    );
    assert_eq!(keys(&snippets), ["curl", "powershell"]);
    assert!(
        snippets["curl"]
            .as_str()
            .unwrap()
            .contains("$WINROLL_TOKEN")
    );
    let code = h.code(
        "request_snippets",
        Some(json!({ "target": sandbox(), "template": {} })),
    );
    assert_eq!(code, "input.invalid");
}

#[test]
fn start_sandbox() {
    let h = harness();
    let info = h.ok("start_sandbox", None);
    assert_eq!(keys(&info), ["baseUrl", "organizations"]);
    assert!(
        info["baseUrl"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:")
    );
    assert_eq!(info["organizations"][0]["id"], "winroll-demo");
}

#[test]
fn profiles_add_list_remove() {
    let h = harness();
    let view = h.ok(
        "add_profile",
        Some(json!({ "name": "mock-prod", "baseUrl": "https://api.example.com", "organizationId": "acme", "token": "t-123" })),
    );
    assert_eq!(keys(&view), ["baseUrl", "name", "organizationId", "token"]);
    assert_eq!(view["token"], "stored");
    let list = h.ok("list_profiles", None);
    assert_eq!(list["profiles"][0]["name"], "mock-prod");
    assert!(
        !list.to_string().contains("t-123"),
        "the token never comes back"
    );
    let code = h.code(
        "add_profile",
        Some(json!({ "name": "no spaces", "baseUrl": "https://api.example.com", "organizationId": "acme", "token": "t" })),
    );
    assert_eq!(code, "profiles.invalid_name");
    assert_eq!(
        h.ok("remove_profile", Some(json!({ "name": "mock-prod" }))),
        Value::Null
    );
    assert_eq!(
        h.code("remove_profile", Some(json!({ "name": "mock-prod" }))),
        "profiles.unknown"
    );
}

#[test]
fn client_secrets_store_status_remove() {
    let h = harness();
    let ids = json!({ "tenantId": "mock-tenant", "clientId": "mock-client" });
    let status =
        json!({ "tenantId": "mock-tenant", "clientId": "mock-client", "target": sandbox() });
    assert_eq!(
        h.ok("client_secret_status", Some(status.clone())),
        json!({ "hasSecret": false, "allowedHere": false })
    );
    let store = json!({ "tenantId": "mock-tenant", "clientId": "mock-client", "secret": "s3cret", "replace": false, "target": sandbox() });
    assert_eq!(
        h.ok("store_client_secret", Some(store)),
        json!({ "hasSecret": true, "allowedHere": true })
    );
    assert_eq!(
        h.ok("client_secret_status", Some(status.clone())),
        json!({ "hasSecret": true, "allowedHere": true })
    );
    let elsewhere = json!({ "tenantId": "mock-tenant", "clientId": "mock-client", "target": { "kind": "sandbox", "organizationId": "mock-other" } });
    assert_eq!(
        h.ok("client_secret_status", Some(elsewhere)),
        json!({ "hasSecret": true, "allowedHere": false })
    );
    let other = json!({ "tenantId": "mock-tenant", "clientId": "mock-client", "secret": "other", "replace": false, "target": sandbox() });
    assert_eq!(
        h.code("store_client_secret", Some(other)),
        "secret.would_replace"
    );
    assert_eq!(
        h.ok("remove_client_secret", Some(ids)),
        json!({ "hasSecret": false, "allowedHere": false })
    );
    let blank = json!({ "tenantId": " ", "clientId": "c" });
    assert_eq!(
        h.code("remove_client_secret", Some(blank.clone())),
        "input.invalid"
    );
    let blank_status = json!({ "tenantId": " ", "clientId": "c", "target": sandbox() });
    assert_eq!(
        h.code("client_secret_status", Some(blank_status)),
        "input.invalid"
    );
}

/// A secret stored for one organization goes to another only after the app's dialog allows it:
/// refused (nothing created), once, or always (not asked again).
#[test]
fn a_stored_secret_goes_elsewhere_only_through_the_allow_dialog() {
    let h = harness();
    let store = json!({ "tenantId": "mock-t2", "clientId": "mock-c2", "secret": "s3cret", "replace": false, "target": sandbox() });
    h.ok("store_client_secret", Some(store));
    let other = json!({ "kind": "sandbox", "organizationId": "5f0c0ffee0ddba11c0ffee00" });
    let create = |name: &str| {
        let mut template = template(name);
        template["entraId"] =
            json!({ "mobilityApp": { "tenantId": "mock-t2", "clientId": "mock-c2" } });
        Some(json!({ "target": other, "template": template }))
    };
    let asked =
        || std::fs::read_to_string(h.dir.path().join("allow.answer.asked")).unwrap_or_default();
    std::fs::write(allow_file(&h.dir), "cancel").unwrap();
    assert_eq!(
        h.code("create_template", create("Refused")),
        "secret.not_allowed"
    );
    assert!(
        asked().contains("\"mock-c2\"")
            && asked()
                .contains("organization \"5f0c0ffee0ddba11c0ffee00\" in the built-in sandbox"),
        "the dialog names the app and where it would go: {}",
        asked()
    );
    std::fs::write(allow_file(&h.dir), "once").unwrap();
    h.ok("create_template", create("Once"));
    assert_eq!(asked().lines().count(), 2);
    std::fs::write(allow_file(&h.dir), "always").unwrap();
    h.ok("create_template", create("Always"));
    std::fs::write(allow_file(&h.dir), "cancel").unwrap();
    h.ok("create_template", create("Not asked again"));
    assert_eq!(asked().lines().count(), 3, "{}", asked());
}

#[test]
fn copy_text() {
    let h = harness();
    let plain = h.ok(
        "copy_text",
        Some(json!({ "text": "https://mdm.example", "sensitive": false })),
    );
    assert_eq!(plain, json!({}));
    let secret = h.ok(
        "copy_text",
        Some(json!({ "text": "enroll_x", "sensitive": true })),
    );
    assert_eq!(secret, json!({ "clearsAfterSecs": 30 }));
    assert_eq!(h.clipboard.read_text().as_deref(), Some("enroll_x"));
    let broken = harness_with(Arc::new(FakeClipboard::broken()));
    assert_eq!(
        broken.code(
            "copy_text",
            Some(json!({ "text": "x", "sensitive": false }))
        ),
        "clipboard.failed"
    );
}

#[test]
fn drafts_save_load_clear() {
    let h = harness();
    assert_eq!(h.ok("load_draft", None), Value::Null);
    let form = json!({ "name": "typed", "clientSecret": "never kept" });
    assert_eq!(
        h.ok("save_draft", Some(json!({ "form": form }))),
        Value::Null
    );
    let draft = h.ok("load_draft", None);
    assert_eq!(keys(&draft), ["form", "savedAt"]);
    assert_eq!(draft["form"], json!({ "name": "typed" }));
    assert_eq!(h.ok("clear_draft", None), Value::Null);
    assert_eq!(h.ok("load_draft", None), Value::Null);
    // A file where the data folder should be: a files error, and nothing written.
    std::fs::remove_dir_all(h.dir.path().join("data")).unwrap();
    std::fs::write(h.dir.path().join("data"), "not a folder").unwrap();
    assert_eq!(
        h.code("save_draft", Some(json!({ "form": form }))),
        "files.io"
    );
}

#[test]
fn import_and_export_template() {
    let h = harness();
    let path = h.ok(
        "export_template",
        Some(json!({ "template": template("Mock file") })),
    );
    assert_eq!(path, chosen(&h.dir).display().to_string());
    let imported = h.ok("import_template", Some(json!({ "target": sandbox() })));
    assert_eq!(
        keys(&imported),
        ["fileName", "report", "secret", "template"]
    );
    assert_eq!(imported["template"], template("Mock file"));
    assert_eq!(imported["secret"], "none");
    std::fs::write(chosen(&h.dir), "{ not json").unwrap();
    assert_eq!(
        h.code("import_template", Some(json!({ "target": sandbox() }))),
        "input.not_json"
    );
}

#[test]
fn history_lists_and_copies_from_the_keyring() {
    let h = harness();
    let created = h.create("Mock history");
    let entries = h.ok("list_history", None);
    let entry = &entries[0];
    assert_eq!(entry["target"], sandbox());
    assert_eq!(entry["templateId"], created["template"]["id"]);
    assert_eq!(entry["hasToken"], true);
    let receipt = h.ok(
        "copy_from_history",
        Some(json!({ "target": sandbox(), "templateId": entry["templateId"], "value": "link" })),
    );
    assert_eq!(receipt, json!({ "clearsAfterSecs": 30 }));
    assert_eq!(
        h.clipboard.read_text(),
        created["enrollmentLink"].as_str().map(str::to_owned)
    );
    let code = h.code(
        "copy_from_history",
        Some(json!({ "target": sandbox(), "templateId": "000000000000000000000000", "value": "link" })),
    );
    assert_eq!(code, "history.missing");
}

#[test]
fn open_logs_folder() {
    let h = harness();
    let folder = h.ok("open_logs_folder", None);
    assert_eq!(folder, h.dir.path().join("logs").display().to_string());
    assert!(h.dir.path().join("logs").is_dir());
    // A file where the folder should be.
    std::fs::remove_dir(h.dir.path().join("logs")).unwrap();
    std::fs::write(h.dir.path().join("logs"), "").unwrap();
    assert_eq!(h.code("open_logs_folder", None), "files.io");
}

/// Writes `ui/src/bindings/commands.ts`; `tests/run-all.sh` fails when the committed file differs.
#[test]
fn export_bindings_commands() {
    let dir = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|_| "../ui/src/bindings".into());
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join(dir)
        .join("commands.ts");
    std::fs::write(&path, super::typescript()).unwrap();
}

/// The capability grants exactly the declared commands, nothing else: no plugin's command (the
/// clipboard and the dialogs are used from Rust only).
#[test]
fn the_capability_grants_exactly_the_declared_commands() {
    let read = |file: &str| -> Value {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let permissions = |capability: &Value| -> Vec<String> {
        let mut list: Vec<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_owned())
            .collect();
        list.sort();
        list
    };
    let allow = |names: &[&str]| -> Vec<String> {
        let mut list: Vec<String> = names
            .iter()
            .map(|n| format!("allow-{}", n.replace('_', "-")))
            .collect();
        list.sort();
        list
    };
    // The commands, and listening to their events (an apply's progress): nothing else.
    let mut expected = allow(super::PRODUCT_COMMANDS);
    expected.extend([
        "core:event:allow-listen".into(),
        "core:event:allow-unlisten".into(),
        "core:webview:allow-set-webview-zoom".into(),
    ]);
    expected.sort();
    assert_eq!(permissions(&read("capabilities/default.json")), expected);
    let hooks = read("tauri.test-hooks.conf.json");
    let granted = &hooks["app"]["security"]["capabilities"];
    let hook_capability = granted
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c.is_object())
        .expect("an inline test-hooks capability");
    assert_eq!(
        permissions(hook_capability),
        allow(super::TEST_HOOK_COMMANDS)
    );
}

#[test]
fn a_command_the_capability_does_not_grant_is_refused() {
    let h = harness();
    let refused = h
        .call("editor_ready", Some(json!({ "timeline": "" })))
        .unwrap_err();
    assert!(!refused.to_string().is_empty());
}

#[test]
fn plan_update() {
    let h = harness();
    let created = h.create("Mock plan update");
    let id = created["template"]["id"].clone();
    let original = created["template"]["body"].clone();
    let mut form = template("Mock plan update");
    form["description"] = "planned".into();
    let changes = h.ok(
        "plan_update",
        Some(json!({ "target": sandbox(), "id": id, "template": form, "original": original })),
    );
    assert_eq!(
        changes,
        json!([{ "path": "description", "from": null, "to": "planned" }])
    );
    // Nothing was sent: the template still has no description.
    let found = h.ok(
        "find_template",
        Some(json!({ "target": sandbox(), "name": "Mock plan update" })),
    );
    assert_eq!(found["template"].get("description"), None);
    let code = h.code(
        "plan_update",
        Some(json!({ "target": sandbox(), "id": "..", "template": form, "original": original })),
    );
    assert_eq!(code, "config.invalid_template_id");
}

#[test]
fn compare_templates() {
    let h = harness();
    let a = h.create("Mock compare A")["template"]["id"].clone();
    let mut other = template("Mock compare A");
    other["description"] = "different".into();
    let changes = h.ok(
        "compare_templates",
        Some(json!({ "target": sandbox(), "a": { "kind": "template", "id": a }, "b": { "kind": "form", "template": other } })),
    );
    assert_eq!(keys(&changes[0]), ["from", "path", "to"]);
    assert_eq!(changes[0]["path"], "description");
    // A file side: the dialog "chooses" the harness's file.
    std::fs::write(chosen(&h.dir), template("Mock compare A").to_string()).unwrap();
    let same = h.ok(
        "compare_templates",
        Some(json!({ "target": sandbox(), "a": { "kind": "template", "id": a }, "b": { "kind": "file" } })),
    );
    assert_eq!(same, json!([]));
    let code = h.code(
        "compare_templates",
        Some(json!({ "target": sandbox(), "a": { "kind": "template", "id": "6b0bad6ffa4a2a9b1c36c259" }, "b": { "kind": "file" } })),
    );
    assert_eq!(code, "api.not_found");
}

#[test]
fn a_folder_is_chosen_pulled_planned_and_applied() {
    let h = harness();
    let request = json!({ "target": sandbox() });
    assert_eq!(
        h.code("plan_folder", Some(request.clone())),
        "config.missing_input",
        "no folder chosen yet"
    );
    h.create("Mock folder");
    let folder = h.dir.path().join("chosen-folder");
    assert_eq!(
        h.ok("choose_folder", None),
        json!(folder.display().to_string())
    );
    let pulled = h.ok(
        "pull_folder",
        Some(json!({ "target": sandbox(), "overwrite": false })),
    );
    assert_eq!(keys(&pulled), ["kept", "unchanged", "written"]);
    assert!(!pulled["written"].as_array().unwrap().is_empty());
    std::fs::write(
        folder.join("new-one.json"),
        template("Mock folder new").to_string(),
    )
    .unwrap();
    let plan = h.ok("plan_folder", Some(request.clone()));
    assert_eq!(
        keys(&plan),
        ["create", "onlyOnServer", "unchanged", "update"]
    );
    assert_eq!(plan["create"], json!(["Mock folder new"]));
    let applied = h.ok("apply_folder", Some(request.clone()));
    assert_eq!(keys(&applied), ["plan", "results"]);
    assert_eq!(
        applied["results"],
        json!([{ "name": "Mock folder new", "status": "created", "done": 1, "total": 1 }])
    );
    let again = h.ok("plan_folder", Some(request));
    assert_eq!(again["create"], json!([]));
}
