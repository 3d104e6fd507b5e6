//! The wire types of the create-template contract, exported to the UI through ts-rs.

mod request;
mod response;

pub use request::*;
pub use response::*;
