//! Where a request goes, as the front ends name it: the built-in sandbox, a saved profile, or an
//! API and organization given directly. Resolving it into a [`crate::Connection`] (with its token)
//! is the use-case crate's job; this is only the name, typed, so nothing has to parse a label back.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum Target {
    /// The in-process sandbox, in one of its organizations.
    #[serde(rename_all = "camelCase")]
    Sandbox { organization_id: String },
    /// A profile; its token comes from the keyring (or the token given for this run).
    Profile { name: String },
    /// An API and organization named directly; the token must be given for this run.
    #[serde(rename_all = "camelCase")]
    Direct {
        base_url: String,
        organization_id: String,
    },
}

impl Target {
    /// How people read where a template went (reports, the history's "Where" column). Not a
    /// key: a profile may be called `sandbox`, and two direct targets may share an organization.
    pub fn label(&self) -> String {
        match self {
            Target::Sandbox { .. } => "sandbox".into(),
            Target::Profile { name } => name.clone(),
            Target::Direct {
                organization_id, ..
            } => organization_id.clone(),
        }
    }

    /// A text that names exactly this target, for keys (keyring accounts, the window's target
    /// menu): `sandbox:ORG`, `profile:NAME`, `direct:ORG@URL`.
    pub fn key(&self) -> String {
        match self {
            Target::Sandbox { organization_id } => format!("sandbox:{organization_id}"),
            Target::Profile { name } => format!("profile:{name}"),
            Target::Direct {
                base_url,
                organization_id,
            } => format!("direct:{organization_id}@{base_url}"),
        }
    }
}

/// Where a credential may be sent: one organization on one API server. A client secret and a
/// profile's token are bound to destinations, as a browser binds a password to an origin. The
/// built-in sandbox is one server of its own, whatever port it listens on this run.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Destination {
    /// The API's base URL as Winroll sends to it (no trailing `/`), or [`Destination::SANDBOX`].
    pub server: String,
    pub organization_id: String,
}

impl Destination {
    /// The server name of the built-in sandbox.
    pub const SANDBOX: &'static str = "sandbox";

    /// Where `target`'s requests go, once resolved to `conn`.
    pub fn of(target: &Target, conn: &crate::Connection) -> Self {
        match target {
            Target::Sandbox { organization_id } => Self::sandbox(organization_id),
            Target::Profile { .. } | Target::Direct { .. } => Self::at(conn),
        }
    }

    /// A server and organization named directly, checked as a connection checks them.
    pub fn checked(base_url: &str, organization_id: &str) -> Result<Self, crate::ApiError> {
        let url = crate::client::endpoint::check_base_url(base_url)?;
        let organization = crate::OrganizationId::parse(organization_id).map_err(|e| {
            crate::ApiError::InvalidOrganization {
                detail: e.to_string(),
            }
        })?;
        Ok(Self {
            server: url.as_str().trim_end_matches('/').to_owned(),
            organization_id: organization.to_string(),
        })
    }

    /// `conn`'s server and organization.
    pub fn at(conn: &crate::Connection) -> Self {
        Self {
            server: conn.base_url().as_str().trim_end_matches('/').to_owned(),
            organization_id: conn.organization().to_string(),
        }
    }

    /// An organization of the built-in sandbox.
    pub fn sandbox(organization_id: &str) -> Self {
        Self {
            server: Self::SANDBOX.to_owned(),
            organization_id: organization_id.to_owned(),
        }
    }

    pub fn is_sandbox(&self) -> bool {
        self.server == Self::SANDBOX
    }
}

impl std::fmt::Display for Destination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.server == Self::SANDBOX {
            write!(
                f,
                "organization {:?} in the built-in sandbox",
                self.organization_id
            )
        } else {
            write!(
                f,
                "organization {:?} at {}",
                self.organization_id, self.server
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_destination_is_the_server_and_organization_whatever_the_target_is_called() {
        let token = crate::ApiToken::new("t");
        let conn =
            crate::Connection::new("https://API.example.com/", "acme", token.clone()).unwrap();
        let profile = Target::Profile {
            name: "prod".into(),
        };
        let direct = Target::Direct {
            base_url: "https://api.example.com".into(),
            organization_id: "acme".into(),
        };
        assert_eq!(
            Destination::of(&profile, &conn),
            Destination::of(&direct, &conn)
        );
        assert_eq!(
            Destination::of(&profile, &conn).to_string(),
            "organization \"acme\" at https://api.example.com"
        );
        let local = crate::Connection::new("http://127.0.0.1:4100", "acme", token).unwrap();
        let sandbox = Target::Sandbox {
            organization_id: "acme".into(),
        };
        assert_eq!(Destination::of(&sandbox, &local).server, "sandbox");
        assert_ne!(
            Destination::of(&sandbox, &local),
            Destination::of(&direct, &local)
        );
    }

    #[test]
    fn keys_tell_every_target_apart() {
        let targets = [
            Target::Sandbox {
                organization_id: "acme".into(),
            },
            Target::Profile {
                name: "sandbox".into(),
            },
            Target::Profile {
                name: "acme".into(),
            },
            Target::Direct {
                base_url: "https://a.example".into(),
                organization_id: "acme".into(),
            },
            Target::Direct {
                base_url: "https://b.example".into(),
                organization_id: "acme".into(),
            },
        ];
        let keys: std::collections::HashSet<String> = targets.iter().map(Target::key).collect();
        assert_eq!(keys.len(), targets.len());
    }
}
