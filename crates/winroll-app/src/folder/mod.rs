//! Templates as code: a folder of template files, one a template, kept in step with an
//! organization. `pull` writes the organization's templates into it, `plan` says what applying it
//! would change, `apply` carries that out on the batch engine; a map rewrites policy and segment
//! ids on the way, to copy a folder into another organization.

pub mod apply;
pub mod files;
pub mod map;
pub mod plan;
pub mod pull;

pub use apply::{Applied, ApplyReport};
pub use files::{FolderFile, file_name_for, pulled_text};
pub use map::IdMap;
pub use plan::{FolderPlan, PlannedUpdate};
pub use pull::PullReport;
