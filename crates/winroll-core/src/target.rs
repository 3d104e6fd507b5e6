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

#[cfg(test)]
mod tests {
    use super::*;

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
