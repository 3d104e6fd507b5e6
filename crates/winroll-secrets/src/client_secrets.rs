//! Storing and removing an Entra ID client secret: the value in the keyring, its ids in the
//! profiles file so `secret list` and the app can show which exist without searching the keyring.
//! The profiles file is checked first, so a damaged one stops the change before the keyring is touched.

use winroll_core::{ClientSecret, ErrorInfo, Problem};

use crate::keyring::{KeyringError, Vault};
use crate::profiles::{EntraAppId, ProfileStore, ProfilesError};

/// The API's limit on the tenant id, the client id and the secret.
const MAX_LENGTH: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretStoreError {
    /// Ids or secret the API would refuse; nothing was stored.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
    #[error(transparent)]
    Keyring(#[from] KeyringError),
    #[error(transparent)]
    Profiles(#[from] ProfilesError),
}

impl SecretStoreError {
    pub fn info(&self) -> ErrorInfo {
        match self {
            Self::Invalid(_) => ErrorInfo::new("input.invalid", self.to_string(), None),
            Self::Keyring(e) => e.info(),
            Self::Profiles(e) => e.info(),
        }
    }
}

fn problem(field: &str) -> Problem {
    Problem {
        path: format!("entraId.mobilityApp.{field}"),
        message: format!("required, at most {MAX_LENGTH} characters"),
    }
}

fn acceptable(value: &str) -> bool {
    !value.trim().is_empty() && value.encode_utf16().count() <= MAX_LENGTH
}

/// What is wrong with a tenant id and client id, before asking for the secret.
pub fn id_problems(id: &EntraAppId) -> Vec<Problem> {
    [("tenantId", &id.tenant_id), ("clientId", &id.client_id)]
        .into_iter()
        .filter(|(_, value)| !acceptable(value))
        .map(|(field, _)| problem(field))
        .collect()
}

/// Stores (or replaces) the secret for `id`; refuses ids or a secret the API would refuse.
pub fn store_client_secret(
    id: EntraAppId,
    secret: &ClientSecret,
) -> Result<Vault, SecretStoreError> {
    let mut problems = id_problems(&id);
    if !acceptable(secret.expose()) {
        problems.push(problem("clientSecret"));
    }
    if !problems.is_empty() {
        return Err(SecretStoreError::Invalid(problems));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_the_api_would_refuse_before_touching_anything() {
        let id = EntraAppId {
            tenant_id: " ".into(),
            client_id: "c".repeat(257),
        };
        assert_eq!(id_problems(&id).len(), 2);
        let ok = EntraAppId {
            tenant_id: "t".into(),
            client_id: "c".into(),
        };
        assert!(id_problems(&ok).is_empty());
        let Err(SecretStoreError::Invalid(problems)) =
            store_client_secret(ok, &ClientSecret::new("s".repeat(257)))
        else {
            panic!("an oversized secret must be refused");
        };
        assert_eq!(problems[0].path, "entraId.mobilityApp.clientSecret");
        let message = SecretStoreError::Invalid(problems).info().message;
        assert!(
            !message.contains("sss"),
            "the message never quotes the secret"
        );
    }
}
