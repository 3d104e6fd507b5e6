//! `winroll update` over loopback against the sandbox process: in place (same id, same token),
//! 3001 for an unknown id, 5209 for a name another template has, and nothing sent for a file
//! that is not valid.

mod common;

use common::*;

const ORG: &str = "winroll-demo";

fn template(name: &str, description: &str) -> String {
    serde_json::json!({
        "name": name,
        "description": description,
        "rules": [{ "winPolicyAssignments": [{ "winPolicyId": "6b0bad6ffa4a2a9b1c36c259", "priority": 1 }] }],
    })
    .to_string()
}

struct Setup {
    sandbox: SandboxProcess,
    home: Home,
}

impl Setup {
    fn new() -> Self {
        Self {
            sandbox: SandboxProcess::start("update-token"),
            home: Home::new(),
        }
    }

    fn winroll(&self, args: &[&str]) -> std::process::Command {
        let mut all = args.to_vec();
        all.extend(["--base-url", &self.sandbox.url, "--org", ORG]);
        let mut cmd = self.home.winroll(&all);
        cmd.env("WINROLL_TOKEN", &self.sandbox.token);
        cmd
    }

    fn file(&self, name: &str, body: &str) -> String {
        let path = self.home.path().join(name);
        std::fs::write(&path, body).unwrap();
        path.display().to_string()
    }

    fn create(&self, name: &str) -> serde_json::Value {
        let file = self.file(&format!("{name}.json"), &template(name, "first"));
        let out = run(self.winroll(&["create", &file, "--json"]));
        assert_eq!(code(&out), 0, "{:?}", text(&out));
        serde_json::from_str::<serde_json::Value>(&text(&out).0).unwrap()["template"].clone()
    }

    fn update(&self, id: &str, body: &str) -> std::process::Output {
        let file = self.file("update.json", body);
        run(self.winroll(&["update", id, &file, "--json"]))
    }

    fn updates(&self) -> u64 {
        self.sandbox.stats()["organizations"][ORG]["updateRequests"]
            .as_u64()
            .unwrap_or(0)
    }
}

#[test]
fn an_update_keeps_the_id_and_the_token_and_changes_what_was_sent() {
    let setup = Setup::new();
    let created = setup.create("Laptops");
    let id = created["id"].as_str().unwrap();
    let token = created["winEnrollmentToken"]["token"].as_str().unwrap();

    let out = setup.update(id, &template("Laptops 2027", "second"));
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}{stderr}");
    let updated: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(updated["template"]["id"], id);
    assert_eq!(updated["template"]["winEnrollmentToken"]["token"], token);
    assert_eq!(updated["template"]["name"], "Laptops 2027");
    assert_eq!(updated["template"]["description"], "second");
    assert!(stderr.contains("future enrollments only"), "{stderr}");

    // The list shows the change under the same id and token: nothing was created.
    let mut list = setup.winroll(&["list", "--json", "--show-tokens"]);
    list.env("WINROLL_TOKEN", &setup.sandbox.token);
    let listed: serde_json::Value = serde_json::from_str(&text(&run(list)).0).unwrap();
    let items = listed["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{listed}");
    assert_eq!(items[0]["id"], id);
    assert_eq!(items[0]["name"], "Laptops 2027");
    assert_eq!(items[0]["winEnrollmentToken"]["token"], token);
    assert_eq!(setup.updates(), 1);
}

#[test]
fn an_unknown_id_sends_nothing_and_a_taken_name_is_5209() {
    let setup = Setup::new();
    let first = setup.create("First");
    setup.create("Second");

    // An id the organization does not have is found missing before anything is sent.
    let out = setup.update("6b0bad6ffa4a2a9b1c36c000", &template("Other", "x"));
    let stderr = text(&out).0 + &text(&out).1;
    assert_eq!(code(&out), 2, "{stderr}");
    assert!(stderr.contains("template.gone"), "{stderr}");
    assert_eq!(setup.updates(), 0);

    let out = setup.update(first["id"].as_str().unwrap(), &template("Second", "x"));
    let stderr = text(&out).0 + &text(&out).1;
    assert_eq!(code(&out), 3, "{stderr}");
    assert!(stderr.contains("api.invalid_input"), "{stderr}");
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(setup.updates(), 1);
}

#[test]
fn an_invalid_file_sends_nothing() {
    let setup = Setup::new();
    let created = setup.create("Kept");
    let id = created["id"].as_str().unwrap();
    let bad = serde_json::json!({ "name": "Kept", "rules": [{ "winPolicyAssignments": [{ "winPolicyId": "x", "priority": 0 }] }] });
    let out = setup.update(id, &bad.to_string());
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 1, "{stdout}{stderr}");
    assert!(
        (stdout.clone() + &stderr).contains("rules[0].winPolicyAssignments[0]"),
        "{stdout}{stderr}"
    );
    assert_eq!(setup.updates(), 0, "nothing may be sent");
}

/// A gateway's 504 after the update was applied: the answer is lost, so the CLI says it may or
/// may not have been applied and that sending it again is safe; sending it again succeeds, and
/// the template is still one, with its id and token.
#[test]
fn a_gateway_timeout_after_the_update_says_it_may_have_applied_and_a_retry_is_safe() {
    let setup = Setup::new();
    let created = setup.create("Gateway");
    let id = created["id"].as_str().unwrap();
    setup.sandbox.set_fault(ORG, "update:504-html");
    let out = setup.update(id, &template("Gateway", "through a gateway"));
    let said = text(&out).0 + &text(&out).1;
    assert_eq!(code(&out), 4, "{said}");
    assert!(said.contains("may or may not have been applied"), "{said}");
    assert!(
        said.contains("sending the same update again is safe"),
        "{said}"
    );
    setup.sandbox.set_fault(ORG, "");

    let again = setup.update(id, &template("Gateway", "through a gateway"));
    assert_eq!(code(&again), 0, "{:?}", text(&again));
    let updated: serde_json::Value = serde_json::from_str(&text(&again).0).unwrap();
    assert_eq!(updated["template"]["id"], id);
    assert_eq!(updated["template"]["description"], "through a gateway");
    assert_eq!(
        updated["template"]["winEnrollmentToken"]["token"],
        created["winEnrollmentToken"]["token"]
    );
    assert_eq!(setup.updates(), 2);
}
