//! The organization id, checked against the API's pattern before anything is sent.

use std::fmt;

use serde::{Deserialize, Serialize};

/// `^(([a-fA-F0-9]{24})|([a-zA-Z0-9\-]{3,}))$`: a 24-hex id or a slug of 3+ letters, digits and
/// hyphens. (The spec prints the hyphen as `\\-`, a JSON-escaped `\-`.)
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrganizationId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "organization id {0:?} is not valid: use the 24-character hexadecimal id or a slug of at least 3 letters, digits or hyphens"
)]
pub struct InvalidOrganizationId(pub String);

impl OrganizationId {
    pub fn parse(text: &str) -> Result<Self, InvalidOrganizationId> {
        let ok = text.len() >= 3 && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if ok {
            Ok(Self(text.to_owned()))
        } else {
            Err(InvalidOrganizationId(text.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for OrganizationId {
    type Error = InvalidOrganizationId;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<OrganizationId> for String {
    fn from(id: OrganizationId) -> Self {
        id.0
    }
}

impl fmt::Display for OrganizationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_the_documented_pattern() {
        for ok in [
            "698e06f56544c9857506df0c",
            "acme",
            "acme-corp",
            "a-1",
            "ABC",
        ] {
            assert!(OrganizationId::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "ab",
            "acme corp",
            "acme/../x",
            "acme?x=1",
            "é-corp",
            "a_b",
        ] {
            assert!(OrganizationId::parse(bad).is_err(), "{bad}");
        }
    }
}
