//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use winroll_core::ErrorCode;

use crate::failure::Failure;

#[derive(Debug, Parser)]
#[command(
    name = "winroll",
    version,
    about = "Create Windows MDM enrollment templates through your MDM vendor's API",
    after_help = "Exit codes: 0 done; 1 invalid template (nothing sent); 2 usage or settings (nothing sent); \
                  3 the API refused; 4 network, timeout, server error or unreadable answer; 5 keyring unavailable.\n\
                  Credentials never go on the command line: tokens come from the keyring (profiles) or WINROLL_TOKEN, \
                  client secrets from the keyring or WINROLL_CLIENT_SECRET."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Log what Winroll does to standard error (each API call's method, path, status and time;
    /// never a token, secret or body). WINROLL_LOG sets the filter (e.g. `debug`).
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a template file against every rule of the API contract.
    Validate {
        /// The template file, or - for standard input.
        file: PathBuf,
        /// Print {"valid", "errors": [{"path", "message"}]}.
        #[arg(long)]
        json: bool,
    },
    /// Create a template through the API, or many: a batch file of templates for one organization
    /// (--batch), or one template rolled out to several profiles (--profiles A,B,C).
    Create {
        /// The template file, or - for standard input.
        #[arg(required_unless_present = "batch")]
        file: Option<PathBuf>,
        /// A JSON array or NDJSON file of templates, all created in the --profile's organization.
        #[arg(long, conflicts_with = "file")]
        batch: Option<PathBuf>,
        #[command(flatten)]
        target: Target,
        /// Roll one template out to each of these profiles' organizations.
        #[arg(long, value_delimiter = ',', conflicts_with_all = ["profile", "base_url", "org", "batch"])]
        profiles: Vec<String>,
        /// How many creates are in flight at once (batches).
        #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
        concurrency: u16,
        /// Where a batch writes its report, one JSON line per item (default: next to the input).
        #[arg(long, conflicts_with = "resume")]
        report: Option<PathBuf>,
        /// Continue a batch: skip what this report shows as created, and append to it.
        #[arg(long)]
        resume: Option<PathBuf>,
        /// Seconds to wait for the whole answer.
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
        timeout: u64,
        /// Print the created template and its enrollment link as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Replace a template's settings in place: same id, same enrollment token and URL. Affects
    /// future enrollments only.
    Update {
        /// The template's id (`winroll list` shows it).
        id: String,
        /// The template file, or - for standard input: the whole template, as for create (fields
        /// Winroll does not model included, sent as the file has them).
        file: PathBuf,
        #[command(flatten)]
        target: Target,
        /// Send without asking, even when the update removes fields the server holds.
        #[arg(long, short = 'y')]
        yes: bool,
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
        timeout: u64,
        /// Print the updated template and its enrollment link as JSON.
        #[arg(long)]
        json: bool,
    },
    /// One enrollment link per person, their work address prefilled: CSV (email,link) or a
    /// printable onboarding sheet (--format html).
    Links {
        /// The template's exact name.
        #[arg(long)]
        template: String,
        #[command(flatten)]
        target: Target,
        /// One work address per line, or a CSV with an email or upn column (- for standard input).
        #[arg(long)]
        users: PathBuf,
        /// Write here (private, never over an existing file) instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = LinksFormatArg::Csv)]
        format: LinksFormatArg,
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
        timeout: u64,
    },
    /// List the organization's templates.
    List {
        #[command(flatten)]
        target: Target,
        /// Only templates whose name contains this.
        #[arg(long)]
        name: Option<String>,
        #[arg(long, default_value_t = 1)]
        page: u32,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// field, field:asc or field:desc
        #[arg(long)]
        sort: Option<String>,
        /// Only the templates of this segment.
        #[arg(long)]
        segment_id: Option<u64>,
        /// With --segment-id: also its child segments' templates, or its ancestors'.
        #[arg(long, value_enum, requires = "segment_id")]
        expand_to: Option<ExpandToArg>,
        /// Include each template's enrollment token (a credential) in --json output.
        #[arg(long)]
        show_tokens: bool,
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
        timeout: u64,
        #[arg(long)]
        json: bool,
    },
    /// Templates as code: write every template of the organization into DIR, one file each
    /// (every page of the list; no id, token, time or secret). A file that differs from the
    /// server's copy is left alone and named, unless --overwrite.
    Pull {
        dir: PathBuf,
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        overwrite: bool,
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
        timeout: u64,
        #[arg(long)]
        json: bool,
    },
    /// Say what applying DIR would change, template by template (matched by name). Exit 0:
    /// nothing; 2: something would (drift); 1: a file is invalid (nothing is asked).
    Plan {
        dir: PathBuf,
        #[command(flatten)]
        target: Target,
        /// Rewrite policy and segment ids on the way: {"winPolicyId": {"<from>": "<to>"},
        /// "segmentId": {"<from>": <to>}}. Every id must be in it.
        #[arg(long)]
        map: Option<PathBuf>,
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
        timeout: u64,
        /// Print {"create", "update": [{"name", "id", "changes"}], "unchanged", "onlyOnServer"}.
        #[arg(long)]
        json: bool,
    },
    /// Carry out DIR's plan: create what is new, update what changed (Winroll deletes nothing).
    /// Running it again after a failure carries on.
    Apply {
        dir: PathBuf,
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        map: Option<PathBuf>,
        #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
        concurrency: u16,
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
        timeout: u64,
        #[arg(long)]
        json: bool,
    },
    /// Compare two templates field by field: files, or @NAME for the target's template of that
    /// name. What only the server sets is no difference. Exit 0: the same; 2: they differ.
    Diff {
        a: String,
        b: String,
        /// Needed for @NAME.
        #[command(flatten)]
        target: Target,
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
        timeout: u64,
        #[arg(long)]
        json: bool,
    },
    /// One document of every template of a folder (DIR) or of the organization (a target):
    /// rules, policies, conditions, auxiliary fields, sign-in, Entra ids; never a secret or token.
    Docs {
        dir: Option<PathBuf>,
        #[command(flatten)]
        target: Target,
        #[arg(long, value_enum, default_value_t = DocsFormatArg::Md)]
        format: DocsFormatArg,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
        timeout: u64,
    },
    /// Serve the built-in sandbox API on this machine until stopped.
    Sandbox {
        /// 0 picks a free port.
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// The bearer token the sandbox accepts (default: a random one, printed at start).
        /// WINROLL_SANDBOX_TOKEN gives it off the command line, where other users' `ps` cannot
        /// see it.
        #[arg(long, env = "WINROLL_SANDBOX_TOKEN", hide_env_values = true)]
        token: Option<String>,
    },
    /// Print the JSON Schema of template files (for editor completion).
    Schema,
    /// Connection profiles: API URL, organization, and a token kept in the keyring.
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// Entra ID client secrets, kept in the keyring by tenant and client id.
    #[command(subcommand)]
    Secret(SecretCommand),
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExpandToArg {
    Children,
    Ancestors,
}

impl From<ExpandToArg> for winroll_core::ExpandTo {
    fn from(expand: ExpandToArg) -> Self {
        match expand {
            ExpandToArg::Children => Self::Children,
            ExpandToArg::Ancestors => Self::Ancestors,
        }
    }
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LinksFormatArg {
    Csv,
    Html,
}

impl From<LinksFormatArg> for winroll_app::LinksFormat {
    fn from(format: LinksFormatArg) -> Self {
        match format {
            LinksFormatArg::Csv => Self::Csv,
            LinksFormatArg::Html => Self::Html,
        }
    }
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum DocsFormatArg {
    Md,
    Html,
}

impl From<DocsFormatArg> for winroll_app::docs::DocsFormat {
    fn from(format: DocsFormatArg) -> Self {
        match format {
            DocsFormatArg::Md => Self::Md,
            DocsFormatArg::Html => Self::Html,
        }
    }
}

/// Where to send: a profile, or a base URL and organization with WINROLL_TOKEN.
#[derive(Debug, Args)]
pub struct Target {
    /// A profile from `winroll profile add` (its token comes from the keyring).
    #[arg(long, conflicts_with_all = ["base_url", "org"])]
    pub profile: Option<String>,
    /// The API's base URL, e.g. https://api.vendor.example (token from WINROLL_TOKEN).
    #[arg(long)]
    pub base_url: Option<String>,
    /// The organization id (24 hexadecimal characters, or a slug).
    #[arg(long)]
    pub org: Option<String>,
}

impl Target {
    /// Whether any target flag was given.
    pub fn given(&self) -> bool {
        self.profile.is_some() || self.base_url.is_some() || self.org.is_some()
    }

    /// What the target is called in a document's title: the profile, or the organization.
    pub fn title(&self) -> String {
        self.profile
            .clone()
            .or_else(|| self.org.clone())
            .unwrap_or_default()
    }

    /// Which target the flags name; the token is looked up when sending.
    pub fn resolve(&self) -> Result<winroll_app::Target, Failure> {
        if let Some(name) = &self.profile {
            return Ok(winroll_app::Target::Profile { name: name.clone() });
        }
        match (&self.base_url, &self.org) {
            (Some(base_url), Some(org)) => Ok(winroll_app::Target::Direct {
                base_url: base_url.clone(),
                organization_id: org.clone(),
            }),
            _ => Err(Failure::usage(
                ErrorCode::ConfigMissingTarget,
                "say where to send: --profile NAME, or --base-url URL with --org ORG",
                Some("Try the sandbox: `winroll sandbox` prints a ready command line.".into()),
            )),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Add a profile; the token is read from standard input (a hidden prompt on a terminal).
    Add {
        name: String,
        #[arg(long)]
        base_url: String,
        #[arg(long)]
        org: String,
    },
    /// Show profiles and whether each has a token stored (never the token).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove a profile and its token.
    Remove { name: String },
}

#[derive(Debug, Subcommand)]
pub enum SecretCommand {
    /// Store a client secret, read from standard input (a hidden prompt on a terminal), or moved
    /// from a template file that carries one.
    Set {
        #[arg(long, required_unless_present = "from_template")]
        tenant_id: Option<String>,
        #[arg(long, required_unless_present = "from_template")]
        client_id: Option<String>,
        /// Take the tenant id, client id and secret from this template file.
        #[arg(long, conflicts_with_all = ["tenant_id", "client_id"])]
        from_template: Option<PathBuf>,
        /// Where the secret may be sent: it goes to no other server or organization until
        /// allowed (`winroll secret allow`).
        #[command(flatten)]
        target: Target,
    },
    /// Let a stored client secret go to another server or organization too.
    Allow {
        #[arg(long)]
        tenant_id: String,
        #[arg(long)]
        client_id: String,
        #[command(flatten)]
        target: Target,
    },
    /// Remove a stored client secret.
    Remove {
        #[arg(long)]
        tenant_id: String,
        #[arg(long)]
        client_id: String,
    },
    /// List the tenant and client ids that have a secret stored and where each may go (never
    /// the secrets).
    List {
        #[arg(long)]
        json: bool,
    },
}
