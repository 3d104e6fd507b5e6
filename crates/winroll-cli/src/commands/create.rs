//! `winroll create FILE`: validate locally, fill the client secret in, send once, and, when the
//! answer is lost after sending, look the name up before saying anything about retrying.

use std::path::Path;
use std::time::Duration;

use winroll_core::{
    ApiClient, ClientConfig, ClientSecret, Connection, CreateOutcome, EnrollmentTemplate,
    SecretSource, validate_template,
};
use winroll_secrets::{FillError, SecretOrigin};

use super::settle::{Settled, settle};
use crate::cli::Target;
use crate::connection;
use crate::failure::Failure;
use crate::input::read_template;

/// The headless route for the Entra ID client secret.
pub const CLIENT_SECRET_VARIABLE: &str = "WINROLL_CLIENT_SECRET";

pub fn run(file: &Path, target: &Target, timeout: u64, json: bool) -> Result<(), Failure> {
    let mut template = read_template(file)?;
    let conn = connection::resolve(target)?;
    fill_client_secret(&mut template)?;
    let report = validate_template(&template, SecretSource::InTemplate);
    if !report.valid {
        return Err(Failure::Invalid(report.errors));
    }
    let client = ApiClient::new(ClientConfig {
        total_timeout: Duration::from_secs(timeout),
        ..ClientConfig::default()
    })?;
    let runtime = crate::runtime();
    let created = match runtime.block_on(client.create(&conn, &template)) {
        Ok(created) => created,
        Err(e) if e.is_uncertain() => {
            runtime.block_on(settle_uncertain(&client, &conn, &template.name, e))?
        }
        Err(e) => return Err(e.into()),
    };
    print_outcome(&CreateOutcome::new(created), json);
    Ok(())
}

/// Puts the client secret into the template: the file's own (with advice to move it), else
/// WINROLL_CLIENT_SECRET, else the keyring entry for the template's tenant and client.
pub fn fill_client_secret(template: &mut EnrollmentTemplate) -> Result<(), Failure> {
    let given = std::env::var(CLIENT_SECRET_VARIABLE)
        .ok()
        .filter(|s| !s.trim().is_empty())
        .map(|s| ClientSecret::new(s.trim()));
    match winroll_secrets::fill_client_secret(template, given) {
        Ok(SecretOrigin::Template) => {
            eprintln!(
                "note: this file carries the Entra ID client secret. Move it into the keyring with\n  \
                 winroll secret set --from-template FILE\nthen delete \"clientSecret\" from the file."
            );
            Ok(())
        }
        Ok(_) => Ok(()),
        Err(e) => {
            if let FillError::Keyring(_) = e {
                eprintln!(
                    "(the template's Entra ID client secret is read from the keyring, or from {CLIENT_SECRET_VARIABLE})"
                );
            }
            Err(e.into())
        }
    }
}

/// The request left but no answer came: ask the list call whether the template now exists.
async fn settle_uncertain(
    client: &ApiClient,
    conn: &Connection,
    name: &str,
    error: winroll_core::ApiError,
) -> Result<winroll_core::CreatedTemplate, Failure> {
    eprintln!("{error}. Checking whether the template was created anyway…");
    match settle(client, conn, name).await {
        Settled::Created(found) => {
            eprintln!("It was: the organization now has a template named {name:?}.");
            Ok(*found)
        }
        Settled::NotCreated => {
            eprintln!("It was not created: it is safe to run the same command again.");
            Err(error.into())
        }
        Settled::Unknown(check) => {
            eprintln!(
                "Could not check ({check}). List the templates by name before creating it again."
            );
            Err(error.into())
        }
    }
}

fn print_outcome(outcome: &CreateOutcome, json: bool) {
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(outcome).unwrap_or_default()
        );
        return;
    }
    let t = &outcome.template;
    let token = t.win_enrollment_token.as_ref();
    let show = |v: Option<&str>| v.unwrap_or("(not in the answer)").to_owned();
    println!(
        "Created enrollment template {:?}",
        t.name.as_deref().unwrap_or_default()
    );
    println!("  id:          {}", show(t.id.as_deref()));
    println!(
        "  server URL:  {}",
        show(token.and_then(|k| k.server_url.as_deref()))
    );
    println!(
        "  token:       {}",
        show(token.and_then(|k| k.token.as_deref()))
    );
    println!(
        "  link:        {}",
        show(outcome.enrollment_link.as_deref())
    );
}
