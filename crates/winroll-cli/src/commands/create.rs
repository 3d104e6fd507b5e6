//! `winroll create FILE`: one template, created once and settled by name if the answer is lost.

use std::path::Path;

use winroll_app::{AppError, NameCheck, Target, Winroll};
use winroll_core::CreatedTemplate;
use winroll_keyring::SecretOrigin;

use crate::failure::Failure;
use crate::input::read_template;

pub fn run(winroll: &Winroll, file: &Path, target: &Target, json: bool) -> Result<(), Failure> {
    let template = read_template(file)?;
    let runtime = crate::runtime();
    let prepared = runtime
        .block_on(winroll.prepare(target, template))
        .inspect_err(explain_missing_secret)?;
    if prepared.secret_origin == SecretOrigin::Template {
        eprintln!(
            "note: this file carries the Entra ID client secret. Move it into the keyring with\n  \
             winroll secret set --from-template FILE\nthen delete \"clientSecret\" from the file."
        );
    }
    let outcome = runtime.block_on(winroll.send(&prepared)).inspect_err(|e| {
        if let AppError::Unsettled { check, .. } = e {
            let name = prepared.template.name();
            match check {
                NameCheck::NotCreated => {
                    eprintln!("The answer was lost; there is no template named {name:?}.")
                }
                NameCheck::Unknown(_) => {
                    eprintln!("The answer was lost, and the search for {name:?} failed too.")
                }
                NameCheck::Existed { .. } => eprintln!(
                    "The answer was lost; a template named {name:?} exists, but it was there before this create."
                ),
            }
        }
    })?;
    if outcome.found_by_name {
        eprintln!(
            "The answer was lost, but the organization now has a template named {:?}: it was created.",
            prepared.template.name()
        );
    }
    let link = outcome.enrollment_link.as_deref();
    print_outcome(&outcome, &outcome.template, link, "Created", json);
    Ok(())
}

fn explain_missing_secret(e: &AppError) {
    if let AppError::Keyring(_) = e {
        eprintln!(
            "(the template's Entra ID client secret and profile tokens are read from the keyring, or from {} and {})",
            crate::CLIENT_SECRET_VARIABLE,
            crate::TOKEN_VARIABLE
        );
    }
}

/// The template as the API answered (a create's or an update's outcome), in words (`verb`: what
/// happened) or as JSON.
pub fn print_outcome(
    outcome: &impl serde::Serialize,
    t: &CreatedTemplate,
    link: Option<&str>,
    verb: &str,
    json: bool,
) {
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(outcome).unwrap_or_default()
        );
        return;
    }
    let token = t.win_enrollment_token.as_ref();
    let show = |v: Option<&str>| crate::terminal::safe(v.unwrap_or("(not in the answer)"));
    println!(
        "{verb} enrollment template {:?}",
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
        "  token id:    {}",
        show(token.and_then(|k| k.id.as_deref()))
    );
    println!("  link:        {}", show(link));
    println!(
        "  devices:     {}",
        t.devices_count
            .map_or_else(|| "unknown (not in the answer)".into(), |n| n.to_string())
    );
}
