//! Profiles and secrets through the real Secret Service (tests/with-keyring.sh), the leak test
//! over the whole CLI flow, and the behaviour with no Secret Service at all.

mod common;

use common::*;

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{prefix}-{}-{nanos}", std::process::id())
}

#[test]
fn add_a_profile_and_a_secret_once_then_create_without_typing_either() {
    if !keyring_available() {
        return;
    }
    let api_token = unique("api-token-LEAKCHECK");
    let client_secret = unique("client-secret-LEAKCHECK");
    let tenant = unique("tenant");
    let profile = unique("lab");
    let sandbox = SandboxProcess::start(&api_token);
    let home = Home::new();
    let mut printed = String::new();
    let mut step = |out: std::process::Output, expected: i32, what: &str| {
        let (stdout, stderr) = text(&out);
        assert_eq!(code(&out), expected, "{what}: {stdout}{stderr}");
        printed.push_str(&stdout);
        printed.push_str(&stderr);
        stdout
    };

    let add = home.winroll(&[
        "profile",
        "add",
        &profile,
        "--base-url",
        &sandbox.url,
        "--org",
        "winroll-demo",
    ]);
    let said = step(
        run_with_input(add, &format!("{api_token}\n")),
        0,
        "profile add",
    );
    assert!(said.contains(&format!("account token:{profile}")), "{said}");

    let add_again = home.winroll(&[
        "profile",
        "add",
        &profile,
        "--base-url",
        &sandbox.url,
        "--org",
        "winroll-demo",
    ]);
    step(run_with_input(add_again, "other\n"), 2, "duplicate profile");

    let template = home.path().join("template.json");
    let text_in = std::fs::read_to_string(EXAMPLE)
        .unwrap()
        .replace("a1b2c3d4-e5f6-7890-abcd-ef1234567890", &tenant);
    std::fs::write(&template, text_in).unwrap();
    let template = template.to_str().unwrap();

    // Before the secret is stored, create names the tenant and client and sends nothing.
    let out = run(home.winroll(&["create", template, "--profile", &profile]));
    let stderr = text(&out).1;
    step(out, 2, "create without secret");
    assert!(
        stderr.contains(&tenant) && stderr.contains("b2c3d4e5-f6a7-8901-bcde-f12345678901"),
        "{stderr}"
    );
    assert!(
        stderr.contains("winroll secret set --tenant-id"),
        "{stderr}"
    );

    let set = home.winroll(&[
        "secret",
        "set",
        "--tenant-id",
        &tenant,
        "--client-id",
        "b2c3d4e5-f6a7-8901-bcde-f12345678901",
        "--profile",
        &profile,
    ]);
    step(run_with_input(set, &client_secret), 0, "secret set");
    let listed = step(run(home.winroll(&["secret", "list"])), 0, "secret list");
    assert!(listed.contains(&tenant), "{listed}");

    let created = step(
        run(home.winroll(&["create", template, "--profile", &profile])),
        0,
        "create",
    );
    assert!(
        created.contains("ms-device-enrollment:?mode=mdm"),
        "{created}"
    );
    step(
        run(home.winroll(&["create", template, "--profile", &profile, "--json"])),
        3,
        "duplicate name",
    );
    let profiles = step(run(home.winroll(&["profile", "list"])), 0, "profile list");
    assert!(
        profiles.contains(&format!(
            "{profile}  {}  org winroll-demo  token: stored",
            sandbox.url
        )),
        "{profiles}"
    );
    step(
        run(home.winroll(&["profile", "list", "--json"])),
        0,
        "profile list --json",
    );
    step(
        run(home.winroll(&["list", "--profile", &profile])),
        0,
        "list",
    );
    step(run(home.winroll(&["validate", template])), 0, "validate");

    // A file that carries the secret still works, and can be moved into the keyring.
    let carrying = home.path().join("carrying.json");
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(template).unwrap()).unwrap();
    value["name"] = "Carried secret".into();
    value["entraId"]["mobilityApp"]["clientSecret"] = client_secret.clone().into();
    std::fs::write(&carrying, value.to_string()).unwrap();
    let out = run(home.winroll(&["create", carrying.to_str().unwrap(), "--profile", &profile]));
    assert!(
        text(&out).1.contains("winroll secret set --from-template"),
        "{:?}",
        text(&out)
    );
    // (not step(): the file itself holds the secret, so it is no leak of ours)
    assert_eq!(code(&out), 0);
    step(
        run(home.winroll(&[
            "secret",
            "set",
            "--from-template",
            carrying.to_str().unwrap(),
            "--profile",
            &profile,
        ])),
        0,
        "secret move",
    );
    std::fs::remove_file(&carrying).unwrap();

    step(
        run(home.winroll(&[
            "secret",
            "remove",
            "--tenant-id",
            &tenant,
            "--client-id",
            "b2c3d4e5-f6a7-8901-bcde-f12345678901",
        ])),
        0,
        "secret remove",
    );
    step(
        run(home.winroll(&["profile", "remove", &profile])),
        0,
        "profile remove",
    );
    let after = step(
        run(home.winroll(&["profile", "list"])),
        0,
        "profile list after",
    );
    assert!(!after.contains(&profile));
    // Removing the profile removed its token: a new profile of the same name starts empty.
    let out = run(home.winroll(&["create", template, "--profile", &profile]));
    assert_eq!(code(&out), 2);

    // The leak test: nothing written under HOME, and nothing printed, holds either credential.
    let files = home.files();
    assert!(
        files.iter().any(|f| f.ends_with("profiles.json")),
        "{files:?}"
    );
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let content = String::from_utf8_lossy(&bytes);
        assert!(
            !content.contains(&api_token),
            "API token in {}",
            file.display()
        );
        assert!(
            !content.contains(&client_secret),
            "client secret in {}",
            file.display()
        );
        assert!(
            !content.contains("LEAKCHECK"),
            "a credential fragment in {}",
            file.display()
        );
    }
    assert!(
        !printed.contains(&api_token) && !printed.contains(&client_secret),
        "printed a credential:\n{printed}"
    );
    assert!(
        !printed.contains("LEAKCHECK"),
        "printed a credential fragment:\n{printed}"
    );
}

// Windows always has its Credential Manager: there is no service to take away.
#[cfg(unix)]
#[test]
fn without_a_secret_service_commands_fail_clearly_and_write_nothing() {
    let home = Home::new();
    let no_bus = |mut cmd: std::process::Command| {
        cmd.env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}/no-such-bus", home.path().display()),
        );
        cmd
    };
    let add = no_bus(home.winroll(&[
        "profile",
        "add",
        "lab",
        "--base-url",
        "https://api.example.com",
        "--org",
        "acme",
    ]));
    let out = run_with_input(add, "some-token\n");
    let stderr = text(&out).1;
    assert_eq!(code(&out), 5, "{stderr}");
    assert!(stderr.contains("no keyring service is running"), "{stderr}");
    assert!(
        stderr.contains("WINROLL_TOKEN")
            && stderr.contains("never falls back to a plain-text file"),
        "{stderr}"
    );

    let set = no_bus(home.winroll(&[
        "secret",
        "set",
        "--tenant-id",
        "t",
        "--client-id",
        "c",
        "--base-url",
        "https://api.example.com",
        "--org",
        "acme",
    ]));
    assert_eq!(code(&run_with_input(set, "s\n")), 5);

    let create = no_bus(home.winroll(&[
        "create",
        EXAMPLE,
        "--base-url",
        "https://api.example.com",
        "--org",
        "acme",
    ]));
    let mut create = create;
    create.env("WINROLL_TOKEN", "t");
    let out = run(create);
    assert_eq!(code(&out), 5, "{:?}", text(&out));
    assert!(text(&out).1.contains("WINROLL_CLIENT_SECRET"));

    assert_eq!(
        home.files(),
        Vec::<std::path::PathBuf>::new(),
        "nothing may be written"
    );
}

#[test]
fn one_template_rolls_out_to_three_profiles() {
    if !keyring_available() {
        return;
    }
    let token = unique("rollout-token");
    let sandbox = SandboxProcess::start(&token);
    let home = Home::new();
    let suffix = unique("p");
    let profiles = [
        (format!("a-{suffix}"), "winroll-demo"),
        (format!("b-{suffix}"), "5f0c0ffee0ddba11c0ffee00"),
        (format!("c-{suffix}"), "winroll-basic-plan"),
    ];
    for (name, org) in &profiles {
        let add = home.winroll(&[
            "profile",
            "add",
            name,
            "--base-url",
            &sandbox.url,
            "--org",
            org,
        ]);
        assert_eq!(code(&run_with_input(add, &token)), 0);
    }
    let file = home.path().join("rollout.json");
    std::fs::write(
        &file,
        r#"{"name": "Rolled out", "rules": [{"winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0"}]}"#,
    )
    .unwrap();
    let list = profiles
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let out = run(home.winroll(&["create", file.to_str().unwrap(), "--profiles", &list]));
    let (_, stderr) = text(&out);
    assert_eq!(code(&out), 3, "one organization refused: exit 3\n{stderr}");
    assert!(
        stderr.contains("created 2, already there 0, failed 1"),
        "{stderr}"
    );
    let report = std::fs::read_to_string(home.path().join("rollout.json.report.ndjson")).unwrap();
    let lines: Vec<serde_json::Value> = report
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_target = |t: &str| lines.iter().find(|l| l["target"] == t).unwrap().clone();
    assert_eq!(by_target(&profiles[0].0)["status"], "created");
    assert_eq!(by_target(&profiles[1].0)["status"], "created");
    assert_eq!(
        by_target(&profiles[2].0)["error"]["code"],
        "api.feature_not_allowed"
    );
    assert!(!report.contains(&token));
    for (name, _) in &profiles {
        assert_eq!(code(&run(home.winroll(&["profile", "remove", name]))), 0);
    }
}

/// Starts `cmd` (a `profile add`) with `token` on its standard input, its output kept for
/// `wait_with_output`.
fn start_with_token(mut cmd: std::process::Command, token: &str) -> std::process::Child {
    use std::io::Write;
    cmd.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = spawn(&mut cmd).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(token.as_bytes()).unwrap();
    stdin.write_all(b"\n").unwrap();
    child
}

#[test]
fn profiles_added_by_many_processes_at_once_are_all_kept() {
    if !keyring_available() {
        return;
    }
    let home = Home::new();
    let names: Vec<String> = (0..12).map(|i| unique(&format!("par{i}"))).collect();
    // Every process reads, changes and writes profiles.json at the same moment; the file lock
    // must make each one wait for the others, or some profiles are lost.
    let children: Vec<_> = names
        .iter()
        .map(|name| {
            start_with_token(
                home.winroll(&[
                    "profile",
                    "add",
                    name,
                    "--base-url",
                    "https://api.example.com",
                    "--org",
                    "winroll-demo",
                ]),
                "parallel-token",
            )
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(code(&out), 0, "{:?}", text(&out));
    }
    let list = run(home.winroll(&["profile", "list", "--json"]));
    let listed = text(&list).0;
    for name in &names {
        assert!(listed.contains(name.as_str()), "{name} lost: {listed}");
    }
    for name in &names {
        assert_eq!(code(&run(home.winroll(&["profile", "remove", name]))), 0);
    }
}

/// Without WINROLL_HOME, profiles live in the platform's per-user folder: `%APPDATA%` (the
/// Known Folders API's RoamingAppData) on Windows, `$XDG_CONFIG_HOME` on Linux; with it, under
/// that folder and nowhere else.
#[test]
fn profiles_live_in_the_user_folder_unless_winroll_home_moves_them() {
    if !keyring_available() {
        return;
    }
    let home = Home::new();
    let profile = unique("where");
    let add = |cmd: std::process::Command| {
        let out = run_with_input(cmd, "where-token\n");
        assert_eq!(code(&out), 0, "{:?}", text(&out));
    };
    let args = [
        "profile",
        "add",
        &profile,
        "--base-url",
        "https://api.example.com",
        "--org",
        "acme",
    ];

    let mut system = home.winroll(&args);
    system.env_remove("WINROLL_HOME");
    add(system);
    let expected = if cfg!(windows) {
        std::path::PathBuf::from(std::env::var("APPDATA").expect("%APPDATA%"))
            .join("Winroll")
            .join("winroll")
            .join("config")
            .join("profiles.json")
    } else {
        home.path().join(".config/winroll/profiles.json")
    };
    let written = std::fs::read_to_string(&expected)
        .unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
    assert!(written.contains(&profile), "{written}");

    let moved = tempfile::tempdir().unwrap();
    let mut portable = home.winroll(&args);
    portable.env("WINROLL_HOME", moved.path());
    add(portable);
    let portable_file = moved.path().join("config").join("profiles.json");
    assert!(
        std::fs::read_to_string(&portable_file)
            .unwrap()
            .contains(&profile)
    );

    for root in [None, Some(moved.path())] {
        let mut remove = home.winroll(&["profile", "remove", &profile]);
        match root {
            Some(root) => remove.env("WINROLL_HOME", root),
            None => remove.env_remove("WINROLL_HOME"),
        };
        assert_eq!(code(&run(remove)), 0);
    }
    assert!(
        !std::fs::read_to_string(&expected)
            .unwrap()
            .contains(&profile)
    );
}

/// The lock, shown deterministically: this test holds it itself, and a `profile add` started
/// meanwhile must wait with profiles.json untouched, then finish once it is released. (The
/// twelve-process race above can pass by luck without a lock; this cannot.)
#[test]
fn profile_add_waits_while_another_process_holds_the_profiles_lock() {
    if !keyring_available() {
        return;
    }
    let home = Home::new();
    let root = tempfile::tempdir().unwrap();
    let profiles = root.path().join("config").join("profiles.json");
    let name = unique("locked");
    let held = winroll_files::lock::lock_for(&profiles).expect("the lock");
    let before = std::fs::read(&profiles).ok();
    let mut cmd = home.winroll(&[
        "profile",
        "add",
        &name,
        "--base-url",
        "https://api.example.com",
        "--org",
        "winroll-demo",
    ]);
    cmd.env("WINROLL_HOME", root.path());
    let mut child = start_with_token(cmd, "locked-token");
    // However long it is given, a process that honours the lock is still waiting.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "profile add finished while another process held the lock"
    );
    assert_eq!(
        std::fs::read(&profiles).ok(),
        before,
        "profiles.json changed under the lock"
    );
    drop(held);
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 0, "{:?}", text(&out));
    let written = std::fs::read_to_string(&profiles).unwrap();
    assert!(written.contains(&name), "{written}");
    let mut remove = home.winroll(&["profile", "remove", &name]);
    remove.env("WINROLL_HOME", root.path());
    assert_eq!(code(&run(remove)), 0);
}
