//! `winroll profile add|list|remove`

use winroll_app::{TokenState, Winroll};
use winroll_core::ApiToken;
use winroll_keyring::token_account;

use crate::failure::Failure;
use crate::input::read_credential;

pub fn add(winroll: &Winroll, name: &str, base_url: &str, org: &str) -> Result<(), Failure> {
    // Refuse a bad name, a duplicate or a damaged file before asking for the token.
    winroll.check_new_profile(name)?;
    let token = ApiToken::new(read_credential("API token (input hidden): ")?);
    winroll.add_profile(name, base_url, org, &token)?;
    println!(
        "Added profile {name:?}; its token is in the keyring (account {}).",
        token_account(name)
    );
    Ok(())
}

pub fn list(winroll: &Winroll, json: bool) -> Result<(), Failure> {
    let list = winroll.list_profiles()?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&list.profiles).unwrap_or_default()
        );
    } else if list.profiles.is_empty() {
        println!("No profiles. Add one with: winroll profile add NAME --base-url URL --org ORG");
    } else {
        for v in &list.profiles {
            let token = match v.token {
                TokenState::Stored => "stored",
                TokenState::Missing => "missing",
                TokenState::Unknown => "unknown (keyring unavailable)",
            };
            println!(
                "{}  {}  org {}  token: {token}",
                v.profile.name, v.profile.base_url, v.profile.organization_id
            );
        }
    }
    // The list is printed either way; the exit code still says the keyring could not be asked.
    list.keyring_error().map_or(Ok(()), |e| Err(e.into()))
}

pub fn remove(winroll: &Winroll, name: &str) -> Result<(), Failure> {
    winroll.remove_profile(name)?;
    println!("Removed profile {name:?} and its token.");
    Ok(())
}
