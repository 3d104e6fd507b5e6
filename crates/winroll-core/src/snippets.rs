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
    format!(
        "curl -sS -X POST '{url}' \\\n  -H \"Authorization: Bearer $WINROLL_TOKEN\" \\\n  -H 'Content-Type: application/json' \\\n  --data-binary @- <<WINROLL_BODY\n{body}\nWINROLL_BODY\n"
    )
}

fn powershell(url: &str, json: &str) -> String {
    // A single-quoted here-string is taken literally; the secret goes in with a literal Replace.
    let mut script = format!("$body = @'\n{json}\n'@\n");
    if json.contains(SECRET_MARK) {
        script.push_str(&format!(
            "$body = $body.Replace('{SECRET_MARK}', $env:WINROLL_CLIENT_SECRET)\n"
        ));
    }
    script.push_str(&format!(
        "Invoke-RestMethod -Method Post -Uri '{url}' `\n  -Headers @{{ Authorization = \"Bearer $env:WINROLL_TOKEN\" }} `\n  -ContentType 'application/json' -Body $body\n"
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
                    .contains(".Replace('__WINROLL_CLIENT_SECRET__', $env:WINROLL_CLIENT_SECRET)")
        );
    }
}
