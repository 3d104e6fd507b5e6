//! `winroll profile add|list|remove`

use winroll_core::{ApiToken, Connection};
use winroll_secrets::{
    Profile, ProfileStore, ProfileView, Vault, profiles::check_profile_name, token_account,
};

use crate::failure::Failure;
use crate::input::read_credential;

pub fn add(name: &str, base_url: &str, org: &str) -> Result<(), Failure> {
    check_profile_name(name)?;
    let store = ProfileStore::default_location()?;
    // Refuse a duplicate or a damaged file before asking for the token or touching the keyring.
    store.load()?.add(Profile {
        name: name.into(),
        base_url: base_url.into(),
        organization_id: org.into(),
    })?;
    let token = ApiToken::new(read_credential("API token (input hidden): ")?);
    let checked = Connection::new(base_url, org, token.clone())?;
    let vault = Vault::open()?;
    vault.set_token(name, &token)?;
    let profile = Profile {
        name: name.into(),
        base_url: checked.base_url().as_str().trim_end_matches('/').to_owned(),
        organization_id: checked.organization().to_string(),
    };
    if let Err(e) = store.update(|file| file.add(profile)) {
        // Keep the keyring and the file in step: no orphaned token.
        let _ = vault.delete_token(name);
        return Err(e.into());
    }
    println!(
        "Added profile {name:?}; its token is in the keyring (service {}, account {}).",
        vault.service(),
        token_account(name)
    );
    Ok(())
}

pub fn list(json: bool) -> Result<(), Failure> {
    let file = ProfileStore::default_location()?.load()?;
    let vault = Vault::open();
    let mut views = Vec::new();
    let mut keyring_problem = None;
    for profile in file.profiles {
        let has_token = match &vault {
            Ok(vault) => match vault.token(&profile.name) {
                Ok(token) => token.is_some(),
                Err(e) => {
                    keyring_problem.get_or_insert(e);
                    false
                }
            },
            Err(e) => {
                keyring_problem.get_or_insert(e.clone());
                false
            }
        };
        views.push(ProfileView { profile, has_token });
    }
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&views).unwrap_or_default()
        );
    } else if views.is_empty() {
        println!("No profiles. Add one with: winroll profile add NAME --base-url URL --org ORG");
    } else {
        for v in &views {
            let token = match (&keyring_problem, v.has_token) {
                (Some(_), _) => "unknown (keyring unavailable)",
                (None, true) => "stored",
                (None, false) => "missing",
            };
            println!(
                "{}  {}  org {}  token: {token}",
                v.profile.name, v.profile.base_url, v.profile.organization_id
            );
        }
    }
    match keyring_problem {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

pub fn remove(name: &str) -> Result<(), Failure> {
    let store = ProfileStore::default_location()?;
    store.get(name)?;
    Vault::open()?.delete_token(name)?;
    store.update(|file| file.remove(name))?;
    println!("Removed profile {name:?} and its token.");
    Ok(())
}
