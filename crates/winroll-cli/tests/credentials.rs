//! Credentials go only where they were stored for, over real sockets and the real Secret Service:
//! a client secret stored for one organization is in no request to another until allowed; a
//! profile's token is never sent to a server its profiles file now points at instead; set-ups in
//! different WINROLL_HOME folders keep their entries apart; a server's words reach the terminal
//! escaped.

mod common;

use common::vendor::VendorServer;
use common::*;

const CLIENT: &str = "b2c3d4e5-f6a7-8901-bcde-f12345678901";

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{prefix}-{}-{nanos}", std::process::id())
}

/// The realistic example, with this test's tenant and a name of its own.
fn template(home: &Home, tenant: &str, name: &str) -> String {
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(EXAMPLE).unwrap()).unwrap();
    value["name"] = name.into();
    value["entraId"]["mobilityApp"]["tenantId"] = tenant.into();
    let path = home.path().join(format!("{name}.json"));
    std::fs::write(&path, value.to_string()).unwrap();
    path.to_str().unwrap().to_owned()
}

fn create(home: &Home, server: &VendorServer, file: &str, org: &str) -> std::process::Output {
    let mut cmd = home.winroll(&["create", file, "--base-url", &server.url, "--org", org]);
    cmd.env("WINROLL_TOKEN", &server.token);
    run(cmd)
}

/// How many requests that reached `server` carry `secret` anywhere.
fn carrying(server: &VendorServer, secret: &str) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.body.contains(secret))
        .count()
}

#[test]
fn a_secret_stored_for_one_organization_reaches_another_only_once_allowed() {
    if !keyring_available() {
        return;
    }
    let server = VendorServer::start("vendor-token");
    let home = Home::new();
    let tenant = unique("tenant");
    let secret = unique("LANE-SECRET");
    let set = home.winroll(&[
        "secret",
        "set",
        "--tenant-id",
        &tenant,
        "--client-id",
        CLIENT,
        "--base-url",
        &server.url,
        "--org",
        "customer-a",
    ]);
    let out = run_with_input(set, &format!("{secret}\n"));
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("may be sent to organization \"customer-a\""),
        "{stdout}"
    );

    // To customer B: refused before anything is sent, saying how to allow it.
    let out = create(
        &home,
        &server,
        &template(&home, &tenant, "For B"),
        "customer-b",
    );
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("may not go to organization \"customer-b\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("winroll secret allow --tenant-id"),
        "{stderr}"
    );
    assert_eq!(server.count("POST"), 0, "nothing sent to customer B");
    assert_eq!(carrying(&server, &secret), 0);

    // To customer A, where it was stored for: sent.
    let out = create(
        &home,
        &server,
        &template(&home, &tenant, "For A"),
        "customer-a",
    );
    assert_eq!(code(&out), 0, "{:?}", text(&out));
    assert_eq!(carrying(&server, &secret), 1);

    // Allowed for B: from now on it goes there too.
    let allow = home.winroll(&[
        "secret",
        "allow",
        "--tenant-id",
        &tenant,
        "--client-id",
        CLIENT,
        "--base-url",
        &server.url,
        "--org",
        "customer-b",
    ]);
    let out = run(allow);
    assert_eq!(code(&out), 0, "{:?}", text(&out));
    let out = create(
        &home,
        &server,
        &template(&home, &tenant, "For B"),
        "customer-b",
    );
    assert_eq!(code(&out), 0, "{:?}", text(&out));
    assert_eq!(carrying(&server, &secret), 2);
    let posted_to_b = server
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.target.contains("/customer-b/"))
        .count();
    assert_eq!(posted_to_b, 1);

    let listed = text(&run(home.winroll(&["secret", "list"]))).0;
    assert!(
        listed.contains("may go to organization \"customer-a\"")
            && listed.contains("may go to organization \"customer-b\""),
        "{listed}"
    );
    assert!(!listed.contains(&secret), "{listed}");

    // A secret given for this run goes where this run sends it, and is not stored.
    let mut given = home.winroll(&[
        "create",
        &template(&home, &tenant, "For C"),
        "--base-url",
        &server.url,
        "--org",
        "customer-c",
    ]);
    given
        .env("WINROLL_TOKEN", &server.token)
        .env("WINROLL_CLIENT_SECRET", "given-for-this-run");
    assert_eq!(code(&run(given)), 0);
    assert_eq!(carrying(&server, "given-for-this-run"), 1);
    assert_eq!(carrying(&server, &secret), 2);

    let remove = home.winroll(&[
        "secret",
        "remove",
        "--tenant-id",
        &tenant,
        "--client-id",
        CLIENT,
    ]);
    assert_eq!(code(&run(remove)), 0);
}

/// The profiles file this home's `winroll` reads.
fn profiles_file(home: &Home) -> std::path::PathBuf {
    home.files()
        .into_iter()
        .find(|p| p.ends_with("profiles.json"))
        .expect("a profiles file")
}

fn list(home: &Home, profile: &str) -> std::process::Output {
    run(home.winroll(&["list", "--profile", profile]))
}

#[test]
fn a_token_goes_only_to_the_server_and_organization_it_was_stored_for() {
    if !keyring_available() {
        return;
    }
    let real = VendorServer::start("real-token");
    let other = VendorServer::start("other-token");
    let home = Home::new();
    let profile = unique("prod");
    let add = home.winroll(&[
        "profile",
        "add",
        &profile,
        "--base-url",
        &real.url,
        "--org",
        "acme",
    ]);
    assert_eq!(code(&run_with_input(add, "real-token\n")), 0);
    let out = list(&home, &profile);
    assert_eq!(code(&out), 0, "{:?}", text(&out));

    // Someone swaps the profiles file: the same profile name, another server.
    let file = profiles_file(&home);
    let original = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, original.replace(&real.url, &other.url)).unwrap();
    let out = list(&home, &profile);
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 2, "{stdout}{stderr}");
    assert!(
        stderr.contains(&format!(
            "was stored for organization \"acme\" at {}",
            real.url
        )) && stderr.contains(&format!("now names organization \"acme\" at {}", other.url))
            && stderr.contains("nothing was sent"),
        "{stderr}"
    );
    assert!(other.requests().is_empty(), "{:?}", other.requests());

    // Another organization on the same server is another destination too.
    std::fs::write(&file, original.replace("\"acme\"", "\"acme-two\"")).unwrap();
    assert_eq!(code(&list(&home, &profile)), 2);
    std::fs::write(&file, &original).unwrap();

    // A second set-up (WINROLL_HOME) with a profile of the same name pointing at the other
    // server stores its own token without touching the first set-up's.
    let portable = Home::new();
    let in_portable = |args: &[&str]| {
        let mut cmd = portable.winroll(args);
        cmd.env("WINROLL_HOME", portable.path().join("winroll"));
        cmd
    };
    let add = in_portable(&[
        "profile",
        "add",
        &profile,
        "--base-url",
        &other.url,
        "--org",
        "acme",
    ]);
    assert_eq!(code(&run_with_input(add, "other-token\n")), 0);
    let out = run(in_portable(&["list", "--profile", &profile]));
    assert_eq!(code(&out), 0, "{:?}", text(&out));
    let out = list(&home, &profile);
    assert_eq!(
        code(&out),
        0,
        "the first set-up's token is intact: {:?}",
        text(&out)
    );
    for set_up in [&home, &portable] {
        let mut remove = set_up.winroll(&["profile", "remove", &profile]);
        if std::ptr::eq(set_up, &portable) {
            remove.env("WINROLL_HOME", portable.path().join("winroll"));
        }
        assert_eq!(code(&run(remove)), 0);
    }
}

#[test]
fn a_servers_words_reach_the_terminal_escaped() {
    let server = VendorServer::start("vendor-token");
    server.refuse_creates_with("bad input\u{1b}]52;c;ZXZpbA==\u{7}\r\u{1b}[2Jgone");
    let home = Home::new();
    let file = home.path().join("t.json");
    std::fs::write(
        &file,
        r#"{"name": "Plain", "rules": [{"winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0"}]}"#,
    )
    .unwrap();
    let out = create(&home, &server, file.to_str().unwrap(), "acme");
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 3, "{stdout}{stderr}");
    assert!(
        stderr.contains("bad input\\u{1b}]52;c;ZXZpbA==\\u{7}\\u{d}\\u{1b}[2Jgone"),
        "{stderr}"
    );
    for raw in ['\u{1b}', '\u{7}', '\r'] {
        assert!(
            !stdout.contains(raw) && !stderr.contains(raw),
            "{raw:?} reached the terminal: {stdout:?} {stderr:?}"
        );
    }
}

/// A lost answer is settled by name, but only a template this send made counts as created: one
/// that was there before, or that holds something else, is a taken name (exit 3), never adopted.
#[test]
fn a_lost_answer_adopts_only_what_this_send_created() {
    let server = VendorServer::start("vendor-token");
    let home = Home::new();
    let write = |name: &str, description: Option<&str>| {
        let path = home.path().join(format!("{name}.json"));
        let mut body = serde_json::json!({
            "name": name,
            "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }]
        });
        if let Some(description) = description {
            body["description"] = description.into();
        }
        std::fs::write(&path, body.to_string()).unwrap();
        path.to_str().unwrap().to_owned()
    };

    // There since January, with exactly these settings: a refused duplicate whose refusal is
    // lost is not "created".
    let old = server.seed(
        "acme",
        serde_json::json!({ "name": "Laptops", "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }] }),
    );
    server.edit(&old, |t| t["createdAt"] = "2026-01-15T09: 30:00Z".into());
    server.lose_next_create();
    let out = create(&home, &server, &write("Laptops", None), "acme");
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 3, "{stdout}{stderr}");
    assert!(
        stderr.contains("already existed (created 2026-01-15T09: 30:00Z)")
            && !stderr.contains("it was created"),
        "{stderr}"
    );
    assert!(
        !stdout.contains("enroll_vendor"),
        "no token of someone else's template: {stdout}"
    );

    // Made a moment ago by someone else, with other settings: not adopted either.
    server.seed(
        "acme",
        serde_json::json!({ "name": "Twin", "description": "theirs", "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }] }),
    );
    server.lose_next_create();
    let out = create(&home, &server, &write("Twin", Some("ours")), "acme");
    assert_eq!(code(&out), 3, "{:?}", text(&out));

    // Made by this send (the server adds its own fields and echoes the policy as an
    // assignment): created.
    server.lose_next_create();
    let out = create(&home, &server, &write("Fresh", Some("ours")), "acme");
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}{stderr}");
    assert!(stderr.contains("it was created"), "{stderr}");
    assert_eq!(server.count("POST"), 3);
    assert_eq!(server.templates("acme").len(), 3);
}

/// A server that echoes the client secret (and keeps a password of its own at another depth):
/// neither reaches the terminal, `--json` output, or the body of a later update.
#[test]
fn an_echoed_secret_reaches_no_output_and_no_later_request() {
    let server = VendorServer::start("vendor-token");
    server.echo_secrets();
    let home = Home::new();
    let file = home.path().join("t.json");
    let body = serde_json::json!({
        "name": "Echoed",
        "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }],
        "entraId": { "mobilityApp": { "tenantId": "t-echo", "clientId": "c-echo" } }
    });
    std::fs::write(&file, body.to_string()).unwrap();
    let with_secret = |mut cmd: std::process::Command| {
        cmd.env("WINROLL_TOKEN", &server.token)
            .env("WINROLL_CLIENT_SECRET", "SENT-SECRET");
        run(cmd)
    };
    let target = ["--base-url", server.url.as_str(), "--org", "acme"];
    let mut outputs = String::new();
    let mut args = vec!["create", file.to_str().unwrap(), "--json"];
    args.extend(target);
    let out = with_secret(home.winroll(&args));
    assert_eq!(code(&out), 0, "{:?}", text(&out));
    let created: serde_json::Value = serde_json::from_str(&text(&out).0).unwrap();
    let id = created["template"]["id"].as_str().unwrap().to_owned();
    outputs.push_str(&text(&out).0);
    outputs.push_str(&text(&out).1);
    assert!(
        server.templates("acme")[0]
            .to_string()
            .contains("SENT-SECRET"),
        "the server does echo it"
    );

    let mut args = vec!["list", "--json", "--show-tokens"];
    args.extend(target);
    let out = with_secret(home.winroll(&args));
    assert_eq!(code(&out), 0, "{:?}", text(&out));
    outputs.push_str(&text(&out).0);

    let mut args = vec!["update", &id, file.to_str().unwrap(), "--yes", "--json"];
    args.extend(target);
    let out = with_secret(home.winroll(&args));
    assert_eq!(code(&out), 0, "{:?}", text(&out));
    outputs.push_str(&text(&out).0);
    outputs.push_str(&text(&out).1);

    for leaked in ["SENT-SECRET", "ECHOED-PASSWORD"] {
        assert!(!outputs.contains(leaked), "{leaked} printed: {outputs}");
    }
    let put = server
        .requests()
        .into_iter()
        .find(|r| r.method == "PUT")
        .expect("an update was sent");
    assert!(!put.body.contains("ECHOED-PASSWORD"), "{}", put.body);
    assert!(
        put.body.contains("SENT-SECRET"),
        "our own secret, filled in as for create"
    );
}
