//! Puts a template's Entra ID client secret in at the last moment, from the keyring.

use winroll_core::{EnrollmentTemplate, ErrorInfo};

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
            } => ErrorInfo {
                code: "secret.missing".into(),
                message: self.to_string(),
                hint: Some(format!(
                    "Store it once: winroll secret set --tenant-id {tenant_id} --client-id {client_id} (or in the app's Entra ID section)."
                )),
                uncertain: false,
                retry_after_secs: None,
            },
        }
    }
}

/// Fills the client secret from the keyring when the template has a mobility app without one.
/// A template that carries its own secret, or has no mobility app, is left as it is and the
/// keyring is not opened.
pub fn fill_client_secret(template: &mut EnrollmentTemplate) -> Result<(), FillError> {
    let Some(app) = template
        .entra_id
        .as_mut()
        .and_then(|e| e.mobility_app.as_mut())
    else {
        return Ok(());
    };
    if app.client_secret.is_some() {
        return Ok(());
    }
    let secret = Vault::open()?.client_secret(&app.tenant_id, &app.client_id)?;
    app.client_secret = Some(secret.ok_or_else(|| FillError::Missing {
        tenant_id: app.tenant_id.clone(),
        client_id: app.client_id.clone(),
    })?);
    Ok(())
}
