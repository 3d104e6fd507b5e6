//! Where requests go: the base URL, the organization and the token, checked before anything is sent.

use std::net::IpAddr;
use std::sync::Arc;

use url::Url;

use super::{ApiError, ListQuery};
use crate::organization::OrganizationId;
use crate::sensitive::ApiToken;

const TEMPLATES_PATH: &str = "mdm/windows/enterprise/enrollment-templates";

/// `{base}/v1/organizations/{org}/mdm/windows/enterprise/enrollment-templates`.
fn collection_url(base_url: &Url, organization: &OrganizationId) -> Url {
    let base = base_url.as_str().trim_end_matches('/');
    let text = format!("{base}/v1/organizations/{organization}/{TEMPLATES_PATH}");
    // Both parts were validated, so this parses; fall back to the base rather than panic.
    Url::parse(&text).unwrap_or_else(|_| base_url.clone())
}

/// An organization on an API server, with the token to reach it. Shared, not copied: a batch
/// hands one to each of its thousand requests.
#[derive(Debug, Clone)]
pub struct Connection(Arc<Endpoint>);

#[derive(Debug)]
struct Endpoint {
    base_url: Url,
    organization: OrganizationId,
    token: ApiToken,
    /// The templates' collection, without the trailing slash: built once, not parsed again for
    /// each of a batch's thousand requests.
    templates: Url,
}

impl Connection {
    /// Checks the URL (https, or http to this machine only) and the organization id.
    pub fn new(base_url: &str, organization: &str, token: ApiToken) -> Result<Self, ApiError> {
        let base_url = check_base_url(base_url)?;
        let organization =
            OrganizationId::parse(organization).map_err(|e| ApiError::InvalidOrganization {
                detail: e.to_string(),
            })?;
        if token.expose().trim().is_empty() {
            return Err(ApiError::MissingToken);
        }
        let templates = collection_url(&base_url, &organization);
        Ok(Self(Arc::new(Endpoint {
            base_url,
            organization,
            token,
            templates,
        })))
    }

    pub fn base_url(&self) -> &Url {
        &self.0.base_url
    }

    pub fn organization(&self) -> &OrganizationId {
        &self.0.organization
    }

    pub(crate) fn token(&self) -> &ApiToken {
        &self.0.token
    }

    /// `{base}/v1/organizations/{org}/mdm/windows/enterprise/enrollment-templates[/]`; the create
    /// call is documented with the trailing slash, the list call without.
    pub fn templates_url(&self, trailing_slash: bool) -> Url {
        let mut url = self.0.templates.clone();
        if trailing_slash && let Ok(mut segments) = url.path_segments_mut() {
            segments.push("");
        }
        url
    }

    /// `…/enrollment-templates/{id}`. The id must be the vendor's 24 hexadecimal characters: it
    /// may come from a file, a command line or an answer, and `.`, `..` or anything else a URL
    /// would read as a path must never reach another resource.
    pub fn template_url(&self, id: &str) -> Result<Url, ApiError> {
        if !is_template_id(id) {
            return Err(ApiError::InvalidTemplateId { id: id.to_owned() });
        }
        let mut url = self.templates_url(false);
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.push(id);
        }
        Ok(url)
    }
}

/// The URL as an error may show it: any `user:password@` part replaced, even when it does not
/// parse, so a credential typed into the URL never reaches a message or a log.
pub fn without_userinfo(text: &str) -> String {
    let Some(scheme_end) = text.find("://").map(|i| i + 3) else {
        return text.to_owned();
    };
    let authority_end = text[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(text.len(), |i| scheme_end + i);
    match text[scheme_end..authority_end].rfind('@') {
        Some(at) => format!(
            "{}<redacted>@{}",
            &text[..scheme_end],
            &text[scheme_end + at + 1..]
        ),
        None => text.to_owned(),
    }
}

/// The vendor's id pattern: `^[a-fA-F0-9]{24}$`.
pub fn is_template_id(id: &str) -> bool {
    id.len() == 24 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

pub fn check_base_url(text: &str) -> Result<Url, ApiError> {
    let invalid = |why: &str| ApiError::InvalidUrl {
        url: without_userinfo(text),
        detail: why.to_owned(),
    };
    let url = Url::parse(text.trim()).map_err(|e| invalid(&e.to_string()))?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("a base URL has no query or fragment"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("put credentials in the token, not the URL"));
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(ApiError::InsecureUrl {
            url: without_userinfo(text),
        }),
        other => Err(invalid(&format!("the scheme must be https, not {other}"))),
    }
}

pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

pub fn check_list_query(query: &ListQuery) -> Result<(), ApiError> {
    let bad = |detail: String| ApiError::InvalidQuery { detail };
    if query.page == Some(0) {
        return Err(bad("page starts at 1".into()));
    }
    if let Some(name) = &query.name
        && name.encode_utf16().count() > 128
    {
        return Err(bad("name filter is longer than 128 characters".into()));
    }
    if let Some(sort) = &query.sort {
        // ^[\w.]*((:asc)|(:desc))?$ with JavaScript's \w: ASCII letters, digits and `_` only.
        let field = sort
            .strip_suffix(":asc")
            .or_else(|| sort.strip_suffix(":desc"))
            .unwrap_or(sort);
        if !field
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        {
            return Err(bad(format!(
                "sort {sort:?} must be a field name, optionally with :asc or :desc"
            )));
        }
    }
    Ok(())
}

pub fn drop_empty_query(mut url: Url) -> Url {
    if url.query() == Some("") {
        url.set_query(None);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> ApiToken {
        ApiToken::new("t")
    }

    #[test]
    fn template_ids_are_checked_before_they_go_into_a_path() {
        let conn = Connection::new("https://api.example.com/", "acme", token()).unwrap();
        let ok = conn.template_url("6b0bad6ffa4a2a9b1c36c259").unwrap();
        assert!(
            ok.as_str()
                .ends_with("/enrollment-templates/6b0bad6ffa4a2a9b1c36c259")
        );
        for bad in [
            ".",
            "..",
            ".\t.",
            "6b0bad6ffa4a2a9b1c36c25",
            "6b0bad6ffa4a2a9b1c36c259/",
            "../x",
        ] {
            assert!(
                matches!(
                    conn.template_url(bad),
                    Err(ApiError::InvalidTemplateId { .. })
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn builds_the_documented_path() {
        let conn = Connection::new("https://api.example.com/", "acme", token()).unwrap();
        assert_eq!(
            conn.templates_url(true).as_str(),
            "https://api.example.com/v1/organizations/acme/mdm/windows/enterprise/enrollment-templates/"
        );
        let conn = Connection::new("https://api.example.com/prefix", "acme", token()).unwrap();
        assert_eq!(
            conn.templates_url(false).as_str(),
            "https://api.example.com/prefix/v1/organizations/acme/mdm/windows/enterprise/enrollment-templates"
        );
    }

    #[test]
    fn no_error_repeats_a_password_typed_into_the_url() {
        for text in [
            "https://admin:hunter2@api.example.com",
            "http://admin:hunter2@api.example.com/x",
            "https://admin:hunter2@exa mple.com",
            "ftp://admin:hunter2@api.example.com",
        ] {
            let err = Connection::new(text, "acme", token()).unwrap_err();
            let shown = format!("{err} {err:?} {}", err.info().message);
            assert!(!shown.contains("hunter2"), "{shown}");
            assert!(shown.contains("<redacted>@"), "{shown}");
        }
    }

    #[test]
    fn plain_http_only_to_this_machine() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://localhost:1",
            "http://[::1]:9",
            "https://x.example",
        ] {
            assert!(Connection::new(ok, "acme", token()).is_ok(), "{ok}");
        }
        assert!(matches!(
            Connection::new("http://api.example.com", "acme", token()),
            Err(ApiError::InsecureUrl { .. })
        ));
        assert!(matches!(
            Connection::new("ftp://x.example", "acme", token()),
            Err(ApiError::InvalidUrl { .. })
        ));
        assert!(matches!(
            Connection::new("https://x.example", "a b", token()),
            Err(ApiError::InvalidOrganization { .. })
        ));
        assert!(matches!(
            Connection::new("https://x.example", "acme", ApiToken::new(" ")),
            Err(ApiError::MissingToken)
        ));
    }

    #[test]
    fn sort_follows_its_pattern() {
        let q = |s: &str| ListQuery {
            sort: Some(s.into()),
            ..Default::default()
        };
        assert!(check_list_query(&q("createdAt:desc")).is_ok());
        assert!(check_list_query(&q("name")).is_ok());
        assert!(check_list_query(&q("name:up")).is_err());
        assert!(check_list_query(&q("meta.created_at2:asc")).is_ok());
        // JavaScript's \w is ASCII: a letter from elsewhere is not a field name.
        assert!(check_list_query(&q("créé")).is_err());
        assert!(check_list_query(&q("имя:asc")).is_err());
        assert!(
            check_list_query(&ListQuery {
                page: Some(0),
                ..Default::default()
            })
            .is_err()
        );
    }
}
