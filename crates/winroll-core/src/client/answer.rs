//! Sending a request and turning whatever comes back into data or an [`ApiError`].

use std::error::Error as _;
use std::time::Duration;

use reqwest::header::{LOCATION, RETRY_AFTER};
use reqwest::{RequestBuilder, StatusCode};
use serde::de::{DeserializeOwned, IgnoredAny};

use super::{ApiError, Call};
use crate::model::Envelope;

const EXCERPT_CHARS: usize = 160;

pub struct Answer {
    status: StatusCode,
    retry_after: Option<Duration>,
    location: Option<String>,
    body: Vec<u8>,
}

/// Sends once and reads at most `limit` bytes of the answer. Never retries: a create that timed
/// out may have been applied.
/// Each call is logged at `debug` with its method, path, status, size and time: never a header,
/// a query (a name filter is the user's text) or a body.
pub async fn exchange(
    request: RequestBuilder,
    limit: usize,
    timeout: Duration,
    is_create: bool,
) -> Result<Answer, ApiError> {
    let (client, request) = request.build_split();
    let request = request.map_err(|e| ApiError::Setup {
        detail: e.to_string(),
    })?;
    let (method, path) = (request.method().clone(), request.url().path().to_owned());
    let started = std::time::Instant::now();
    let answer = receive(client, request, limit, timeout, is_create).await;
    let ms = started.elapsed().as_millis() as u64;
    match &answer {
        Ok(a) => {
            tracing::debug!(%method, path, status = a.status.as_u16(), bytes = a.body.len(), ms, "api call")
        }
        Err(e) => tracing::debug!(%method, path, code = %e.info().code, ms, "api call failed"),
    }
    answer
}

async fn receive(
    client: reqwest::Client,
    request: reqwest::Request,
    limit: usize,
    timeout: Duration,
    is_create: bool,
) -> Result<Answer, ApiError> {
    let mut response = client
        .execute(request)
        .await
        .map_err(|e| send_error(&e, timeout, is_create))?;
    let status = response.status();
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let retry_after = header(RETRY_AFTER)
        .and_then(|v| v.trim().parse().ok())
        .map(Duration::from_secs);
    let location = header(LOCATION);
    let mut body = Vec::new();
    // From here on the server has answered: whatever breaks, the request was received.
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| body_error(&e, timeout))?
    {
        if body.len() + chunk.len() > limit {
            return Err(ApiError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Answer {
        status,
        retry_after,
        location,
        body,
    })
}

/// A transport failure; `sent` when the request may have reached the server.
/// A failure before any answer came. Only a failure to connect proves the request never left;
/// TLS wording is kept for the handshake (part of connecting), where a certificate is the cause.
fn send_error(e: &reqwest::Error, timeout: Duration, is_create: bool) -> ApiError {
    let sent = is_create && !e.is_connect();
    if e.is_connect()
        && let Some(tls) = rustls_error(e)
    {
        return ApiError::Tls {
            detail: tls_detail(tls),
        };
    }
    if e.is_timeout() {
        return ApiError::Timeout {
            seconds: timeout.as_secs(),
            sent,
        };
    }
    ApiError::Connection {
        detail: root_cause(e),
        sent,
    }
}

/// A failure while the answer's body arrived (cut off, reset, a TLS stream closed without
/// close_notify): the request was received, so it is never a certificate problem.
fn body_error(e: &reqwest::Error, timeout: Duration) -> ApiError {
    if e.is_timeout() {
        return ApiError::Timeout {
            seconds: timeout.as_secs(),
            sent: true,
        };
    }
    ApiError::Connection {
        detail: root_cause(e),
        sent: true,
    }
}

/// rustls' own error when it (handshake, certificate verification) failed: found by type in the
/// error's sources, never by searching its text.
fn rustls_error(e: &reqwest::Error) -> Option<&rustls::Error> {
    let mut source = e.source();
    while let Some(err) = source {
        if let Some(tls) = as_rustls(err) {
            return Some(tls);
        }
        source = err.source();
    }
    None
}

/// rustls' error, as is or wrapped in (possibly nested) `io::Error`s, whose `source()` skips
/// the value they wrap.
fn as_rustls<'a>(err: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    if let Some(tls) = err.downcast_ref::<rustls::Error>() {
        return Some(tls);
    }
    as_rustls(
        err.downcast_ref::<std::io::Error>()?
            .get_ref()
            .map(|inner| inner as _)?,
    )
}

/// What an admin can act on. The platform verifiers report most refusals as rustls'
/// certificate errors; Windows' own reasons arrive as an opaque "Other" whose text is an OS
/// error number (and under Wine, a failed FormatMessageW), which means nothing to a reader.
fn tls_detail(e: &rustls::Error) -> String {
    use rustls::CertificateError as Cert;
    let rustls::Error::InvalidCertificate(cert) = e else {
        return e.to_string();
    };
    match cert {
        Cert::UnknownIssuer => "the certificate's issuer is not trusted by this system",
        Cert::Expired | Cert::ExpiredContext { .. } => "the certificate has expired",
        Cert::NotValidYet | Cert::NotValidYetContext { .. } => "the certificate is not valid yet",
        Cert::NotValidForName | Cert::NotValidForNameContext { .. } => {
            "the certificate is not valid for this host name"
        }
        Cert::Revoked => "the certificate was revoked",
        Cert::Other(_) | Cert::BadSignature => {
            "the system's certificate check refused the server's certificate"
        }
        other => return format!("the certificate was refused ({other:?})"),
    }
    .to_owned()
}

fn root_cause(e: &reqwest::Error) -> String {
    let mut last = e.to_string();
    let mut source = e.source();
    while let Some(err) = source {
        last = err.to_string();
        source = err.source();
    }
    last
}

impl Answer {
    /// The `data` of a successful answer, or the error the answer stands for. `redact` lists
    /// credentials that must not appear in an excerpt of the body.
    pub fn into_data<T: DeserializeOwned>(
        self,
        redact: &[&str],
        call: Call,
    ) -> Result<T, ApiError> {
        let status = self.status;
        if status == StatusCode::TOO_MANY_REQUESTS {
            return Err(ApiError::RateLimited {
                retry_after: self.retry_after,
            });
        }
        if status.is_redirection() {
            return Err(ApiError::Redirect {
                status: status.as_u16(),
                location: self.location.unwrap_or_default(),
            });
        }
        if status.is_success() {
            let envelope: Envelope<T> =
                serde_json::from_slice(&self.body).map_err(|_| self.unreadable(redact))?;
            if envelope.status == Some(false) || envelope.error.is_some() {
                return Err(self.refusal(redact, call));
            }
            return envelope.data.ok_or_else(|| ApiError::Unreadable {
                status: status.as_u16(),
                excerpt: "the answer carries no data".into(),
            });
        }
        Err(self.refusal(redact, call))
    }

    fn refusal(&self, redact: &[&str], call: Call) -> ApiError {
        let status = self.status.as_u16();
        let error = serde_json::from_slice::<Envelope<IgnoredAny>>(&self.body)
            .ok()
            .and_then(|e| e.error)
            .filter(|e| e.code.is_some());
        let Some(error) = error else {
            return if self.status.is_server_error() {
                ApiError::Server {
                    status,
                    excerpt: excerpt(&self.body, redact),
                }
            } else {
                self.unreadable(redact)
            };
        };
        let code = error.code.unwrap_or_default();
        let message = error.message.map(|m| scrub(&m, redact)).unwrap_or_default();
        match code {
            5209 => ApiError::InvalidInput { message, call },
            5050 => ApiError::FeatureNotAllowed { message, call },
            4001 => ApiError::Unauthorized { message, call },
            4002 => ApiError::NoAuthToken { message, call },
            3001 => ApiError::NotFound { message, call },
            code => ApiError::Undocumented {
                status,
                code,
                message,
            },
        }
    }

    fn unreadable(&self, redact: &[&str]) -> ApiError {
        ApiError::Unreadable {
            status: self.status.as_u16(),
            excerpt: excerpt(&self.body, redact),
        }
    }
}

/// A short, single-line, tag-free view of a body for an error message.
fn excerpt(body: &[u8], redact: &[&str]) -> String {
    if body.iter().all(u8::is_ascii_whitespace) {
        return "the body is empty".into();
    }
    let text = String::from_utf8_lossy(&body[..body.len().min(4096)]);
    let mut plain = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                plain.push(' ');
            }
            _ if in_tag => {}
            c if c.is_control() || c.is_whitespace() => plain.push(' '),
            c => plain.push(c),
        }
    }
    let words: Vec<&str> = plain.split_whitespace().collect();
    let mut joined = scrub(&words.join(" "), redact);
    if joined.chars().count() > EXCERPT_CHARS {
        joined = joined.chars().take(EXCERPT_CHARS).collect::<String>() + "…";
    }
    format!("\"{joined}\"")
}

fn scrub(text: &str, redact: &[&str]) -> String {
    redact
        .iter()
        .filter(|s| s.len() >= 4)
        .fold(text.to_owned(), |acc, secret| {
            acc.replace(secret, "<redacted>")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_short_plain_and_scrubbed() {
        let html = b"<html><head><title>502 Bad Gateway</title></head><body><h1>Bad\nGateway</h1> token tok_secret</body></html>";
        assert_eq!(
            excerpt(html, &["tok_secret"]),
            "\"502 Bad Gateway Bad Gateway token <redacted>\""
        );
        assert_eq!(excerpt(b"  ", &[]), "the body is empty");
        assert!(excerpt("x".repeat(1000).as_bytes(), &[]).ends_with("…\""));
    }
}
