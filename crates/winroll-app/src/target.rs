//! Where to send, and with which token: the built-in sandbox, a saved profile (token from the
//! keyring), or a base URL and organization with a token given for this run. Resolved here once
//! for both front ends.

use winroll_core::{ApiToken, Connection, Destination, ErrorCode, Target};
use winroll_keyring::BoundToken;

use crate::{AppError, Winroll};

impl Winroll {
    /// The checked connection for `target`; starts the sandbox when it is the target.
    pub async fn connection(&self, target: &Target) -> Result<Connection, AppError> {
        match target {
            Target::Sandbox { organization_id } => {
                let base_url = self.sandbox().await?.base_url;
                let token = ApiToken::new(self.sandbox_token());
                Ok(Connection::new(&base_url, organization_id, token)?)
            }
            Target::Profile { .. } | Target::Direct { .. } => {
                let target = target.clone();
                self.blocking(move |winroll| winroll.connection_blocking(&target))
                    .await
            }
        }
    }

    /// As [`Winroll::connection`], for a profile or a direct target, on the calling thread.
    pub fn connection_blocking(&self, target: &Target) -> Result<Connection, AppError> {
        let given = self.given().token.clone();
        match target {
            Target::Sandbox { .. } => Err(AppError::Internal(
                "the sandbox is reached through `connection`".into(),
            )),
            Target::Profile { name } => {
                let profile = self.dirs().profiles().get(name)?;
                let destination =
                    Destination::checked(&profile.base_url, &profile.organization_id)?;
                let token = match given {
                    Some(token) => token,
                    None => self.stored_token(name, &destination)?,
                };
                Ok(Connection::new(
                    &profile.base_url,
                    &profile.organization_id,
                    token,
                )?)
            }
            Target::Direct {
                base_url,
                organization_id,
            } => {
                let token = given.ok_or_else(|| {
                    AppError::usage(
                        ErrorCode::ConfigMissingToken,
                        "no API token: set WINROLL_TOKEN (tokens are never taken from the command line)",
                        Some(
                            "Or store one in a profile: `winroll profile add NAME --base-url URL --org ORG`."
                                .into(),
                        ),
                    )
                })?;
                Ok(Connection::new(base_url, organization_id, token)?)
            }
        }
    }

    /// Where `target`'s requests (and the credentials in them) go; asks nothing of the keyring
    /// and starts no sandbox.
    pub fn destination(&self, target: &Target) -> Result<Destination, AppError> {
        Ok(match target {
            Target::Sandbox { organization_id } => Destination::sandbox(organization_id),
            Target::Profile { name } => {
                let profile = self.dirs().profiles().get(name)?;
                Destination::checked(&profile.base_url, &profile.organization_id)?
            }
            Target::Direct {
                base_url,
                organization_id,
            } => Destination::checked(base_url, organization_id)?,
        })
    }

    /// Profile `name`'s token, only when it was stored for `destination`: a profiles file that
    /// now points the profile at another server or organization (edited, copied, swapped) gets
    /// nothing. A token stored before tokens were bound is bound now, to where the profile
    /// points in the set-up it was stored in.
    fn stored_token(&self, name: &str, destination: &Destination) -> Result<ApiToken, AppError> {
        let vault = self.vault()?;
        let stored = vault.token(name)?.ok_or_else(|| {
            AppError::usage(
                ErrorCode::ConfigMissingToken,
                format!("no API token is stored for profile {name:?}"),
                Some(
                    "Remove the profile and add it again with its token, or set WINROLL_TOKEN."
                        .into(),
                ),
            )
        })?;
        match &stored.destination {
            Some(bound) if bound == destination => Ok(stored.token),
            Some(bound) => Err(AppError::usage(
                ErrorCode::ConfigTokenElsewhere,
                format!(
                    "the API token of profile {name:?} was stored for {bound}, but the profile now names {destination}; nothing was sent"
                ),
                Some(format!(
                    "If the profile really moved, remove it and add it again with the new server's token (`winroll profile remove {name}`, then `winroll profile add {name} --base-url URL --org ORG`)."
                )),
            )),
            None => {
                let bound = BoundToken {
                    token: stored.token,
                    destination: Some(destination.clone()),
                };
                vault.set_token(name, &bound)?;
                tracing::info!(profile = name, %destination, "a token stored before binding is bound now");
                Ok(bound.token)
            }
        }
    }

    /// A token given for this run is meant for one server: sending it to several targets would
    /// hand one organization's credential to another's API.
    pub fn check_given_token_for(&self, targets: &[Target]) -> Result<(), AppError> {
        if self.given().token.is_some() && targets.len() > 1 {
            return Err(AppError::usage(
                ErrorCode::ConfigAmbiguousCredential,
                format!(
                    "WINROLL_TOKEN is set, and this would send it to {} targets; nothing was sent",
                    targets.len()
                ),
                Some(
                    "Unset WINROLL_TOKEN so each profile's own token is read from the keyring."
                        .into(),
                ),
            ));
        }
        Ok(())
    }
}
