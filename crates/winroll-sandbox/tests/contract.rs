//! The sandbox at the HTTP level, with hand-written requests: what the real API answers for each
//! documented case, including those the Winroll client never produces (no Authorization header).

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use winroll_sandbox::{Sandbox, SandboxConfig};

const PATH: &str = "/v1/organizations/winroll-demo/mdm/windows/enterprise/enrollment-templates/";

async fn send(
    sandbox: &Sandbox,
    method: &str,
    path: &str,
    headers: &[&str],
    body: &str,
) -> (u16, Value) {
    let mut stream = TcpStream::connect(sandbox.addr()).await.unwrap();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for h in headers {
        request.push_str(h);
        request.push_str("\r\n");
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    let status = answer[9..12].parse().unwrap();
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b)
        .unwrap_or_default();
    (
        status,
        serde_json::from_str(body).unwrap_or(Value::String(body.to_owned())),
    )
}

fn valid_body(name: &str) -> String {
    json!({
        "name": name,
        "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0", "winPolicyAssignments": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d1", "priority": 5 }] }],
        "entraId": { "mobilityApp": { "tenantId": "t", "clientId": "c", "clientSecret": "echo-me" } }
    })
    .to_string()
}

async fn sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig {
        token: "sandbox-token".into(),
        ..SandboxConfig::default()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn auth_organization_and_plan_are_checked_in_order() {
    let sb = sandbox().await;
    let ok = "authorization: Bearer sandbox-token";
    let error = |v: &Value| {
        (
            v["status"].clone(),
            v["error"]["code"].clone(),
            v["error"]["message"].clone(),
        )
    };

    let (status, body) = send(&sb, "POST", PATH, &[], &valid_body("a")).await;
    assert_eq!(
        (status, error(&body)),
        (401, (json!(false), json!(4002), json!("No auth token")))
    );
    let (status, body) = send(
        &sb,
        "POST",
        PATH,
        &["authorization: Bearer nope"],
        &valid_body("a"),
    )
    .await;
    assert_eq!(
        (status, error(&body)),
        (401, (json!(false), json!(4001), json!("Unauthorized")))
    );
    let (status, body) = send(&sb, "GET", PATH, &[], "").await;
    assert_eq!((status, body["error"]["code"].clone()), (401, json!(4002)));

    let other = PATH.replace("winroll-demo", "nobody-here");
    let (status, body) = send(&sb, "POST", &other, &[ok], &valid_body("a")).await;
    assert_eq!(
        (status, error(&body)),
        (404, (json!(false), json!(3001), json!("Entity not found")))
    );

    let basic = PATH.replace("winroll-demo", "winroll-basic-plan");
    let (status, body) = send(&sb, "POST", &basic, &[ok], &valid_body("a")).await;
    assert_eq!((status, body["error"]["code"].clone()), (400, json!(5050)));
    assert_eq!(
        body["error"]["message"],
        "Feature not allowed for you billing plan"
    );
}

#[tokio::test]
async fn bodies_are_checked_by_the_shared_validator() {
    let sb = sandbox().await;
    let ok = "authorization: Bearer sandbox-token";
    let spec_example = include_str!("../../winroll-core/tests/fixtures/spec-example-request.json");
    let (status, body) = send(&sb, "POST", PATH, &[ok], spec_example).await;
    assert_eq!((status, body["error"]["code"].clone()), (400, json!(5209)));
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("Invalid input: rules[0].winPolicyId:"),
        "{message}"
    );
    assert!(
        message.contains("segmentId: expected an integer ≥ 0"),
        "{message}"
    );

    let many = json!({ "description": 1, "allowAutoContinue": "y", "segmentId": "z", "name": "", "rules": [] }).to_string();
    let (_, body) = send(&sb, "POST", PATH, &[ok], &many).await;
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .ends_with("; and 2 more"),
        "{body}"
    );

    let (status, body) = send(&sb, "POST", PATH, &[ok], "<xml/>").await;
    assert_eq!(
        (status, body["error"]["message"].clone()),
        (400, json!("Invalid input: the body is not JSON"))
    );
}

#[tokio::test]
async fn a_created_template_comes_back_as_the_real_api_sends_it() {
    let sb = sandbox().await;
    let ok = "authorization: Bearer sandbox-token";
    let (status, body) = send(&sb, "POST", PATH, &[ok], &valid_body("Laptops")).await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], true);
    let data = &body["data"];
    for id in [
        &data["id"],
        &data["winEnrollmentTokenId"],
        &data["winEnrollmentToken"]["id"],
    ] {
        let id = id.as_str().unwrap();
        assert!(
            id.len() == 24 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "{id}"
        );
    }
    assert_eq!(
        data["winEnrollmentTokenId"],
        data["winEnrollmentToken"]["id"]
    );
    assert_eq!(data["devicesCount"], 0);
    assert_eq!(
        data["entraId"]["mobilityApp"]["clientSecret"], "echo-me",
        "echoed, as the vendor documents"
    );
    // The single policy joined the assignments; no winPolicyId is echoed on the rule.
    assert_eq!(
        data["rules"][0],
        json!({ "winPolicyAssignments": [
        { "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0", "priority": 0 },
        { "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d1", "priority": 5 }
    ] })
    );
    assert!(humantime::parse_rfc3339(data["createdAt"].as_str().unwrap()).is_ok());

    let (status, body) = send(&sb, "POST", PATH, &[ok], &valid_body("Laptops")).await;
    assert_eq!(
        (status, body["error"]["code"].clone()),
        (400, json!(5209)),
        "names are unique per organization"
    );

    // The same name is fine in another organization.
    let hex = PATH.replace("winroll-demo", "5f0c0ffee0ddba11c0ffee00");
    assert_eq!(
        send(&sb, "POST", &hex, &[ok], &valid_body("Laptops"))
            .await
            .0,
        200
    );
}

#[tokio::test]
async fn faults_by_header_and_by_organization() {
    let sb = sandbox().await;
    let ok = "authorization: Bearer sandbox-token";
    let (status, _) = send(
        &sb,
        "POST",
        PATH,
        &[ok, "x-sandbox-fault: 500"],
        &valid_body("x"),
    )
    .await;
    assert_eq!(status, 500);
    let (status, body) = send(&sb, "GET", PATH, &[ok, "x-sandbox-fault: 502-html"], "").await;
    assert_eq!(status, 502);
    assert!(
        body.as_str()
            .unwrap()
            .contains("<title>502 Bad Gateway</title>")
    );
    let (status, _) = send(
        &sb,
        "POST",
        PATH,
        &[ok, "x-sandbox-fault: 429-9"],
        &valid_body("x"),
    )
    .await;
    assert_eq!(status, 429);
    assert!(
        sb.template_names("winroll-demo").is_empty(),
        "refused faults create nothing"
    );
    let truncated = PATH.replace("winroll-demo", "fault-truncated");
    let (status, body) = send(&sb, "POST", &truncated, &[ok], &valid_body("x")).await;
    assert_eq!(status, 200);
    assert!(body.is_string(), "cut JSON does not parse: {body}");
    assert_eq!(sb.template_names("fault-truncated"), ["x"]);
    // Listing a fault-named organization works, so a lost answer can be settled.
    let (status, body) = send(&sb, "GET", &truncated, &[ok], "").await;
    assert_eq!((status, body["data"]["totalDocs"].clone()), (200, json!(1)));
    assert_eq!(sb.create_requests("fault-truncated"), 1);
}

#[tokio::test]
async fn the_sandbox_never_keeps_a_client_secret_and_has_no_well_known_token() {
    assert_ne!(
        SandboxConfig::default().token,
        SandboxConfig::default().token,
        "each sandbox gets its own random token"
    );
    let sb = sandbox().await;
    let ok = "authorization: Bearer sandbox-token";
    let (status, created) = send(&sb, "POST", PATH, &[ok], &valid_body("kept")).await;
    assert_eq!(status, 200);
    assert!(
        created.to_string().contains("echo-me"),
        "the create answer echoes it, as documented"
    );
    let (status, listed) = send(&sb, "GET", PATH.trim_end_matches('/'), &[ok], "").await;
    assert_eq!(status, 200);
    let listed = listed.to_string();
    assert!(
        listed.contains("kept") && !listed.contains("echo-me"),
        "{listed}"
    );
}

#[tokio::test]
async fn lists_by_segment_with_its_children_or_ancestors() {
    let sb = sandbox().await;
    let ok = "authorization: Bearer sandbox-token";
    for (name, segment) in [
        ("root", 0),
        ("one", 1),
        ("twelve", 12),
        ("two", 2),
        ("one-two-three", 123),
    ] {
        let body = json!({ "name": name, "segmentId": segment, "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }] });
        assert_eq!(
            send(&sb, "POST", PATH, &[ok], &body.to_string()).await.0,
            200
        );
    }
    let names = |query: &'static str| {
        let sb = &sb;
        async move {
            let path = format!("{}?{query}", PATH.trim_end_matches('/'));
            let (status, body) = send(sb, "GET", &path, &[ok], "").await;
            assert_eq!(status, 200, "{body}");
            let mut names: Vec<String> = body["data"]["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["name"].as_str().unwrap().to_owned())
                .collect();
            names.sort();
            names
        }
    };
    assert_eq!(names("segmentId=1").await, ["one"]);
    assert_eq!(
        names("segmentId=1&expandTo=children").await,
        ["one", "one-two-three", "twelve"]
    );
    assert_eq!(
        names("segmentId=12&expandTo=ancestors").await,
        ["one", "root", "twelve"]
    );
    let (status, _) = send(
        &sb,
        "GET",
        &format!(
            "{}?segmentId=1&expandTo=sideways",
            PATH.trim_end_matches('/')
        ),
        &[ok],
        "",
    )
    .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn one_organization_answers_with_the_pages_own_quirks() {
    let sb = sandbox().await;
    let ok = "authorization: Bearer sandbox-token";
    let path = PATH.replace("winroll-demo", winroll_sandbox::QUIRKS_ORG);
    let body = json!({
        "name": "Quirky", "segmentId": 1,
        "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0", "segmentId": 2 }]
    });
    let (status, created) = send(&sb, "POST", &path, &[ok], &body.to_string()).await;
    assert_eq!(status, 200, "{created}");
    let data = &created["data"];
    assert_eq!(data["segmentId"], "1");
    assert_eq!(data["rules"][0]["segmentId"], "2");
    assert_eq!(
        data["rules"][0]["winPolicyAssignments"][0],
        json!({ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0", "priority": "0" })
    );
    assert!(data["rules"][0].get("winPolicyId").is_none());
    let stamp = data["createdAt"].as_str().unwrap();
    assert!(stamp.contains("T") && stamp.contains(": "), "{stamp}");
    // Listed the same way; and what it hands back can go back (the validator accepts it once
    // read, as Winroll reads it: numbers as numbers).
    let (_, page) = send(&sb, "GET", path.trim_end_matches('/'), &[ok], "").await;
    assert_eq!(page["data"]["items"][0]["segmentId"], "1");
}

/// Setting faults counts against the same cap on organizations as creating in them: a caller
/// cannot grow the sandbox's memory without bound through `/_sandbox/faults/`.
#[tokio::test]
async fn faults_respect_the_cap_on_organizations() {
    let sb = sandbox().await;
    let ok = "authorization: Bearer sandbox-token";
    let mut accepted = 0;
    let mut refused = None;
    for i in 0..1_100 {
        let (status, body) = send(
            &sb,
            "PUT",
            &format!("/_sandbox/faults/cap-{i}"),
            &[ok],
            "500",
        )
        .await;
        match status {
            204 => accepted += 1,
            _ => {
                refused = Some((i, status, body));
                break;
            }
        }
    }
    let (at, status, body) = refused.expect("the cap was reached");
    assert_eq!(status, 400, "{body}");
    let (stats_status, stats) = send(&sb, "GET", "/_sandbox/stats", &[ok], "").await;
    assert_eq!(stats_status, 200);
    let organizations = stats["organizations"].as_object().unwrap().len();
    assert_eq!(organizations, 1_000, "{accepted} accepted, refused at {at}");
    // A known organization's fault can still be set and cleared.
    let (status, _) = send(&sb, "PUT", "/_sandbox/faults/cap-0", &[ok], "").await;
    assert_eq!(status, 204);
}

/// A token of the right length but one wrong byte is as wrong as any other.
#[tokio::test]
async fn a_token_one_byte_off_is_refused() {
    let sb = sandbox().await;
    let (status, body) = send(
        &sb,
        "GET",
        PATH,
        &["authorization: Bearer sandbox-tokeN"],
        "",
    )
    .await;
    assert_eq!((status, body["error"]["code"].clone()), (401, json!(4001)));
    let (status, _) = send(
        &sb,
        "GET",
        PATH,
        &["authorization: Bearer sandbox-token"],
        "",
    )
    .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_sandbox_prints_without_its_token() {
    let sb = sandbox().await;
    let printed = format!("{sb:?}");
    assert!(!printed.contains("sandbox-token"), "{printed}");
}
