//! `winroll create --batch` against a sandbox process: all-or-nothing validation, bounded
//! concurrency, the report, resume, and names that already exist.

mod common;

use std::path::Path;

use common::*;

fn template(name: &str) -> String {
    serde_json::json!({ "name": name, "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }] })
        .to_string()
}

fn ndjson(dir: &Path, names: &[&str]) -> String {
    let path = dir.join("batch.ndjson");
    let text: String = names.iter().map(|n| template(n) + "\n").collect();
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

fn batch(
    home: &Home,
    sandbox: &SandboxProcess,
    org: &str,
    file: &str,
    extra: &[&str],
) -> std::process::Output {
    let mut args = vec![
        "create",
        "--batch",
        file,
        "--base-url",
        &sandbox.url,
        "--org",
        org,
    ];
    args.extend_from_slice(extra);
    let mut cmd = home.winroll(&args);
    cmd.env("WINROLL_TOKEN", &sandbox.token);
    run(cmd)
}

fn report_lines(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn org_stats(sandbox: &SandboxProcess, org: &str) -> (u64, u64) {
    let stats = sandbox.stats();
    let o = &stats["organizations"][org];
    (
        o["createRequests"].as_u64().unwrap_or(0),
        o["templates"].as_u64().unwrap_or(0),
    )
}

#[test]
fn one_invalid_item_sends_nothing_and_every_problem_is_listed() {
    let sandbox = SandboxProcess::start("batch-token-1");
    let home = Home::new();
    let path = home.path().join("mixed.json");
    let items = format!(
        "[{}, {{\"name\": \"\", \"rules\": []}}, {}, {{\"nmae\": \"x\", \"rules\": [{{\"winPolicyId\": \"1\"}}]}}]",
        template("A"),
        template("B")
    );
    std::fs::write(&path, items).unwrap();
    let out = batch(&home, &sandbox, "winroll-demo", path.to_str().unwrap(), &[]);
    let stderr = text(&out).1;
    assert_eq!(code(&out), 1, "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "[1].name: required: must not be empty",
            "[1].rules: must contain at least one rule that names a policy (a winPolicyId of its own or in one of its winPolicyAssignments)",
            "[3].nmae: unknown field; did you mean \"name\"?",
            "[3].name: required",
            "[3].rules[0].winPolicyId: must be 24 hexadecimal characters (0-9, a-f), got \"1\"",
        ]
    );
    assert_eq!(
        org_stats(&sandbox, "winroll-demo"),
        (0, 0),
        "nothing was sent"
    );
    assert!(
        !home.path().join("mixed.json.report.ndjson").exists(),
        "no report for a batch that never started"
    );
}

#[test]
fn creates_with_bounded_concurrency_and_reports_each_item() {
    let sandbox = SandboxProcess::start("batch-token-2");
    let home = Home::new();
    let names: Vec<String> = (0..12).map(|i| format!("Slow {i}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let file = ndjson(home.path(), &names);
    sandbox.set_fault("winroll-demo", "delay-150");
    let report_path = home.path().join("r.ndjson");
    let out = batch(
        &home,
        &sandbox,
        "winroll-demo",
        &file,
        &[
            "--concurrency",
            "3",
            "--report",
            report_path.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&out), 0, "{:?}", text(&out));
    assert_eq!(
        sandbox.stats()["maxInFlight"],
        3,
        "never more than --concurrency at once, and that many"
    );
    assert_eq!(org_stats(&sandbox, "winroll-demo"), (12, 12));
    let report = report_lines(&report_path);
    assert_eq!(report.len(), 12);
    let mut items: Vec<u64> = report.iter().map(|l| l["item"].as_u64().unwrap()).collect();
    items.sort_unstable();
    assert_eq!(items, (0..12).collect::<Vec<u64>>());
    assert!(
        report
            .iter()
            .all(|l| l["status"] == "created" && l["id"].as_str().unwrap().len() == 24)
    );
    assert!(report.iter().all(|l| {
        l["serverUrl"]
            .as_str()
            .unwrap()
            .ends_with("/EnrollmentServer/Discovery.svc")
    }));
    assert!(
        text(&out)
            .1
            .contains("created 12, already there 0, failed 0"),
        "{}",
        text(&out).1
    );
}

#[test]
fn failures_are_reported_and_resume_finishes_the_rest_without_duplicates() {
    let sandbox = SandboxProcess::start("batch-token-3");
    let home = Home::new();
    let file = ndjson(home.path(), &["R0", "R1", "R2", "R3", "R4"]);
    let report = format!("{file}.report.ndjson");

    // R2 exists already; the server then fails every create.
    let mut single = home.winroll(&[
        "create",
        "-",
        "--base-url",
        &sandbox.url,
        "--org",
        "winroll-demo",
    ]);
    single.env("WINROLL_TOKEN", &sandbox.token);
    assert_eq!(code(&run_with_input(single, &template("R2"))), 0);
    sandbox.set_fault("winroll-demo", "500");
    let out = batch(&home, &sandbox, "winroll-demo", &file, &[]);
    assert_eq!(code(&out), 4, "server errors: exit 4");
    let first = report_lines(Path::new(&report));
    assert_eq!(first.len(), 5);
    assert!(
        first
            .iter()
            .all(|l| l["status"] == "failed" && l["error"]["code"] == "api.undocumented_code"),
        "{first:?}"
    );
    assert!(text(&out).1.contains("--resume"), "{}", text(&out).1);

    // Starting again without --resume would overwrite the report: refused.
    assert_eq!(code(&batch(&home, &sandbox, "winroll-demo", &file, &[])), 2);

    sandbox.set_fault("winroll-demo", "");
    let before_resume = org_stats(&sandbox, "winroll-demo").0;
    let out = batch(
        &home,
        &sandbox,
        "winroll-demo",
        &file,
        &["--resume", &report],
    );
    assert_eq!(code(&out), 0, "{:?}", text(&out));
    let lines = report_lines(Path::new(&report));
    assert_eq!(lines.len(), 10, "appended, not rewritten");
    let second = &lines[5..];
    let status = |name: &str| second.iter().find(|l| l["name"] == name).unwrap()["status"].clone();
    assert_eq!(
        status("R2"),
        "exists",
        "an existing name is reported, not duplicated"
    );
    for name in ["R0", "R1", "R3", "R4"] {
        assert_eq!(status(name), "created");
    }
    // The server counts what was sent: one create per unfinished item, none retried. (The
    // sandbox refuses a second template of a name, so only this count can show a duplicate try.)
    let (requests, templates) = org_stats(&sandbox, "winroll-demo");
    assert_eq!(requests - before_resume, 5, "one create request per item");
    assert_eq!(templates, 5, "R2 once, not twice");

    // Everything is done: a third run sends nothing.
    let out = batch(
        &home,
        &sandbox,
        "winroll-demo",
        &file,
        &["--resume", &report],
    );
    assert_eq!(code(&out), 0);
    assert!(
        text(&out).1.contains("skipped (done earlier) 5"),
        "{}",
        text(&out).1
    );
    assert_eq!(org_stats(&sandbox, "winroll-demo").0, requests);
    let all = std::fs::read_to_string(&report).unwrap();
    assert!(
        !all.contains(&sandbox.token) && !all.contains("enroll_"),
        "the report holds no credential"
    );
}

#[test]
fn credentials_from_the_environment_go_to_one_target_only() {
    let sandbox = SandboxProcess::start("batch-token-4");
    let home = Home::new();
    // Two Entra ID apps in one batch: one WINROLL_CLIENT_SECRET cannot belong to both.
    let app = |name: &str, tenant: &str| {
        serde_json::json!({ "name": name, "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }],
            "entraId": { "mobilityApp": { "tenantId": tenant, "clientId": "c" } } })
        .to_string()
    };
    let file = home.path().join("apps.ndjson");
    std::fs::write(
        &file,
        format!("{}\n{}\n", app("E1", "t-1"), app("E2", "t-2")),
    )
    .unwrap();
    let mut cmd = home.winroll(&[
        "create",
        "--batch",
        file.to_str().unwrap(),
        "--base-url",
        &sandbox.url,
        "--org",
        "winroll-demo",
    ]);
    cmd.env("WINROLL_TOKEN", &sandbox.token)
        .env("WINROLL_CLIENT_SECRET", "one-secret");
    let out = run(cmd);
    assert_eq!(code(&out), 2, "{:?}", text(&out));
    assert!(
        text(&out).1.contains("WINROLL_CLIENT_SECRET"),
        "{:?}",
        text(&out)
    );
    assert_eq!(org_stats(&sandbox, "winroll-demo").0, 0, "nothing was sent");

    // One WINROLL_TOKEN rolled out to several profiles' servers: refused before any request.
    let mut cmd = home.winroll(&["create", "-", "--profiles", "a,b"]);
    cmd.env("WINROLL_TOKEN", &sandbox.token);
    let out = run_with_input(cmd, &template("R"));
    assert_eq!(code(&out), 2, "{:?}", text(&out));
    assert!(text(&out).1.contains("WINROLL_TOKEN"), "{:?}", text(&out));
}

/// Starts (without waiting) a batch of 20 templates named `<prefix>0`..`<prefix>19` into the
/// sandbox's winroll-demo, for the tests that watch the server while it runs.
fn start_batch_of_20(
    home: &Home,
    sandbox: &SandboxProcess,
    prefix: &str,
    extra: &[&str],
) -> std::process::Child {
    let names: Vec<String> = (0..20).map(|i| format!("{prefix}{i}")).collect();
    let file = ndjson(
        home.path(),
        &names.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let mut args = vec![
        "create",
        "--batch",
        &file,
        "--base-url",
        &sandbox.url,
        "--org",
        "winroll-demo",
    ];
    args.extend_from_slice(extra);
    let mut cmd = home.winroll(&args);
    cmd.env("WINROLL_TOKEN", &sandbox.token);
    cmd.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    spawn(&mut cmd).unwrap()
}

#[test]
fn a_429_pauses_every_worker_and_the_batch_goes_on() {
    let sandbox = SandboxProcess::start("batch-token-5");
    let home = Home::new();
    // Every create answers 429 with Retry-After 1 until the fault is cleared.
    sandbox.set_fault("winroll-demo", "429-1");
    let child = start_batch_of_20(&home, &sandbox, "P", &[]);
    std::thread::sleep(std::time::Duration::from_millis(2500));
    let refused = org_stats(&sandbox, "winroll-demo").0;
    sandbox.set_fault("winroll-demo", "");
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 0, "{:?}", text(&out));
    // Paused, not firing: 4 workers over 2.5 s with a 1 s pause send a handful, not hundreds.
    assert!(
        (4..=16).contains(&refused),
        "{refused} creates during the 429s"
    );
    let (requests, templates) = org_stats(&sandbox, "winroll-demo");
    assert_eq!(templates, 20, "every item created once the pause is over");
    assert_eq!(
        requests - refused,
        20,
        "after the pause, one create per item"
    );
}

/// One 429 (Retry-After 2) on the first create only: if every worker pauses, nothing beyond the
/// first wave (the creates already on their way, at most one per worker) reaches the server
/// during those 2 s; workers that each backed off alone would send the other items meanwhile.
#[test]
fn one_429_pauses_every_worker_not_only_the_one_refused() {
    let sandbox = SandboxProcess::start("batch-token-429-once");
    let home = Home::new();
    sandbox.set_fault("winroll-demo", "once:create:429-2");
    let child = start_batch_of_20(&home, &sandbox, "Q", &["--concurrency", "4"]);
    // The clock starts at the refused create, however long the CLI took to start.
    let started = std::time::Instant::now();
    while org_stats(&sandbox, "winroll-demo").0 == 0 {
        assert!(
            started.elapsed().as_secs() < 30,
            "no create reached the sandbox"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    std::thread::sleep(std::time::Duration::from_millis(900));
    let mid_pause = org_stats(&sandbox, "winroll-demo").0;
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 0, "{:?}", text(&out));
    assert!(
        mid_pause <= 4,
        "{mid_pause} creates reached the server within 0.9 s of the 429: the workers did not all pause"
    );
    let (requests, templates) = org_stats(&sandbox, "winroll-demo");
    assert_eq!(templates, 20, "every item created after the pause");
    assert_eq!(requests, 21, "one refused create, then one create per item");
}

#[test]
fn resume_matches_items_by_name_not_position() {
    let sandbox = SandboxProcess::start("batch-token-6");
    let home = Home::new();
    let file = ndjson(home.path(), &["A", "B", "C"]);
    let report = format!("{file}.report.ndjson");
    assert_eq!(code(&batch(&home, &sandbox, "winroll-demo", &file, &[])), 0);
    let before = org_stats(&sandbox, "winroll-demo").0;
    // The file is edited: a new item first, the rest moved down one place.
    ndjson(home.path(), &["NEW", "A", "B", "C"]);
    let out = batch(
        &home,
        &sandbox,
        "winroll-demo",
        &file,
        &["--resume", &report],
    );
    assert_eq!(code(&out), 0, "{:?}", text(&out));
    assert!(
        text(&out)
            .1
            .contains("created 1, already there 0, failed 0, skipped (done earlier) 3"),
        "{:?}",
        text(&out)
    );
    assert_eq!(
        org_stats(&sandbox, "winroll-demo").0 - before,
        1,
        "only NEW was sent"
    );
}
