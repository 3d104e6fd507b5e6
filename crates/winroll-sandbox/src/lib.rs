//! The built-in sandbox: a local, in-memory server of the create and list calls that behaves as
//! the vendor's reference says (auth, codes, validation, normalisation, the echoed secret), so
//! anyone can try Winroll without an account, and tests exercise real HTTP.

mod faults;
mod handlers;
mod store;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub use faults::{Fault, Scoped};
pub use store::Plan;

/// An organization with the feature, by slug.
pub const DEMO_ORG: &str = "winroll-demo";
/// The same kind of organization, by 24-hex id.
pub const DEMO_ORG_HEX: &str = "5f0c0ffee0ddba11c0ffee00";
/// An organization whose plan lacks the feature (answers 5050).
pub const BASIC_PLAN_ORG: &str = "winroll-basic-plan";
/// An organization that answers with the vendor's page's own quirks: numbers as text
/// (`"segmentId": "1"`, a priority `"0"`), the example's timestamps with their stray space, a
/// rule's single policy echoed as an assignment.
pub const QUIRKS_ORG: &str = "winroll-quirks";

#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// 0 picks a free port.
    pub port: u16,
    pub token: String,
}

impl Default for SandboxConfig {
    /// Any free port, and a fresh random token: a well-known token would let anything on this
    /// machine read and create in a running sandbox.
    /// Without OS randomness the token is empty, and [`Sandbox::start`] refuses it: a token
    /// made from the clock, or of zeros, is one anybody could guess.
    fn default() -> Self {
        let mut bytes = [0u8; 16];
        let token = match getrandom::fill(&mut bytes) {
            Ok(()) => format!(
                "sandbox-{}",
                bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
            ),
            Err(_) => String::new(),
        };
        Self { port: 0, token }
    }
}

/// A running sandbox. Dropping it stops the server.
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    state: Arc<store::State>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Sandbox {
    /// Binds 127.0.0.1 and serves in the current tokio runtime.
    pub async fn start(config: SandboxConfig) -> std::io::Result<Self> {
        if config.token.trim().is_empty() {
            return Err(std::io::Error::other(
                "the sandbox has no token (the system gave no random bytes to make one)",
            ));
        }
        let listener = TcpListener::bind(("127.0.0.1", config.port)).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(store::State::new(config.token, format!("http://{addr}")));
        let app = handlers::router(state.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let shutdown = async {
                let _ = stopped.await;
            };
            if let Err(e) = axum::serve(listener, app)
                .with_graceful_shutdown(shutdown)
                .await
            {
                tracing::warn!("sandbox server stopped: {e}");
            }
        });
        Ok(Self {
            addr,
            state,
            stop: Some(stop),
            task: Some(task),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`: the base URL to give the client.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn token(&self) -> &str {
        self.state.token()
    }

    /// Makes every request to `organization` behave as `fault` (a known organization keeps its
    /// plan). `None` clears it. `false` when `organization` is new and the sandbox is full.
    pub fn set_fault(&self, organization: &str, fault: Option<Fault>) -> bool {
        let scoped = fault.map(|fault| Scoped {
            fault,
            only: None,
            once: false,
        });
        self.state.set_fault(organization, scoped)
    }

    /// As [`Sandbox::set_fault`] for one kind of call only.
    pub fn set_fault_for(&self, organization: &str, fault: Scoped) -> bool {
        self.state.set_fault(organization, Some(fault))
    }

    /// How many create requests reached the server for this organization, whatever their outcome.
    pub fn create_requests(&self, organization: &str) -> u64 {
        self.state.create_requests(organization)
    }

    /// Most creates the server has handled at the same time.
    pub fn max_in_flight(&self) -> usize {
        self.state.max_in_flight()
    }

    /// Names of the templates the organization has, oldest first.
    pub fn template_names(&self, organization: &str) -> Vec<String> {
        self.state.template_names(organization)
    }

    /// Stops serving and waits for the server task.
    pub async fn stop(mut self) {
        self.shutdown();
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.shutdown();
    }
}
