//! The API client over real loopback HTTP: against the sandbox for success, every documented
//! error and every injected fault; against a canned-answer server for what the sandbox never says.

mod common;

use std::time::Duration;

use common::*;
use winroll_core::{ApiError, ErrorCode, ListQuery, client::Category};
use winroll_sandbox::{BASIC_PLAN_ORG, DEMO_ORG, DEMO_ORG_HEX, Fault};

#[tokio::test]
async fn create_returns_a_realistic_template_without_the_echoed_secret() {
    let sandbox = sandbox().await;
    let conn = connection(&sandbox.base_url(), DEMO_ORG, sandbox.token());
    let created = client()
        .create(&conn, &template("Laptops"))
        .await
        .expect("created");

    let id = created.id.as_deref().expect("id");
    assert!(
        id.len() == 24 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "{id}"
    );
    let token = created.win_enrollment_token.as_ref().expect("token");
    assert!(token.token.as_deref().unwrap().starts_with("enroll_"));
    let server_url = token.server_url.as_deref().unwrap();
    assert!(server_url.starts_with(&sandbox.base_url()), "{server_url}");
    assert_eq!(created.devices_count, Some(0));
    assert_eq!(created.segment_id, Some(1));
    assert!(created.created_at.is_some() && created.updated_at.is_some());
    // The single policy comes back as an assignment (spec/README.md #4).
    let rule = &created.body["rules"][0];
    assert_eq!(rule.get("winPolicyId"), None);
    assert_eq!(rule["winPolicyAssignments"][0]["winPolicyId"], POLICY);
    // The sandbox echoed the secret as the real API does; the client dropped it.
    let app = &created.body["entraId"]["mobilityApp"];
    assert_eq!(app["clientId"], "client-1");
    assert_eq!(app.get("clientSecret"), None);
    let shown = format!("{created:?} {}", serde_json::to_string(&created).unwrap());
    assert!(!shown.contains(SECRET), "secret leaked: {shown}");
    let debug = format!("{created:?}");
    assert!(
        !debug.contains(token.token.as_deref().unwrap()),
        "Debug must redact the enrollment token"
    );
    assert_eq!(sandbox.template_names(DEMO_ORG), ["Laptops"]);

    // The 24-hex organization id works the same.
    let hex = connection(&sandbox.base_url(), DEMO_ORG_HEX, sandbox.token());
    assert!(client().create(&hex, &template("Laptops")).await.is_ok());
}

#[tokio::test]
async fn documented_refusals_map_to_their_own_errors() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let client = client();

    let wrong_token = connection(&base, DEMO_ORG, "not-the-token");
    let err = client
        .create(&wrong_token, &template("A"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ApiError::Unauthorized {
            message: "Unauthorized".into(),
            call: winroll_core::Call::Create,
        }
    );
    assert_eq!(err.category(), Category::Refused);

    let unknown = connection(&base, "no-such-org", sandbox.token());
    let err = client.create(&unknown, &template("A")).await.unwrap_err();
    assert_eq!(
        err,
        ApiError::NotFound {
            message: "Entity not found".into(),
            call: winroll_core::Call::Create,
        }
    );

    let basic = connection(&base, BASIC_PLAN_ORG, sandbox.token());
    let err = client.create(&basic, &template("A")).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::ApiFeatureNotAllowed);
    assert!(
        err.to_string()
            .contains("Feature not allowed for you billing plan")
    );

    let good = connection(&base, DEMO_ORG, sandbox.token());
    client.create(&good, &template("Twice")).await.unwrap();
    let err = client.create(&good, &template("Twice")).await.unwrap_err();
    assert!(
        matches!(&err, ApiError::InvalidInput { message, .. } if message.contains("already exists")),
        "{err:?}"
    );
}

#[tokio::test]
async fn no_auth_token_and_undocumented_codes() {
    // The client always sends a token, so 4002 comes from a canned answer.
    let body = r#"{"status":false,"error":{"code":4002,"message":"No auth token"}}"#;
    let base = canned_server(http_answer(
        "401 Unauthorized",
        &[("content-type", "application/json")],
        body,
    ))
    .await;
    let err = client()
        .create(&connection(&base, DEMO_ORG, "t"), &template("A"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ApiError::NoAuthToken {
            message: "No auth token".into(),
            call: winroll_core::Call::Create,
        }
    );

    let body = r#"{"status":false,"error":{"code":"7777","message":"Quota exceeded"}}"#;
    let base = canned_server(http_answer("403 Forbidden", &[], body)).await;
    let err = client()
        .create(&connection(&base, DEMO_ORG, "t"), &template("A"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ApiError::Undocumented {
            status: 403,
            code: 7777,
            message: "Quota exceeded".into()
        }
    );
    assert_eq!(err.category(), Category::Refused);
}

#[tokio::test]
async fn the_vendors_own_example_answer_is_read_leniently() {
    let body = include_str!("fixtures/spec-example-response.json");
    let base = canned_server(http_answer(
        "200 OK",
        &[("content-type", "application/json")],
        body,
    ))
    .await;
    let created = client()
        .create(&connection(&base, DEMO_ORG, "t"), &template("A"))
        .await
        .expect("lenient");
    assert_eq!(created.id.as_deref(), Some("698e06f56544c9857506df0c"));
    assert_eq!(created.segment_id, Some(1), "\"1\" read as 1");
    assert_eq!(created.devices_count, Some(247));
    assert_eq!(
        created.updated_at.as_deref(),
        Some("2026-02-10T12: 00:00Z"),
        "kept as text"
    );
    let token = created.win_enrollment_token.unwrap();
    assert_eq!(
        token.server_url.as_deref(),
        Some("https://mdm.company.com/enroll")
    );
    assert_eq!(token.token.as_deref(), Some("enroll_abc123def456"));
    let echo = serde_json::to_string(&created.body).unwrap();
    assert!(!echo.contains("ABC~123def456GHI789jkl012MNO"), "{echo}");
    assert!(
        echo.contains("mobilityApp"),
        "the rest of the echo is kept: {echo}"
    );
}

#[tokio::test]
async fn injected_faults_become_clear_errors() {
    let sandbox = sandbox().await;
    let client = client();
    let at = |org: &str| connection(&sandbox.base_url(), org, sandbox.token());

    let err = client
        .create(&at("fault-500"), &template("A"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            ApiError::Undocumented {
                status: 500,
                code: 9999,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.category(), Category::Unavailable);
    assert!(
        !err.is_uncertain(),
        "a 500 from the API itself is a refusal to act"
    );

    let err = client
        .create(&at("fault-502-html"), &template("A"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ApiError::Server {
            status: 502,
            excerpt: "\"502 Bad Gateway 502 Bad Gateway nginx\"".into()
        }
    );
    assert!(
        err.is_uncertain(),
        "a gateway error says nothing about the server behind it"
    );

    let err = client
        .create(&at("fault-truncated"), &template("A"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ApiError::Unreadable { status: 200, excerpt } if excerpt.starts_with("\"{")),
        "{err:?}"
    );
    assert!(!err.to_string().contains(SECRET) && !err.to_string().contains(sandbox.token()));
    assert!(
        err.is_uncertain(),
        "a cut 2xx answer may come from a create that happened"
    );

    let err = client
        .create(&at("fault-empty"), &template("A"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ApiError::Unreadable {
            status: 200,
            excerpt: "the body is empty".into()
        }
    );
    assert!(err.is_uncertain());

    let err = client
        .create(&at("fault-429-7"), &template("A"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ApiError::RateLimited {
            retry_after: Some(Duration::from_secs(7))
        }
    );
    assert_eq!(err.info().retry_after_secs, Some(7));
    assert!(!err.is_uncertain(), "a 429 is a refusal: nothing was done");

    let err = client
        .create(&at("fault-drop"), &template("A"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, ApiError::Connection { sent: true, .. }),
        "{err:?}"
    );
    assert!(err.is_uncertain());
    assert_eq!(
        sandbox.template_names("fault-drop"),
        ["A"],
        "the drop hit the answer, not the create"
    );
}

#[tokio::test]
async fn a_timed_out_create_is_sent_once_and_reported_uncertain() {
    let sandbox = sandbox().await;
    sandbox.set_fault(DEMO_ORG, Some(Fault::Delay(Duration::from_millis(1500))));
    let conn = connection(&sandbox.base_url(), DEMO_ORG, sandbox.token());
    let err = client_with_timeout(Duration::from_millis(300))
        .create(&conn, &template("Slow"))
        .await
        .unwrap_err();

    assert_eq!(
        err,
        ApiError::Timeout {
            seconds: 0,
            sent: true
        }
    );
    assert_eq!(err.code(), ErrorCode::NetworkTimeoutAfterSend);
    assert!(err.hint().unwrap().contains("may have been created"));
    assert_eq!(sandbox.create_requests(DEMO_ORG), 1, "never retried");
    // And the check the hint points to finds it.
    sandbox.set_fault(DEMO_ORG, None);
    let found = client()
        .find_by_name(&conn, "Slow", &ListQuery::default())
        .await
        .unwrap();
    assert_eq!(found.and_then(|t| t.name).as_deref(), Some("Slow"));
    assert_eq!(sandbox.create_requests(DEMO_ORG), 1);
}

#[tokio::test]
async fn transport_failures() {
    // Nothing listens on a port we just released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let conn = connection(&format!("http://127.0.0.1:{port}"), DEMO_ORG, "t");
    let err = client().create(&conn, &template("A")).await.unwrap_err();
    assert!(
        matches!(err, ApiError::Connection { sent: false, .. }),
        "{err:?}"
    );
    assert!(!err.is_uncertain());

    // TLS spoken to a plain-HTTP server fails as TLS, not as an unreadable answer.
    let sandbox = sandbox().await;
    let https = format!("https://localhost:{}", sandbox.addr().port());
    let err = client()
        .create(&connection(&https, DEMO_ORG, "t"), &template("A"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NetworkTls, "{err:?}");
}

#[tokio::test]
async fn redirects_and_oversized_answers_are_refused() {
    let base = canned_server(http_answer(
        "308 Permanent Redirect",
        &[("location", "https://new.example/v1")],
        "",
    ))
    .await;
    let err = client()
        .create(&connection(&base, DEMO_ORG, "t"), &template("A"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ApiError::Redirect {
            status: 308,
            location: "https://new.example/v1".into()
        }
    );

    let huge = format!(
        "{{\"status\":true,\"data\":{{\"description\":\"{}\"}}}}",
        "x".repeat(1024 * 1024 + 10)
    );
    let base = canned_server(http_answer("200 OK", &[], &huge)).await;
    let err = client()
        .create(&connection(&base, DEMO_ORG, "t"), &template("A"))
        .await
        .unwrap_err();
    assert_eq!(err, ApiError::TooLarge { limit: 1024 * 1024 });
    assert!(
        err.is_uncertain(),
        "an oversized 2xx came from a server that acted"
    );
}

#[tokio::test]
async fn list_pages_filters_and_finds_exact_names() {
    let sandbox = sandbox().await;
    let conn = connection(&sandbox.base_url(), DEMO_ORG, sandbox.token());
    let client = client();
    for name in ["Laptops", "Laptops 2", "Kiosks"] {
        client.create(&conn, &template(name)).await.unwrap();
    }
    let page = client
        .list(
            &conn,
            &ListQuery {
                page: Some(1),
                limit: Some(2),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (page.items.len(), page.total_docs, page.has_next_page),
        (2, Some(3), Some(true))
    );
    let page2 = client
        .list(
            &conn,
            &ListQuery {
                page: Some(2),
                limit: Some(2),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(page2.items.len(), 1);
    let filtered = client
        .list(
            &conn,
            &ListQuery {
                name: Some("laptops".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(filtered.items.len(), 2, "the server matches partially");
    let sorted = client
        .list(
            &conn,
            &ListQuery {
                sort: Some("name:desc".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let names: Vec<_> = sorted
        .items
        .iter()
        .filter_map(|t| t.name.as_deref())
        .collect();
    assert_eq!(names, ["Laptops 2", "Laptops", "Kiosks"]);

    assert_eq!(
        client
            .find_by_name(&conn, "Laptops", &ListQuery::default())
            .await
            .unwrap()
            .unwrap()
            .name
            .as_deref(),
        Some("Laptops")
    );
    assert!(
        client
            .find_by_name(&conn, "Laptop", &ListQuery::default())
            .await
            .unwrap()
            .is_none(),
        "partial matches are not hits"
    );
    let listed = serde_json::to_string(&sorted).unwrap();
    assert!(
        !listed.contains(SECRET),
        "list answers echo the secret too; it must be dropped"
    );

    let wrong = connection(&sandbox.base_url(), DEMO_ORG, "nope");
    assert_eq!(
        client
            .list(&wrong, &ListQuery::default())
            .await
            .unwrap_err()
            .code(),
        ErrorCode::ApiUnauthorized
    );
}

#[tokio::test]
async fn the_curl_snippet_creates_the_same_template() {
    let sandbox = sandbox().await;
    let conn = connection(&sandbox.base_url(), DEMO_ORG, "not-in-the-snippet");
    // The template as the window hands it over: no secret (the snippet reads it from the
    // environment).
    let mut value = serde_json::Value::Object(template("From curl $HOME `x`").body().clone());
    value["name"] = "From curl $HOME `x`".into();
    let t = winroll_core::Template::from_value(value, winroll_core::SecretSource::Keyring)
        .unwrap()
        .template;
    let snippet = winroll_core::request_snippets(&conn, &t).curl;
    let out = tokio::process::Command::new("bash")
        .args(["-c", &snippet])
        .env("WINROLL_TOKEN", sandbox.token())
        .env("WINROLL_CLIENT_SECRET", SECRET)
        .output()
        .await
        .expect("bash runs");
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON answer");
    assert_eq!(answer["status"], true, "{answer}");
    assert_eq!(
        answer["data"]["name"], "From curl $HOME `x`",
        "nothing in the body was expanded by the shell"
    );
    assert_eq!(
        answer["data"]["entraId"]["mobilityApp"]["clientSecret"], SECRET,
        "the secret came from the environment"
    );
    assert_eq!(sandbox.template_names(DEMO_ORG), ["From curl $HOME `x`"]);
}

#[tokio::test]
async fn a_name_search_that_cannot_see_every_match_says_so() {
    // Every page has a near miss and says there is another page: the search gives up at its cap,
    // and that is "nobody knows", never "not created".
    let page = serde_json::json!({ "status": true, "data": {
        "items": [{ "id": "6b0bad6ffa4a2a9b1c36c259", "name": "Laptops (old)" }],
        "hasNextPage": true, "totalPages": 1000 } })
    .to_string();
    let base = canned_server(http_answer(
        "200 OK",
        &[("content-type", "application/json")],
        &page,
    ))
    .await;
    let err = client()
        .find_by_name(
            &connection(&base, DEMO_ORG, "t"),
            "Laptops",
            &ListQuery::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::SearchIncomplete, "{err:?}");
}

/// Accepts one request, keeps it whole (head and body), answers `answer`.
async fn recording_server(answer: String) -> (String, tokio::sync::oneshot::Receiver<String>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (sender, receiver) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            let n = socket.read(&mut buf).await.unwrap();
            request.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&request).into_owned();
            if let Some((head, body)) = text.split_once("\r\n\r\n") {
                let length = head
                    .lines()
                    .find_map(|l| {
                        l.to_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse::<usize>().unwrap())
                    })
                    .unwrap_or(0);
                if body.len() >= length {
                    let _ = sender.send(text);
                    break;
                }
            }
            if n == 0 {
                break;
            }
        }
        let _ = socket.write_all(answer.as_bytes()).await;
        let _ = socket.shutdown().await;
    });
    (format!("http://{addr}"), receiver)
}

#[tokio::test]
async fn an_update_is_a_put_of_the_template_whole() {
    let listed: winroll_core::CreatedTemplate = serde_json::from_value(serde_json::json!({
        "id": "6b0bad6ffa4a2a9b1c36c259",
        "name": "Laptops",
        "costCenter": "IT-42",
        "futureFlags": { "a": [1, 2] },
        "winEnrollmentToken": { "token": "enroll_x", "serverUrl": "https://mdm.example/d" }
    }))
    .unwrap();
    // The server's copy as a create body: what it sets itself is not part of it.
    assert_eq!(
        serde_json::Value::Object(listed.body.clone()),
        serde_json::json!({ "name": "Laptops", "costCenter": "IT-42", "futureFlags": { "a": [1, 2] } })
    );
    let answer = serde_json::json!({ "status": true, "data": {
        "id": "6b0bad6ffa4a2a9b1c36c259", "name": "Laptops 2", "costCenter": "IT-42" } })
    .to_string();
    let (base, request) = recording_server(http_answer(
        "200 OK",
        &[("content-type", "application/json")],
        &answer,
    ))
    .await;
    let mut edited = serde_json::Value::Object(listed.body.clone());
    edited["name"] = "Laptops 2".into();
    edited["rules"] = serde_json::json!([{ "winPolicyId": POLICY }]);
    let edited = winroll_core::Template::from_value(edited, winroll_core::SecretSource::InTemplate)
        .unwrap()
        .template;
    let updated = client()
        .update(
            &connection(&base, DEMO_ORG, "t"),
            "6b0bad6ffa4a2a9b1c36c259",
            &edited,
        )
        .await
        .unwrap();
    assert_eq!(updated.name.as_deref(), Some("Laptops 2"));
    assert_eq!(updated.body["costCenter"], "IT-42", "read back too");
    let request = request.await.unwrap();
    assert!(
        request.starts_with(&format!(
            "PUT /v1/organizations/{DEMO_ORG}/mdm/windows/enterprise/enrollment-templates/6b0bad6ffa4a2a9b1c36c259 "
        )),
        "{request}"
    );
    let body = request.split_once("\r\n\r\n").unwrap().1;
    assert_eq!(
        body,
        format!(
            r#"{{"name":"Laptops 2","costCenter":"IT-42","futureFlags":{{"a":[1,2]}},"rules":[{{"winPolicyId":"{POLICY}"}}]}}"#
        ),
        "byte for byte: the server's fields in its order, the edited value, the new field last"
    );
}

#[tokio::test]
async fn a_template_id_cannot_reach_another_resource() {
    let conn = connection("https://api.example.com", DEMO_ORG, "t");
    for bad in ["../../x?y#z", ".", "..", ".\t."] {
        assert!(
            matches!(
                conn.template_url(bad),
                Err(ApiError::InvalidTemplateId { .. })
            ),
            "{bad:?}"
        );
    }
}

#[tokio::test]
async fn quirks_inside_a_rule_are_kept_as_the_server_sent_them() {
    let body = include_str!("fixtures/nested-quirks-response.json");
    let base = canned_server(http_answer(
        "200 OK",
        &[("content-type", "application/json")],
        body,
    ))
    .await;
    let created = client()
        .create(&connection(&base, DEMO_ORG, "t"), &template("A"))
        .await
        .expect("lenient at every depth");
    // Nothing is lost or converted: an edit starts from exactly this.
    let sent: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(created.body["rules"], sent["data"]["rules"]);
    assert_eq!(created.body["rules"][2], "not a rule");
    assert_eq!(
        created.body["rules"][0]["winPolicyAssignments"][1]["priority"],
        "high"
    );
    assert_eq!(created.devices_count, Some(247));
    assert_eq!(
        created.created_at.as_deref(),
        Some("yesterday"),
        "kept as text"
    );
}
