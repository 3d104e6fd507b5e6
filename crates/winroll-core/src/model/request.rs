//! The create request, field names exactly as the vendor spells them: the types the window's
//! editor and the JSON Schema are made from. Unset optional fields are omitted on the wire (never
//! `null`) and optional in TypeScript (`field?: T`). What Winroll sends is a checked `Template`
//! (the JSON whole), so these types never drop a field on the way.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::sensitive::ClientSecret;

/// The body of `POST .../enrollment-templates/`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct EnrollmentTemplate {
    /// Display name, unique within the organization. ≤ 128 characters.
    #[schemars(length(min = 1, max = 128))]
    pub name: String,
    /// What the template is for and which devices it targets. ≤ 256 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 256))]
    pub description: Option<String>,
    /// Auto-enrollment rules; at least one must name a policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub rules: Option<Vec<Rule>>,
    /// Extra fields the user fills in during enrollment; rules can match on them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auxiliary_fields: Option<Vec<AuxiliaryField>>,
    /// Identity providers offered at enrollment (`ldap`, `saml`, `google`, or another name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_provider_types: Option<Vec<String>>,
    /// Continue through the enrollment steps automatically once authentication succeeds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_auto_continue: Option<bool>,
    /// Microsoft Entra ID integration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entra_id: Option<EntraId>,
    /// Segment that smart enrollment is scoped to. An integer ≥ 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub segment_id: Option<u64>,
}

/// One auto-enrollment rule.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct Rule {
    /// ≤ 256 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 256))]
    pub name: Option<String>,
    /// ≤ 256 characters. Winroll's reading (the page does not say): a pattern for the enrolled
    /// device's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 256))]
    pub display_name_pattern: Option<String>,
    /// Winroll's reading (the page does not say): tags given to devices that match the rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Winroll's reading (the page does not say): when the rule applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Vec<Condition>>,
    /// One Windows policy (24 hexadecimal characters). At least one rule names a policy, through
    /// this or an assignment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-fA-F0-9]{24}$"))]
    pub win_policy_id: Option<String>,
    /// Several policies, each with a priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub win_policy_assignments: Option<Vec<PolicyAssignment>>,
    /// Segment for devices matched by this rule. An integer ≥ 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub segment_id: Option<u64>,
}

/// A rule's matching condition.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct Condition {
    /// Groups of tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Vec<String>>>,
    /// Auxiliary-field matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auxiliary_fields: Option<Vec<Vec<String>>>,
    /// Name patterns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patterns: Option<Vec<String>>,
    /// Device identifiers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifiers: Option<Vec<String>>,
}

/// A policy with its priority within a rule.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct PolicyAssignment {
    /// 24 hexadecimal characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-fA-F0-9]{24}$"))]
    pub win_policy_id: Option<String>,
    /// 0 to 10000.
    #[schemars(range(min = 0, max = 10000))]
    pub priority: u32,
}

/// The kind of an auxiliary field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum AuxiliaryFieldType {
    Select,
    Text,
}

/// A custom field shown during enrollment.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct AuxiliaryField {
    /// `select` (choose among options) or `text`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub field_type: Option<AuxiliaryFieldType>,
    /// Unique within the template. ≤ 128 characters.
    #[schemars(length(min = 1, max = 128))]
    pub key: String,
    /// ≤ 128 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 128))]
    pub title: Option<String>,
    /// ≤ 256 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 256))]
    pub description: Option<String>,
    /// The choices of a select field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<String>>,
}

/// Entra ID integration.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct EntraId {
    /// The Mobility (MDM) application registered in Entra ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobility_app: Option<MobilityApp>,
}

/// The Entra ID mobility app. Its client secret never serialises with the template: files,
/// drafts and the UI carry the ids only, and the secret joins the request body at the last moment.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct MobilityApp {
    /// Directory (tenant) id. ≤ 256 characters.
    #[schemars(length(min = 1, max = 256))]
    pub tenant_id: String,
    /// Application (client) id. ≤ 256 characters.
    #[schemars(length(min = 1, max = 256))]
    pub client_id: String,
    /// Client secret. Prefer the keyring: `winroll secret set`.
    #[serde(default, skip_serializing)]
    #[ts(skip)]
    pub client_secret: Option<ClientSecret>,
}

impl EnrollmentTemplate {
    /// The mobility app's ids, when the template has one.
    pub fn mobility_app(&self) -> Option<&MobilityApp> {
        self.entra_id.as_ref()?.mobility_app.as_ref()
    }
}
