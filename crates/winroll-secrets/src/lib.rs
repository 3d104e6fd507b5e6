//! Where Winroll keeps what it must remember: connection profiles in a small JSON file in the
//! platform's config directory, and every credential (API tokens, Entra ID client secrets) in the
//! operating system's keyring. Nothing here falls back to a file when the keyring is missing.

pub mod client_secrets;
pub mod fill;
pub mod keyring;
pub mod profiles;

pub use client_secrets::{
    SecretStoreError, id_problems, remove_client_secret, store_client_secret,
};
pub use fill::{FillError, SecretOrigin, fill_client_secret};
pub use keyring::{KeyringError, Vault, entra_account, token_account};
pub use profiles::{EntraAppId, Profile, ProfileStore, ProfileView, ProfilesError};
