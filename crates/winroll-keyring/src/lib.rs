//! Every credential Winroll keeps, in the operating system's keyring (Windows Credential Manager,
//! macOS Keychain, the Secret Service on Linux): profile API tokens, Entra ID client secrets and
//! the enrollment tokens of created templates. Nothing here falls back to a file.

pub mod bound;
pub mod fill;
pub mod keyring;

pub use bound::{BoundSecret, BoundToken};
pub use fill::{FillError, SecretOrigin};
pub use keyring::{KeyringError, Vault, enrollment_account, entra_account, token_account};
