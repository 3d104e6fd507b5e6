//! The shape every error takes when it crosses to the UI or a `--json` caller, and the one list
//! of error codes. A code is declared here and nowhere else: Rust matches on the enum, the UI gets
//! it as a union of string literals through ts-rs, so both compilers check every use.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! error_codes {
    ($( $(#[doc = $doc:literal])* $variant:ident = $text:literal, )*) => {
        /// Stable identifiers the UI and `--json` callers switch on. Never reuse or rename one.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[ts(export)]
        pub enum ErrorCode {
            $( $(#[doc = $doc])* #[serde(rename = $text)] $variant, )*
        }

        impl ErrorCode {
            /// Every code, in declaration order (for tables and tests).
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $text,)* }
            }
        }
    };
}

error_codes! {
    // Settings and arguments; nothing was sent.
    ConfigInvalidUrl = "config.invalid_url",
    ConfigInsecureUrl = "config.insecure_url",
    ConfigInvalidOrganization = "config.invalid_organization",
    ConfigMissingToken = "config.missing_token",
    ConfigMissingTarget = "config.missing_target",
    ConfigMissingInput = "config.missing_input",
    ConfigInvalidQuery = "config.invalid_query",
    /// A credential from the environment would go to more than one target.
    ConfigAmbiguousCredential = "config.ambiguous_credential",
    /// A profile's stored token was stored for another server or organization than the
    /// profile now names; nothing was sent.
    ConfigTokenElsewhere = "config.token_elsewhere",
    ClientSetup = "client.setup",
    // The API answered and refused.
    ApiInvalidInput = "api.invalid_input",
    ApiFeatureNotAllowed = "api.feature_not_allowed",
    ApiUnauthorized = "api.unauthorized",
    ApiNoAuthToken = "api.no_auth_token",
    ApiNotFound = "api.not_found",
    ApiUndocumentedCode = "api.undocumented_code",
    ApiRateLimited = "api.rate_limited",
    ApiRedirect = "api.redirect",
    // No usable answer.
    ServerError = "server.error",
    ResponseUnreadable = "response.unreadable",
    ResponseTooLarge = "response.too_large",
    NetworkTimeoutAfterSend = "network.timeout_after_send",
    NetworkTimeout = "network.timeout",
    NetworkDroppedAfterSend = "network.dropped_after_send",
    NetworkConnection = "network.connection",
    NetworkTls = "network.tls",
    /// A search by name could not look at every match.
    SearchIncomplete = "search.incomplete",
    /// A search by name met list items it could not read: the name may be among them.
    SearchUnreadable = "search.unreadable",
    /// A template id that cannot be one (the vendor's 24 hexadecimal characters); nothing sent.
    ConfigInvalidTemplateId = "config.invalid_template_id",
    // What the user handed over.
    InputInvalid = "input.invalid",
    InputUnreadable = "input.unreadable",
    InputNotJson = "input.not_json",
    InputEmptyCredential = "input.empty_credential",
    // Entra ID client secrets.
    SecretMissing = "secret.missing",
    SecretNoneInFile = "secret.none_in_file",
    /// A stored secret would be replaced without the user saying so.
    SecretWouldReplace = "secret.would_replace",
    /// A stored secret may not go to this server and organization (not allowed there yet).
    SecretNotAllowed = "secret.not_allowed",
    // The OS keyring.
    KeyringNoService = "keyring.no_service",
    KeyringLocked = "keyring.locked",
    KeyringPromptDismissed = "keyring.prompt_dismissed",
    KeyringTooLong = "keyring.too_long",
    KeyringPlatform = "keyring.platform",
    KeyringNotText = "keyring.not_text",
    // The profiles file.
    ProfilesIo = "profiles.io",
    ProfilesDamaged = "profiles.damaged",
    ProfilesNewerVersion = "profiles.newer_version",
    ProfilesUnknown = "profiles.unknown",
    ProfilesExists = "profiles.exists",
    ProfilesInvalidName = "profiles.invalid_name",
    // Other files in the user's folders (drafts, history, exports).
    FilesNoDir = "files.no_dir",
    FilesIo = "files.io",
    FilesDamaged = "files.damaged",
    /// A file that would hold credentials already exists: never written over.
    FilesExists = "files.exists",
    /// A folder that must be private belongs to someone else, or others may write to it.
    FilesNotPrivate = "files.not_private",
    HistoryMissing = "history.missing",
    /// A plan would change something, or two templates differ (`plan` and `diff` exit 2): an
    /// answer, not a failure.
    TemplatesDiffer = "templates.differ",
    /// The organization has no template with that id any more (renamed away, or removed).
    TemplateGone = "template.gone",
    /// A create's answer was lost and a template of that name was found, but it was there
    /// before (or holds something else): the name was taken, nothing was created.
    TemplateNameTaken = "template.name_taken",
    // Per-user enrollment links.
    /// A line of the people list is not an email address (every bad line is named).
    LinksBadAddress = "links.bad_address",
    /// The people list names nobody.
    LinksEmpty = "links.empty",
    /// The template's answer carries no enrollment token or server URL.
    LinksNoToken = "links.no_token",
    // The app and its tools.
    SandboxStart = "sandbox.start",
    ClipboardFailed = "clipboard.failed",
    BatchFailed = "batch.failed",
    BatchReport = "batch.report",
    BatchResume = "batch.resume",
    AppInternal = "app.internal",
    /// The UI could not reach the backend at all (set by the UI, never by Rust).
    AppIpc = "app.ipc",
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `{code, message, hint}`: the UI switches on `code`, shows `message`, and offers `hint`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct ErrorInfo {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// True when the request may have reached the server and nobody could tell whether it did
    /// anything: check before retrying.
    #[serde(default)]
    pub uncertain: bool,
    /// Seconds to wait, from a 429's Retry-After.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u32>,
}

impl ErrorInfo {
    /// An error whose request certainly did not go through, with no Retry-After: all but the
    /// client's own errors (`ApiError::info`) are of this kind.
    pub fn new(code: ErrorCode, message: impl Into<String>, hint: Option<String>) -> Self {
        Self {
            code,
            message: message.into(),
            hint,
            uncertain: false,
            retry_after_secs: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_serialise_as_their_text() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.as_str()), "{code} declared twice");
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::Value::String(code.as_str().into())
            );
        }
    }
}
