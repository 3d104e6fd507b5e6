//! `winroll secret set|allow|remove|list`: Entra ID client secrets in the keyring, each bound to
//! the servers and organizations it may be sent to.

use std::path::Path;

use winroll_app::{AppError, Target, Winroll, secrets::id_problems};
use winroll_core::{ClientSecret, ErrorCode, SecretSource, Template};
use winroll_files::EntraAppId;
use winroll_keyring::entra_account;

use crate::failure::Failure;
use crate::input::{read_credential, read_text};

/// The target a secret is stored for or allowed to: required, since a secret goes nowhere else.
pub fn destination_flags(flags: &crate::cli::Target) -> Result<Target, Failure> {
    if flags.profile.is_none() && (flags.base_url.is_none() || flags.org.is_none()) {
        return Err(Failure::usage(
            ErrorCode::ConfigMissingTarget,
            "say where this client secret may be sent: --profile NAME, or --base-url URL with --org ORG",
            Some("A stored secret goes only to the organizations it is allowed for; `winroll secret allow` adds one.".into()),
        ));
    }
    flags.resolve()
}

pub fn set(
    winroll: &Winroll,
    tenant_id: Option<String>,
    client_id: Option<String>,
    from_template: Option<&Path>,
    target: &Target,
) -> Result<(), Failure> {
    let destination = winroll.destination(target)?;
    let (id, secret) = match from_template {
        Some(path) => secret_from_template(path)?,
        None => {
            let id = EntraAppId {
                tenant_id: tenant_id.unwrap_or_default(),
                client_id: client_id.unwrap_or_default(),
            };
            let problems = id_problems(&id);
            if !problems.is_empty() {
                return Err(AppError::Invalid(problems).into());
            }
            (
                id,
                ClientSecret::new(read_credential("Client secret (input hidden): ")?),
            )
        }
    };
    let account = entra_account(&id.tenant_id, &id.client_id);
    // `secret set` is the explicit step: it replaces what is stored.
    winroll.store_client_secret(id, &secret, true, target)?;
    println!(
        "Stored the client secret in the keyring (account {account}); it may be sent to {}.",
        crate::terminal::safe(&destination.to_string())
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
    let template = Template::from_text(&read_text(path)?, SecretSource::Keyring)
        .map_err(AppError::Invalid)?
        .template;
    let none = |what: &str| {
        Failure::usage(
            ErrorCode::SecretNoneInFile,
            format!("{} {what}", path.display()),
            None,
        )
    };
    let mobility_app = template
        .mobility_app()
        .ok_or_else(|| none("has no entraId.mobilityApp"))?;
    let secret = template
        .secret()
        .cloned()
        .ok_or_else(|| none("carries no client secret"))?;
    Ok((
        EntraAppId {
            tenant_id: mobility_app.tenant_id.to_owned(),
            client_id: mobility_app.client_id.to_owned(),
        },
        secret,
    ))
}

pub fn remove(winroll: &Winroll, tenant_id: String, client_id: String) -> Result<(), Failure> {
    let id = EntraAppId {
        tenant_id,
        client_id,
    };
    let (tenant, client) = (&id.tenant_id, &id.client_id);
    if winroll.remove_client_secret(&id)? {
        println!("Removed the client secret for tenant {tenant:?}, client {client:?}.");
    } else {
        println!("No client secret was stored for tenant {tenant:?}, client {client:?}.");
    }
    Ok(())
}

pub fn allow(
    winroll: &Winroll,
    tenant_id: String,
    client_id: String,
    target: &Target,
) -> Result<(), Failure> {
    let id = EntraAppId {
        tenant_id,
        client_id,
    };
    let destination = winroll.destination(target)?;
    winroll.allow_client_secret(&id, target)?;
    println!(
        "The client secret for tenant {:?}, client {:?} may now be sent to {}.",
        id.tenant_id,
        id.client_id,
        crate::terminal::safe(&destination.to_string())
    );
    Ok(())
}

pub fn list(winroll: &Winroll, json: bool) -> Result<(), Failure> {
    let secrets = winroll.list_client_secrets()?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&secrets).unwrap_or_default()
        );
        return Ok(());
    }
    if secrets.is_empty() {
        println!("No client secrets stored.");
    }
    for secret in secrets {
        let safe = crate::terminal::safe;
        println!(
            "tenant {}  client {}",
            safe(&secret.id.tenant_id),
            safe(&secret.id.client_id)
        );
        match secret.allowed {
            None => println!(
                "  may go nowhere yet: stored before secrets were bound (`winroll secret allow` says where)"
            ),
            Some(allowed) if allowed.is_empty() => println!("  may go nowhere yet"),
            Some(allowed) => allowed
                .iter()
                .for_each(|d| println!("  may go to {}", safe(&d.to_string()))),
        }
    }
    Ok(())
}
