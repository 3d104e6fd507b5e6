//! Profiles: where to reach one organization, with its API token in the keyring. The token goes
//! in once and never comes back out of this crate; the file and the keyring are kept in step.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use winroll_core::{ApiToken, Connection, ErrorInfo};
use winroll_files::{Profile, check_profile_name};
use winroll_keyring::{BoundToken, KeyringError};

use crate::{AppError, Winroll};

/// Whether a profile's token is in the keyring: never the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum TokenState {
    Stored,
    Missing,
    /// The keyring could not be asked.
    Unknown,
}

/// A profile as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProfileView {
    #[serde(flatten)]
    pub profile: Profile,
    pub token: TokenState,
}

/// Every profile; when the keyring could not be asked, each token reads `unknown` and
/// `keyringProblem` says why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct ProfileList {
    pub profiles: Vec<ProfileView>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyring_problem: Option<ErrorInfo>,
    #[serde(skip)]
    #[ts(skip)]
    keyring_error: Option<KeyringError>,
}

impl ProfileList {
    /// Why the keyring could not be asked, for a front end that must fail (the CLI exits 5).
    pub fn keyring_error(&self) -> Option<AppError> {
        self.keyring_error.clone().map(AppError::Keyring)
    }
}

impl Winroll {
    /// Whether a profile of this name could be added: a valid name, no profile of that name, a
    /// readable file. Asks nothing of the keyring, so a front end can check before asking for
    /// the token.
    pub fn check_new_profile(&self, name: &str) -> Result<(), AppError> {
        check_profile_name(name)?;
        let file = self.dirs().profiles().load()?;
        if file.profiles.iter().any(|p| p.name == name) {
            return Err(winroll_files::ProfilesError::Exists { name: name.into() }.into());
        }
        Ok(())
    }

    /// Checks the name, URL and organization, refuses a duplicate before touching the keyring,
    /// stores the token, then the profile; a failed write takes the token back out. A pasted
    /// token's surrounding whitespace (a line end) is never part of it.
    pub fn add_profile(
        &self,
        name: &str,
        base_url: &str,
        organization_id: &str,
        token: &ApiToken,
    ) -> Result<ProfileView, AppError> {
        let token = &ApiToken::new(token.expose().trim());
        let (name, base_url, organization_id) =
            (name.trim(), base_url.trim(), organization_id.trim());
        self.check_new_profile(name)?;
        let checked = Connection::new(base_url, organization_id, token.clone())?;
        let profile = Profile {
            name: name.into(),
            base_url: checked.base_url().as_str().trim_end_matches('/').to_owned(),
            organization_id: checked.organization().to_string(),
        };
        let store = self.dirs().profiles();
        let vault = self.vault()?;
        // The token is bound to where the profile points now: see `Winroll::stored_token`.
        let bound = BoundToken {
            token: token.clone(),
            destination: Some(winroll_core::Destination::at(&checked)),
        };
        vault.set_token(name, &bound)?;
        if let Err(e) = store.update(|file| file.add(profile.clone())) {
            // Keep the keyring and the file in step: no orphaned token.
            let _ = vault.delete_token(name);
            return Err(e.into());
        }
        Ok(ProfileView {
            profile,
            token: TokenState::Stored,
        })
    }

    pub fn list_profiles(&self) -> Result<ProfileList, AppError> {
        let file = self.dirs().profiles().load()?;
        let mut problem = None;
        // Without profiles nothing needs the keyring: the first start does not wait for it.
        let vault = if file.profiles.is_empty() {
            None
        } else {
            winroll_keyring::Vault::open_for(self.dirs().keyring_namespace())
                .map_err(|e| problem = Some(e))
                .ok()
        };
        let profiles = file
            .profiles
            .into_iter()
            .map(|profile| {
                let token = match vault.as_ref().map(|v| v.token(&profile.name)) {
                    Some(Ok(Some(_))) => TokenState::Stored,
                    Some(Ok(None)) => TokenState::Missing,
                    Some(Err(e)) => {
                        problem.get_or_insert(e);
                        TokenState::Unknown
                    }
                    None => TokenState::Unknown,
                };
                ProfileView { profile, token }
            })
            .collect::<Vec<_>>();
        // Without profiles nothing needed the keyring, so there is nothing to report.
        let keyring_error =
            problem.filter(|_| profiles.iter().any(|p| p.token == TokenState::Unknown));
        Ok(ProfileList {
            profiles,
            keyring_problem: keyring_error.as_ref().map(KeyringError::info),
            keyring_error,
        })
    }

    /// Removes the token, then the profile.
    pub fn remove_profile(&self, name: &str) -> Result<(), AppError> {
        let store = self.dirs().profiles();
        store.get(name)?;
        self.vault()?.delete_token(name)?;
        store.update(|file| file.remove(name))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use winroll_core::ErrorCode;

    use super::*;
    use crate::testing::winroll;

    #[test]
    fn adds_lists_and_removes_with_the_token_in_the_keyring() {
        let (_dir, winroll) = winroll();
        let token = ApiToken::new("unit-profile-token");
        let view = winroll
            .add_profile("unit-prod", "https://api.example.com/", "acme", &token)
            .unwrap();
        assert_eq!(view.profile.base_url, "https://api.example.com");
        let list = winroll.list_profiles().unwrap();
        assert_eq!(list.profiles, [view]);
        assert_eq!(list.keyring_problem, None);
        let file = std::fs::read_to_string(winroll.dirs().profiles().path()).unwrap();
        assert!(!file.contains("unit-profile-token"), "{file}");
        let err = winroll
            .add_profile("unit-prod", "https://api.example.com", "acme", &token)
            .unwrap_err();
        assert_eq!(err.info().code, ErrorCode::ProfilesExists);
        winroll.remove_profile("unit-prod").unwrap();
        assert!(winroll.list_profiles().unwrap().profiles.is_empty());
        assert_eq!(winroll.vault().unwrap().token("unit-prod").unwrap(), None);
    }

    #[test]
    fn a_bad_url_stores_nothing() {
        let (_dir, winroll) = winroll();
        let err = winroll
            .add_profile(
                "unit-bad",
                "http://api.example.com",
                "acme",
                &ApiToken::new("t"),
            )
            .unwrap_err();
        assert_eq!(err.info().code, ErrorCode::ConfigInsecureUrl);
        assert_eq!(winroll.vault().unwrap().token("unit-bad").unwrap(), None);
        assert!(!winroll.dirs().profiles().path().exists());
    }
}
