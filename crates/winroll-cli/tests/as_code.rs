//! Templates as code over loopback, against the vendor-like test server (at most 10 a page,
//! numbers as text, the page's odd timestamps, a rule's policy echoed as an assignment, fields
//! Winroll does not model inside rules and auxiliary fields) and against the sandbox: pull, plan,
//! apply, copy to another organization with a map, diff and docs.

mod common;

use std::path::{Path, PathBuf};

use common::vendor::{SERVER_AUX_FIELD, SERVER_RULE_FIELD, VendorServer};
use common::*;
use serde_json::{Value, json};

const POLICY: &str = "64b7f0c2a1e4d5f6a7b8c9d0";
const OTHER_POLICY: &str = "64b7f0c2a1e4d5f6a7b8c9d1";
const MAPPED_POLICY: &str = "aaaaaaaaaaaaaaaaaaaaaaaa";
const MAPPED_OTHER: &str = "bbbbbbbbbbbbbbbbbbbbbbbb";

/// Template `n` of the organization: some with fields Winroll does not model at every depth.
fn seeded(n: usize) -> Value {
    let mut t = json!({
        "name": format!("Template {n:02}"),
        "description": format!("number {n}"),
        "segmentId": n % 3,
        "rules": [{
            "name": "All",
            "winPolicyId": POLICY,
            "winPolicyAssignments": [{ "winPolicyId": OTHER_POLICY, "priority": n }],
            "segmentId": 1
        }],
        "auxiliaryFields": [{ "type": "select", "key": "dept", "options": ["a", "b"] }]
    });
    if n.is_multiple_of(5) {
        t["ownerTeam"] = json!({ "name": "IT", "since": 2019 });
        t["rules"][0]["teamNotes"] = json!({ "owner": "IT", "tags": ["a", 1.5, null] });
        t["auxiliaryFields"][0]["placeholder"] = "Pick".into();
    }
    t
}

struct Run {
    home: Home,
    server: VendorServer,
}

impl Run {
    fn new() -> Self {
        Self {
            home: Home::new(),
            server: VendorServer::start("vendor-token"),
        }
    }

    fn winroll(&self, args: &[&str], org: &str) -> std::process::Output {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--base-url", &self.server.url, "--org", org]);
        let mut cmd = self.home.winroll(&all);
        cmd.env("WINROLL_TOKEN", &self.server.token);
        run(cmd)
    }

    fn dir(&self) -> PathBuf {
        self.home.path().join("templates")
    }

    fn plan_json(&self, org: &str, extra: &[&str]) -> (i32, Value) {
        let dir = self.dir();
        let mut args = vec!["plan", dir.to_str().unwrap(), "--json"];
        args.extend(extra);
        let out = self.winroll(&args, org);
        let (stdout, stderr) = text(&out);
        let value = serde_json::from_str(&stdout).unwrap_or_else(|_| json!({ "stderr": stderr }));
        (code(&out), value)
    }
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn names(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            v.as_str()
                .map_or_else(|| v["name"].as_str().unwrap().to_owned(), str::to_owned)
        })
        .collect()
}

#[test]
fn pull_plan_apply_and_drift_against_a_server_that_answers_as_the_vendors_page_shows() {
    let run = Run::new();
    for n in 1..=25 {
        run.server.seed("acme", seeded(n));
    }
    let dir = run.dir();
    let dir_arg = dir.to_str().unwrap();

    // Pull: 25 files, every page of ten; nothing a server alone sets, numbers as numbers.
    let out = run.winroll(&["pull", dir_arg], "acme");
    assert_eq!(code(&out), 0, "{:?}", text(&out));
    let files = files_in(&dir);
    assert_eq!(files.len(), 25);
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for owned in [
            "\"id\"",
            "winEnrollmentToken",
            "createdAt",
            "updatedAt",
            "devicesCount",
            "enroll_vendor",
            "clientSecret",
        ] {
            assert!(
                !text.contains(owned),
                "{owned} in {}: {text}",
                file.display()
            );
        }
        let value: Value = serde_json::from_str(&text).unwrap();
        assert!(value["segmentId"].is_number(), "{text}");
        assert!(
            value["rules"][0].get(SERVER_RULE_FIELD).is_some(),
            "what the server adds is kept"
        );
    }
    let before: Vec<_> = files
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().modified().unwrap())
        .collect();

    // A fresh pull plans clean; a second pull rewrites nothing.
    let (status, plan) = run.plan_json("acme", &[]);
    assert_eq!(status, 0, "{plan}");
    assert_eq!(plan["unchanged"].as_array().unwrap().len(), 25);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = run.winroll(&["pull", dir_arg], "acme");
    assert_eq!(code(&out), 0);
    assert!(
        text(&out).1.contains("0 written, 25 unchanged"),
        "{:?}",
        text(&out)
    );
    let after: Vec<_> = files
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().modified().unwrap())
        .collect();
    assert_eq!(before, after, "same modification times");

    // One edited file, one new file: exit 2, naming exactly those two.
    let edited = dir.join("template-05.json");
    let mut body: Value = serde_json::from_str(&std::fs::read_to_string(&edited).unwrap()).unwrap();
    let held_before = run
        .server
        .templates("acme")
        .into_iter()
        .find(|t| t["name"] == "Template 05")
        .unwrap();
    body["description"] = "edited in the folder".into();
    std::fs::write(&edited, serde_json::to_string_pretty(&body).unwrap()).unwrap();
    std::fs::write(
        dir.join("new.json"),
        json!({ "name": "Brand new", "rules": [{ "winPolicyId": POLICY }] }).to_string(),
    )
    .unwrap();
    let (status, plan) = run.plan_json("acme", &[]);
    assert_eq!(status, 2, "{plan}");
    assert_eq!(names(&plan["create"]), ["Brand new"]);
    assert_eq!(names(&plan["update"]), ["Template 05"]);
    let changes = &plan["update"][0]["changes"];
    assert_eq!(changes.as_array().unwrap().len(), 1, "{changes}");
    assert_eq!(changes[0]["path"], "description");
    assert_eq!(plan["onlyOnServer"], json!([]));

    // Apply: exactly one create and one update reach the server; then the plan is clean.
    let (posts, puts) = (run.server.count("POST"), run.server.count("PUT"));
    let out = run.winroll(&["apply", dir_arg], "acme");
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("created    Brand new") && stdout.contains("updated    Template 05"),
        "{stdout}"
    );
    assert_eq!(run.server.count("POST") - posts, 1);
    assert_eq!(run.server.count("PUT") - puts, 1);
    let (status, plan) = run.plan_json("acme", &[]);
    assert_eq!(status, 0, "{plan}");

    // The template with fields Winroll does not model went back whole but for the edit.
    let held_after = run
        .server
        .templates("acme")
        .into_iter()
        .find(|t| t["name"] == "Template 05")
        .unwrap();
    let mut expected = held_before.clone();
    expected["description"] = "edited in the folder".into();
    for t in [&mut expected, &mut held_after.clone()] {
        t.as_object_mut().unwrap().shift_remove("updatedAt");
    }
    let mut after = held_after;
    after.as_object_mut().unwrap().shift_remove("updatedAt");
    assert_eq!(after, expected);
    assert_eq!(after["ownerTeam"], json!({ "name": "IT", "since": 2019 }));
    assert_eq!(after["auxiliaryFields"][0]["placeholder"], "Pick");
    assert!(after["auxiliaryFields"][0].get(SERVER_AUX_FIELD).is_some());

    // A change made on the server: drift, named.
    let id = held_before["id"].as_str().unwrap().to_owned();
    run.server
        .edit(&id, |t| t["description"] = "changed in the console".into());
    let (status, plan) = run.plan_json("acme", &[]);
    assert_eq!(status, 2, "{plan}");
    assert_eq!(names(&plan["update"]), ["Template 05"]);
    assert_eq!(
        plan["update"][0]["changes"][0]["from"],
        "changed in the console"
    );

    // A template only on the server is listed, never deleted.
    run.server.seed(
        "acme",
        json!({ "name": "Console only", "rules": [{ "winPolicyId": POLICY }] }),
    );
    let (_, plan) = run.plan_json("acme", &[]);
    assert_eq!(names(&plan["onlyOnServer"]), ["Console only"]);
}

#[test]
fn a_map_copies_a_folder_into_another_organization_with_its_ids_and_stops_on_a_missing_one() {
    let run = Run::new();
    for n in 1..=12 {
        run.server.seed("customer-a", seeded(n));
    }
    let dir = run.dir();
    let dir_arg = dir.to_str().unwrap();
    assert_eq!(code(&run.winroll(&["pull", dir_arg], "customer-a")), 0);

    // A map without the second policy: exit 1 naming each file and path, nothing sent.
    let partial = run.home.path().join("partial.json");
    std::fs::write(
        &partial,
        json!({ "winPolicyId": { POLICY: MAPPED_POLICY }, "segmentId": { "0": 10, "1": 11, "2": 12 } }).to_string(),
    )
    .unwrap();
    let sent =
        |server: &VendorServer| server.count("POST") + server.count("PATCH") + server.count("PUT");
    let before = sent(&run.server);
    let out = run.winroll(
        &["apply", dir_arg, "--map", partial.to_str().unwrap()],
        "customer-b",
    );
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 1, "{stdout}{stderr}");
    assert!(
        // The server holds the rule's own policy as the first assignment (as the vendor's does).
        stderr.contains("template-01.json: rules[0].winPolicyAssignments[1].winPolicyId")
            && stderr.contains(OTHER_POLICY),
        "{stderr}"
    );
    assert_eq!(stderr.matches("is not in the map").count(), 12, "{stderr}");
    // The list may have been read while the files were checked; nothing was sent.
    assert_eq!(sent(&run.server), before, "no create or update sent");

    // The full map: every template created in B with B's ids only.
    let full = run.home.path().join("full.json");
    std::fs::write(
        &full,
        json!({ "winPolicyId": { POLICY: MAPPED_POLICY, OTHER_POLICY: MAPPED_OTHER }, "segmentId": { "0": 10, "1": 11, "2": 12 } }).to_string(),
    )
    .unwrap();
    let map = full.to_str().unwrap();
    let out = run.winroll(&["apply", dir_arg, "--map", map], "customer-b");
    assert_eq!(code(&out), 0, "{:?}", text(&out));
    let copied = run.server.templates("customer-b");
    assert_eq!(copied.len(), 12);
    let everything = serde_json::to_string(&copied).unwrap();
    assert!(
        !everything.contains(POLICY) && !everything.contains(OTHER_POLICY),
        "{everything}"
    );
    let segment = |t: &Value| {
        t["segmentId"]
            .as_u64()
            .or_else(|| t["segmentId"].as_str()?.parse().ok())
    };
    assert!(
        copied.iter().all(|t| segment(t).unwrap() >= 10),
        "{everything}"
    );
    let (status, plan) = run.plan_json("customer-b", &["--map", map]);
    assert_eq!(status, 0, "the copy plans clean through the map: {plan}");
    assert_eq!(run.server.templates("customer-a").len(), 12, "A untouched");
}

#[test]
fn a_lost_create_answer_during_apply_is_settled_never_duplicated() {
    let run = Run::new();
    let dir = run.dir();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("lost.json"),
        json!({ "name": "Lost answer", "rules": [{ "winPolicyId": POLICY }] }).to_string(),
    )
    .unwrap();
    run.server.lose_next_create();
    let out = run.winroll(&["apply", dir.to_str().unwrap()], "acme");
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}{stderr}");
    assert!(stdout.contains("created    Lost answer"), "{stdout}");
    assert_eq!(run.server.count("POST"), 1, "sent once");
    assert_eq!(run.server.templates("acme").len(), 1);
    let (status, _) = run.plan_json("acme", &[]);
    assert_eq!(status, 0);
}

#[test]
fn diff_reports_only_real_differences_and_docs_are_whole_and_deterministic() {
    let run = Run::new();
    let id = run.server.seed("acme", seeded(5));
    let dir = run.dir();
    assert_eq!(
        code(&run.winroll(&["pull", dir.to_str().unwrap()], "acme")),
        0
    );
    let pulled = dir.join("template-05.json");

    // The server's copy (ids, tokens, times, numbers as text) against the pulled file: the same.
    let held = run.home.path().join("held.json");
    let server_copy = run.server.templates("acme").remove(0);
    std::fs::write(&held, server_copy.to_string()).unwrap();
    for (a, b) in [
        (pulled.to_str().unwrap(), held.to_str().unwrap()),
        (pulled.to_str().unwrap(), "@Template 05"),
    ] {
        let out = run.winroll(&["diff", a, b], "acme");
        assert_eq!(code(&out), 0, "{a} {b}: {:?}", text(&out));
    }
    // Known differences, each named by its path.
    let mut other = server_copy.clone();
    other["description"] = "other".into();
    other["rules"][0]["winPolicyAssignments"][1]["priority"] = 9.into();
    other.as_object_mut().unwrap().shift_remove("ownerTeam");
    let changed = run.home.path().join("changed.json");
    std::fs::write(&changed, other.to_string()).unwrap();
    let out = run.winroll(
        &[
            "diff",
            pulled.to_str().unwrap(),
            changed.to_str().unwrap(),
            "--json",
        ],
        "acme",
    );
    assert_eq!(code(&out), 2, "{:?}", text(&out));
    let said: Value = serde_json::from_str(&text(&out).0).unwrap();
    let mut paths: Vec<&str> = said["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "description",
            "ownerTeam",
            "rules[0].winPolicyAssignments[1].priority"
        ]
    );

    // Docs: from the folder and from the organization, the same templates; twice the same bytes.
    let docs = |args: &[&str]| {
        let out = run.winroll(args, "acme");
        assert_eq!(code(&out), 0, "{:?}", text(&out));
        text(&out).0
    };
    let md = docs(&["docs", dir.to_str().unwrap()]);
    assert_eq!(md, docs(&["docs", dir.to_str().unwrap()]));
    assert!(
        md.contains("## Template 05")
            && md.contains("(priority 5)")
            && md.contains("| ownerTeam |"),
        "{md}"
    );
    let html = docs(&["docs", "--format", "html"]);
    assert!(
        html.contains("<h2>Template 05</h2>") && html.contains("break-before: page"),
        "{html}"
    );
    for leaked in ["enroll_vendor", &id, "clientSecret"] {
        assert!(
            !md.contains(leaked) && !html.contains(leaked),
            "{leaked} in the docs"
        );
    }
}

#[test]
fn pull_plan_and_apply_against_the_sandbox() {
    let sandbox = SandboxProcess::start("as-code-token");
    let home = Home::new();
    for n in 1..=25 {
        let (status, body) = sandbox.call(
            "POST",
            "/v1/organizations/winroll-demo/mdm/windows/enterprise/enrollment-templates/",
            &seeded(n).to_string(),
        );
        assert_eq!(status, 200, "{body}");
    }
    let dir = home.path().join("sandbox-templates");
    let winroll = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--base-url", &sandbox.url, "--org", "winroll-demo"]);
        let mut cmd = home.winroll(&all);
        cmd.env("WINROLL_TOKEN", &sandbox.token);
        run(cmd)
    };
    let dir_arg = dir.to_str().unwrap();
    assert_eq!(code(&winroll(&["pull", dir_arg])), 0);
    assert_eq!(files_in(&dir).len(), 25);
    assert_eq!(code(&winroll(&["plan", dir_arg])), 0);
    let edited = dir.join("template-10.json");
    let text_in = std::fs::read_to_string(&edited)
        .unwrap()
        .replace("number 10", "number ten");
    std::fs::write(&edited, text_in).unwrap();
    assert_eq!(code(&winroll(&["plan", dir_arg])), 2);
    let before = sandbox.stats()["organizations"]["winroll-demo"].clone();
    let out = winroll(&["apply", dir_arg]);
    assert_eq!(code(&out), 0, "{:?}", text(&out));
    let after = sandbox.stats()["organizations"]["winroll-demo"].clone();
    assert_eq!(
        after["updateRequests"].as_u64().unwrap() - before["updateRequests"].as_u64().unwrap_or(0),
        1
    );
    assert_eq!(after["createRequests"], before["createRequests"]);
    assert_eq!(code(&winroll(&["plan", dir_arg])), 0);
}
