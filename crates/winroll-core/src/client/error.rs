//! Every way a call can fail, each with a stable code, a message and a hint an admin can act on.

use std::time::Duration;

use super::Call;
use crate::error_info::{ErrorCode, ErrorInfo};

/// Who has to act: decides the CLI's exit code and how the UI presents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Fix the settings (URL, organization, token); nothing was sent.
    Usage,
    /// The API answered and refused.
    Refused,
    /// No usable answer: network, timeout, server error, unreadable body.
    Unavailable,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    // ---- caught before sending ----
    #[error("the API URL {url:?} is not usable: {detail}")]
    InvalidUrl { url: String, detail: String },
    #[error(
        "the API URL {url:?} uses plain http to another machine; the token would cross the network unencrypted"
    )]
    InsecureUrl { url: String },
    #[error("{detail}")]
    InvalidOrganization { detail: String },
    #[error("no API token was given")]
    MissingToken,
    #[error("the list query is not valid: {detail}")]
    InvalidQuery { detail: String },
    #[error("{id:?} is not a template id (24 hexadecimal characters); nothing was sent")]
    InvalidTemplateId { id: String },
    #[error("the HTTP client could not be set up: {detail}")]
    Setup { detail: String },

    // ---- documented refusals (each says which call was refused) ----
    #[error("{} (5209): {message}", refused_input(*.call))]
    InvalidInput { message: String, call: Call },
    #[error(
        "the organization's billing plan does not include Windows enrollment templates (5050): {message}"
    )]
    FeatureNotAllowed { message: String, call: Call },
    #[error("the API token was not accepted to {} (4001): {message}", .call.action())]
    Unauthorized { message: String, call: Call },
    #[error("the request carried no API token (4002): {message}")]
    NoAuthToken { message: String, call: Call },
    /// 3001 names no entity: the organization, the template, or a policy or segment the body
    /// refers to may be the one missing, so the message does not guess.
    #[error("something the request to {} refers to was not found (3001): {message}", .call.action())]
    NotFound { message: String, call: Call },
    #[error("the API answered HTTP {status} with error code {code}: {message}")]
    Undocumented {
        status: u16,
        code: i64,
        message: String,
    },

    // ---- no usable answer ----
    #[error("the API is rate limiting requests (HTTP 429)")]
    RateLimited { retry_after: Option<Duration> },
    #[error("the API answered with a redirect (HTTP {status}) to {location:?}")]
    Redirect { status: u16, location: String },
    #[error("the server failed (HTTP {status}): {excerpt}")]
    Server { status: u16, excerpt: String },
    #[error("the answer (HTTP {status}) could not be read: {excerpt}")]
    Unreadable { status: u16, excerpt: String },
    #[error("the answer is larger than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("no answer within {seconds} s")]
    Timeout { seconds: u64, sent: bool },
    #[error("the connection failed: {detail}")]
    Connection { detail: String, sent: bool },
    #[error("the secure connection failed: {detail}")]
    Tls { detail: String },
    #[error("the search by name stopped after {pages} pages of partial matches")]
    SearchIncomplete { pages: u32 },
    #[error("the search could not tell: {detail}")]
    SearchUnreadable { detail: String },
}

/// What a 5209 refused, by call.
fn refused_input(call: Call) -> &'static str {
    match call {
        Call::Create => "the API rejected the template",
        Call::Update => "the API rejected the update",
        Call::List => "the API refused the list query",
    }
}

impl ApiError {
    /// Stable identifier the UI switches on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::InvalidUrl { .. } => ErrorCode::ConfigInvalidUrl,
            Self::InsecureUrl { .. } => ErrorCode::ConfigInsecureUrl,
            Self::InvalidOrganization { .. } => ErrorCode::ConfigInvalidOrganization,
            Self::MissingToken => ErrorCode::ConfigMissingToken,
            Self::InvalidQuery { .. } => ErrorCode::ConfigInvalidQuery,
            Self::InvalidTemplateId { .. } => ErrorCode::ConfigInvalidTemplateId,
            Self::Setup { .. } => ErrorCode::ClientSetup,
            Self::InvalidInput { .. } => ErrorCode::ApiInvalidInput,
            Self::FeatureNotAllowed { .. } => ErrorCode::ApiFeatureNotAllowed,
            Self::Unauthorized { .. } => ErrorCode::ApiUnauthorized,
            Self::NoAuthToken { .. } => ErrorCode::ApiNoAuthToken,
            Self::NotFound { .. } => ErrorCode::ApiNotFound,
            Self::Undocumented { .. } => ErrorCode::ApiUndocumentedCode,
            Self::RateLimited { .. } => ErrorCode::ApiRateLimited,
            Self::Redirect { .. } => ErrorCode::ApiRedirect,
            Self::Server { .. } => ErrorCode::ServerError,
            Self::Unreadable { .. } => ErrorCode::ResponseUnreadable,
            Self::TooLarge { .. } => ErrorCode::ResponseTooLarge,
            Self::Timeout { sent: true, .. } => ErrorCode::NetworkTimeoutAfterSend,
            Self::Timeout { sent: false, .. } => ErrorCode::NetworkTimeout,
            Self::Connection { sent: true, .. } => ErrorCode::NetworkDroppedAfterSend,
            Self::Connection { sent: false, .. } => ErrorCode::NetworkConnection,
            Self::Tls { .. } => ErrorCode::NetworkTls,
            Self::SearchIncomplete { .. } => ErrorCode::SearchIncomplete,
            Self::SearchUnreadable { .. } => ErrorCode::SearchUnreadable,
        }
    }

    pub fn category(&self) -> Category {
        match self {
            Self::InvalidUrl { .. }
            | Self::InsecureUrl { .. }
            | Self::InvalidOrganization { .. }
            | Self::MissingToken
            | Self::InvalidQuery { .. }
            | Self::InvalidTemplateId { .. }
            | Self::Setup { .. } => Category::Usage,
            Self::InvalidInput { .. }
            | Self::FeatureNotAllowed { .. }
            | Self::Unauthorized { .. }
            | Self::NoAuthToken { .. }
            | Self::NotFound { .. }
            | Self::Redirect { .. } => Category::Refused,
            Self::Undocumented { status, .. } if *status < 500 => Category::Refused,
            _ => Category::Unavailable,
        }
    }

    /// True when a create may have reached the server and no trustworthy answer came back: a
    /// transport failure after sending, a 2xx answer that was cut, empty, oversized or
    /// unreadable, or a gateway's 502/503/504 (the server behind it may have created).
    pub fn is_uncertain(&self) -> bool {
        match self {
            Self::Timeout { sent, .. } | Self::Connection { sent, .. } => *sent,
            Self::Unreadable { status, .. } => (200..300).contains(status),
            Self::TooLarge { .. } => true,
            Self::Server { status, .. } | Self::Undocumented { status, .. } => {
                matches!(status, 502..=504)
            }
            _ => false,
        }
    }

    /// What the admin can do about it.
    pub fn hint(&self) -> Option<String> {
        let text = match self {
            Self::InvalidUrl { .. } => "Use the API's base URL, e.g. https://api.vendor.example.",
            Self::InsecureUrl { .. } => {
                "Use https://. Plain http is allowed only to this machine (the sandbox)."
            }
            Self::InvalidOrganization { .. } => "Copy the organization id from the vendor console.",
            Self::MissingToken => {
                "Set WINROLL_TOKEN, or store a token in a profile (`winroll profile add`)."
            }
            Self::InvalidInput {
                call: Call::List, ..
            } => "Check the list's filter (name, page, sort, segment).",
            Self::InvalidInput {
                call: Call::Update, ..
            } => "Fix the fields the message names, then save again.",
            Self::InvalidInput { .. } => "Fix the fields the message names, then create again.",
            Self::FeatureNotAllowed { .. } => {
                "Ask the vendor to enable Windows enrollment on this plan, or use another organization."
            }
            Self::Unauthorized { call, .. } => {
                return Some(format!(
                    "The token is wrong, expired or lacks {}; store a new one.",
                    call.permission()
                ));
            }
            Self::NoAuthToken { .. } => "Store a token for this profile, or set WINROLL_TOKEN.",
            Self::NotFound { .. } => {
                "Check the organization id (and that the token belongs to it), the template id, and the policy and segment ids the template refers to; the server's message may say which."
            }
            Self::Undocumented { .. } => {
                "This code is not in the API reference; the server's message above says more."
            }
            Self::RateLimited { .. } => "Wait, then try again.",
            Self::Redirect { .. } => {
                "The base URL is probably outdated; use the address the redirect points to."
            }
            Self::Server { .. } => "The vendor's service failed; try again later.",
            Self::Unreadable { .. } => {
                "Something between you and the API (a proxy or captive portal) may have answered; check the base URL and the network."
            }
            Self::TooLarge { .. } => {
                "Check the base URL: this does not look like the vendor's API."
            }
            Self::Timeout { sent: true, .. } | Self::Connection { sent: true, .. } => {
                "The request was sent, so the template may have been created. List the organization's templates by name (`winroll list --name …`) before creating it again."
            }
            Self::Timeout { sent: false, .. } => {
                "Check the network or proxy, or raise the timeout."
            }
            Self::Connection { sent: false, .. } => {
                "Check the base URL, the network and the proxy settings."
            }
            Self::Tls { .. } => {
                "The server's certificate is not trusted by this system; a corporate CA must be installed in the system trust store."
            }
            Self::SearchIncomplete { .. } => {
                "Look the name up in the vendor's console, or list with a more exact --name."
            }
            Self::SearchUnreadable { .. } => {
                "Look the name up in the vendor's console before creating it again."
            }
            Self::InvalidTemplateId { .. } => "`winroll list` shows each template's id.",
            Self::InvalidQuery { .. } | Self::Setup { .. } => return None,
        };
        Some(text.to_owned())
    }

    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::RateLimited { retry_after } => *retry_after,
            _ => None,
        }
    }

    pub fn info(&self) -> ErrorInfo {
        ErrorInfo {
            code: self.code(),
            message: self.to_string(),
            hint: self.hint(),
            uncertain: self.is_uncertain(),
            retry_after_secs: self
                .retry_after()
                .map(|d| d.as_secs().min(u32::MAX as u64) as u32),
        }
    }
}
