//! `winroll sandbox`: the built-in API server, until Ctrl-C.

use std::io::Write;

use winroll_sandbox::{BASIC_PLAN_ORG, DEMO_ORG, DEMO_ORG_HEX, QUIRKS_ORG, Sandbox, SandboxConfig};

use crate::failure::Failure;

pub fn run(port: u16, token: Option<String>) -> Result<(), Failure> {
    let mut config = SandboxConfig {
        port,
        ..SandboxConfig::default()
    };
    if let Some(token) = token {
        config.token = token;
    }
    crate::server_runtime().block_on(async move {
        let sandbox = Sandbox::start(config).await.map_err(|e| {
            Failure::usage(winroll_core::ErrorCode::SandboxStart, format!("cannot listen on 127.0.0.1:{port}: {e}"), Some("Choose another --port, or 0 for any free one.".into()))
        })?;
        let url = sandbox.base_url();
        let token = sandbox.token();
        // The first line is for scripts that wait for the server; keep its shape. Write errors are
        // ignored: a reader that stops listening must not take the server down.
        let _ = writeln!(
            std::io::stdout(),
            "listening on {url}\n\
             organizations: {DEMO_ORG}, {DEMO_ORG_HEX}; {BASIC_PLAN_ORG} (plan without the feature: 5050); {QUIRKS_ORG} (answers as the vendor's page shows: numbers as text)\n\
             faults (creates only): organizations fault-500, fault-502-html, fault-truncated, fault-drop, fault-empty, fault-429-<secs>, fault-delay-<ms>\n\
             token: {token}\n\
             try:   WINROLL_TOKEN={token} WINROLL_CLIENT_SECRET=sandbox-secret winroll create examples/corporate-enrollment.json --base-url {url} --org {DEMO_ORG}"
        );
        let _ = std::io::stdout().flush();
        let _ = tokio::signal::ctrl_c().await;
        sandbox.stop().await;
        Ok(())
    })
}
