//! `winroll links` over loopback: per-user links in Microsoft's documented form, CSV and the
//! onboarding sheet, private files never written over, and bad input that writes nothing.

mod common;

use common::*;

const ORG: &str = "winroll-demo";

struct Setup {
    sandbox: SandboxProcess,
    home: Home,
    token: String,
    server_url: String,
}

impl Setup {
    fn new() -> Self {
        let sandbox = SandboxProcess::start("links-token");
        let home = Home::new();
        let file = home.path().join("t.json");
        std::fs::write(&file, serde_json::json!({
            "name": "Onboarding",
            "rules": [{ "winPolicyAssignments": [{ "winPolicyId": "6b0bad6ffa4a2a9b1c36c259", "priority": 1 }] }],
        }).to_string()).unwrap();
        let mut create = home.winroll(&[
            "create",
            file.to_str().unwrap(),
            "--json",
            "--base-url",
            &sandbox.url,
            "--org",
            ORG,
        ]);
        create.env("WINROLL_TOKEN", &sandbox.token);
        let out = run(create);
        assert_eq!(code(&out), 0, "{:?}", text(&out));
        let created: serde_json::Value = serde_json::from_str(&text(&out).0).unwrap();
        let token = created["template"]["winEnrollmentToken"]["token"]
            .as_str()
            .unwrap()
            .to_owned();
        let server_url = created["template"]["winEnrollmentToken"]["serverUrl"]
            .as_str()
            .unwrap()
            .to_owned();
        Self {
            sandbox,
            home,
            token,
            server_url,
        }
    }

    fn links(&self, users: &str, extra: &[&str]) -> std::process::Output {
        let list = self.home.path().join("users.txt");
        std::fs::write(&list, users).unwrap();
        let mut args = vec![
            "links",
            "--template",
            "Onboarding",
            "--users",
            list.to_str().unwrap(),
            "--base-url",
            &self.sandbox.url,
            "--org",
            ORG,
        ];
        args.extend(extra);
        let mut cmd = self.home.winroll(&args);
        cmd.env("WINROLL_TOKEN", &self.sandbox.token);
        run(cmd)
    }
}

#[test]
fn a_csv_of_links_one_per_person_written_private_and_never_over_a_file() {
    let setup = Setup::new();
    let out_file = setup.home.path().join("links.csv");
    let out = setup.links(
        "upn,displayName\r\nann@example.com,\"Smith, Ann\"\r\nbob@example.com,Bob\r\n",
        &["--out", out_file.to_str().unwrap()],
    );
    let (_, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stderr}");
    assert!(
        stderr.contains("Wrote 2 link(s)") && stderr.contains("enrollment token"),
        "{stderr}"
    );
    let csv = std::fs::read_to_string(&out_file).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "email,link");
    assert_eq!(
        lines[1],
        format!(
            "ann@example.com,ms-device-enrollment:?mode=mdm&username=ann@example.com&servername={}&accesstoken={}",
            setup.server_url, setup.token
        )
    );
    assert!(lines[2].starts_with("bob@example.com,"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out_file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{mode:o}");
    }

    // The same command again: the file is there, so nothing is written over it.
    let again = setup.links(
        "carol@example.com\n",
        &["--out", out_file.to_str().unwrap()],
    );
    let (_, stderr) = text(&again);
    assert_eq!(code(&again), 2, "{stderr}");
    assert!(
        stderr.contains("already exists; Winroll does not write over it"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&out_file).unwrap(),
        csv,
        "untouched"
    );
}

#[test]
fn the_onboarding_sheet_is_one_self_contained_page() {
    let setup = Setup::new();
    let out = setup.links(
        "ann@example.com\nbob@example.com\ncarol@example.com\n",
        &["--format", "html"],
    );
    let (sheet, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stderr}");
    assert_eq!(sheet.matches("<section class=\"card\">").count(), 3);
    assert!(sheet.contains("<h2>bob@example.com</h2>"));
    assert!(sheet.contains(
        "href=\"ms-device-enrollment:?mode=mdm&amp;username=carol@example.com&amp;servername="
    ));
    for forbidden in [
        "<script",
        " src=",
        "<link",
        "@import",
        "url(",
        "http-equiv=\"refresh",
    ] {
        assert!(!sheet.contains(forbidden), "{forbidden}");
    }
    assert!(sheet.contains("Set up a work or school account"));
}

#[test]
fn a_bad_line_or_an_empty_list_writes_nothing() {
    let setup = Setup::new();
    let out_file = setup.home.path().join("never.csv");
    let out = setup.links(
        "ann@example.com\nbob at example.com\n",
        &["--out", out_file.to_str().unwrap()],
    );
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("line 2: \"bob at example.com\""),
        "{stderr}"
    );
    assert!(!out_file.exists());
    assert!(!stdout.contains(&setup.token));

    let out = setup.links("\n\n", &[]);
    assert_eq!(code(&out), 2);
    assert!(
        text(&out).1.contains("the list of people is empty"),
        "{:?}",
        text(&out)
    );

    let mut unknown = setup.home.winroll(&[
        "links",
        "--template",
        "No such",
        "--users",
        setup.home.path().join("users.txt").to_str().unwrap(),
        "--base-url",
        &setup.sandbox.url,
        "--org",
        ORG,
    ]);
    std::fs::write(setup.home.path().join("users.txt"), "ann@example.com\n").unwrap();
    unknown.env("WINROLL_TOKEN", &setup.sandbox.token);
    let out = run(unknown);
    assert_eq!(code(&out), 2, "{:?}", text(&out));
    assert!(
        text(&out).1.contains("no template named \"No such\""),
        "{:?}",
        text(&out)
    );
}
