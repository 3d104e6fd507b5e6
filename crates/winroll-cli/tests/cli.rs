//! The `winroll` binary: outputs and exit codes, against a real sandbox process.

mod common;

use common::*;

#[test]
fn validate_reports_valid_and_every_problem() {
    let home = Home::new();
    let out = run(home.winroll(&["validate", EXAMPLE]));
    assert_eq!((code(&out), text(&out).0.as_str()), (0, "valid\n"));

    let out = run(home.winroll(&["validate", SPEC_EXAMPLE]));
    assert_eq!(code(&out), 1);
    let lines: Vec<String> = text(&out).1.lines().map(str::to_owned).collect();
    assert_eq!(
        lines,
        [
            "rules[0].winPolicyId: must be 24 hexadecimal characters (0-9, a-f), got \"string\"",
            "rules[0].winPolicyAssignments[0].winPolicyId: must be 24 hexadecimal characters (0-9, a-f), got \"string\"",
            "segmentId: expected an integer ≥ 0, got the string \"1\"",
        ]
    );

    let out = run(home.winroll(&["validate", SPEC_EXAMPLE, "--json"]));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["valid"], false);
    assert_eq!(report["errors"][2]["path"], "segmentId");

    let out = run_with_input(
        home.winroll(&["validate", "-", "--json"]),
        "{\"nmae\": 1,\n\"rules\": []}",
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(code(&out), 1);
    assert_eq!(
        report["errors"][0]["message"],
        "unknown field; did you mean \"name\"?"
    );

    let out = run_with_input(
        home.winroll(&["validate", "-"]),
        "{\n  \"name\": \"x\",,\n}",
    );
    assert_eq!(code(&out), 1);
    assert!(
        text(&out)
            .1
            .starts_with("(root): not valid JSON at line 2, column 15"),
        "{}",
        text(&out).1
    );
}

#[test]
fn create_prints_the_enrollment_details() {
    let sandbox = SandboxProcess::start("cli-token-1");
    let home = Home::new();
    let create = |extra: &[&str]| {
        let mut args = vec![
            "create",
            EXAMPLE,
            "--base-url",
            &sandbox.url,
            "--org",
            "winroll-demo",
        ];
        args.extend_from_slice(extra);
        let mut cmd = home.winroll(&args);
        cmd.env("WINROLL_TOKEN", &sandbox.token)
            .env("WINROLL_CLIENT_SECRET", "cli-secret-1");
        run(cmd)
    };
    let out = create(&[]);
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stderr}");
    assert!(
        stdout.starts_with("Created enrollment template \"Corporate Device Enrollment\"\n"),
        "{stdout}"
    );
    let server_url = format!("{}/EnrollmentServer/Discovery.svc", sandbox.url);
    assert!(
        stdout.contains(&format!("server URL:  {server_url}\n")),
        "{stdout}"
    );
    let token_line = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("token:"))
        .unwrap();
    let token = token_line.split_whitespace().last().unwrap();
    assert!(token.starts_with("enroll_"));
    // Microsoft's documented form: the server URL as it is.
    let link =
        format!("ms-device-enrollment:?mode=mdm&servername={server_url}&accesstoken={token}");
    assert!(stdout.contains(&link), "{stdout}\n{link}");

    // A second create with the same name is refused by the API: exit 3, JSON error.
    let out = create(&["--json"]);
    assert_eq!(code(&out), 3);
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(body["error"]["code"], "api.invalid_input");

    let json_home = Home::new();
    let mut cmd = json_home.winroll(&[
        "create",
        "-",
        "--base-url",
        &sandbox.url,
        "--org",
        "5f0c0ffee0ddba11c0ffee00",
        "--json",
    ]);
    cmd.env("WINROLL_TOKEN", &sandbox.token)
        .env("WINROLL_CLIENT_SECRET", "cli-secret-1");
    let out = run_with_input(cmd, &std::fs::read_to_string(EXAMPLE).unwrap());
    assert_eq!(code(&out), 0);
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        body["enrollmentLink"]
            .as_str()
            .unwrap()
            .starts_with("ms-device-enrollment:?mode=mdm&servername=")
    );
    assert_eq!(body["template"]["devicesCount"], 0);
    let all = format!("{:?}{:?}", text(&out).0, text(&out).1);
    assert!(
        !all.contains("cli-secret-1") && !all.contains("cli-token-1"),
        "{all}"
    );
}

#[test]
fn usage_errors_exit_2_and_send_nothing() {
    let sandbox = SandboxProcess::start("cli-token-2");
    let home = Home::new();
    let attempt = |args: &[&str], token: Option<&str>| {
        let mut cmd = home.winroll(args);
        cmd.env("WINROLL_CLIENT_SECRET", "s");
        if let Some(token) = token {
            cmd.env("WINROLL_TOKEN", token);
        }
        run(cmd)
    };
    let url = sandbox.url.as_str();
    let cases: [(&[&str], Option<&str>, &str); 5] = [
        (
            &[
                "create",
                EXAMPLE,
                "--base-url",
                url,
                "--org",
                "winroll-demo",
            ],
            None,
            "config.missing_token",
        ),
        (
            &[
                "create",
                EXAMPLE,
                "--base-url",
                "http://192.0.2.10",
                "--org",
                "winroll-demo",
            ],
            Some("t"),
            "config.insecure_url",
        ),
        (
            &[
                "create",
                EXAMPLE,
                "--base-url",
                "not a url",
                "--org",
                "winroll-demo",
            ],
            Some("t"),
            "config.invalid_url",
        ),
        (
            &["create", EXAMPLE, "--base-url", url, "--org", "a/../b"],
            Some("t"),
            "config.invalid_organization",
        ),
        (&["create", EXAMPLE], Some("t"), "config.missing_target"),
    ];
    for (args, token, expected) in cases {
        let mut args = args.to_vec();
        args.push("--json");
        let out = attempt(&args, token);
        assert_eq!(code(&out), 2, "{args:?}: {:?}", text(&out));
        let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(body["error"]["code"], expected, "{args:?}");
    }
    let out = attempt(
        &[
            "create",
            SPEC_EXAMPLE,
            "--base-url",
            url,
            "--org",
            "winroll-demo",
        ],
        Some("cli-token-2"),
    );
    assert_eq!(code(&out), 1, "invalid input is caught locally");
    // Nothing reached the sandbox.
    let mut list = home.winroll(&["list", "--base-url", url, "--org", "winroll-demo", "--json"]);
    list.env("WINROLL_TOKEN", &sandbox.token);
    let page: serde_json::Value = serde_json::from_slice(&run(list).stdout).unwrap();
    assert_eq!(page["items"], serde_json::json!([]));
}

#[test]
fn api_refusals_exit_3_and_failures_exit_4() {
    let sandbox = SandboxProcess::start("cli-token-3");
    let home = Home::new();
    let attempt = |org: &str, token: &str| {
        let mut cmd = home.winroll(&[
            "create",
            EXAMPLE,
            "--base-url",
            &sandbox.url,
            "--org",
            org,
            "--timeout",
            "2",
        ]);
        cmd.env("WINROLL_TOKEN", token)
            .env("WINROLL_CLIENT_SECRET", "s");
        let out = run(cmd);
        (code(&out), text(&out).1)
    };
    let (exit, stderr) = attempt("winroll-demo", "wrong");
    assert_eq!(exit, 3);
    assert!(
        stderr.contains("(4001)") && stderr.contains("hint:"),
        "{stderr}"
    );
    assert_eq!(attempt("no-such-org", "cli-token-3").0, 3);
    let (exit, stderr) = attempt("winroll-basic-plan", "cli-token-3");
    assert_eq!(exit, 3);
    assert!(
        stderr.contains("Feature not allowed for you billing plan"),
        "{stderr}"
    );
    for org in ["fault-500", "fault-429-5"] {
        assert_eq!(attempt(org, "cli-token-3").0, 4, "{org}");
    }
    // A gateway's error page and an empty 2xx say nothing about what the server did: the name
    // is searched before anything is said about trying again.
    let (exit, stderr) = attempt("fault-502-html", "cli-token-3");
    assert_eq!(exit, 4);
    assert!(
        stderr.contains("it was not created") && stderr.contains("safe to create it again"),
        "{stderr}"
    );
    let (exit, stderr) = attempt("fault-empty", "cli-token-3");
    assert_eq!(exit, 0, "the empty answer's create happened: {stderr}");
    assert!(stderr.contains("it was created"), "{stderr}");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut cmd = home.winroll(&[
        "create",
        EXAMPLE,
        "--base-url",
        &format!("http://127.0.0.1:{port}"),
        "--org",
        "winroll-demo",
    ]);
    cmd.env("WINROLL_TOKEN", "t")
        .env("WINROLL_CLIENT_SECRET", "s");
    assert_eq!(code(&run(cmd)), 4);
}

#[test]
fn a_lost_answer_is_settled_by_listing_before_any_retry() {
    let sandbox = SandboxProcess::start("cli-token-4");
    let home = Home::new();
    // The sandbox creates at once but answers after 3 s; the CLI gives up after 1 s.
    let mut cmd = home.winroll(&[
        "create",
        EXAMPLE,
        "--base-url",
        &sandbox.url,
        "--org",
        "fault-delay-3000",
        "--timeout",
        "1",
    ]);
    cmd.env("WINROLL_TOKEN", &sandbox.token)
        .env("WINROLL_CLIENT_SECRET", "s");
    let out = run(cmd);
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stderr}");
    assert!(
        stderr.contains("The answer was lost, but the organization now has a template named")
            && stderr.contains("it was created"),
        "{stderr}"
    );
    assert!(
        stdout.contains("ms-device-enrollment:?mode=mdm"),
        "{stdout}"
    );

    // A dropped connection after the create: the same check finds it.
    let mut cmd = home.winroll(&[
        "create",
        EXAMPLE,
        "--base-url",
        &sandbox.url,
        "--org",
        "fault-drop",
    ]);
    cmd.env("WINROLL_TOKEN", &sandbox.token)
        .env("WINROLL_CLIENT_SECRET", "s");
    let out = run(cmd);
    assert_eq!(code(&out), 0, "{:?}", text(&out));
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let out = run(Home::new().winroll(&["schema"]));
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schema/enrollment-template.schema.json"
    ))
    .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), committed);
}

#[test]
fn a_gateway_timeout_after_the_create_is_settled_by_name_not_retried() {
    let sandbox = SandboxProcess::start("cli-token-5");
    let home = Home::new();
    let mut cmd = home.winroll(&[
        "create",
        EXAMPLE,
        "--base-url",
        &sandbox.url,
        "--org",
        "fault-504-html",
    ]);
    cmd.env("WINROLL_TOKEN", &sandbox.token)
        .env("WINROLL_CLIENT_SECRET", "s");
    let out = run(cmd);
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stderr}");
    assert!(stderr.contains("it was created"), "{stderr}");
    assert!(
        !stderr.contains("try again later"),
        "no advice that would create a duplicate: {stderr}"
    );
    assert!(
        stdout.contains("ms-device-enrollment:?mode=mdm"),
        "{stdout}"
    );
    let stats = sandbox.stats();
    assert_eq!(
        stats["organizations"]["fault-504-html"]["createRequests"], 1,
        "sent once: {stats}"
    );
}

#[test]
fn lists_show_enrollment_tokens_only_when_asked() {
    let sandbox = SandboxProcess::start("cli-token-6");
    let home = Home::new();
    let target = ["--base-url", &sandbox.url, "--org", "winroll-demo"];
    let mut create = home.winroll(&[&["create", EXAMPLE][..], &target[..]].concat());
    create
        .env("WINROLL_TOKEN", &sandbox.token)
        .env("WINROLL_CLIENT_SECRET", "s");
    assert_eq!(code(&run(create)), 0);
    let list = |extra: &[&str]| {
        let mut cmd = home.winroll(&[&["list", "--json"][..], &target[..], extra].concat());
        cmd.env("WINROLL_TOKEN", &sandbox.token);
        let out = run(cmd);
        assert_eq!(code(&out), 0);
        text(&out).0
    };
    let plain = list(&[]);
    assert!(
        plain.contains("serverUrl") && !plain.contains("enroll_"),
        "{plain}"
    );
    assert!(list(&["--show-tokens"]).contains("enroll_"));
}

/// A proxy that must never see a request to this machine: it records the first line of every
/// connection and answers 502.
struct TrapProxy {
    url: String,
    seen: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl TrapProxy {
    fn start() -> Self {
        use std::io::{BufRead, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let record = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut first = String::new();
                let _ = std::io::BufReader::new(&stream).read_line(&mut first);
                record.lock().unwrap().push(first.trim().to_owned());
                let _ =
                    (&stream).write_all(b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n");
            }
        });
        Self { url, seen }
    }

    fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }

    /// Every proxy variable, in both cases, pointing here.
    fn aim(&self, cmd: &mut std::process::Command) {
        for name in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"] {
            cmd.env(name, &self.url).env(name.to_lowercase(), &self.url);
        }
        cmd.env_remove("NO_PROXY").env_remove("no_proxy");
    }
}

#[test]
fn loopback_never_goes_through_a_proxy_and_remote_hosts_do() {
    let sandbox = SandboxProcess::start("cli-token-7");
    let home = Home::new();
    let trap = TrapProxy::start();

    // The sandbox on 127.0.0.1: the token and the body must not pass through any proxy.
    let mut cmd = home.winroll(&[
        "create",
        EXAMPLE,
        "--base-url",
        &sandbox.url,
        "--org",
        "winroll-demo",
    ]);
    trap.aim(&mut cmd);
    cmd.env("WINROLL_TOKEN", &sandbox.token)
        .env("WINROLL_CLIENT_SECRET", "s");
    let out = run(cmd);
    assert_eq!(code(&out), 0, "{:?}", text(&out));
    assert_eq!(
        trap.seen(),
        Vec::<String>::new(),
        "the proxy saw a loopback request"
    );

    // A remote API goes through the proxy, as the admin's network requires...
    let remote = |no_proxy: Option<&str>| {
        let mut cmd = home.winroll(&[
            "list",
            "--base-url",
            "https://mdm.example.invalid",
            "--org",
            "winroll-demo",
            "--timeout",
            "5",
        ]);
        trap.aim(&mut cmd);
        if let Some(hosts) = no_proxy {
            cmd.env("NO_PROXY", hosts);
        }
        cmd.env("WINROLL_TOKEN", "t");
        code(&run(cmd))
    };
    assert_eq!(remote(None), 4);
    assert_eq!(trap.seen(), ["CONNECT mdm.example.invalid:443 HTTP/1.1"]);
    // ...unless NO_PROXY names it.
    assert_eq!(remote(Some("mdm.example.invalid")), 4);
    assert_eq!(
        trap.seen().len(),
        1,
        "NO_PROXY was not honoured: {:?}",
        trap.seen()
    );
}

#[test]
fn templates_saved_by_notepad_and_windows_powershell_validate_and_create() {
    let sandbox = SandboxProcess::start("cli-token-8");
    let home = Home::new();
    let saved = std::fs::read_to_string(EXAMPLE)
        .unwrap()
        .replace('\n', "\r\n");
    let mut notepad = vec![0xEF, 0xBB, 0xBF];
    notepad.extend_from_slice(saved.as_bytes());
    let mut powershell = vec![0xFF, 0xFE];
    powershell.extend(saved.encode_utf16().flat_map(u16::to_le_bytes));
    for (name, bytes) in [("notepad.json", notepad), ("powershell.json", powershell)] {
        let path = home.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let file = path.to_str().unwrap();
        let out = run(home.winroll(&["validate", file]));
        assert_eq!(code(&out), 0, "{name}: {:?}", text(&out));
        let mut create = home.winroll(&[
            "create",
            file,
            "--base-url",
            &sandbox.url,
            "--org",
            "fault-delay-0",
        ]);
        create
            .env("WINROLL_TOKEN", &sandbox.token)
            .env("WINROLL_CLIENT_SECRET", "s");
        // The same template twice: the second is refused as a duplicate, which still proves
        // it was read and sent.
        let out = run(create);
        assert!(matches!(code(&out), 0 | 3), "{name}: {:?}", text(&out));
    }
    // Another encoding is named as such, never "not valid JSON at line 1, column 1".
    let path = home.path().join("ansi.json");
    std::fs::write(&path, b"{\"name\": \"Caf\xe9\"}").unwrap();
    let out = run(home.winroll(&["validate", path.to_str().unwrap()]));
    let stderr = text(&out).1;
    assert_eq!(code(&out), 2, "{stderr}");
    assert!(stderr.contains("ansi.json is not UTF-8 text"), "{stderr}");
}
