//! Against the real Secret Service that `tests/with-keyring.sh` starts (CI always runs inside it).
//! Outside such a session these tests say so and pass only when WINROLL_REQUIRE_KEYRING is unset.

use winroll_core::{ApiToken, ClientSecret, Destination};
use winroll_keyring::{BoundSecret, BoundToken, Vault};

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

fn at(org: &str) -> Destination {
    Destination {
        server: "https://api.example.com".into(),
        organization_id: org.into(),
    }
}

fn bound(token: &str) -> BoundToken {
    BoundToken {
        token: ApiToken::new(token),
        destination: Some(at("acme")),
    }
}

#[test]
fn tokens_round_trip_through_the_secret_service_with_their_destination() {
    let Some(vault) = vault() else { return };
    assert_eq!(
        vault.service(),
        winroll_keyring::keyring::DEV_SERVICE,
        "tests never use the release service"
    );
    let profile = format!("real-{}", std::process::id());
    assert_eq!(vault.token(&profile).unwrap(), None);
    vault.set_token(&profile, &bound("first-token")).unwrap();
    assert_eq!(vault.token(&profile).unwrap(), Some(bound("first-token")));
    vault.set_token(&profile, &bound("second-token")).unwrap();
    assert_eq!(vault.token(&profile).unwrap(), Some(bound("second-token")));
    assert!(vault.delete_token(&profile).unwrap());
    assert_eq!(vault.token(&profile).unwrap(), None);
    assert!(!vault.delete_token(&profile).unwrap());
}

#[test]
fn client_secrets_are_keyed_by_tenant_and_client_and_keep_where_they_may_go() {
    let Some(vault) = vault() else { return };
    let tenant = format!("tenant-{}", std::process::id());
    let a = BoundSecret::new(ClientSecret::new("secret-a"), vec![at("one"), at("two")]);
    let b = BoundSecret::new(ClientSecret::new("secret-b"), vec![at("one")]);
    vault.set_client_secret(&tenant, "client-a", &a).unwrap();
    vault.set_client_secret(&tenant, "client-b", &b).unwrap();
    assert_eq!(vault.client_secret(&tenant, "client-a").unwrap(), Some(a));
    let read_b = vault.client_secret(&tenant, "client-b").unwrap().unwrap();
    assert!(read_b.allows(&at("one")) && !read_b.allows(&at("two")));
    assert!(vault.delete_client_secret(&tenant, "client-a").unwrap());
    assert_eq!(vault.client_secret(&tenant, "client-a").unwrap(), None);
    assert!(vault.delete_client_secret(&tenant, "client-b").unwrap());
}

/// A secret stored by a Winroll from before binding (the bare value) reads back as allowed
/// nowhere, never as allowed everywhere.
#[test]
fn a_secret_stored_before_binding_is_allowed_nowhere() {
    let Some(vault) = vault() else { return };
    let tenant = format!("old-{}", std::process::id());
    let account = winroll_keyring::entra_account(&tenant, "c");
    vault.set_raw_for_test(&account, "bare-secret").unwrap();
    let old = vault.client_secret(&tenant, "c").unwrap().unwrap();
    assert_eq!(old.secret.expose(), "bare-secret");
    assert_eq!(old.allowed, None);
    assert!(!old.allows(&at("acme")));
    assert!(vault.delete_client_secret(&tenant, "c").unwrap());
}

/// Two set-ups (two `WINROLL_HOME` folders) never read or overwrite each other's entries.
#[test]
fn set_ups_keep_their_entries_apart() {
    let Some(_) = vault() else { return };
    let profile = format!("apart-{}", std::process::id());
    let default = Vault::open_for(None).unwrap();
    let one = Vault::open_for(Some("1111111111111111")).unwrap();
    let two = Vault::open_for(Some("2222222222222222")).unwrap();
    one.set_token(&profile, &bound("one's")).unwrap();
    two.set_token(&profile, &bound("two's")).unwrap();
    assert_eq!(one.token(&profile).unwrap(), Some(bound("one's")));
    assert_eq!(two.token(&profile).unwrap(), Some(bound("two's")));
    assert_eq!(default.token(&profile).unwrap(), None);
    assert!(one.delete_token(&profile).unwrap());
    assert_eq!(two.token(&profile).unwrap(), Some(bound("two's")));
    assert!(two.delete_token(&profile).unwrap());
}

/// Stored with Local Machine persistence, never the roaming Enterprise default (see
/// `WINDOWS_PERSISTENCE`), read back from the Credential Manager's own attribute.
#[cfg(windows)]
#[test]
fn windows_credentials_stay_on_this_machine() {
    let Some(vault) = vault() else { return };
    let profile = format!("persist-{}", std::process::id());
    vault.set_token(&profile, &bound("local-only")).unwrap();
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
    let account = winroll_keyring::token_account(&profile);
    let at_limit = "t".repeat(1280);
    vault.set_raw_for_test(&account, &at_limit).unwrap();
    assert_eq!(
        vault.token(&profile).unwrap().unwrap().token.expose(),
        at_limit
    );
    let over = "t".repeat(1281);
    assert_eq!(
        vault.set_raw_for_test(&account, &over),
        Err(winroll_keyring::KeyringError::TooLong { limit: 2560 })
    );
    // A bound token too long for its entry is refused the same way.
    assert_eq!(
        vault.set_token(&profile, &bound(&at_limit)),
        Err(winroll_keyring::KeyringError::TooLong { limit: 2560 })
    );
    assert_eq!(
        vault.token(&profile).unwrap().unwrap().token.expose(),
        at_limit
    );
    assert!(vault.delete_token(&profile).unwrap());
}
