//! What the keyring holds for a credential: its value and where it may be sent. Keeping the
//! binding in the same entry as the value means nothing outside the keyring (a copied or edited
//! set-up folder) can widen where a credential goes.
//!
//! The entry's text is `winroll-bound:1:` and JSON. Any other text is a credential stored before
//! credentials were bound: the value itself, bound to nothing yet.

use serde::{Deserialize, Serialize};
use winroll_core::{ApiToken, ClientSecret, Destination};

use crate::KeyringError;

const PREFIX: &str = "winroll-bound:1:";

/// An Entra ID client secret and the destinations it may be sent to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundSecret {
    pub secret: ClientSecret,
    /// `None`: stored before binding; it may go nowhere until the user says where.
    pub allowed: Option<Vec<Destination>>,
}

impl BoundSecret {
    pub fn new(secret: ClientSecret, allowed: Vec<Destination>) -> Self {
        Self {
            secret,
            allowed: Some(allowed),
        }
    }

    pub fn allows(&self, destination: &Destination) -> bool {
        self.allowed
            .as_ref()
            .is_some_and(|allowed| allowed.contains(destination))
    }

    /// Adds `destination` (binding a secret stored before binding to it alone).
    pub fn allow(&mut self, destination: Destination) {
        let allowed = self.allowed.get_or_insert_with(Vec::new);
        if !allowed.contains(&destination) {
            allowed.push(destination);
            allowed.sort();
        }
    }
}

/// A profile's API token and the one destination it was stored for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundToken {
    pub token: ApiToken,
    /// `None`: stored before binding.
    pub destination: Option<Destination>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SecretEntry {
    secret: String,
    allowed: Vec<Destination>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TokenEntry {
    token: String,
    destination: Destination,
}

fn bound_json(text: &str) -> Option<&str> {
    text.strip_prefix(PREFIX)
}

impl BoundSecret {
    pub(crate) fn to_entry(&self) -> String {
        let entry = SecretEntry {
            secret: self.secret.expose().to_owned(),
            allowed: self.allowed.clone().unwrap_or_default(),
        };
        format!(
            "{PREFIX}{}",
            serde_json::to_string(&entry).unwrap_or_default()
        )
    }

    pub(crate) fn from_entry(text: String) -> Result<Self, KeyringError> {
        Ok(match bound_json(&text) {
            Some(json) => {
                let entry: SecretEntry =
                    serde_json::from_str(json).map_err(|_| KeyringError::Damaged)?;
                Self {
                    secret: ClientSecret::new(entry.secret),
                    allowed: Some(entry.allowed),
                }
            }
            None => Self {
                secret: ClientSecret::new(text),
                allowed: None,
            },
        })
    }
}

impl BoundToken {
    pub(crate) fn to_entry(&self) -> Option<String> {
        let entry = TokenEntry {
            token: self.token.expose().to_owned(),
            destination: self.destination.clone()?,
        };
        Some(format!(
            "{PREFIX}{}",
            serde_json::to_string(&entry).unwrap_or_default()
        ))
    }

    pub(crate) fn from_entry(text: String) -> Result<Self, KeyringError> {
        Ok(match bound_json(&text) {
            Some(json) => {
                let entry: TokenEntry =
                    serde_json::from_str(json).map_err(|_| KeyringError::Damaged)?;
                Self {
                    token: ApiToken::new(entry.token),
                    destination: Some(entry.destination),
                }
            }
            None => Self {
                token: ApiToken::new(text),
                destination: None,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(org: &str) -> Destination {
        Destination {
            server: "https://api.example.com".into(),
            organization_id: org.into(),
        }
    }

    #[test]
    fn a_bound_secret_reads_back_with_where_it_may_go() {
        let mut bound = BoundSecret::new(ClientSecret::new("s3cr~t"), vec![at("a")]);
        bound.allow(at("b"));
        bound.allow(at("a"));
        let read = BoundSecret::from_entry(bound.to_entry()).unwrap();
        assert_eq!(read, bound);
        assert!(read.allows(&at("b")) && !read.allows(&at("c")));
    }

    #[test]
    fn an_entry_from_before_binding_is_the_value_itself_and_allows_nothing() {
        let old = BoundSecret::from_entry("plain~secret".into()).unwrap();
        assert_eq!(old.secret.expose(), "plain~secret");
        assert_eq!(old.allowed, None);
        assert!(!old.allows(&at("a")));
        let token = BoundToken::from_entry("tok".into()).unwrap();
        assert_eq!((token.token.expose(), token.destination), ("tok", None));
        // A damaged entry is an error, never a value that starts with the prefix.
        let damaged = BoundSecret::from_entry(format!("{PREFIX}{{not json"));
        assert_eq!(damaged, Err(KeyringError::Damaged));
    }

    #[test]
    fn a_token_reads_back_bound_to_its_destination() {
        let token = BoundToken {
            token: ApiToken::new("tok"),
            destination: Some(at("a")),
        };
        let read = BoundToken::from_entry(token.to_entry().unwrap()).unwrap();
        assert_eq!(read, token);
    }
}
