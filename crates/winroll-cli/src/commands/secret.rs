//! `winroll secret set|remove|list`: Entra ID client secrets in the keyring.

use std::path::Path;

use winroll_core::{ClientSecret, SecretSource, parse_template};
use winroll_secrets::{
    EntraAppId, ProfileStore, entra_account, id_problems, remove_client_secret, store_client_secret,
};

use crate::failure::Failure;
use crate::input::{read_credential, read_text};

pub fn set(
    tenant_id: Option<String>,
    client_id: Option<String>,
    from_template: Option<&Path>,
) -> Result<(), Failure> {
    let (id, secret) = match from_template {
        Some(path) => secret_from_template(path)?,
        None => {
            let id = EntraAppId {
                tenant_id: tenant_id.unwrap_or_default(),
                client_id: client_id.unwrap_or_default(),
            };
            let problems = id_problems(&id);
            if !problems.is_empty() {
                return Err(Failure::Invalid(problems));
            }
            (
                id,
                ClientSecret::new(read_credential("Client secret (input hidden): ")?),
            )
        }
    };
    let account = entra_account(&id.tenant_id, &id.client_id);
    let vault = store_client_secret(id, &secret)?;
    println!(
        "Stored the client secret in the keyring (service {}, account {account}).",
        vault.service()
    );
    if let Some(path) = from_template {
        println!(
            "Now delete \"clientSecret\" from {}: Winroll fills it in when creating.",
            path.display()
        );
    }
    Ok(())
}

fn secret_from_template(path: &Path) -> Result<(EntraAppId, ClientSecret), Failure> {
    let template =
        parse_template(&read_text(path)?, SecretSource::Keyring).map_err(Failure::Invalid)?;
    let app = template.mobility_app().ok_or_else(|| {
        Failure::usage(
            "secret.none_in_file",
            format!("{} has no entraId.mobilityApp", path.display()),
            None,
        )
    })?;
    let secret = app.client_secret.clone().ok_or_else(|| {
        Failure::usage(
            "secret.none_in_file",
            format!("{} carries no client secret", path.display()),
            None,
        )
    })?;
    Ok((
        EntraAppId {
            tenant_id: app.tenant_id.clone(),
            client_id: app.client_id.clone(),
        },
        secret,
    ))
}

pub fn remove(tenant_id: &str, client_id: &str) -> Result<(), Failure> {
    let id = EntraAppId {
        tenant_id: tenant_id.into(),
        client_id: client_id.into(),
    };
    if remove_client_secret(&id)? {
        println!("Removed the client secret for tenant {tenant_id:?}, client {client_id:?}.");
    } else {
        println!("No client secret was stored for tenant {tenant_id:?}, client {client_id:?}.");
    }
    Ok(())
}

pub fn list(json: bool) -> Result<(), Failure> {
    let ids = ProfileStore::default_location()?.load()?.entra_secrets;
    if json {
        println!("{}", serde_json::to_string_pretty(&ids).unwrap_or_default());
    } else if ids.is_empty() {
        println!("No client secrets stored.");
    } else {
        for id in ids {
            println!("tenant {}  client {}", id.tenant_id, id.client_id);
        }
    }
    Ok(())
}
