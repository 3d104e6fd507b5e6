//! Creates over real HTTPS when the answer is cut off: a TLS server made for the test (a
//! throw-away CA, trusted through SSL_CERT_FILE) answers the create with half a body and closes
//! the connection without TLS close_notify, as a load balancer does. The CLI must settle by
//! name, never say "certificate", and never send the create twice.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

const NAME: &str = "Corporate Device Enrollment";

/// What the server answers to the list call that settles a lost create.
#[derive(Clone, Copy)]
enum Listing {
    HasTheTemplate,
    Empty,
}

struct CutServer {
    url: String,
    ca_file: tempfile::NamedTempFile,
    creates: Arc<AtomicUsize>,
    _runtime: tokio::runtime::Runtime,
}

impl CutServer {
    fn start(listing: Listing) -> Self {
        let ca_key = KeyPair::generate().unwrap();
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca = CertifiedIssuer::self_signed(ca_params, ca_key).unwrap();
        let leaf_key = KeyPair::generate().unwrap();
        let leaf = CertificateParams::new(vec!["localhost".to_owned()])
            .unwrap()
            .signed_by(&leaf_key, &ca)
            .unwrap();
        let ca_file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(ca_file.path(), ca.pem()).unwrap();

        let _ = tokio_rustls::rustls::crypto::ring::default_provider().install_default();
        let config = tokio_rustls::rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(
                vec![leaf.der().clone()],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der())),
            )
            .unwrap();
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let url = format!(
            "https://localhost:{}",
            listener.local_addr().unwrap().port()
        );
        let creates = Arc::new(AtomicUsize::new(0));
        let counter = creates.clone();
        runtime.spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                let counter = counter.clone();
                tokio::spawn(async move {
                    let Ok(mut tls) = acceptor.accept(tcp).await else {
                        return;
                    };
                    let request = read_request(&mut tls).await;
                    if request.starts_with("POST ") {
                        counter.fetch_add(1, Ordering::SeqCst);
                        let body = format!("{{\"status\":true,\"data\":{}}}", template_json());
                        let head = format!(
                            "HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                            body.len()
                        );
                        let _ = tls.write_all(head.as_bytes()).await;
                        let _ = tls.write_all(&body.as_bytes()[..body.len() / 2]).await;
                        let _ = tls.flush().await;
                        // Dropped without close_notify: the TCP connection just ends.
                        drop(tls);
                        return;
                    }
                    let items = match listing {
                        Listing::HasTheTemplate => format!("[{}]", template_json()),
                        Listing::Empty => "[]".to_owned(),
                    };
                    let body = format!(
                        "{{\"status\":true,\"data\":{{\"items\":{items},\"totalDocs\":1,\"page\":1,\"totalPages\":1,\"hasNextPage\":false}}}}"
                    );
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = tls.write_all(answer.as_bytes()).await;
                    let _ = tls.shutdown().await;
                });
            }
        });
        Self {
            url,
            ca_file,
            creates,
            _runtime: runtime,
        }
    }

    fn create(&self, home: &Home, trust: bool) -> (i32, String, String) {
        let mut cmd = home.winroll(&[
            "create",
            EXAMPLE,
            "--base-url",
            &self.url,
            "--org",
            "winroll-demo",
        ]);
        cmd.env("WINROLL_TOKEN", "tls-token")
            .env("WINROLL_CLIENT_SECRET", "s");
        if trust {
            cmd.env("SSL_CERT_FILE", self.ca_file.path());
        } else {
            // The system's own trust store, which has never heard of the test's CA.
            cmd.env_remove("SSL_CERT_FILE").env_remove("SSL_CERT_DIR");
        }
        let out = run(cmd);
        let (stdout, stderr) = text(&out);
        (code(&out), stdout, stderr)
    }
}

async fn read_request<S: tokio::io::AsyncRead + Unpin>(stream: &mut S) -> String {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = stream.read(&mut buf).await {
        if n == 0 {
            break;
        }
        data.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&data);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                })
                .unwrap_or(0);
            if body.len() >= length {
                break;
            }
        }
    }
    String::from_utf8_lossy(&data).into_owned()
}

/// The created template, as the list call and (inside the envelope) the create call answer it.
/// The template the create sent (the example), as a server holds it a moment later: with its id,
/// token and creation time, so the settle recognises it as this send's.
fn template_json() -> String {
    let mut held: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(EXAMPLE).unwrap()).unwrap();
    assert_eq!(held["name"], NAME);
    held["id"] = "6b0bad6ffa4a2a9b1c36c259".into();
    held["winEnrollmentToken"] = serde_json::json!({ "id": "t1", "token": "enroll_cut0123", "serverUrl": "https://mdm.example/EnrollmentServer/Discovery.svc" });
    held["createdAt"] = humantime::format_rfc3339_seconds(std::time::SystemTime::now())
        .to_string()
        .into();
    held.to_string()
}

// The throw-away CA is trusted through SSL_CERT_FILE, which only the Unix verifier reads;
// Windows (and Wine) trust what their certificate store holds.
#[cfg(unix)]
#[test]
fn an_https_answer_cut_off_after_the_create_is_settled_by_name() {
    let server = CutServer::start(Listing::HasTheTemplate);
    let home = Home::new();
    let (exit, stdout, stderr) = server.create(&home, true);
    assert_eq!(exit, 0, "{stderr}");
    assert!(stderr.contains("it was created"), "{stderr}");
    assert!(!stderr.to_lowercase().contains("certificate"), "{stderr}");
    assert!(stdout.contains("enroll_cut0123"), "{stdout}");
    assert_eq!(server.creates.load(Ordering::SeqCst), 1, "sent once");
}

// The throw-away CA is trusted through SSL_CERT_FILE, which only the Unix verifier reads;
// Windows (and Wine) trust what their certificate store holds.
#[cfg(unix)]
#[test]
fn a_cut_answer_whose_template_is_not_found_says_so() {
    let server = CutServer::start(Listing::Empty);
    let home = Home::new();
    let (exit, _, stderr) = server.create(&home, true);
    assert_eq!(exit, 4, "{stderr}");
    assert!(stderr.contains("it was not created"), "{stderr}");
    assert!(!stderr.to_lowercase().contains("certificate"), "{stderr}");
    assert_eq!(
        server.creates.load(Ordering::SeqCst),
        1,
        "never retried by itself"
    );
}

#[test]
fn an_untrusted_certificate_is_a_tls_error_before_anything_is_sent() {
    let server = CutServer::start(Listing::Empty);
    let home = Home::new();
    let (exit, _, stderr) = server.create(&home, false);
    assert_eq!(exit, 4, "{stderr}");
    assert!(stderr.contains("secure connection failed"), "{stderr}");
    // Said in words, by the error's kind: not rustls' debug text, not an OS error number.
    let expected = if cfg!(windows) {
        "the system's certificate check refused the server's certificate"
    } else {
        "the certificate's issuer is not trusted by this system"
    };
    assert!(stderr.contains(expected), "{stderr}");
    assert!(
        !stderr.contains("Other(") && !stderr.contains("OS Error"),
        "{stderr}"
    );
    assert_eq!(
        server.creates.load(Ordering::SeqCst),
        0,
        "the handshake failed first"
    );
}
