//! Storing and removing an Entra ID client secret: the value in the keyring, its ids in the
//! profiles file so `secret list` and the app can show which exist without searching the keyring.
//! The profiles file is checked first, so a damaged one stops the change before the keyring is touched.

use winroll_core::{ClientSecret, ErrorInfo};

use crate::keyring::{KeyringError, Vault};
use crate::profiles::{EntraAppId, ProfileStore, ProfilesError};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretStoreError {
    #[error(transparent)]
    Keyring(#[from] KeyringError),
    #[error(transparent)]
    Profiles(#[from] ProfilesError),
}

impl SecretStoreError {
    pub fn info(&self) -> ErrorInfo {
        match self {
            Self::Keyring(e) => e.info(),
            Self::Profiles(e) => e.info(),
        }
    }
}

/// Stores (or replaces) the secret for `id`.
pub fn store_client_secret(
    id: EntraAppId,
    secret: &ClientSecret,
) -> Result<Vault, SecretStoreError> {
    let profiles = ProfileStore::default_location()?;
    profiles.load()?;
    let vault = Vault::open()?;
    vault.set_client_secret(&id.tenant_id, &id.client_id, secret)?;
    profiles.update(|file| {
        file.note_secret(id);
        Ok(())
    })?;
    Ok(vault)
}

/// Removes the secret for `id`; answers whether one was stored.
pub fn remove_client_secret(id: &EntraAppId) -> Result<bool, SecretStoreError> {
    let profiles = ProfileStore::default_location()?;
    profiles.load()?;
    let removed = Vault::open()?.delete_client_secret(&id.tenant_id, &id.client_id)?;
    profiles.update(|file| {
        file.forget_secret(id);
        Ok(())
    })?;
    Ok(removed)
}
