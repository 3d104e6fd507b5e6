//! Pacing: a 429 pauses every worker of a batch, not just the one that got it, until the server's
//! Retry-After; then the refused item is sent again, a few times at most.

use std::time::Duration;

use tokio::time::Instant;

/// How often one item is sent again after a 429 before it is reported as failed.
pub const RATE_LIMIT_RETRIES: u32 = 5;
/// The wait when a 429 names none, and the longest wait a 429 may impose.
pub const DEFAULT_RATE_LIMIT_WAIT: Duration = Duration::from_secs(5);
pub const LONGEST_RATE_LIMIT_WAIT: Duration = Duration::from_secs(300);

/// The moment until which no worker sends, shared by all of them.
#[derive(Debug, Default)]
pub struct Pause {
    until: std::sync::Mutex<Option<Instant>>,
}

impl Pause {
    fn until(&self) -> Option<Instant> {
        *self.until.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Nobody sends for `wait` (capped) from now; a longer pause already set stays.
    pub fn extend(&self, wait: Duration) {
        let end = Instant::now() + wait.min(LONGEST_RATE_LIMIT_WAIT);
        let mut until = self.until.lock().unwrap_or_else(|p| p.into_inner());
        if until.is_none_or(|u| u < end) {
            *until = Some(end);
        }
    }

    /// Returns once no pause is in force (a pause extended meanwhile is waited out too).
    pub async fn wait(&self) {
        while let Some(end) = self.until().filter(|end| *end > Instant::now()) {
            tokio::time::sleep_until(end).await;
        }
    }
}
