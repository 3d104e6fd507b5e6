//! Profiles: the token goes in once and never comes back.

use winroll_core::{ApiToken, Connection, ErrorInfo};
use winroll_secrets::{Profile, ProfileStore, ProfileView, Vault, profiles::check_profile_name};

use super::blocking;

#[tauri::command]
pub async fn list_profiles() -> Result<Vec<ProfileView>, ErrorInfo> {
    blocking(|| {
        let file = ProfileStore::default_location()
            .and_then(|s| s.load())
            .map_err(|e| e.info())?;
        // Without a keyring the list still shows; every token then reads as missing.
        let vault = Vault::open().ok();
        Ok(file
            .profiles
            .into_iter()
            .map(|profile| {
                let has_token = vault
                    .as_ref()
                    .is_some_and(|v| v.token(&profile.name).ok().flatten().is_some());
                ProfileView { profile, has_token }
            })
            .collect())
    })
    .await
}

#[tauri::command]
pub async fn add_profile(
    name: String,
    base_url: String,
    organization_id: String,
    token: String,
) -> Result<ProfileView, ErrorInfo> {
    blocking(move || {
        check_profile_name(&name).map_err(|e| e.info())?;
        let token = ApiToken::new(token.trim());
        let checked =
            Connection::new(&base_url, &organization_id, token.clone()).map_err(|e| e.info())?;
        let store = ProfileStore::default_location().map_err(|e| e.info())?;
        let profile = Profile {
            name: name.clone(),
            base_url: checked.base_url().as_str().trim_end_matches('/').to_owned(),
            organization_id: checked.organization().to_string(),
        };
        store
            .load()
            .and_then(|mut f| f.add(profile.clone()))
            .map_err(|e| e.info())?;
        let vault = Vault::open().map_err(|e| e.info())?;
        vault.set_token(&name, &token).map_err(|e| e.info())?;
        if let Err(e) = store.update(|file| file.add(profile.clone())) {
            let _ = vault.delete_token(&name);
            return Err(e.info());
        }
        Ok(ProfileView {
            profile,
            has_token: true,
        })
    })
    .await
}

#[tauri::command]
pub async fn remove_profile(name: String) -> Result<(), ErrorInfo> {
    blocking(move || {
        let store = ProfileStore::default_location().map_err(|e| e.info())?;
        store.get(&name).map_err(|e| e.info())?;
        Vault::open()
            .and_then(|v| v.delete_token(&name))
            .map_err(|e| e.info())?;
        store
            .update(|file| file.remove(&name))
            .map(|_| ())
            .map_err(|e| e.info())
    })
    .await
}
