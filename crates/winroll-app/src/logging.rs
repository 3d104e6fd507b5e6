//! Logs, for the support desk: what Winroll did and how it ended (a command's name, how long it
//! took, its error code), never what it carried: no argument, body, header, token or secret is
//! ever logged, and messages that could quote one are not logged either. The desktop writes a
//! file a day in its log folder (seven kept); the CLI writes to standard error when asked.

use std::path::Path;

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::writer::MakeWriterExt;

use crate::AppError;

/// What is logged unless `WINROLL_LOG` says otherwise: Winroll's own events from `info`, its
/// libraries' warnings.
pub const DEFAULT_FILTER: &str = "warn,winroll_cli=info,winroll_app=info,winroll_core=info,winroll_keyring=info,winroll_files=info,winroll_desktop=info";
/// The environment variable that replaces the filter (`tracing`'s syntax: `debug`, `winroll_core=debug`).
pub const FILTER_VARIABLE: &str = "WINROLL_LOG";
/// How many daily files the desktop keeps.
pub const KEPT_FILES: usize = 7;

fn filter(default: &str) -> EnvFilter {
    std::env::var(FILTER_VARIABLE)
        .ok()
        .and_then(|f| EnvFilter::try_new(f).ok())
        .unwrap_or_else(|| EnvFilter::new(default))
}

/// Daily files `winroll.YYYY-MM-DD.log` in `dir` (created private), the oldest beyond
/// [`KEPT_FILES`] removed. A second call in one process changes nothing.
pub fn to_folder(dir: &Path) -> Result<(), AppError> {
    winroll_files::atomic::create_private_dir(dir)?;
    let files = tracing_appender::rolling::RollingFileAppender::builder()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("winroll")
        .filename_suffix("log")
        .max_log_files(KEPT_FILES)
        .build(dir)
        .map_err(|e| AppError::Internal(format!("cannot open the log folder: {e}")))?;
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter(DEFAULT_FILTER))
        .with_ansi(false)
        .with_writer(files.with_max_level(tracing::Level::TRACE))
        .try_init();
    Ok(())
}

/// Standard error, when `verbose` or when [`FILTER_VARIABLE`] is set; otherwise nothing is logged.
pub fn to_stderr(verbose: bool) {
    if !verbose && std::env::var_os(FILTER_VARIABLE).is_none() {
        return;
    }
    let default = if verbose {
        "warn,winroll_cli=debug,winroll_app=debug,winroll_core=debug,winroll_keyring=debug,winroll_files=debug"
    } else {
        DEFAULT_FILTER
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter(default))
        .with_writer(std::io::stderr)
        .try_init();
}
