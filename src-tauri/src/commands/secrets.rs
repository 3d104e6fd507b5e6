//! Entra ID client secrets: stored, replaced and removed; only their presence is reported.

use winroll_core::{ClientSecret, ErrorInfo};
use winroll_secrets::{EntraAppId, Vault};

use super::{SecretStatus, blocking};

#[tauri::command]
pub async fn client_secret_status(
    tenant_id: String,
    client_id: String,
) -> Result<SecretStatus, ErrorInfo> {
    blocking(move || {
        let vault = Vault::open().map_err(|e| e.info())?;
        let stored = vault
            .client_secret(&tenant_id, &client_id)
            .map_err(|e| e.info())?;
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
        let id = EntraAppId {
            tenant_id,
            client_id,
        };
        winroll_secrets::store_client_secret(id, &secret).map_err(|e| e.info())?;
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
        let id = EntraAppId {
            tenant_id,
            client_id,
        };
        winroll_secrets::remove_client_secret(&id).map_err(|e| e.info())?;
        Ok(SecretStatus { has_secret: false })
    })
    .await
}
