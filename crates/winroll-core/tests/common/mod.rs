//! Helpers shared by the client tests: a sandbox, a client, and a server that sends one canned answer.

#![allow(dead_code)]

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use winroll_core::{ApiClient, ApiToken, ClientConfig, Connection, SecretSource, Template};
use winroll_sandbox::{Sandbox, SandboxConfig};

pub const POLICY: &str = "64b7f0c2a1e4d5f6a7b8c9d0";
pub const SECRET: &str = "ABC~123def456GHI789jkl012MNO";

pub async fn sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox starts")
}

pub fn client() -> ApiClient {
    client_with_timeout(Duration::from_secs(10))
}

pub fn client_with_timeout(total: Duration) -> ApiClient {
    ApiClient::new(ClientConfig {
        total_timeout: total,
        ..ClientConfig::default()
    })
    .expect("client")
}

pub fn connection(base_url: &str, org: &str, token: &str) -> Connection {
    Connection::new(base_url, org, ApiToken::new(token)).expect("valid connection")
}

pub fn template(name: &str) -> Template {
    let text = serde_json::json!({
        "name": name,
        "rules": [{ "name": "All laptops", "winPolicyId": POLICY, "segmentId": 0 }],
        "auxiliaryFields": [{ "type": "select", "key": "department", "options": ["finance", "it"] }],
        "loginProviderTypes": ["ldap"],
        "entraId": { "mobilityApp": { "tenantId": "tenant-1", "clientId": "client-1", "clientSecret": SECRET } },
        "segmentId": 1
    })
    .to_string();
    Template::from_text(&text, SecretSource::InTemplate)
        .expect("valid template")
        .template
}

/// Serves `response` (a whole HTTP/1.1 answer) to every connection; returns its base URL.
pub async fn canned_server(response: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let response = response.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 64 * 1024];
                let _ = socket.read(&mut buf).await;
                let _ = socket.write_all(response.as_bytes()).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    format!("http://{addr}")
}

pub fn http_answer(status: &str, headers: &[(&str, &str)], body: &str) -> String {
    let mut text = format!(
        "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    text
}
