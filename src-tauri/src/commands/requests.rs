//! What the window sends: one request struct per command, exported to TypeScript by ts-rs, so the
//! window's call and the command's arguments are the same type on both sides. A credential in a
//! request (a token, a client secret) is a redacted type: Debug, logs and panics never show it.

use serde::Deserialize;
use serde_json::Value;
use ts_rs::TS;
use winroll_app::{HistoryValue, LinksCopy, LinksFormat, Target};
use winroll_core::{ApiToken, ClientSecret, ListQuery};

/// Any JSON the window sends as is (the form may hold wrong types on purpose, for the validator
/// to name): `unknown` in TypeScript.
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
pub struct Json(pub Value);

impl TS for Json {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "unknown".into()
    }
    fn inline(cfg: &ts_rs::Config) -> String {
        Self::name(cfg)
    }
}

/// One side of a comparison in the window: the editor's form, a template of the target, or a
/// file the user picks (in a dialog opened from Rust).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum CompareSide {
    Form { template: Json },
    Template { id: String },
    File,
}

/// Declares request structs: camelCase on the wire, exported to `ui/src/bindings/`.
macro_rules! requests {
    ($( $(#[$doc:meta])* $name:ident { $( $(#[$field_meta:meta])* $field:ident : $ty:ty ),* $(,)? } )*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, Deserialize, TS)]
            #[serde(rename_all = "camelCase")]
            #[ts(export)]
            pub struct $name {
                $( $(#[$field_meta])* pub $field: $ty, )*
            }
        )*
    };
}

requests! {
    /// The form, as typed.
    ValidateTemplateRequest { template: Json }
    CreateTemplateRequest { target: Target, template: Json }
    /// Saves the form over template `id` in `target`; `original` is the template as the server
    /// had it when the editor opened it.
    UpdateTemplateRequest { target: Target, id: String, template: Json, original: Json }
    /// `people`: pasted addresses, or a CSV with an email or upn column.
    PersonLinksRequest { target: Target, template_name: String, people: String }
    /// The links are made again in Rust from the template and `people`: the window never holds one.
    CopyLinksRequest { target: Target, template_name: String, people: String, which: LinksCopy }
    SaveLinksRequest { target: Target, template_name: String, people: String, format: LinksFormat }
    FindTemplateRequest { target: Target, name: String }
    /// The template `id` in `target`, as the server has it now; `name`, its name when last seen,
    /// is looked up first.
    TemplateForEditRequest { target: Target, id: String, name: String }
    ListTemplatesRequest { target: Target, query: ListQuery }
    RequestSnippetsRequest { target: Target, template: Json }
    /// The token goes to the keyring and never comes back.
    AddProfileRequest {
        name: String,
        base_url: String,
        organization_id: String,
        #[ts(type = "string")]
        token: ApiToken,
    }
    RemoveProfileRequest { name: String }
    /// Whether a secret is stored for the ids, and may go to `target` without asking.
    ClientSecretStatusRequest { tenant_id: String, client_id: String, target: Target }
    /// Stored allowed to go to `target`. A different secret already stored is replaced only
    /// with `replace`.
    StoreClientSecretRequest {
        tenant_id: String,
        client_id: String,
        #[ts(type = "string")]
        secret: ClientSecret,
        replace: bool,
        target: Target,
    }
    RemoveClientSecretRequest { tenant_id: String, client_id: String }
    /// `sensitive`: a credential (kept out of clipboard history, cleared after a while).
    CopyTextRequest { text: String, sensitive: bool }
    /// The editor's own model of the form.
    SaveDraftRequest { form: Json }
    ExportTemplateRequest { template: Json }
    /// A secret the file carries is stored allowed to go to `target` (where the editor sends).
    ImportTemplateRequest { target: Target }
    /// A value of the template `template_id` that this computer created in `target`.
    CopyFromHistoryRequest { target: Target, template_id: String, value: HistoryValue }
    /// What saving the form over template `id` would change; nothing is sent.
    PlanUpdateRequest { target: Target, id: String, template: Json, original: Json }
    /// Every difference from `a` to `b`.
    CompareTemplatesRequest { target: Target, a: CompareSide, b: CompareSide }
    /// The folder chosen with `choose_folder`, planned, applied or pulled into against `target`.
    FolderRequest { target: Target }
    /// As [`FolderRequest`]; `overwrite` replaces files that differ from the server's copy.
    PullFolderRequest { target: Target, overwrite: bool }
    /// The page's own account of where the start-up time went (test-hook builds only; the type
    /// is still exported, so the window's bindings are the same in every build).
    #[cfg_attr(not(feature = "test-hooks"), allow(dead_code))]
    EditorReadyRequest { timeline: String }
}
