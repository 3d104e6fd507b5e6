//! `winroll`: the command-line face of Winroll.

mod cli;
mod commands;
mod connection;
mod failure;
mod input;

use std::process::ExitCode;

use clap::Parser;
use winroll_core::ListQuery;

use cli::{Cli, Command, ProfileCommand, SecretCommand};
use commands::{batch, create, list, profile, sandbox, secret, validate};
use failure::Failure;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = wants_json(&cli.command);
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            failure.report(json);
            failure.exit_code()
        }
    }
}

fn wants_json(command: &Command) -> bool {
    match command {
        Command::Validate { json, .. }
        | Command::Create { json, .. }
        | Command::List { json, .. } => *json,
        Command::Profile(ProfileCommand::List { json })
        | Command::Secret(SecretCommand::List { json }) => *json,
        _ => false,
    }
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Validate { file, json } => validate::run(&file, json),
        Command::Create {
            file,
            batch,
            target,
            profiles,
            concurrency,
            report,
            resume,
            timeout,
            json,
        } => {
            let source = match (batch, file) {
                (Some(file), _) => Some(batch::Source::Batch { file, target }),
                (None, Some(file)) if !profiles.is_empty() => {
                    Some(batch::Source::RollOut { file, profiles })
                }
                (None, Some(file)) => return create::run(&file, &target, timeout, json),
                (None, None) => None,
            };
            let source = source.ok_or_else(|| {
                Failure::usage(
                    "config.missing_input",
                    "give a template FILE or --batch FILE",
                    None,
                )
            })?;
            batch::run(batch::Options {
                source,
                concurrency: usize::from(concurrency),
                report,
                resume,
                timeout,
            })
        }
        Command::List {
            target,
            name,
            page,
            limit,
            sort,
            timeout,
            json,
        } => {
            let query = ListQuery {
                page: Some(page),
                limit: Some(limit),
                name,
                sort,
            };
            list::run(
                &target,
                list::Options {
                    query,
                    timeout,
                    json,
                },
            )
        }
        Command::Sandbox { port, token } => sandbox::run(port, token),
        Command::Schema => {
            print!("{}", winroll_core::schema::template_schema_json());
            Ok(())
        }
        Command::Profile(ProfileCommand::Add {
            name,
            base_url,
            org,
        }) => profile::add(&name, &base_url, &org),
        Command::Profile(ProfileCommand::List { json }) => profile::list(json),
        Command::Profile(ProfileCommand::Remove { name }) => profile::remove(&name),
        Command::Secret(SecretCommand::Set {
            tenant_id,
            client_id,
            from_template,
        }) => secret::set(tenant_id, client_id, from_template.as_deref()),
        Command::Secret(SecretCommand::Remove {
            tenant_id,
            client_id,
        }) => secret::remove(&tenant_id, &client_id),
        Command::Secret(SecretCommand::List { json }) => secret::list(json),
    }
}

/// A runtime for the network calls only: keyring calls stay outside it, on the main thread.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|e| {
            eprintln!("error: cannot start the async runtime: {e}");
            std::process::exit(4)
        })
}
