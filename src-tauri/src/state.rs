//! What the app keeps while it runs: one HTTP client, and the sandbox once started.

use std::time::Instant;

use tokio::sync::Mutex;
use winroll_core::{ApiClient, ClientConfig, ErrorInfo};
use winroll_sandbox::Sandbox;

pub struct AppState {
    pub client: ApiClient,
    pub sandbox: Mutex<Option<Sandbox>>,
    /// A fresh sandbox token each run: the in-process sandbox never needs the user to see one.
    pub sandbox_token: String,
    pub started: Instant,
}

impl AppState {
    pub fn new() -> Result<Self, ErrorInfo> {
        let mut config = ClientConfig::default();
        if let Some(secs) = timeout_from_environment() {
            config.total_timeout = std::time::Duration::from_secs(secs);
        }
        let client = ApiClient::new(config).map_err(|e| e.info())?;
        let mut bytes = [0u8; 16];
        let _ = getrandom::fill(&mut bytes);
        let sandbox_token = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Ok(Self {
            client,
            sandbox: Mutex::new(None),
            sandbox_token,
            started: Instant::now(),
        })
    }
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("sandbox_token", &"<redacted>")
            .finish_non_exhaustive()
    }
}

/// `WINROLL_TIMEOUT_SECS` (1 to 600) replaces the 30 s wait for an answer, for slow proxies.
fn timeout_from_environment() -> Option<u64> {
    std::env::var("WINROLL_TIMEOUT_SECS")
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|s| (1..=600).contains(s))
}
