//! Entra ID client secrets: the value in the keyring, its ids in the profiles file so they can be
//! listed without searching the keyring. The file is checked first, so a damaged one stops the
//! change before the keyring is touched. A stored secret is replaced only when the caller says so.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use winroll_core::{ClientSecret, Destination, ErrorCode, Problem, Target, Template};
use winroll_files::EntraAppId;
use winroll_keyring::{BoundSecret, SecretOrigin};

use crate::{AppError, Winroll};

/// The API's limit on the tenant id, the client id and the secret.
const MAX_LENGTH: usize = 256;

/// Whether a client secret is in the keyring, and whether it may go to the target asked about:
/// all the UI ever learns about one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SecretStatus {
    pub has_secret: bool,
    /// It may be sent to the target asked about without asking first.
    pub allowed_here: bool,
}

/// A stored secret's ids and where it may go (never the secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretView {
    #[serde(flatten)]
    pub id: EntraAppId,
    /// `None`: stored before secrets were bound, so it may go nowhere yet.
    pub allowed: Option<Vec<Destination>>,
}

/// What a person is asked before a stored client secret goes to a destination it was not
/// stored for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowQuestion {
    pub app: EntraAppId,
    pub destination: Destination,
    /// Where it may go now; `None` for a secret stored before secrets were bound.
    pub allowed: Option<Vec<Destination>>,
}

impl AllowQuestion {
    /// The one wording every face shows (terminal, dialog, error).
    pub fn text(&self) -> String {
        let app = format!(
            "The client secret of Entra ID app {:?} (tenant {:?})",
            self.app.client_id, self.app.tenant_id
        );
        let now = match &self.allowed {
            None => " was stored before Winroll bound secrets to organizations, so it may go nowhere yet".to_owned(),
            Some(allowed) if allowed.is_empty() => " may go nowhere yet".to_owned(),
            Some(allowed) => format!(
                " may go to {}",
                allowed
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        };
        format!("{app}{now}. Send it to {}?", self.destination)
    }

    /// How to allow it for good from a shell; `None` for the window's built-in sandbox, which
    /// only the window reaches.
    pub fn allow_command(&self) -> Option<String> {
        (!self.destination.is_sandbox()).then(|| {
            format!(
                "winroll secret allow --tenant-id {} --client-id {} --base-url {} --org {}",
                self.app.tenant_id,
                self.app.client_id,
                self.destination.server,
                self.destination.organization_id
            )
        })
    }

    fn refused(&self) -> AppError {
        AppError::usage(
            ErrorCode::SecretNotAllowed,
            format!(
                "the client secret stored for Entra ID tenant {:?}, client {:?} may not go to {}; nothing was sent",
                self.app.tenant_id, self.app.client_id, self.destination
            ),
            Some(match self.allow_command() {
                Some(command) => format!(
                    "Allow it when Winroll asks (in the window, or on a terminal), or for good: {command}"
                ),
                None => "Allow it when Winroll asks, or store the secret again while this organization is selected.".into(),
            }),
        )
    }
}

/// An answer to an [`AllowQuestion`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AllowAnswer {
    /// Send it this time only.
    Once,
    /// Send it, and from now on to this destination without asking.
    Always,
    Refuse,
}

/// Asks a person (a terminal, a native dialog); called off the async workers.
pub trait AllowPrompt: Send + Sync + std::fmt::Debug {
    fn ask(&self, question: &AllowQuestion) -> AllowAnswer;
}

/// Nobody to ask (no terminal, a test): every new destination is refused.
#[derive(Debug, Clone, Copy, Default)]
pub struct RefuseToAllow;

impl AllowPrompt for RefuseToAllow {
    fn ask(&self, _: &AllowQuestion) -> AllowAnswer {
        AllowAnswer::Refuse
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
    /// The client secret for `id` on its way to `destination`: the one given for this run
    /// (allowed for this run only), else the keyring's, when it may go there. A destination it
    /// was not stored for is asked about first; refused, nothing is sent (blocking).
    pub fn client_secret_for(
        &self,
        id: &EntraAppId,
        destination: &Destination,
    ) -> Result<(ClientSecret, SecretOrigin), AppError> {
        if let Some(given) = &self.given().client_secret {
            return Ok((given.clone(), SecretOrigin::Given));
        }
        let vault = self.vault()?;
        let mut stored = vault
            .client_secret(&id.tenant_id, &id.client_id)?
            .ok_or_else(|| winroll_keyring::FillError::Missing {
                tenant_id: id.tenant_id.clone(),
                client_id: id.client_id.clone(),
            })?;
        if stored.allows(destination) {
            return Ok((stored.secret, SecretOrigin::Keyring));
        }
        let question = AllowQuestion {
            app: id.clone(),
            destination: destination.clone(),
            allowed: stored.allowed.clone(),
        };
        match self.prompt().ask(&question) {
            AllowAnswer::Once => {
                tracing::info!(destination = %destination, "client secret allowed once");
            }
            AllowAnswer::Always => {
                stored.allow(destination.clone());
                vault.set_client_secret(&id.tenant_id, &id.client_id, &stored)?;
                tracing::info!(destination = %destination, "client secret allowed from now on");
            }
            AllowAnswer::Refuse => return Err(question.refused()),
        }
        Ok((stored.secret, SecretOrigin::Keyring))
    }

    /// Whether a secret is stored for `id`, and may go to `target` without asking.
    pub fn client_secret_status(
        &self,
        id: &EntraAppId,
        target: &Target,
    ) -> Result<SecretStatus, AppError> {
        check_ids(id)?;
        let destination = self.destination(target)?;
        let stored = self.vault()?.client_secret(&id.tenant_id, &id.client_id)?;
        Ok(SecretStatus {
            has_secret: stored.is_some(),
            allowed_here: stored.is_some_and(|s| s.allows(&destination)),
        })
    }

    /// Stores the secret for `id`, allowed to go to `target`. A different secret already stored
    /// is replaced only with `replace` (keeping where it may go); otherwise the answer is
    /// `secret.would_replace` and nothing changes. The same secret again allows `target` too.
    pub fn store_client_secret(
        &self,
        id: EntraAppId,
        secret: &ClientSecret,
        replace: bool,
        target: &Target,
    ) -> Result<SecretStatus, AppError> {
        // A pasted secret's surrounding whitespace (a line end) is never part of it.
        let secret = ClientSecret::new(secret.expose().trim());
        let mut problems = id_problems(&id);
        if !acceptable(secret.expose()) {
            problems.push(problem("clientSecret"));
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let destination = self.destination(target)?;
        let profiles = self.dirs().profiles();
        profiles.load()?;
        let vault = self.vault()?;
        let stored = vault.client_secret(&id.tenant_id, &id.client_id)?;
        if stored
            .as_ref()
            .is_some_and(|s| s.secret.expose() != secret.expose())
            && !replace
        {
            return Err(AppError::usage(
                ErrorCode::SecretWouldReplace,
                format!(
                    "a different client secret is already stored for tenant {:?}, client {:?}; it was kept",
                    id.tenant_id, id.client_id
                ),
                Some("Replace it explicitly (the Replace button, or `winroll secret set`).".into()),
            ));
        }
        let mut bound =
            BoundSecret::new(secret, stored.and_then(|s| s.allowed).unwrap_or_default());
        bound.allow(destination);
        vault.set_client_secret(&id.tenant_id, &id.client_id, &bound)?;
        profiles.update(|file| {
            file.note_secret(id);
            Ok(())
        })?;
        Ok(SecretStatus {
            has_secret: true,
            allowed_here: true,
        })
    }

    /// Lets the stored secret for `id` go to `target` from now on (`winroll secret allow`).
    pub fn allow_client_secret(&self, id: &EntraAppId, target: &Target) -> Result<(), AppError> {
        check_ids(id)?;
        let destination = self.destination(target)?;
        let vault = self.vault()?;
        let mut stored = vault
            .client_secret(&id.tenant_id, &id.client_id)?
            .ok_or_else(|| winroll_keyring::FillError::Missing {
                tenant_id: id.tenant_id.clone(),
                client_id: id.client_id.clone(),
            })?;
        stored.allow(destination);
        Ok(vault.set_client_secret(&id.tenant_id, &id.client_id, &stored)?)
    }

    /// Removes the secret for `id`; answers whether one was stored.
    pub fn remove_client_secret(&self, id: &EntraAppId) -> Result<bool, AppError> {
        check_ids(id)?;
        let profiles = self.dirs().profiles();
        profiles.load()?;
        let removed = self
            .vault()?
            .delete_client_secret(&id.tenant_id, &id.client_id)?;
        profiles.update(|file| {
            file.forget_secret(id);
            Ok(())
        })?;
        Ok(removed)
    }

    /// The stored secrets' ids and where each may go (never the secrets). One listed in the
    /// profiles file but gone from the keyring is left out.
    pub fn list_client_secrets(&self) -> Result<Vec<SecretView>, AppError> {
        let ids = self.dirs().profiles().load()?.entra_secrets;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let vault = self.vault()?;
        let mut views = Vec::new();
        for id in ids {
            if let Some(stored) = vault.client_secret(&id.tenant_id, &id.client_id)? {
                views.push(SecretView {
                    id,
                    allowed: stored.allowed,
                });
            }
        }
        Ok(views)
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

    /// Puts the client secret into a template that has a mobility app without one, for sending
    /// to `destination` (see [`Winroll::client_secret_for`]). Blocking when the keyring is read.
    pub fn fill_client_secret(
        &self,
        template: &mut Template,
        destination: &Destination,
    ) -> Result<SecretOrigin, AppError> {
        let Some(id) = app_needing_secret(template) else {
            return Ok(if template.mobility_app().is_some() {
                SecretOrigin::Template
            } else {
                SecretOrigin::NotNeeded
            });
        };
        let (secret, origin) = self.client_secret_for(&id, destination)?;
        template
            .set_secret(secret)
            .map_err(|problem| AppError::Invalid(vec![problem]))?;
        Ok(origin)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::testing::winroll;

    fn id(tenant: &str) -> EntraAppId {
        EntraAppId {
            tenant_id: tenant.into(),
            client_id: "c".into(),
        }
    }

    fn org(name: &str) -> Target {
        Target::Direct {
            base_url: "https://api.example.com".into(),
            organization_id: format!("org-{name}"),
        }
    }

    /// Answers as told and remembers what it was asked.
    #[derive(Debug)]
    struct Scripted {
        answer: AllowAnswer,
        asked: Mutex<Vec<AllowQuestion>>,
    }

    impl AllowPrompt for Scripted {
        fn ask(&self, question: &AllowQuestion) -> AllowAnswer {
            self.asked.lock().unwrap().push(question.clone());
            self.answer
        }
    }

    fn scripted(answer: AllowAnswer) -> Arc<Scripted> {
        Arc::new(Scripted {
            answer,
            asked: Mutex::new(Vec::new()),
        })
    }

    #[test]
    fn refuses_what_the_api_would_refuse_before_touching_anything() {
        let (_dir, winroll) = winroll();
        let bad = EntraAppId {
            tenant_id: " ".into(),
            client_id: "c".repeat(257),
        };
        assert_eq!(id_problems(&bad).len(), 2);
        let Err(AppError::Invalid(problems)) = winroll.store_client_secret(
            id("unit-t0"),
            &ClientSecret::new("s".repeat(257)),
            false,
            &org("a"),
        ) else {
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
            .store_client_secret(id.clone(), &ClientSecret::new("first"), false, &org("a"))
            .unwrap();
        // The same value again is no replacement; it allows that target too.
        winroll
            .store_client_secret(id.clone(), &ClientSecret::new("first"), false, &org("b"))
            .unwrap();
        let err = winroll
            .store_client_secret(id.clone(), &ClientSecret::new("second"), false, &org("a"))
            .unwrap_err();
        assert_eq!(err.info().code, ErrorCode::SecretWouldReplace);
        assert!(!err.info().message.contains("second"));
        let kept = winroll.vault().unwrap().client_secret("unit-t1", "c");
        assert_eq!(kept.unwrap().unwrap().secret.expose(), "first");
        winroll
            .store_client_secret(id.clone(), &ClientSecret::new("second"), true, &org("c"))
            .unwrap();
        let listed = winroll.list_client_secrets().unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].id, id);
        let destinations = |names: &[&str]| {
            names
                .iter()
                .map(|n| winroll.destination(&org(n)).unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            listed[0].allowed,
            Some(destinations(&["a", "b", "c"])),
            "a replaced secret keeps where it may go"
        );
        assert!(winroll.remove_client_secret(&id).unwrap());
        assert!(
            !winroll
                .client_secret_status(&id, &org("a"))
                .unwrap()
                .has_secret
        );
        assert!(winroll.list_client_secrets().unwrap().is_empty());
    }

    #[test]
    fn a_secret_goes_only_where_it_was_stored_for_until_allowed() {
        let (_dir, winroll) = winroll();
        let app = id("unit-t2");
        winroll
            .store_client_secret(app.clone(), &ClientSecret::new("s"), false, &org("a"))
            .unwrap();
        let (a, b) = (
            winroll.destination(&org("a")).unwrap(),
            winroll.destination(&org("b")).unwrap(),
        );
        assert!(winroll.client_secret_for(&app, &a).is_ok());
        // Nobody to ask: refused, saying how to allow it.
        let refused = winroll.client_secret_for(&app, &b).unwrap_err().info();
        assert_eq!(refused.code, ErrorCode::SecretNotAllowed);
        assert!(
            refused
                .message
                .contains("organization \"org-b\" at https://api.example.com")
        );
        assert!(
            refused.hint.unwrap().contains(
                "winroll secret allow --tenant-id unit-t2 --client-id c --base-url https://api.example.com --org org-b"
            )
        );
        // Allowed once: sent, and asked again next time.
        let once = scripted(AllowAnswer::Once);
        let asking = winroll.asking(once.clone());
        assert!(asking.client_secret_for(&app, &b).is_ok());
        assert!(asking.client_secret_for(&app, &b).is_ok());
        assert_eq!(once.asked.lock().unwrap().len(), 2);
        assert!(
            !winroll
                .client_secret_status(&app, &org("b"))
                .unwrap()
                .allowed_here
        );
        let question = once.asked.lock().unwrap()[0].clone();
        assert_eq!(question.destination, b);
        assert_eq!(question.allowed, Some(vec![a.clone()]));
        // Always: remembered.
        let always = scripted(AllowAnswer::Always);
        assert!(
            winroll
                .asking(always.clone())
                .client_secret_for(&app, &b)
                .is_ok()
        );
        assert!(winroll.client_secret_for(&app, &b).is_ok());
        assert!(
            winroll
                .client_secret_status(&app, &org("b"))
                .unwrap()
                .allowed_here
        );
        // A refusal answer sends nothing.
        let no = scripted(AllowAnswer::Refuse);
        let c = winroll.destination(&org("c")).unwrap();
        assert_eq!(
            winroll
                .asking(no)
                .client_secret_for(&app, &c)
                .unwrap_err()
                .info()
                .code,
            ErrorCode::SecretNotAllowed
        );
    }

    #[test]
    fn a_secret_stored_before_binding_goes_nowhere_until_bound_after_asking() {
        let (_dir, winroll) = winroll();
        let app = id("unit-t3");
        let account = winroll_keyring::entra_account("unit-t3", "c");
        winroll
            .vault()
            .unwrap()
            .set_raw_for_test(&account, "old-secret")
            .unwrap();
        let a = winroll.destination(&org("a")).unwrap();
        assert_eq!(
            winroll.client_secret_for(&app, &a).unwrap_err().info().code,
            ErrorCode::SecretNotAllowed
        );
        let always = scripted(AllowAnswer::Always);
        let (secret, _) = winroll
            .asking(always.clone())
            .client_secret_for(&app, &a)
            .unwrap();
        assert_eq!(secret.expose(), "old-secret");
        assert_eq!(always.asked.lock().unwrap()[0].allowed, None);
        assert!(
            always.asked.lock().unwrap()[0]
                .text()
                .contains("stored before Winroll bound secrets")
        );
        let stored = winroll
            .vault()
            .unwrap()
            .client_secret("unit-t3", "c")
            .unwrap();
        assert_eq!(stored.unwrap().allowed, Some(vec![a]));
    }
}
