//! Why a template's Entra ID client secret could not be put in, and where the one put in came
//! from. The filling itself (which also asks whether a secret may go where it is sent) is the
//! use-case crate's.

use winroll_core::{ErrorCode, ErrorInfo, Problem};

use crate::keyring::KeyringError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FillError {
    #[error(transparent)]
    Keyring(#[from] KeyringError),
    #[error(
        "no client secret is stored for Entra ID tenant {tenant_id:?}, client {client_id:?}; nothing was sent"
    )]
    Missing {
        tenant_id: String,
        client_id: String,
    },
    /// The secret found (given, or stored) breaks the page's limits.
    #[error("{0}")]
    Invalid(Problem),
}

impl FillError {
    pub fn info(&self) -> ErrorInfo {
        match self {
            Self::Keyring(e) => e.info(),
            Self::Invalid(problem) => ErrorInfo::new(
                ErrorCode::InputInvalid,
                problem.to_string(),
                Some("Store the secret again (`winroll secret set`): it must be 1 to 256 characters.".into()),
            ),
            Self::Missing {
                tenant_id,
                client_id,
            } => ErrorInfo::new(
                ErrorCode::SecretMissing,
                self.to_string(),
                Some(format!(
                    "Store it once: winroll secret set --tenant-id {tenant_id} --client-id {client_id} --profile NAME (or in the app's Entra ID section); it may then go to that profile's organization."
                )),
            ),
        }
    }
}

/// Where the client secret of a template came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretOrigin {
    /// The template has no mobility app: nothing to fill.
    NotNeeded,
    /// The template carried it (accepted; better moved into the keyring).
    Template,
    /// The caller gave it (e.g. WINROLL_CLIENT_SECRET).
    Given,
    Keyring,
}
