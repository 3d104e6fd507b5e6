//! The `ms-device-enrollment:` link that opens Windows' "Set up a work or school account" flow
//! with the server and token filled in.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// RFC 3986 unreserved characters stay as they are; everything else is percent-encoded.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `ms-device-enrollment:?mode=mdm&servername=…&accesstoken=…`
pub fn enrollment_link(server_url: &str, access_token: &str) -> String {
    format!(
        "ms-device-enrollment:?mode=mdm&servername={}&accesstoken={}",
        utf8_percent_encode(server_url, QUERY_VALUE),
        utf8_percent_encode(access_token, QUERY_VALUE)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_both_values() {
        assert_eq!(
            enrollment_link("https://mdm.company.com/enroll", "enroll_abc+1/2="),
            "ms-device-enrollment:?mode=mdm&servername=https%3A%2F%2Fmdm.company.com%2Fenroll&accesstoken=enroll_abc%2B1%2F2%3D"
        );
    }
}
