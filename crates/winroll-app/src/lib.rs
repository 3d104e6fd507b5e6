//! Winroll's use cases: every decision the CLI and the desktop app share, made once. A front end
//! parses its input, calls one of these, and formats the answer or the [`AppError`].
//!
//! Keyring and file calls block (D-Bus round trips, fsync); the async operations here run them on
//! tokio's blocking pool, the synchronous ones are for callers that are already off the workers.

pub mod batch;
pub mod compare;
pub mod create;
pub mod docs;
pub mod error;
pub mod folder;
pub mod history;
pub mod links;
pub mod logging;
pub mod profiles;
pub mod sandbox;
pub mod secrets;
pub mod target;
pub mod template_files;
pub mod update;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Mutex;
use winroll_core::{ApiClient, ApiToken, ClientConfig, ClientSecret};
use winroll_files::AppDirs;
use winroll_sandbox::Sandbox;

pub use create::{CreateOptions, Prepared, template_from_json, template_from_text};
pub use error::{AppError, Class, NameCheck};
pub use history::HistoryValue;
pub use links::{LinkPreview, LinksCopy, LinksFormat, PersonLink};
pub use profiles::{ProfileList, ProfileView, TokenState};
pub use sandbox::{SandboxInfo, SandboxOrganization};
pub use secrets::{
    AllowAnswer, AllowPrompt, AllowQuestion, RefuseToAllow, SecretStatus, SecretView,
};
pub use template_files::ImportResult;
pub use winroll_core::{Target, UpdateOutcome};

/// Credentials given from outside the keyring for this run (the CLI's `WINROLL_TOKEN` and
/// `WINROLL_CLIENT_SECRET`, the headless route). The desktop app gives none.
#[derive(Debug, Clone, Default)]
pub struct GivenCredentials {
    pub token: Option<ApiToken>,
    pub client_secret: Option<ClientSecret>,
}

/// How a front end sets Winroll up.
#[derive(Clone)]
pub struct Settings {
    pub dirs: AppDirs,
    pub timeout: Duration,
    pub given: GivenCredentials,
    /// The in-process sandbox's token; `None` (always, outside tests) picks a random one.
    pub sandbox_token: Option<String>,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("dirs", &self.dirs)
            .field("timeout", &self.timeout)
            .field("given", &self.given)
            .field(
                "sandbox_token",
                &self.sandbox_token.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// The use cases over one set of folders, one keyring, one HTTP client and (once asked for) one
/// in-process sandbox. Cheap to clone: clones share all of it.
#[derive(Clone)]
pub struct Winroll {
    inner: Arc<Inner>,
    /// Who is asked before a stored client secret goes somewhere it was not stored for: a
    /// terminal, a native dialog, or nobody ([`RefuseToAllow`]).
    prompt: Arc<dyn AllowPrompt>,
}

struct Inner {
    dirs: AppDirs,
    client: ApiClient,
    given: GivenCredentials,
    sandbox: Mutex<Option<Sandbox>>,
    /// A fresh token each run: the in-process sandbox never needs the user to see one.
    sandbox_token: String,
}

impl std::fmt::Debug for Winroll {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Winroll")
            .field("dirs", &self.inner.dirs)
            .field("given", &self.inner.given)
            .field("sandbox_token", &"<redacted>")
            .field("prompt", &self.prompt)
            .finish_non_exhaustive()
    }
}

impl Winroll {
    /// Refuses a set-up whose folders others could change (see `AppDirs::check_private`).
    pub fn new(settings: Settings) -> Result<Self, AppError> {
        settings.dirs.check_private()?;
        let client = ApiClient::new(ClientConfig {
            total_timeout: settings.timeout,
            ..ClientConfig::default()
        })?;
        Ok(Self {
            inner: Arc::new(Inner {
                dirs: settings.dirs,
                client,
                given: settings.given,
                sandbox: Mutex::new(None),
                sandbox_token: match settings.sandbox_token {
                    Some(token) => token,
                    None => random_hex(16)?,
                },
            }),
            prompt: Arc::new(RefuseToAllow),
        })
    }

    /// This `Winroll`, asking `prompt` whether a stored secret may go somewhere new.
    pub fn asking(&self, prompt: Arc<dyn AllowPrompt>) -> Self {
        Self {
            inner: self.inner.clone(),
            prompt,
        }
    }

    pub(crate) fn prompt(&self) -> &dyn AllowPrompt {
        self.prompt.as_ref()
    }

    /// This set-up's keyring (its own namespace when rooted in a `WINROLL_HOME` folder).
    pub fn vault(&self) -> Result<winroll_keyring::Vault, AppError> {
        Ok(winroll_keyring::Vault::open_for(
            self.dirs().keyring_namespace(),
        )?)
    }

    pub fn dirs(&self) -> &AppDirs {
        &self.inner.dirs
    }

    pub fn client(&self) -> &ApiClient {
        &self.inner.client
    }

    pub(crate) fn given(&self) -> &GivenCredentials {
        &self.inner.given
    }

    /// Runs blocking work (keyring D-Bus calls, file writes, native dialogs) off the async
    /// workers, with this `Winroll`; both front ends go through here.
    pub async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Winroll) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        let me = self.clone();
        tokio::task::spawn_blocking(move || work(&me)).await?
    }
}

/// `bytes` random bytes as hexadecimal text. An OS without randomness is an error: a token of
/// zeros would be one anybody could guess.
pub fn random_hex(bytes: usize) -> Result<String, AppError> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf)
        .map_err(|e| AppError::Internal(format!("the system gave no random bytes ({e})")))?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

/// Now, as RFC 3339 text (this computer's clock).
pub(crate) fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Debug output (logs, panics) never carries a credential.
    #[test]
    fn settings_and_copies_print_no_credential() {
        let settings = Settings {
            dirs: AppDirs::under(std::path::Path::new("/nowhere")),
            timeout: Duration::from_secs(1),
            given: GivenCredentials {
                token: Some(ApiToken::new("tok-GIVEN")),
                client_secret: Some(ClientSecret::new("sec-GIVEN")),
            },
            sandbox_token: Some("tok-SANDBOX".into()),
        };
        let copy = history::CopyValue {
            text: "enroll_TOKEN".into(),
            sensitive: true,
        };
        let printed = format!("{settings:?} {copy:?}");
        for credential in ["tok-GIVEN", "sec-GIVEN", "tok-SANDBOX", "enroll_TOKEN"] {
            assert!(!printed.contains(credential), "{printed}");
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! A `Winroll` over temporary folders and keyring-core's mock store.

    use super::*;

    pub fn winroll() -> (tempfile::TempDir, Winroll) {
        winroll_keyring::Vault::use_mock_store();
        let dir = tempfile::tempdir().expect("temp dir");
        let winroll = Winroll::new(Settings {
            dirs: AppDirs::under(dir.path()).with_history_capacity(5),
            timeout: Duration::from_secs(10),
            given: GivenCredentials::default(),
            sandbox_token: None,
        })
        .expect("client");
        (dir, winroll)
    }
}
