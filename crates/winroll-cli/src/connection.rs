//! Turning `--profile` or `--base-url/--org` plus a token source into a checked connection.

use winroll_core::{ApiToken, Connection};
use winroll_secrets::{ProfileStore, Vault};

use crate::cli::Target;
use crate::failure::Failure;

/// The explicit headless route for the API token, as GH_TOKEN is for GitHub's CLI.
pub const TOKEN_VARIABLE: &str = "WINROLL_TOKEN";

fn token_from_environment() -> Option<ApiToken> {
    std::env::var(TOKEN_VARIABLE)
        .ok()
        .filter(|t| !t.trim().is_empty())
        .map(|t| ApiToken::new(t.trim()))
}

pub fn resolve(target: &Target) -> Result<Connection, Failure> {
    if let Some(name) = &target.profile {
        let profile = ProfileStore::default_location()?.get(name)?;
        let token = match token_from_environment() {
            Some(token) => token,
            None => Vault::open()?.token(name)?.ok_or_else(|| {
                Failure::usage(
                    "config.missing_token",
                    format!("no API token is stored for profile {name:?}"),
                    Some(format!(
                        "Remove and add the profile again, or set {TOKEN_VARIABLE}."
                    )),
                )
            })?,
        };
        return Ok(Connection::new(
            &profile.base_url,
            &profile.organization_id,
            token,
        )?);
    }
    let (Some(base_url), Some(org)) = (&target.base_url, &target.org) else {
        return Err(Failure::usage(
            "config.missing_target",
            "say where to send: --profile NAME, or --base-url URL with --org ORG",
            Some("Try the sandbox: `winroll sandbox` prints a ready command line.".into()),
        ));
    };
    let token = token_from_environment().ok_or_else(|| {
        Failure::usage(
            "config.missing_token",
            format!(
                "no API token: set {TOKEN_VARIABLE} (tokens are never taken from the command line)"
            ),
            Some(
                "Or store one in a profile: `winroll profile add NAME --base-url URL --org ORG`."
                    .into(),
            ),
        )
    })?;
    Ok(Connection::new(base_url, org, token)?)
}
