//! `winroll`: the command-line face of Winroll. It parses arguments, calls the use cases in
//! `winroll-app`, and prints; the decisions are made there.

mod cli;
mod commands;
mod failure;
mod input;
mod prompt;
mod terminal;

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use winroll_app::{GivenCredentials, Settings, Winroll};
use winroll_core::{ApiToken, ClientSecret, ErrorCode, ListQuery};
use winroll_files::AppDirs;

use cli::{Cli, Command, ProfileCommand, SecretCommand};
use commands::{
    batch, create, diff, docs, folder, links, list, profile, sandbox, secret, update, validate,
};
use failure::Failure;

/// The explicit headless routes for credentials, as GH_TOKEN is for GitHub's CLI.
pub const TOKEN_VARIABLE: &str = "WINROLL_TOKEN";
pub const CLIENT_SECRET_VARIABLE: &str = "WINROLL_CLIENT_SECRET";

fn main() -> ExitCode {
    let cli = Cli::parse();
    winroll_app::logging::to_stderr(cli.verbose);
    let json = wants_json(&cli.command);
    let name = command_name(&cli.command);
    let started = std::time::Instant::now();
    let result = run(cli.command);
    let ms = started.elapsed().as_millis() as u64;
    match result {
        Ok(()) => {
            tracing::info!(command = name, ms, "done");
            ExitCode::SUCCESS
        }
        Err(failure) => {
            tracing::info!(command = name, ms, code = %failure.info().code, "failed");
            failure.report(json);
            failure.exit_code()
        }
    }
}

/// The subcommand's name, for the log.
fn command_name(command: &Command) -> &'static str {
    match command {
        Command::Validate { .. } => "validate",
        Command::Create { .. } => "create",
        Command::Update { .. } => "update",
        Command::Links { .. } => "links",
        Command::List { .. } => "list",
        Command::Sandbox { .. } => "sandbox",
        Command::Pull { .. } => "pull",
        Command::Plan { .. } => "plan",
        Command::Apply { .. } => "apply",
        Command::Diff { .. } => "diff",
        Command::Docs { .. } => "docs",
        Command::Schema => "schema",
        Command::Profile(_) => "profile",
        Command::Secret(_) => "secret",
    }
}

fn wants_json(command: &Command) -> bool {
    match command {
        Command::Validate { json, .. }
        | Command::Create { json, .. }
        | Command::Update { json, .. }
        | Command::List { json, .. }
        | Command::Pull { json, .. }
        | Command::Plan { json, .. }
        | Command::Apply { json, .. }
        | Command::Diff { json, .. } => *json,
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
            let winroll = use_cases(timeout)?;
            let source = match (batch, file) {
                (Some(file), _) => batch::Source::Batch {
                    file,
                    target: target.resolve()?,
                },
                (None, Some(file)) if !profiles.is_empty() => {
                    batch::Source::RollOut { file, profiles }
                }
                (None, Some(file)) => {
                    return create::run(&winroll, &file, &target.resolve()?, json);
                }
                (None, None) => {
                    return Err(Failure::usage(
                        ErrorCode::ConfigMissingInput,
                        "give a template FILE or --batch FILE",
                        None,
                    ));
                }
            };
            batch::run(
                &winroll,
                batch::Options {
                    source,
                    concurrency: usize::from(concurrency),
                    report,
                    resume,
                },
            )
        }
        Command::Update {
            id,
            file,
            target,
            yes,
            timeout,
            json,
        } => {
            let winroll = use_cases(timeout)?;
            let options = update::Options {
                id: &id,
                file: &file,
                yes,
                json,
            };
            update::run(&winroll, &target.resolve()?, options)
        }
        Command::Links {
            template,
            target,
            users,
            out,
            format,
            timeout,
        } => {
            let winroll = use_cases(timeout)?;
            links::run(
                &winroll,
                &target.resolve()?,
                links::Options {
                    template: &template,
                    users: &users,
                    out: out.as_deref(),
                    format: format.into(),
                },
            )
        }
        Command::List {
            target,
            name,
            page,
            limit,
            sort,
            segment_id,
            expand_to,
            show_tokens,
            timeout,
            json,
        } => {
            let query = ListQuery {
                page: Some(page),
                limit: Some(limit),
                name,
                sort,
                segment_id,
                expand_to: expand_to.map(Into::into),
            };
            let winroll = use_cases(timeout)?;
            list::run(&winroll, &target.resolve()?, &query, json, show_tokens)
        }
        Command::Sandbox { port, token } => sandbox::run(port, token),
        Command::Pull {
            dir,
            target,
            overwrite,
            timeout,
            json,
        } => folder::pull(
            &use_cases(timeout)?,
            &target.resolve()?,
            &dir,
            overwrite,
            json,
        ),
        Command::Plan {
            dir,
            target,
            map,
            timeout,
            json,
        } => folder::plan(
            &use_cases(timeout)?,
            &target.resolve()?,
            &dir,
            map.as_deref(),
            json,
        ),
        Command::Apply {
            dir,
            target,
            map,
            concurrency,
            timeout,
            json,
        } => folder::apply(
            &use_cases(timeout)?,
            &target.resolve()?,
            folder::ApplyOptions {
                dir: &dir,
                map: map.as_deref(),
                concurrency: usize::from(concurrency),
                json,
            },
        ),
        Command::Diff {
            a,
            b,
            target,
            timeout,
            json,
        } => {
            let target = target.given().then(|| target.resolve()).transpose()?;
            diff::run(&use_cases(timeout)?, target.as_ref(), &a, &b, json)
        }
        Command::Docs {
            dir,
            target,
            format,
            out,
            timeout,
        } => {
            let (source, title) = match dir {
                Some(dir) => {
                    let title = format!("Enrollment templates in {}", dir.display());
                    (winroll_app::docs::DocsSource::Folder(dir), title)
                }
                None => (
                    winroll_app::docs::DocsSource::Target(target.resolve()?),
                    format!("Enrollment templates of {}", target.title()),
                ),
            };
            docs::run(
                &use_cases(timeout)?,
                &source,
                &title,
                format.into(),
                out.as_deref(),
            )
        }
        Command::Schema => {
            print!("{}", winroll_core::schema::template_schema_json());
            Ok(())
        }
        Command::Profile(command) => {
            let winroll = use_cases(30)?;
            match command {
                ProfileCommand::Add {
                    name,
                    base_url,
                    org,
                } => profile::add(&winroll, &name, &base_url, &org),
                ProfileCommand::List { json } => profile::list(&winroll, json),
                ProfileCommand::Remove { name } => profile::remove(&winroll, &name),
            }
        }
        Command::Secret(command) => {
            let winroll = use_cases(30)?;
            match command {
                SecretCommand::Set {
                    tenant_id,
                    client_id,
                    from_template,
                    target,
                } => secret::set(
                    &winroll,
                    tenant_id,
                    client_id,
                    from_template.as_deref(),
                    &secret::destination_flags(&target)?,
                ),
                SecretCommand::Allow {
                    tenant_id,
                    client_id,
                    target,
                } => secret::allow(
                    &winroll,
                    tenant_id,
                    client_id,
                    &secret::destination_flags(&target)?,
                ),
                SecretCommand::Remove {
                    tenant_id,
                    client_id,
                } => secret::remove(&winroll, tenant_id, client_id),
                SecretCommand::List { json } => secret::list(&winroll, json),
            }
        }
    }
}

/// The use cases over the user's folders, with the credentials this run was given.
fn use_cases(timeout_secs: u64) -> Result<Winroll, Failure> {
    let variable = |name: &str| {
        std::env::var(name)
            .ok()
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let given = GivenCredentials {
        token: variable(TOKEN_VARIABLE).map(ApiToken::new),
        client_secret: variable(CLIENT_SECRET_VARIABLE).map(ClientSecret::new),
    };
    let winroll = Winroll::new(Settings {
        dirs: AppDirs::for_user()?,
        timeout: Duration::from_secs(timeout_secs),
        given,
        sandbox_token: None,
    })?;
    Ok(winroll.asking(std::sync::Arc::new(prompt::TerminalPrompt)))
}

/// The client's runtime: one thread for the network calls. A batch's creates are all driven from
/// one task (`buffer_unordered`), so worker threads only added hand-offs between cores, and on a
/// two-core machine they took CPU from the server or proxy the batch talks to. Keyring and file
/// work goes to the blocking pool.
fn runtime() -> tokio::runtime::Runtime {
    built(&mut tokio::runtime::Builder::new_current_thread())
}

/// The sandbox server's runtime: its connections are served on both cores.
fn server_runtime() -> tokio::runtime::Runtime {
    built(tokio::runtime::Builder::new_multi_thread().worker_threads(2))
}

fn built(builder: &mut tokio::runtime::Builder) -> tokio::runtime::Runtime {
    builder.enable_all().build().unwrap_or_else(|e| {
        eprintln!("error: cannot start the async runtime: {e}");
        std::process::exit(4)
    })
}
