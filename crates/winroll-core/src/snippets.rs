//! The create call as a curl command and as PowerShell, for admins who script or review requests.
//! Credentials are placeholders read from the environment (`$WINROLL_TOKEN`,
//! `$WINROLL_CLIENT_SECRET`): a snippet never holds their values. The body is the template whole,
//! as it would be sent.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::client::Connection;
use crate::template::Template;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RequestSnippets {
    /// POSIX shell with curl.
    pub curl: String,
    /// PowerShell with `Invoke-RestMethod`.
    pub powershell: String,
}

/// Stands for the client secret in the body until the snippet puts the variable in, at
/// `/entraId/mobilityApp/clientSecret` and nowhere else. Random per call: a template whose own
/// text holds a marker (by accident or on purpose) can never have the secret put there.
fn secret_mark() -> String {
    let mut bytes = [0u8; 12];
    // Without randomness, the clock: still unknown to whoever wrote the template.
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        bytes.copy_from_slice(&nanos.to_le_bytes()[..12]);
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("__WINROLL_CLIENT_SECRET_{hex}__")
}

pub fn request_snippets(conn: &Connection, template: &Template) -> RequestSnippets {
    let url = conn.templates_url(true);
    let mut body = serde_json::Value::Object(template.body().clone());
    let mark = secret_mark();
    let marked = match body
        .pointer_mut("/entraId/mobilityApp")
        .and_then(serde_json::Value::as_object_mut)
    {
        Some(app) => {
            app.insert("clientSecret".into(), mark.clone().into());
            true
        }
        None => false,
    };
    let json = serde_json::to_string_pretty(&body).unwrap_or_default();
    let mark = marked.then_some(mark.as_str());
    RequestSnippets {
        curl: curl(url.as_str(), &json, mark),
        powershell: powershell(url.as_str(), &json, mark),
    }
}

fn curl(url: &str, json: &str, mark: Option<&str>) -> String {
    // The body goes through an unquoted here-document so the secret variable expands; everything
    // else that the shell would expand is escaped.
    let escaped = json
        .replace('\\', "\\\\")
        .replace('$', "\\$")
        .replace('`', "\\`");
    // The marker is `"__…__"` (no character the escaping touched), once, at the secret's place.
    let body = match mark {
        Some(mark) => escaped.replacen(&format!("\"{mark}\""), "\"$WINROLL_CLIENT_SECRET\"", 1),
        None => escaped,
    };
    // A single-quoted shell word cannot hold a quote: close, escape it, reopen.
    let url = url.replace('\'', "'\\''");
    format!(
        "curl -sS -X POST '{url}' \\\n  -H \"Authorization: Bearer $WINROLL_TOKEN\" \\\n  -H 'Content-Type: application/json' \\\n  --data-binary @- <<WINROLL_BODY\n{body}\nWINROLL_BODY\n"
    )
}

/// For Windows PowerShell 5.1 and PowerShell 7 alike.
fn powershell(url: &str, json: &str, mark: Option<&str>) -> String {
    // A single-quoted here-string is taken literally (pretty JSON never starts a line with the
    // `'@` that would end it); the secret goes in JSON-escaped, as a whole JSON string.
    let mut script = format!("$body = @'\n{json}\n'@\n");
    if let Some(mark) = mark {
        script.push_str(&format!(
            "$secret = ConvertTo-Json -InputObject ([string]$env:WINROLL_CLIENT_SECRET)\n\
             $body = $body.Replace('\"{mark}\"', $secret)\n"
        ));
    }
    // In a single-quoted string a quote is written twice.
    let url = url.replace('\'', "''");
    // PowerShell 5.1 sends a string body as ISO-8859-1: send UTF-8 bytes and say so.
    script.push_str(&format!(
        "Invoke-RestMethod -Method Post -Uri '{url}' `\n  -Headers @{{ Authorization = \"Bearer $env:WINROLL_TOKEN\" }} `\n  -ContentType 'application/json; charset=utf-8' `\n  -Body ([System.Text.Encoding]::UTF8.GetBytes($body))\n"
    ));
    script
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sensitive::ApiToken;
    use crate::validate::SecretSource;

    fn template_named(name: &str) -> Template {
        Template::from_value(
            serde_json::json!({
                "name": name,
                "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }],
                "entraId": { "mobilityApp": { "tenantId": "t", "clientId": "c", "clientSecret": "real-secret" } }
            }),
            SecretSource::InTemplate,
        )
        .unwrap()
        .template
    }

    fn template() -> Template {
        template_named("Price $5 `x` \\ path")
    }

    #[test]
    fn snippets_carry_placeholders_never_credentials() {
        let conn = Connection::new(
            "https://api.example.com",
            "acme",
            ApiToken::new("real-token"),
        )
        .unwrap();
        let s = request_snippets(&conn, &template());
        for text in [&s.curl, &s.powershell] {
            assert!(
                !text.contains("real-token") && !text.contains("real-secret"),
                "{text}"
            );
            assert!(text.contains("https://api.example.com/v1/organizations/acme/mdm/windows/enterprise/enrollment-templates/"));
        }
        assert!(
            s.curl.contains("Bearer $WINROLL_TOKEN")
                && s.curl
                    .contains("\"clientSecret\": \"$WINROLL_CLIENT_SECRET\"")
        );
        assert!(
            s.curl.contains("Price \\$5 \\`x\\` \\\\\\\\ path"),
            "{}",
            s.curl
        );
        assert!(
            s.powershell.contains("$env:WINROLL_TOKEN")
                && s.powershell
                    .contains("ConvertTo-Json -InputObject ([string]$env:WINROLL_CLIENT_SECRET)")
                && s.powershell
                    .contains(".Replace('\"__WINROLL_CLIENT_SECRET_")
        );
    }

    #[test]
    fn a_template_that_holds_a_marker_gets_no_secret_anywhere_else() {
        let conn = Connection::new("https://api.example.com", "acme", ApiToken::new("t")).unwrap();
        let marker_of = |s: &RequestSnippets| {
            let after = s.powershell.split("Replace('\"").nth(1).unwrap();
            after.split('"').next().unwrap().to_owned()
        };
        let earlier = marker_of(&request_snippets(&conn, &template()));
        // A name carrying the old fixed marker and an earlier call's marker, quotes and all.
        let planted = format!("\"__WINROLL_CLIENT_SECRET__\" \"{earlier}\"");
        let s = request_snippets(&conn, &template_named(&planted));
        let now = marker_of(&s);
        assert_ne!(now, earlier, "a new marker each call");
        assert_eq!(
            s.curl.matches("$WINROLL_CLIENT_SECRET").count(),
            1,
            "{}",
            s.curl
        );
        assert!(
            s.curl
                .contains("\"clientSecret\": \"$WINROLL_CLIENT_SECRET\""),
            "{}",
            s.curl
        );
        assert!(
            s.curl.contains(&earlier),
            "the planted text stays text: {}",
            s.curl
        );
        assert_eq!(s.powershell.matches(".Replace(").count(), 1);
        // The marker stands once in the body, at the secret, and once in the replace.
        assert_eq!(s.powershell.matches(&now).count(), 2, "{}", s.powershell);
        assert!(
            s.powershell
                .contains(&format!("\"clientSecret\": \"{now}\""))
        );
    }

    #[test]
    fn hostile_names_and_urls_stay_inside_their_quotes() {
        let conn = Connection::new(
            "https://api.example.com/o'brien",
            "acme",
            ApiToken::new("t"),
        )
        .unwrap();
        let t = template_named("Line one\n'@\n$(Remove-Item C:\\) `whoami` 'quoted' Ünïcødé 😀");
        let s = request_snippets(&conn, &t);
        // PowerShell: the URL's quote doubled; the body between @' and '@ is never closed early;
        // the body goes out as UTF-8 bytes.
        assert!(
            s.powershell
                .contains("-Uri 'https://api.example.com/o''brien/v1/"),
            "{}",
            s.powershell
        );
        let here = s.powershell.split("\n'@\n").next().unwrap();
        assert!(
            !here.lines().skip(1).any(|l| l.starts_with("'@")),
            "{}",
            s.powershell
        );
        assert!(
            s.powershell.contains("charset=utf-8") && s.powershell.contains("UTF8.GetBytes($body)")
        );
        assert!(s.powershell.contains("Ünïcødé 😀"));
        // curl: the URL's quote closed and reopened; nothing in the body expands.
        assert!(
            s.curl.contains("'https://api.example.com/o'\\''brien/v1/"),
            "{}",
            s.curl
        );
        assert!(
            s.curl.contains("\\$(Remove-Item") && s.curl.contains("\\`whoami\\`"),
            "{}",
            s.curl
        );
    }
}
