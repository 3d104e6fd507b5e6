//! `winroll list`

use winroll_app::{Target, Winroll};
use winroll_core::ListQuery;

use crate::failure::Failure;

pub fn run(
    winroll: &Winroll,
    target: &Target,
    query: &ListQuery,
    json: bool,
    show_tokens: bool,
) -> Result<(), Failure> {
    let page = crate::runtime().block_on(winroll.list_templates(target, query, show_tokens))?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&page).unwrap_or_default()
        );
        return Ok(());
    }
    if page.items.is_empty() {
        println!("No templates.");
    }
    let safe = |v: Option<&str>| crate::terminal::safe(v.unwrap_or("-"));
    for t in &page.items {
        println!(
            "{}  {}  devices: {}  created: {}",
            safe(t.id.as_deref()),
            safe(t.name.as_deref()),
            t.devices_count.map_or("unknown".into(), |n| n.to_string()),
            safe(t.created_at.as_deref()),
        );
    }
    if page.unreadable > 0 {
        println!(
            "{} item(s) on this page are not templates (not JSON objects) and are not shown.",
            page.unreadable
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
