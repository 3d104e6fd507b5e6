//! A path into the document that costs nothing until a problem needs it written out.

use std::fmt::Write;

#[derive(Clone, Copy)]
pub enum Path<'a> {
    Root,
    Field(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        Path::Field(self, name)
    }

    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        if out.is_empty() {
            out.push_str("(root)");
        }
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Field(parent, name) => {
                parent.write(out);
                if !out.is_empty() {
                    out.push('.');
                }
                push_name(out, name);
            }
            Path::Index(parent, i) => {
                parent.write(out);
                let _ = write!(out, "[{i}]");
            }
        }
    }
}

/// Field names in a path are shown whole up to this many characters; an unknown key can be any
/// length (a pasted file, an attack), and a message must stay readable and cheap.
const SHOWN_NAME_CHARS: usize = 64;

fn push_name(out: &mut String, name: &str) {
    match name.char_indices().nth(SHOWN_NAME_CHARS) {
        None => out.push_str(name),
        Some((cut, _)) => {
            let total = name.chars().count();
            let _ = write!(out, "{}…({total} characters)", &name[..cut]);
        }
    }
}
