//! What the API answers. Read leniently (spec/README.md #3-#5): wrong scalar types, unknown and
//! missing fields are tolerated; the echoed client secret is skipped while parsing, never stored.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::lenient;

/// A template as the API returns it, from create or from the list call: a lenient typed view for
/// showing it (a value of the wrong type reads as absent, one quirky rule does not lose the others),
/// and `body`, the template as the server holds it, whole. Read from the server's JSON with
/// [`CreatedTemplate::from_server`] (also its `Deserialize`), never the other way round.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", from = "ServerObject")]
#[ts(export, optional_fields)]
pub struct CreatedTemplate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub win_enrollment_token_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub win_enrollment_token: Option<EnrollmentToken>,
    /// `None` when the answer did not say (unknown, not zero).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(type = "number", optional)]
    pub devices_count: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(type = "number", optional)]
    pub segment_id: Option<u64>,
    /// Kept as the server wrote it: the vendor's own example is not valid ISO-8601.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// The template as the server holds it, as a create body: every field it sent (those Winroll
    /// does not model, at every depth, and values of unexpected types included) but the ones only
    /// the server sets, and never a secret. An edit starts from it, `pull` writes it.
    #[ts(type = "Record<string, unknown>")]
    pub body: serde_json::Map<String, serde_json::Value>,
}

/// Any JSON object from a server, to be read leniently.
#[derive(Deserialize)]
#[serde(transparent)]
struct ServerObject(serde_json::Value);

impl From<ServerObject> for CreatedTemplate {
    fn from(raw: ServerObject) -> Self {
        Self::from_server(raw.0)
    }
}

impl CreatedTemplate {
    /// Reads a template the server sent: each field on its own (one of the wrong type reads as
    /// absent), the whole of it kept in `body` without what the server sets or any secret.
    pub fn from_server(value: serde_json::Value) -> Self {
        use lenient::read;
        let fields = match value {
            serde_json::Value::Object(fields) => fields,
            _ => serde_json::Map::new(),
        };
        let get = |key: &str| fields.get(key);
        let mut read = Self {
            id: get("id").and_then(read::string),
            name: get("name").and_then(read::string),
            description: get("description").and_then(read::string),
            win_enrollment_token_id: get("winEnrollmentTokenId").and_then(read::string),
            win_enrollment_token: get("winEnrollmentToken").and_then(read::shape),
            devices_count: get("devicesCount").and_then(read::unsigned),
            segment_id: get("segmentId").and_then(read::unsigned),
            updated_at: get("updatedAt").and_then(read::string),
            created_at: get("createdAt").and_then(read::string),
            body: serde_json::Map::new(),
        };
        // The fields read, the answer itself becomes the body (no copy of it is made).
        let mut body = serde_json::Value::Object(fields);
        if let serde_json::Value::Object(fields) = &mut body {
            for field in crate::validate::SERVER_FIELDS {
                fields.shift_remove(*field);
            }
        }
        crate::template::scrub_secrets(&mut body);
        if let serde_json::Value::Object(body) = body {
            read.body = body;
        }
        read
    }
}

/// Of a created template, only what a batch reports (its id, name, token, time, count), read
/// without building the rest of the answer: a batch of a thousand creates reads a thousand
/// answers, and the fields it does not need are skipped, not copied.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedSummary {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_shape")]
    win_enrollment_token: Option<EnrollmentToken>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    devices_count: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    created_at: Option<String>,
}

impl From<CreatedSummary> for CreatedTemplate {
    /// A template whose `body` is empty: for reports, never for editing.
    fn from(summary: CreatedSummary) -> Self {
        Self {
            id: summary.id,
            name: summary.name,
            win_enrollment_token: summary.win_enrollment_token,
            devices_count: summary.devices_count,
            created_at: summary.created_at,
            ..Self::default()
        }
    }
}

/// The enrollment token embedded in a template: what an admin hands to a device.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct EnrollmentToken {
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// A credential: shown on request, never logged.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub token: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub server_url: Option<String>,
}

impl fmt::Debug for EnrollmentToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnrollmentToken")
            .field("id", &self.id)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("serverUrl", &self.server_url)
            .finish()
    }
}

/// The echoed Entra ID settings, without the client secret (spec/README.md #5).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct EntraIdEcho {
    #[serde(
        default,
        deserialize_with = "lenient::opt_shape",
        skip_serializing_if = "Option::is_none"
    )]
    pub mobility_app: Option<MobilityAppEcho>,
}

/// The echoed mobility app: ids only. serde skips the echoed `clientSecret` like any field not
/// named here, so the secret is never stored (spec/README.md #5).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct MobilityAppEcho {
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub tenant_id: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub client_id: Option<String>,
}

/// One page of the list call. Items are read one by one: one that is not a template at all is
/// counted in `unreadable`, and the others are kept.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", from = "ServerObject")]
#[ts(export, optional_fields)]
pub struct TemplatePage {
    pub items: Vec<CreatedTemplate>,
    /// Items of the page that could not be read as a template (not a JSON object).
    #[ts(type = "number")]
    pub unreadable: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(type = "number", optional)]
    pub total_docs: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(type = "number", optional)]
    pub limit: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(type = "number", optional)]
    pub page: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(type = "number", optional)]
    pub total_pages: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub has_prev_page: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub has_next_page: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(type = "number", optional)]
    pub prev_page: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(type = "number", optional)]
    pub next_page: Option<u64>,
}

impl From<ServerObject> for TemplatePage {
    fn from(raw: ServerObject) -> Self {
        use lenient::read;
        let mut fields = match raw.0 {
            serde_json::Value::Object(fields) => fields,
            _ => serde_json::Map::new(),
        };
        // Taken, not copied: each item becomes its template's body.
        let listed = match fields.swap_remove("items") {
            Some(serde_json::Value::Array(listed)) => listed,
            _ => Vec::new(),
        };
        let mut items = Vec::with_capacity(listed.len());
        let mut unreadable = 0;
        for item in listed {
            if item.is_object() {
                items.push(CreatedTemplate::from_server(item));
            } else {
                unreadable += 1;
            }
        }
        let get = |key: &str| fields.get(key);
        Self {
            items,
            unreadable,
            total_docs: get("totalDocs").and_then(read::unsigned),
            limit: get("limit").and_then(read::unsigned),
            page: get("page").and_then(read::unsigned),
            total_pages: get("totalPages").and_then(read::unsigned),
            has_prev_page: get("hasPrevPage").and_then(read::boolean),
            has_next_page: get("hasNextPage").and_then(read::boolean),
            prev_page: get("prevPage").and_then(read::unsigned),
            next_page: get("nextPage").and_then(read::unsigned),
        }
    }
}

/// The envelope every answer shares: `{status, data}` or `{status: false, error}`.
#[derive(Debug, Deserialize)]
pub struct Envelope<T> {
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub status: Option<bool>,
    #[serde(default = "none")]
    pub data: Option<T>,
    #[serde(default, deserialize_with = "lenient::opt_shape")]
    pub error: Option<ErrorBody>,
}

fn none<T>() -> Option<T> {
    None
}

/// `{code, message}` of a refused request.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct ErrorBody {
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub code: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message: Option<String>,
}

/// What a successful create hands the admin: the template and the link built from its token.
#[derive(Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct CreateOutcome {
    pub template: CreatedTemplate,
    /// `ms-device-enrollment:?mode=mdm&servername=…&accesstoken=…`, when the answer carried both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enrollment_link: Option<String>,
    /// The create's answer was lost after sending, and the template was then found by its name.
    #[serde(default)]
    pub found_by_name: bool,
}

impl TemplatePage {
    /// The page without any template's enrollment token (a credential), for lists shown to
    /// people or handed to the window; ids and server URLs stay.
    pub fn without_tokens(mut self) -> Self {
        for token in self
            .items
            .iter_mut()
            .filter_map(|t| t.win_enrollment_token.as_mut())
        {
            token.token = None;
        }
        self
    }
}

/// The link carries the enrollment token: Debug (logs, panics) never prints it.
impl std::fmt::Debug for CreateOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreateOutcome")
            .field("template", &self.template)
            .field(
                "enrollment_link",
                &self.enrollment_link.as_ref().map(|_| "<redacted>"),
            )
            .field("found_by_name", &self.found_by_name)
            .finish()
    }
}

/// The link of a template's enrollment token, when the answer carried both its parts.
fn link_of(template: &CreatedTemplate) -> Option<String> {
    let token = template.win_enrollment_token.as_ref()?;
    Some(crate::enrollment_link(
        token.server_url.as_deref()?,
        token.token.as_deref()?,
    ))
}

impl CreateOutcome {
    pub fn new(template: CreatedTemplate) -> Self {
        Self {
            enrollment_link: link_of(&template),
            template,
            found_by_name: false,
        }
    }
}

/// What an update in place hands back: the template as the server now has it (same id, same
/// enrollment token) and its link.
#[derive(Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct UpdateOutcome {
    pub template: CreatedTemplate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enrollment_link: Option<String>,
}

impl UpdateOutcome {
    pub fn new(template: CreatedTemplate) -> Self {
        Self {
            enrollment_link: link_of(&template),
            template,
        }
    }
}

/// The link carries the enrollment token: Debug never prints it.
impl std::fmt::Debug for UpdateOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UpdateOutcome")
            .field("template", &self.template)
            .field(
                "enrollment_link",
                &self.enrollment_link.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_the_enrollment_token() {
        let template: CreatedTemplate = serde_json::from_value(serde_json::json!({
            "id": "6b0bad6ffa4a2a9b1c36c259",
            "name": "T",
            "winEnrollmentToken": { "id": "x", "token": "enroll_SECRET123", "serverUrl": "https://mdm.example/e" }
        }))
        .unwrap();
        let outcome = CreateOutcome::new(template);
        assert!(
            outcome
                .enrollment_link
                .as_deref()
                .unwrap()
                .contains("enroll_SECRET123")
        );
        let shown = format!("{outcome:?} {outcome:#?}");
        assert!(!shown.contains("SECRET123"), "{shown}");
    }
}
