//! `winroll list`

use std::time::Duration;

use winroll_core::{ApiClient, ClientConfig, ListQuery};

use crate::cli::Target;
use crate::connection;
use crate::failure::Failure;

pub struct Options {
    pub query: ListQuery,
    pub timeout: u64,
    pub json: bool,
}

pub fn run(target: &Target, options: Options) -> Result<(), Failure> {
    let conn = connection::resolve(target)?;
    let client = ApiClient::new(ClientConfig {
        total_timeout: Duration::from_secs(options.timeout),
        ..ClientConfig::default()
    })?;
    let page = crate::runtime().block_on(client.list(&conn, &options.query))?;
    if options.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&page).unwrap_or_default()
        );
        return Ok(());
    }
    if page.items.is_empty() {
        println!("No templates.");
    }
    for t in &page.items {
        println!(
            "{}  {}  devices: {}  created: {}",
            t.id.as_deref().unwrap_or("-"),
            t.name.as_deref().unwrap_or("-"),
            t.devices_count.map_or("-".into(), |n| n.to_string()),
            t.created_at.as_deref().unwrap_or("-"),
        );
    }
    println!(
        "page {} of {} ({} in all)",
        page.page.unwrap_or(1),
        page.total_pages.unwrap_or(1),
        page.total_docs.unwrap_or(page.items.len() as u64)
    );
    Ok(())
}
