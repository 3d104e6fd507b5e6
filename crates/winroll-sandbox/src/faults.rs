//! Injected failures, chosen per organization (`fault-500`, `fault-delay-2000`, ...: creates only),
//! per request (the `x-sandbox-fault` header, same names) or from code ([`crate::Sandbox::set_fault`]).

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Answer normally, after this long. The create is applied at once, so a client that gives
    /// up early leaves a template behind: the "may have been created" case.
    Delay(Duration),
    /// 500 with the JSON error envelope and an undocumented code.
    ServerError,
    /// 502 with an HTML page, as a proxy would send.
    HtmlBadGateway,
    /// 200 whose JSON body is cut off (the create is applied).
    TruncatedJson,
    /// The connection drops after the headers (the create is applied).
    DropConnection,
    /// 429 with `Retry-After` seconds.
    RateLimited(u64),
    /// 200 with an empty body.
    EmptyBody,
    /// A gateway's 504 HTML page after the server behind it created (the create is applied).
    GatewayTimeoutAfterCreate,
}

/// A fault set from code or a test, for every call of an organization or for one kind of call
/// (`update:504-html`: only updates fail, so the list that looks the template up still works).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scoped {
    pub fault: Fault,
    pub only: Option<winroll_core::Call>,
    /// Hits one request, then clears itself (`once:429-2`: only the first create is refused,
    /// which tells "every worker paused" from "each worker backed off alone").
    pub once: bool,
}

impl Scoped {
    /// `[once:][create:|update:|list:]<fault>`.
    pub fn parse(text: &str) -> Option<Self> {
        let (once, text) = match text.strip_prefix("once:") {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (only, name) = match text.split_once(':') {
            Some(("create", name)) => (Some(winroll_core::Call::Create), name),
            Some(("update", name)) => (Some(winroll_core::Call::Update), name),
            Some(("list", name)) => (Some(winroll_core::Call::List), name),
            _ => (None, text),
        };
        Some(Self {
            fault: Fault::parse(name)?,
            only,
            once,
        })
    }

    pub fn hits(&self, call: winroll_core::Call) -> bool {
        self.only.is_none_or(|only| only == call)
    }
}

impl Fault {
    /// Reads a fault name: `delay-<ms>`, `500`, `502-html`, `504-html`, `truncated`, `drop`,
    /// `429-<secs>`, `empty`.
    pub fn parse(name: &str) -> Option<Self> {
        let name = name.strip_prefix("fault-").unwrap_or(name);
        if let Some(ms) = name.strip_prefix("delay-") {
            return ms
                .parse()
                .ok()
                .map(|ms| Fault::Delay(Duration::from_millis(ms)));
        }
        if let Some(secs) = name.strip_prefix("429-") {
            return secs.parse().ok().map(Fault::RateLimited);
        }
        match name {
            "500" => Some(Fault::ServerError),
            "502-html" => Some(Fault::HtmlBadGateway),
            "truncated" => Some(Fault::TruncatedJson),
            "drop" => Some(Fault::DropConnection),
            "429" => Some(Fault::RateLimited(30)),
            "empty" => Some(Fault::EmptyBody),
            "504-html" => Some(Fault::GatewayTimeoutAfterCreate),
            _ => None,
        }
    }

    /// Whether the request is still carried out (the failure hits only the answer).
    pub fn applies_request(self) -> bool {
        matches!(
            self,
            Fault::Delay(_)
                | Fault::TruncatedJson
                | Fault::DropConnection
                | Fault::EmptyBody
                | Fault::GatewayTimeoutAfterCreate
        )
    }
}
