//! Puts a template's Entra ID client secret in at the last moment, from the keyring.

use winroll_core::{ClientSecret, ErrorCode, ErrorInfo, Problem, Template};

use crate::keyring::{KeyringError, Vault};

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
                    "Store it once: winroll secret set --tenant-id {tenant_id} --client-id {client_id} (or in the app's Entra ID section)."
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

/// Fills the client secret when the template has a mobility app without one: `given` if there is
/// one, else the keyring's entry for the tenant and client. The keyring is opened only when needed.
pub fn fill_client_secret(
    template: &mut Template,
    given: Option<ClientSecret>,
) -> Result<SecretOrigin, FillError> {
    let Some(app) = template.mobility_app() else {
        return Ok(SecretOrigin::NotNeeded);
    };
    if template.secret().is_some() {
        return Ok(SecretOrigin::Template);
    }
    let (secret, origin) = match given {
        Some(secret) => (secret, SecretOrigin::Given),
        None => {
            let stored = Vault::open()?.client_secret(app.tenant_id, app.client_id)?;
            let secret = stored.ok_or_else(|| FillError::Missing {
                tenant_id: app.tenant_id.to_owned(),
                client_id: app.client_id.to_owned(),
            })?;
            (secret, SecretOrigin::Keyring)
        }
    };
    template.set_secret(secret).map_err(FillError::Invalid)?;
    Ok(origin)
}
