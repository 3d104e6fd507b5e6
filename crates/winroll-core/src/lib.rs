//! The create-template contract of the MDM vendor's API: the typed model, the one validator
//! that the CLI, the desktop UI and the sandbox share, and the HTTP client.

pub mod client;
pub mod diff;
pub mod enrollment_link;
pub mod error_info;
pub mod lenient;
pub mod mix;
pub mod model;
pub mod organization;
pub mod schema;
pub mod sensitive;
pub mod snippets;
pub mod target;
pub mod template;
pub mod validate;

pub use client::{
    ApiClient, ApiError, Call, Category, ClientConfig, Connection, ExpandTo, ListQuery, Pages,
};
pub use enrollment_link::{enrollment_link, enrollment_link_for};
pub use error_info::{ErrorCode, ErrorInfo};
pub use model::*;
pub use organization::OrganizationId;
pub use sensitive::{ApiToken, ClientSecret};
pub use snippets::{RequestSnippets, request_snippets};
pub use target::{Destination, Target};
pub use template::{AppIds, Checked, Template, scrub_secrets};
pub use validate::{Problem, SecretSource, ValidationReport, check_template_text, validate_value};
