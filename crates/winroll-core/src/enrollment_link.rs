//! The `ms-device-enrollment:` link that opens Windows' "Set up a work or school account" flow
//! with the server, the token and (for one person) their work address filled in.
//!
//! Microsoft documents the link with the values as they are
//! (`ms-device-enrollment:?mode=mdm&username=someone@example.com&servername=https://example.server.com`),
//! and RFC 3986 allows `:` `/` `@` `?` in a query. So only what would break the query or is not
//! allowed in a URI is escaped; everything an admin recognises stays readable.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Escaped in a value: the query's own separators (`&` `=`), what ends or changes the query
/// (`#`, `+` read as a space by form decoders, `%` itself), the space, and the characters RFC
/// 3986 does not allow in a query. Controls and non-ASCII are always escaped (UTF-8 bytes).
const QUERY_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'&')
    .add(b'=')
    .add(b'#')
    .add(b'+')
    .add(b'%')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// `ms-device-enrollment:?mode=mdm&servername=…&accesstoken=…`
pub fn enrollment_link(server_url: &str, access_token: &str) -> String {
    link(None, server_url, access_token)
}

/// The same link for one person: `username` (their work address) prefills the sign-in screen.
pub fn enrollment_link_for(username: &str, server_url: &str, access_token: &str) -> String {
    link(Some(username), server_url, access_token)
}

fn link(username: Option<&str>, server_url: &str, access_token: &str) -> String {
    let value = |text| utf8_percent_encode(text, QUERY_VALUE);
    let user = username
        .map(|u| format!("&username={}", value(u)))
        .unwrap_or_default();
    format!(
        "ms-device-enrollment:?mode=mdm{user}&servername={}&accesstoken={}",
        value(server_url),
        value(access_token)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads a link back the way a query is read: split on `&`, then on the first `=`, then
    /// percent-decoded.
    fn parse(link: &str) -> Vec<(String, String)> {
        let query = link
            .strip_prefix("ms-device-enrollment:?")
            .expect("the scheme and ?");
        query
            .split('&')
            .map(|pair| {
                let (key, value) = pair.split_once('=').expect("key=value");
                let decode = |s: &str| {
                    percent_encoding::percent_decode_str(s)
                        .decode_utf8()
                        .expect("UTF-8")
                        .into_owned()
                };
                (decode(key), decode(value))
            })
            .collect()
    }

    #[test]
    fn microsofts_documented_form() {
        assert_eq!(
            enrollment_link_for("someone@example.com", "https://example.server.com", "tok"),
            "ms-device-enrollment:?mode=mdm&username=someone@example.com&servername=https://example.server.com&accesstoken=tok"
        );
        assert_eq!(
            enrollment_link(
                "https://mdm.company.com:8443/EnrollmentServer/Discovery.svc",
                "enroll_abc+1/2="
            ),
            "ms-device-enrollment:?mode=mdm&servername=https://mdm.company.com:8443/EnrollmentServer/Discovery.svc&accesstoken=enroll_abc%2B1/2%3D"
        );
    }

    #[test]
    fn urls_with_ports_paths_and_separators_read_back_exactly() {
        for (server, token, user) in [
            (
                "https://mdm.example.com:8443/enroll?tenant=a&b=c#frag",
                "t&k=1",
                "a+b@example.com",
            ),
            (
                "https://[2001:db8::1]:443/p ath/%41",
                "100%",
                "jörg.müller@example.de",
            ),
            ("http://127.0.0.1:8080/", "\"<>{}|\\^`", "x@y"),
        ] {
            let link = enrollment_link_for(user, server, token);
            assert!(!link.contains(' '), "{link}");
            assert_eq!(
                parse(&link),
                [
                    ("mode".to_owned(), "mdm".to_owned()),
                    ("username".to_owned(), user.to_owned()),
                    ("servername".to_owned(), server.to_owned()),
                    ("accesstoken".to_owned(), token.to_owned()),
                ]
            );
        }
    }

    proptest! {
        #[test]
        fn any_values_read_back_exactly(server in ".*", token in ".*", user in ".*") {
            let link = enrollment_link_for(&user, &server, &token);
            prop_assert!(link.is_ascii());
            let parsed = parse(&link);
            prop_assert_eq!(parsed.len(), 4);
            prop_assert_eq!(&parsed[1].1, &user);
            prop_assert_eq!(&parsed[2].1, &server);
            prop_assert_eq!(&parsed[3].1, &token);
        }
    }
}
