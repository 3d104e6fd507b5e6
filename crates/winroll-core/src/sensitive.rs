//! A credential that cannot leak by accident: it prints as `<redacted>` and is not `Serialize`,
//! so the only way out is the explicit [`ClientSecret::expose`] used when building a request body.
//! Its memory is overwritten with zeros when it is dropped, so a freed secret does not linger in
//! the heap for a crash dump or a swap file.

use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer};

/// Defines a string credential type that prints as `<redacted>` and has no `Serialize`.
macro_rules! redacted_string {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The plain value. Call sites are few and reviewed: request building and the keyring.
            pub fn expose(&self) -> &str {
                &self.0
            }
        }

        impl Drop for $name {
            fn drop(&mut self) {
                zeroize::Zeroize::zeroize(&mut self.0);
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("<redacted>")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("<redacted>")
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self)
            }
        }
    };
}

redacted_string!(
    /// The Entra ID mobility app's client secret.
    ClientSecret
);
redacted_string!(
    /// The vendor API's bearer token.
    ApiToken
);

impl JsonSchema for ClientSecret {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ClientSecret".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "minLength": 1,
            "maxLength": 256,
            "description": "Accepted for compatibility; Winroll keeps it in the OS keyring instead of the file."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_never_prints_its_value() {
        let token = ApiToken::new("tok_123");
        assert_eq!(format!("{token:?} {token}"), "<redacted> <redacted>");
    }

    #[test]
    fn never_prints_its_value() {
        let secret = ClientSecret::new("ABC~123def");
        assert_eq!(format!("{secret:?}"), "<redacted>");
        assert_eq!(format!("{secret}"), "<redacted>");
        assert_eq!(format!("{:?}", Some(&secret)), "Some(<redacted>)");
        assert_eq!(secret.expose(), "ABC~123def");
    }
}
