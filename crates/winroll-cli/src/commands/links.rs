//! `winroll links`: one enrollment link per new hire (their work address prefilled), as CSV or
//! a printable onboarding sheet.

use std::path::Path;

use winroll_app::links::render;
use winroll_app::{LinksFormat, Target, Winroll};

use crate::failure::Failure;
use crate::input::read_text;

pub struct Options<'a> {
    pub template: &'a str,
    pub users: &'a Path,
    pub out: Option<&'a Path>,
    pub format: LinksFormat,
}

pub fn run(winroll: &Winroll, target: &Target, options: Options<'_>) -> Result<(), Failure> {
    let people = read_text(options.users)?;
    let links =
        crate::runtime().block_on(winroll.person_links(target, options.template, &people))?;
    match options.out {
        Some(path) => {
            winroll.save_links(path, options.template, &links, options.format)?;
            eprintln!(
                "Wrote {} link(s) to {} (readable by you only). It holds the template's enrollment token: share each link only with its person.",
                links.len(),
                path.display()
            );
        }
        None => {
            print!("{}", render(options.template, &links, options.format));
            eprintln!(
                "{} link(s). They hold the template's enrollment token: share each only with its person.",
                links.len()
            );
        }
    }
    Ok(())
}
