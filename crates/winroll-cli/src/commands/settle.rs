//! After a create whose answer was lost once the request had left: ask the list call whether the
//! template exists now, so nobody retries into a duplicate or gives up on a template that exists.

use winroll_core::{ApiClient, ApiError, Connection, CreatedTemplate};

pub enum Settled {
    /// It was created after all.
    Created(Box<CreatedTemplate>),
    /// It was not: trying again is safe.
    NotCreated,
    /// The check failed too; nobody can tell.
    Unknown(ApiError),
}

pub async fn settle(client: &ApiClient, conn: &Connection, name: &str) -> Settled {
    match client.find_by_name(conn, name).await {
        Ok(Some(found)) => Settled::Created(Box::new(found)),
        Ok(None) => Settled::NotCreated,
        Err(e) => Settled::Unknown(e),
    }
}
