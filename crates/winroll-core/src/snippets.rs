//! The create call as a curl command and as PowerShell, for admins who script or review requests.
//! Credentials are placeholders read from the environment (`$WINROLL_TOKEN`,
//! `$WINROLL_CLIENT_SECRET`): a snippet never holds their values.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::client::Connection;
use crate::model::EnrollmentTemplate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RequestSnippets {
    /// POSIX shell with curl.
    pub curl: String,
    /// PowerShell with `Invoke-RestMethod`.
    pub powershell: String,
}

/// Stands for the client secret in the body until the snippet puts the variable in.
const SECRET_MARK: &str = "__WINROLL_CLIENT_SECRET__";

pub fn request_snippets(conn: &Connection, template: &EnrollmentTemplate) -> RequestSnippets {
    let url = conn.templates_url(true);
    let mut body = serde_json::to_value(template).unwrap_or_default();
    if template.mobility_app().is_some() {
        body["entraId"]["mobilityApp"]["clientSecret"] = SECRET_MARK.into();
    }
    let json = serde_json::to_string_pretty(&body).unwrap_or_default();
    RequestSnippets {
        curl: curl(url.as_str(), &json),
        powershell: powershell(url.as_str(), &json),
    }
}

fn curl(url: &str, json: &str) -> String {
    // The body goes through an unquoted here-document so the secret variable expands; everything
    // else that the shell would expand is escaped.
    let escaped = json
        .replace('\\', "\\\\")
        .replace('$', "\\$")
        .replace('`', "\\`");
    let body = escaped.replace(SECRET_MARK, "$WINROLL_CLIENT_SECRET");
    // A single-quoted shell word cannot hold a quote: close, escape it, reopen.
    let url = url.replace('\'', "'\\''");
    format!(
        "curl -sS -X POST '{url}' \\\n  -H \"Authorization: Bearer $WINROLL_TOKEN\" \\\n  -H 'Content-Type: application/json' \\\n  --data-binary @- <<WINROLL_BODY\n{body}\nWINROLL_BODY\n"
    )
}

/// For Windows PowerShell 5.1 and PowerShell 7 alike.
fn powershell(url: &str, json: &str) -> String {
    // A single-quoted here-string is taken literally (pretty JSON never starts a line with the
    // `'@` that would end it); the secret goes in JSON-escaped, as a whole JSON string.
    let mut script = format!("$body = @'\n{json}\n'@\n");
    if json.contains(SECRET_MARK) {
        script.push_str(&format!(
            "$secret = ConvertTo-Json -InputObject ([string]$env:WINROLL_CLIENT_SECRET)\n\
             $body = $body.Replace('\"{SECRET_MARK}\"', $secret)\n"
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
    use crate::sensitive::{ApiToken, ClientSecret};
    use crate::{EntraId, MobilityApp};

    fn template() -> EnrollmentTemplate {
        let mut t: EnrollmentTemplate = serde_json::from_value(serde_json::json!({
            "name": "Price $5 `x` \\ path",
            "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }]
        }))
        .unwrap();
        t.entra_id = Some(EntraId {
            mobility_app: Some(MobilityApp {
                tenant_id: "t".into(),
                client_id: "c".into(),
                client_secret: Some(ClientSecret::new("real-secret")),
            }),
        });
        t
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
                    .contains(".Replace('\"__WINROLL_CLIENT_SECRET__\"', $secret)")
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
        let mut t = template();
        t.name = "Line one\n'@\n$(Remove-Item C:\\) `whoami` 'quoted' Ünïcødé 😀".into();
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
