//! `winroll docs`: one document (Markdown or printable HTML) of every template of a folder or an
//! organization, to standard output or a file.

use std::path::Path;

use winroll_app::Winroll;
use winroll_app::docs::{DocsFormat, DocsSource};

use crate::failure::Failure;

pub fn run(
    winroll: &Winroll,
    source: &DocsSource,
    title: &str,
    format: DocsFormat,
    out: Option<&Path>,
) -> Result<(), Failure> {
    let text = crate::runtime().block_on(winroll.template_docs(source, title, format))?;
    match out {
        Some(path) => {
            winroll_files::write_private(path, text.as_bytes())?;
            eprintln!("Wrote {}", path.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}
