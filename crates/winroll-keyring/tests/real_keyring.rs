//! Against the real Secret Service that `tests/with-keyring.sh` starts (CI always runs inside it).
//! Outside such a session these tests say so and pass only when WINROLL_REQUIRE_KEYRING is unset.

use winroll_core::{ApiToken, ClientSecret};
use winroll_keyring::Vault;

fn vault() -> Option<Vault> {
    match Vault::open() {
        Ok(vault) => Some(vault),
        Err(e) if std::env::var_os("WINROLL_REQUIRE_KEYRING").is_none() => {
            eprintln!("SKIPPED: no keyring ({e}); run through tests/with-keyring.sh");
            None
        }
        Err(e) => panic!("a Secret Service was required: {e}"),
    }
}

#[test]
fn tokens_round_trip_through_the_secret_service() {
    let Some(vault) = vault() else { return };
    assert_eq!(
        vault.service(),
        winroll_keyring::keyring::DEV_SERVICE,
        "tests never use the release service"
    );
    let profile = format!("real-{}", std::process::id());
    assert_eq!(vault.token(&profile).unwrap(), None);
    vault
        .set_token(&profile, &ApiToken::new("first-token"))
        .unwrap();
    assert_eq!(
        vault.token(&profile).unwrap().unwrap().expose(),
        "first-token"
    );
    vault
        .set_token(&profile, &ApiToken::new("second-token"))
        .unwrap();
    assert_eq!(
        vault.token(&profile).unwrap().unwrap().expose(),
        "second-token"
    );
    assert!(vault.delete_token(&profile).unwrap());
    assert_eq!(vault.token(&profile).unwrap(), None);
    assert!(!vault.delete_token(&profile).unwrap());
}

#[test]
fn client_secrets_are_keyed_by_tenant_and_client() {
    let Some(vault) = vault() else { return };
    let tenant = format!("tenant-{}", std::process::id());
    vault
        .set_client_secret(&tenant, "client-a", &ClientSecret::new("secret-a"))
        .unwrap();
    vault
        .set_client_secret(&tenant, "client-b", &ClientSecret::new("secret-b"))
        .unwrap();
    assert_eq!(
        vault
            .client_secret(&tenant, "client-a")
            .unwrap()
            .unwrap()
            .expose(),
        "secret-a"
    );
    assert_eq!(
        vault
            .client_secret(&tenant, "client-b")
            .unwrap()
            .unwrap()
            .expose(),
        "secret-b"
    );
    assert!(vault.delete_client_secret(&tenant, "client-a").unwrap());
    assert_eq!(vault.client_secret(&tenant, "client-a").unwrap(), None);
    assert!(vault.delete_client_secret(&tenant, "client-b").unwrap());
}

/// Stored with Local Machine persistence, never the roaming Enterprise default (see
/// `WINDOWS_PERSISTENCE`), read back from the Credential Manager's own attribute.
#[cfg(windows)]
#[test]
fn windows_credentials_stay_on_this_machine() {
    let Some(vault) = vault() else { return };
    let profile = format!("persist-{}", std::process::id());
    vault
        .set_token(&profile, &ApiToken::new("local-only"))
        .unwrap();
    let entry = keyring_core::Entry::new(
        vault.service(),
        &winroll_keyring::keyring::token_account(&profile),
    )
    .unwrap();
    let persistence = entry.get_attributes().unwrap()["persistence"].clone();
    assert_eq!(persistence, "Local");
    assert!(vault.delete_token(&profile).unwrap());
}

/// Windows refuses blobs over 2,560 bytes (1,280 UTF-16 units): the vault says so before asking,
/// and a value at the limit is stored whole.
#[cfg(windows)]
#[test]
fn windows_blob_limit_is_checked_before_the_credential_manager() {
    let Some(vault) = vault() else { return };
    let profile = format!("limit-{}", std::process::id());
    let at_limit = "t".repeat(1280);
    vault
        .set_token(&profile, &ApiToken::new(&at_limit))
        .unwrap();
    assert_eq!(vault.token(&profile).unwrap().unwrap().expose(), at_limit);
    let over = "t".repeat(1281);
    assert_eq!(
        vault.set_token(&profile, &ApiToken::new(&over)),
        Err(winroll_keyring::KeyringError::TooLong { limit: 2560 })
    );
    assert_eq!(vault.token(&profile).unwrap().unwrap().expose(), at_limit);
    assert!(vault.delete_token(&profile).unwrap());
}
