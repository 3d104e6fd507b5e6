//! Entra ID client secrets: the value in the keyring, its ids in the profiles file so they can be
//! listed without searching the keyring. The file is checked first, so a damaged one stops the
//! change before the keyring is touched. A stored secret is replaced only when the caller says so.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use winroll_core::{ClientSecret, ErrorCode, Problem, Template};
use winroll_files::EntraAppId;
use winroll_keyring::{SecretOrigin, Vault};

use crate::{AppError, Winroll};

/// The API's limit on the tenant id, the client id and the secret.
const MAX_LENGTH: usize = 256;

/// Whether a client secret is in the keyring: all the UI ever learns about one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SecretStatus {
    pub has_secret: bool,
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

fn check_ids(id: &EntraAppId) -> Result<(), AppError> {
    let problems = id_problems(id);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(problems))
    }
}

/// The ids of `template`'s mobility app when its secret is still to be filled in.
pub fn app_needing_secret(template: &Template) -> Option<EntraAppId> {
    template
        .needs_secret()
        .then(|| template.mobility_app())
        .flatten()
        .map(|ids| EntraAppId {
            tenant_id: ids.tenant_id.to_owned(),
            client_id: ids.client_id.to_owned(),
        })
}

impl Winroll {
    /// The client secret for `id`: the one given for this run, else the keyring's (blocking).
    pub fn client_secret_for(
        &self,
        id: &EntraAppId,
    ) -> Result<(ClientSecret, SecretOrigin), AppError> {
        if let Some(given) = &self.given().client_secret {
            return Ok((given.clone(), SecretOrigin::Given));
        }
        let stored = Vault::open()?.client_secret(&id.tenant_id, &id.client_id)?;
        let secret = stored.ok_or_else(|| winroll_keyring::FillError::Missing {
            tenant_id: id.tenant_id.clone(),
            client_id: id.client_id.clone(),
        })?;
        Ok((secret, SecretOrigin::Keyring))
    }

    pub fn client_secret_status(&self, id: &EntraAppId) -> Result<SecretStatus, AppError> {
        check_ids(id)?;
        let stored = Vault::open()?.client_secret(&id.tenant_id, &id.client_id)?;
        Ok(SecretStatus {
            has_secret: stored.is_some(),
        })
    }

    /// Stores the secret for `id`. A different secret already stored is replaced only with
    /// `replace`; otherwise the answer is `secret.would_replace` and nothing changes.
    pub fn store_client_secret(
        &self,
        id: EntraAppId,
        secret: &ClientSecret,
        replace: bool,
    ) -> Result<SecretStatus, AppError> {
        // A pasted secret's surrounding whitespace (a line end) is never part of it.
        let secret = &ClientSecret::new(secret.expose().trim());
        let mut problems = id_problems(&id);
        if !acceptable(secret.expose()) {
            problems.push(problem("clientSecret"));
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let profiles = self.dirs().profiles();
        profiles.load()?;
        let vault = Vault::open()?;
        let stored = vault.client_secret(&id.tenant_id, &id.client_id)?;
        if stored.is_some_and(|s| s.expose() != secret.expose()) && !replace {
            return Err(AppError::usage(
                ErrorCode::SecretWouldReplace,
                format!(
                    "a different client secret is already stored for tenant {:?}, client {:?}; it was kept",
                    id.tenant_id, id.client_id
                ),
                Some("Replace it explicitly (the Replace button, or `winroll secret set`).".into()),
            ));
        }
        vault.set_client_secret(&id.tenant_id, &id.client_id, secret)?;
        profiles.update(|file| {
            file.note_secret(id);
            Ok(())
        })?;
        Ok(SecretStatus { has_secret: true })
    }

    /// Removes the secret for `id`; answers whether one was stored.
    pub fn remove_client_secret(&self, id: &EntraAppId) -> Result<bool, AppError> {
        check_ids(id)?;
        let profiles = self.dirs().profiles();
        profiles.load()?;
        let removed = Vault::open()?.delete_client_secret(&id.tenant_id, &id.client_id)?;
        profiles.update(|file| {
            file.forget_secret(id);
            Ok(())
        })?;
        Ok(removed)
    }

    /// The tenant and client ids that have a secret stored (never the secrets).
    pub fn list_client_secrets(&self) -> Result<Vec<EntraAppId>, AppError> {
        Ok(self.dirs().profiles().load()?.entra_secrets)
    }

    /// A client secret given for this run belongs to one Entra ID app: filling it into templates
    /// that name different tenant and client ids would hand one app's secret to another.
    /// `apps`: the tenant and client ids of the mobility apps whose secret is to be filled in.
    pub fn check_given_secret_for<'a>(
        &self,
        apps: impl IntoIterator<Item = &'a EntraAppId>,
    ) -> Result<(), AppError> {
        if self.given().client_secret.is_none() {
            return Ok(());
        }
        let apps: std::collections::BTreeSet<&EntraAppId> = apps.into_iter().collect();
        if apps.len() > 1 {
            return Err(AppError::usage(
                ErrorCode::ConfigAmbiguousCredential,
                format!(
                    "WINROLL_CLIENT_SECRET is set, and these templates name {} different Entra ID apps; nothing was sent",
                    apps.len()
                ),
                Some(
                    "Unset WINROLL_CLIENT_SECRET and store each app's secret with `winroll secret set`."
                        .into(),
                ),
            ));
        }
        Ok(())
    }

    /// Puts the client secret into a template that has a mobility app without one: the secret
    /// given for this run, else the keyring's entry for its tenant and client.
    pub fn fill_client_secret(&self, template: &mut Template) -> Result<SecretOrigin, AppError> {
        Ok(winroll_keyring::fill_client_secret(
            template,
            self.given().client_secret.clone(),
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::winroll;

    fn id(tenant: &str) -> EntraAppId {
        EntraAppId {
            tenant_id: tenant.into(),
            client_id: "c".into(),
        }
    }

    #[test]
    fn refuses_what_the_api_would_refuse_before_touching_anything() {
        let (_dir, winroll) = winroll();
        let bad = EntraAppId {
            tenant_id: " ".into(),
            client_id: "c".repeat(257),
        };
        assert_eq!(id_problems(&bad).len(), 2);
        let Err(AppError::Invalid(problems)) =
            winroll.store_client_secret(id("unit-t0"), &ClientSecret::new("s".repeat(257)), false)
        else {
            panic!("an oversized secret must be refused");
        };
        assert_eq!(problems[0].path, "entraId.mobilityApp.clientSecret");
        let message = AppError::Invalid(problems).info().message;
        assert!(
            !message.contains("sss"),
            "the message never quotes the secret"
        );
    }

    #[test]
    fn a_stored_secret_is_replaced_only_when_asked() {
        let (_dir, winroll) = winroll();
        let id = id("unit-t1");
        winroll
            .store_client_secret(id.clone(), &ClientSecret::new("first"), false)
            .unwrap();
        // The same value again is no replacement.
        winroll
            .store_client_secret(id.clone(), &ClientSecret::new("first"), false)
            .unwrap();
        let err = winroll
            .store_client_secret(id.clone(), &ClientSecret::new("second"), false)
            .unwrap_err();
        assert_eq!(err.info().code, ErrorCode::SecretWouldReplace);
        assert!(!err.info().message.contains("second"));
        let kept = Vault::open()
            .unwrap()
            .client_secret("unit-t1", "c")
            .unwrap();
        assert_eq!(kept.unwrap().expose(), "first");
        winroll
            .store_client_secret(id.clone(), &ClientSecret::new("second"), true)
            .unwrap();
        assert_eq!(
            winroll.list_client_secrets().unwrap(),
            std::slice::from_ref(&id)
        );
        assert!(winroll.remove_client_secret(&id).unwrap());
        assert!(!winroll.client_secret_status(&id).unwrap().has_secret);
        assert!(winroll.list_client_secrets().unwrap().is_empty());
    }
}
