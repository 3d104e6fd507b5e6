//! Entra ID client secrets: stored, replaced and removed; only their presence is reported.

use winroll_core::{ClientSecret, ErrorInfo};
use winroll_secrets::{EntraAppId, ProfileStore, Vault};

use super::{SecretStatus, blocking, keyring_error, profiles_error};

#[tauri::command]
pub async fn client_secret_status(
    tenant_id: String,
    client_id: String,
) -> Result<SecretStatus, ErrorInfo> {
    blocking(move || {
        let vault = Vault::open().map_err(|e| keyring_error(&e))?;
        let stored = vault
            .client_secret(&tenant_id, &client_id)
            .map_err(|e| keyring_error(&e))?;
        Ok(SecretStatus {
            has_secret: stored.is_some(),
        })
    })
    .await
}

#[tauri::command]
pub async fn store_client_secret(
    tenant_id: String,
    client_id: String,
    secret: String,
) -> Result<SecretStatus, ErrorInfo> {
    blocking(move || {
        let secret = ClientSecret::new(secret.trim());
        if secret.expose().is_empty() || secret.expose().encode_utf16().count() > 256 {
            return Err(ErrorInfo {
                code: "input.invalid".into(),
                message: "entraId.mobilityApp.clientSecret: required, at most 256 characters"
                    .into(),
                hint: None,
                uncertain: false,
                retry_after_secs: None,
            });
        }
        let store = ProfileStore::default_location().map_err(|e| profiles_error(&e))?;
        store.load().map_err(|e| profiles_error(&e))?;
        let vault = Vault::open().map_err(|e| keyring_error(&e))?;
        vault
            .set_client_secret(&tenant_id, &client_id, &secret)
            .map_err(|e| keyring_error(&e))?;
        store
            .update(|file| {
                file.note_secret(EntraAppId {
                    tenant_id,
                    client_id,
                });
                Ok(())
            })
            .map_err(|e| profiles_error(&e))?;
        Ok(SecretStatus { has_secret: true })
    })
    .await
}

#[tauri::command]
pub async fn remove_client_secret(
    tenant_id: String,
    client_id: String,
) -> Result<SecretStatus, ErrorInfo> {
    blocking(move || {
        let store = ProfileStore::default_location().map_err(|e| profiles_error(&e))?;
        Vault::open()
            .and_then(|v| v.delete_client_secret(&tenant_id, &client_id))
            .map_err(|e| keyring_error(&e))?;
        let id = EntraAppId {
            tenant_id,
            client_id,
        };
        store
            .update(|file| {
                file.forget_secret(&id);
                Ok(())
            })
            .map_err(|e| profiles_error(&e))?;
        Ok(SecretStatus { has_secret: false })
    })
    .await
}
