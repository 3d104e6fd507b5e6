//! One module per subcommand.

pub mod batch;
pub mod create;
pub mod diff;
pub mod docs;
pub mod folder;
pub mod links;
pub mod list;
pub mod profile;
pub mod sandbox;
pub mod secret;
pub mod update;
pub mod validate;
