//! Credentials in the OS keyring (Windows Credential Manager, macOS Keychain, the Secret Service
//! on Linux), under one service name per build kind so tests never touch a user's real entries.

use std::sync::OnceLock;

use keyring_core::{Entry, Error};
use winroll_core::{ErrorCode, ErrorInfo, Target};

use crate::bound::{BoundSecret, BoundToken};

/// The keyring service of release builds. Debug builds (`cargo run`, `cargo test`) use
/// [`DEV_SERVICE`], so a developer's tests never read or overwrite what the installed app stored.
pub const RELEASE_SERVICE: &str = "dev.winroll.app";
pub const DEV_SERVICE: &str = "dev.winroll.app.dev";

/// Windows refuses credential blobs over 2,560 bytes; its store writes UTF-16 (2 bytes a unit).
const WINDOWS_BLOB_LIMIT: usize = 2560;

/// Windows Credential Manager persistence: Local Machine, not the store's default Enterprise.
/// Enterprise credentials roam with the user's profile to every machine they sign in to, and an
/// admin's API token (which can create and change enrollment for the whole organization) and the
/// Entra ID client secret should not land on a shared jump host or a kiosk because the admin
/// once signed in there. Profiles (names, URLs, no secrets) still roam with %APPDATA%; on another
/// machine Winroll shows their token as missing and asks for it. Applied on every write, so a
/// credential an older build stored as Enterprise becomes Local the next time it is saved.
#[cfg(windows)]
pub const WINDOWS_PERSISTENCE: &str = "Local";

/// `token:<profile>`: a profile's API token.
pub fn token_account(profile: &str) -> String {
    format!("token:{profile}")
}

/// `enrollment:<target>:<templateId>`: the enrollment token of a template this desktop created,
/// keyed by where it was created too (two organizations may hand out the same id). `%` and `:` in
/// the target's key are escaped as in [`entra_account`].
pub fn enrollment_account(target: &Target, template_id: &str) -> String {
    format!("enrollment:{}:{template_id}", escape(&target.key()))
}

/// `%` and `:` escaped (`%25`, `%3A`), so a `:` inside a part never reads as a separator.
fn escape(part: &str) -> String {
    part.replace('%', "%25").replace(':', "%3A")
}

/// `entra:<tenantId>:<clientId>`: an Entra ID mobility app's client secret. `%` and `:` in an
/// id are escaped (`%25`, `%3A`), so no two pairs share an account (`a:b`+`c` vs `a`+`b:c`);
/// ids without them, as Entra's GUIDs are, keep the account they always had.
pub fn entra_account(tenant_id: &str, client_id: &str) -> String {
    format!("entra:{}:{}", escape(tenant_id), escape(client_id))
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyringError {
    #[error(
        "no keyring service is running (on Linux: the Secret Service, e.g. gnome-keyring or KeePassXC, over D-Bus)"
    )]
    NoService { detail: String },
    #[error("the keyring is locked")]
    Locked { detail: String },
    #[error("the keyring's unlock prompt was dismissed")]
    PromptDismissed,
    #[error("the value is too long for this platform's keyring ({limit} bytes at most)")]
    TooLong { limit: usize },
    #[error("the keyring failed: {detail}")]
    Platform { detail: String },
    #[error("the stored value is not text")]
    NotText,
    #[error("the keyring entry is damaged: it is not what Winroll wrote")]
    Damaged,
}

impl KeyringError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NoService { .. } => ErrorCode::KeyringNoService,
            Self::Locked { .. } => ErrorCode::KeyringLocked,
            Self::PromptDismissed => ErrorCode::KeyringPromptDismissed,
            Self::TooLong { .. } => ErrorCode::KeyringTooLong,
            Self::Platform { .. } => ErrorCode::KeyringPlatform,
            Self::NotText | Self::Damaged => ErrorCode::KeyringNotText,
        }
    }

    pub fn info(&self) -> ErrorInfo {
        ErrorInfo::new(self.code(), self.to_string(), Some(self.hint().into()))
    }

    pub fn hint(&self) -> &'static str {
        match self {
            Self::NoService { .. } => {
                "Start your desktop's keyring (gnome-keyring, KWallet with its Secret Service, KeePassXC), or, on a headless machine, pass the token in WINROLL_TOKEN and the client secret in WINROLL_CLIENT_SECRET. Winroll never falls back to a plain-text file."
            }
            Self::Locked { .. } => {
                "Unlock the keyring (log in to the desktop session, or unlock it in your keyring manager), then try again."
            }
            Self::PromptDismissed => {
                "Approve the keyring prompt to let Winroll read or store the credential."
            }
            Self::TooLong { .. } => {
                "Check that the whole value was pasted once; tokens this long are not accepted by the Windows Credential Manager."
            }
            Self::Platform { .. } | Self::NotText | Self::Damaged => {
                "Check the keyring's own tools (seahorse, Keychain Access, Credential Manager) for the entry."
            }
        }
    }
}

/// Maps the keyring crate's error to one an admin can act on.
pub fn classify(error: Error) -> KeyringError {
    let detail = error.to_string();
    let lower = detail.to_lowercase();
    match error {
        Error::TooLong(_, limit) => KeyringError::TooLong {
            limit: limit as usize,
        },
        Error::BadEncoding(_) => KeyringError::NotText,
        Error::NoStorageAccess(_) if lower.contains("prompt") => KeyringError::PromptDismissed,
        Error::NoStorageAccess(_) => KeyringError::Locked { detail },
        Error::NoDefaultStore => KeyringError::NoService { detail },
        _ if [
            "no secret service",
            "dbus",
            "d-bus",
            "serviceunknown",
            "address",
        ]
        .iter()
        .any(|w| lower.contains(w)) =>
        {
            KeyringError::NoService { detail }
        }
        _ => KeyringError::Platform { detail },
    }
}

/// The keyring, opened once per process.
#[derive(Debug, Clone)]
pub struct Vault {
    service: &'static str,
    /// Set-ups other than the user's default one (a `WINROLL_HOME` folder) keep their entries
    /// apart: every account starts `setup-<namespace>:`, so two set-ups never read or overwrite
    /// each other's credentials.
    namespace: Option<String>,
    // Read only where a platform takes modifiers (Windows).
    #[cfg_attr(not(windows), allow(dead_code))]
    store: StoreKind,
}

/// Which store the process installed: only the platform's takes platform modifiers (the
/// Windows persistence); keyring-core's mock store refuses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StoreKind {
    Platform,
    Mock,
}

static STORE: OnceLock<Result<StoreKind, KeyringError>> = OnceLock::new();

impl Vault {
    /// Opens the platform keyring (once per process) under this build's service name.
    pub fn open() -> Result<Self, KeyringError> {
        let store = STORE
            .get_or_init(|| install_platform_store().map(|()| StoreKind::Platform))
            .clone()?;
        Ok(Self {
            service: if cfg!(debug_assertions) {
                DEV_SERVICE
            } else {
                RELEASE_SERVICE
            },
            namespace: None,
            store,
        })
    }

    /// As [`Vault::open`], for the set-up whose entries live under `namespace` (`None`: the
    /// user's default set-up, whose accounts carry no prefix).
    pub fn open_for(namespace: Option<&str>) -> Result<Self, KeyringError> {
        Ok(Self {
            namespace: namespace.map(str::to_owned),
            ..Self::open()?
        })
    }

    /// Puts keyring-core's in-memory mock store under every vault of this process, for tests of
    /// the crates above this one. Call it before the first [`Vault::open`].
    #[cfg(feature = "mock")]
    pub fn use_mock_store() {
        STORE.get_or_init(|| {
            let store = keyring_core::mock::Store::new().map_err(classify)?;
            keyring_core::set_default_store(store);
            Ok(StoreKind::Mock)
        });
    }

    /// A vault over keyring-core's mock store, which the caller installed (unit tests).
    pub fn with_service(service: &'static str) -> Self {
        Self {
            service,
            namespace: None,
            store: StoreKind::Mock,
        }
    }

    /// The keyring account of `name` in this vault's set-up.
    fn account(&self, name: String) -> String {
        match &self.namespace {
            Some(namespace) => format!("setup-{namespace}:{name}"),
            None => name,
        }
    }

    pub fn service(&self) -> &'static str {
        self.service
    }

    fn entry(&self, account: &str) -> Result<Entry, KeyringError> {
        let account = &self.account(account.to_owned());
        #[cfg(windows)]
        if self.store == StoreKind::Platform {
            let modifiers = std::collections::HashMap::from([("persistence", WINDOWS_PERSISTENCE)]);
            return Entry::new_with_modifiers(self.service, account, &modifiers).map_err(classify);
        }
        Entry::new(self.service, account).map_err(classify)
    }

    fn set(&self, account: &str, value: &str) -> Result<(), KeyringError> {
        if cfg!(windows) && value.encode_utf16().count() * 2 > WINDOWS_BLOB_LIMIT {
            return Err(KeyringError::TooLong {
                limit: WINDOWS_BLOB_LIMIT,
            });
        }
        self.entry(account)?.set_password(value).map_err(classify)
    }

    /// `None` when nothing is stored: that is an answer, not an error.
    fn get(&self, account: &str) -> Result<Option<String>, KeyringError> {
        match self.entry(account)?.get_password() {
            Ok(value) => Ok(Some(value)),
            Err(Error::NoEntry) => Ok(None),
            Err(e) => Err(classify(e)),
        }
    }

    /// Answers whether there was something to delete.
    fn delete(&self, account: &str) -> Result<bool, KeyringError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(Error::NoEntry) => Ok(false),
            Err(e) => Err(classify(e)),
        }
    }

    /// Stores a profile's token with the destination it is for (a token without one is a
    /// caller's mistake: refused as damaged rather than stored unbound).
    pub fn set_token(&self, profile: &str, token: &BoundToken) -> Result<(), KeyringError> {
        let entry = token.to_entry().ok_or(KeyringError::Damaged)?;
        self.set(&token_account(profile), &entry)
    }

    pub fn token(&self, profile: &str) -> Result<Option<BoundToken>, KeyringError> {
        self.get(&token_account(profile))?
            .map(BoundToken::from_entry)
            .transpose()
    }

    pub fn delete_token(&self, profile: &str) -> Result<bool, KeyringError> {
        self.delete(&token_account(profile))
    }

    pub fn set_enrollment_token(
        &self,
        target: &Target,
        template_id: &str,
        token: &str,
    ) -> Result<(), KeyringError> {
        self.set(&enrollment_account(target, template_id), token)
    }

    pub fn enrollment_token(
        &self,
        target: &Target,
        template_id: &str,
    ) -> Result<Option<String>, KeyringError> {
        self.get(&enrollment_account(target, template_id))
    }

    pub fn delete_enrollment_token(
        &self,
        target: &Target,
        template_id: &str,
    ) -> Result<bool, KeyringError> {
        self.delete(&enrollment_account(target, template_id))
    }

    pub fn set_client_secret(
        &self,
        tenant_id: &str,
        client_id: &str,
        secret: &BoundSecret,
    ) -> Result<(), KeyringError> {
        self.set(&entra_account(tenant_id, client_id), &secret.to_entry())
    }

    pub fn client_secret(
        &self,
        tenant_id: &str,
        client_id: &str,
    ) -> Result<Option<BoundSecret>, KeyringError> {
        self.get(&entra_account(tenant_id, client_id))?
            .map(BoundSecret::from_entry)
            .transpose()
    }

    /// Writes an entry's text as it is, as an older Winroll did (tests of what it stored).
    #[doc(hidden)]
    pub fn set_raw_for_test(&self, account: &str, text: &str) -> Result<(), KeyringError> {
        self.set(account, text)
    }

    pub fn delete_client_secret(
        &self,
        tenant_id: &str,
        client_id: &str,
    ) -> Result<bool, KeyringError> {
        self.delete(&entra_account(tenant_id, client_id))
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
fn install_platform_store() -> Result<(), KeyringError> {
    let store = zbus_secret_service_keyring_store::Store::new().map_err(|e| match classify(e) {
        // Failing to even open the store means there is no service to talk to.
        KeyringError::Platform { detail } => KeyringError::NoService { detail },
        other => other,
    })?;
    keyring_core::set_default_store(store);
    Ok(())
}

#[cfg(windows)]
fn install_platform_store() -> Result<(), KeyringError> {
    let store = windows_native_keyring_store::Store::new().map_err(classify)?;
    keyring_core::set_default_store(store);
    Ok(())
}

#[cfg(target_os = "macos")]
fn install_platform_store() -> Result<(), KeyringError> {
    let store = apple_native_keyring_store::keychain::Store::new().map_err(classify)?;
    keyring_core::set_default_store(store);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mock_vault() -> Vault {
        static MOCK: OnceLock<()> = OnceLock::new();
        MOCK.get_or_init(|| {
            keyring_core::set_default_store(keyring_core::mock::Store::new().expect("mock store"))
        });
        Vault::with_service("winroll-unit-test")
    }

    fn bound(token: &str) -> BoundToken {
        BoundToken {
            token: winroll_core::ApiToken::new(token),
            destination: Some(winroll_core::Destination {
                server: "https://api.example.com".into(),
                organization_id: "acme".into(),
            }),
        }
    }

    #[test]
    fn stores_reads_replaces_and_deletes() {
        let vault = mock_vault();
        assert_eq!(vault.token("unit-a").unwrap(), None);
        vault.set_token("unit-a", &bound("one")).unwrap();
        vault.set_token("unit-a", &bound("two")).unwrap();
        assert_eq!(vault.token("unit-a").unwrap().unwrap(), bound("two"));
        assert!(vault.delete_token("unit-a").unwrap());
        assert!(!vault.delete_token("unit-a").unwrap());
        assert_eq!(vault.token("unit-a").unwrap(), None);
    }

    #[test]
    fn account_names_are_stable() {
        assert_eq!(token_account("prod"), "token:prod");
        assert_eq!(entra_account("t-1", "c-2"), "entra:t-1:c-2");
        let prod = Target::Profile {
            name: "prod".into(),
        };
        assert_eq!(
            enrollment_account(&prod, "abc"),
            "enrollment:profile%3Aprod:abc"
        );
        let other = Target::Profile {
            name: "prod:abc".into(),
        };
        assert_ne!(
            enrollment_account(&other, "x"),
            enrollment_account(&prod, "abc:x")
        );
        assert_ne!(entra_account("a:b", "c"), entra_account("a", "b:c"));
        assert_ne!(entra_account("a%3Ab", "c"), entra_account("a:b", "c"));
    }

    #[test]
    fn platform_errors_become_actionable() {
        let boxed = |text: &str| -> Box<dyn std::error::Error + Send + Sync> { text.into() };
        assert!(matches!(
            classify(Error::NoStorageAccess(boxed("SS Error: object locked"))),
            KeyringError::Locked { .. }
        ));
        assert_eq!(
            classify(Error::NoStorageAccess(boxed("SS error: prompt dismissed"))),
            KeyringError::PromptDismissed
        );
        assert!(matches!(
            classify(Error::PlatformFailure(boxed(
                "no secret service provider or dbus session found"
            ))),
            KeyringError::NoService { .. }
        ));
        assert_eq!(
            classify(Error::TooLong("password".into(), 2560)),
            KeyringError::TooLong { limit: 2560 }
        );
        assert!(matches!(
            classify(Error::PlatformFailure(boxed("disk on fire"))),
            KeyringError::Platform { .. }
        ));
    }
}
