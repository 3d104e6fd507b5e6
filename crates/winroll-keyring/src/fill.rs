//! Puts a template's Entra ID client secret in at the last moment, from the keyring.

use winroll_core::{ClientSecret, EnrollmentTemplate, ErrorCode, ErrorInfo};

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
}

impl FillError {
    pub fn info(&self) -> ErrorInfo {
        match self {
            Self::Keyring(e) => e.info(),
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
    template: &mut EnrollmentTemplate,
    given: Option<ClientSecret>,
) -> Result<SecretOrigin, FillError> {
    let Some(app) = template
        .entra_id
        .as_mut()
        .and_then(|e| e.mobility_app.as_mut())
    else {
        return Ok(SecretOrigin::NotNeeded);
    };
    if app.client_secret.is_some() {
        return Ok(SecretOrigin::Template);
    }
    if let Some(secret) = given {
        app.client_secret = Some(secret);
        return Ok(SecretOrigin::Given);
    }
    let secret = Vault::open()?.client_secret(&app.tenant_id, &app.client_id)?;
    app.client_secret = Some(secret.ok_or_else(|| FillError::Missing {
        tenant_id: app.tenant_id.clone(),
        client_id: app.client_id.clone(),
    })?);
    Ok(SecretOrigin::Keyring)
}
