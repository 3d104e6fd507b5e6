//! Reading a batch: a JSON array or NDJSON of templates, item by item. A UTF-8 file is read as
//! it goes, so a batch of any size holds one item at a time, not the file: the batch reads it
//! twice, once to validate every item before anything is sent, once to send. Standard input and
//! UTF-16 files (Windows PowerShell 5.1's `Out-File`) are decoded once into memory.
//! Problems carry the item's index as a path prefix: `[3].rules[0].winPolicyId`.

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::{Deserializer, SeqAccess, Visitor};
use serde_json::Value;
use winroll_app::AppError;
use winroll_app::batch::{Item, ItemSource};
use winroll_core::{ErrorCode, Problem};

use crate::failure::Failure;

/// Where a batch's items come from.
#[derive(Debug, Clone)]
pub enum BatchInput {
    /// A UTF-8 file (with or without a byte-order mark), streamed each time it is read.
    File(PathBuf),
    /// Standard input, or a file in another encoding, decoded once.
    Text(Arc<String>),
}

impl BatchInput {
    /// Opens `path` (`-` for standard input), deciding how it can be read.
    pub fn open(path: &Path) -> Result<Self, Failure> {
        if path.as_os_str() == "-" {
            return Ok(Self::Text(Arc::new(crate::input::read_text(path)?)));
        }
        let mut head = [0u8; 2];
        let read = File::open(path)
            .and_then(|mut f| f.read(&mut head))
            .map_err(|e| Failure::App(unreadable(path, &e)))?;
        let utf16 = read == 2 && (head == [0xFF, 0xFE] || head == [0xFE, 0xFF]);
        Ok(if utf16 {
            Self::Text(Arc::new(crate::input::read_text(path)?))
        } else {
            Self::File(path.to_owned())
        })
    }
}

/// Every item in order (`Err` for one that is not JSON); a file that is not JSON at all is one
/// problem at `(root)`.
impl ItemSource for BatchInput {
    fn for_each(
        &self,
        each: &mut dyn FnMut(usize, Item) -> ControlFlow<()>,
    ) -> Result<(), AppError> {
        match self {
            Self::File(path) => {
                let file = File::open(path).map_err(|e| unreadable(path, &e))?;
                let mut reader = BufReader::with_capacity(64 * 1024, file);
                skip_utf8_bom(&mut reader).map_err(|e| unreadable(path, &e))?;
                scan(reader, each).map_err(|e| unreadable(path, &e))
            }
            Self::Text(text) => scan(Cursor::new(text.as_bytes()), each)
                .map_err(|e| unreadable(Path::new("standard input"), &e)),
        }
    }
}

fn unreadable(path: &Path, e: &std::io::Error) -> AppError {
    AppError::usage(
        ErrorCode::InputUnreadable,
        format!("cannot read {}: {e}", path.display()),
        Some("Save the file as UTF-8 (in Notepad: Save as, Encoding UTF-8).".into()),
    )
}

fn skip_utf8_bom(reader: &mut impl BufRead) -> std::io::Result<()> {
    if reader.fill_buf()?.starts_with(&[0xEF, 0xBB, 0xBF]) {
        reader.consume(3);
    }
    Ok(())
}

/// A reader whose first non-blank byte is `[` holds one JSON array; anything else is NDJSON.
fn scan(
    mut reader: impl BufRead,
    each: &mut dyn FnMut(usize, Item) -> ControlFlow<()>,
) -> std::io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        let blank = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        if blank == buf.len() && !buf.is_empty() {
            let n = buf.len();
            reader.consume(n);
            continue;
        }
        let is_array = buf.get(blank) == Some(&b'[');
        return if is_array {
            array(reader, each);
            Ok(())
        } else {
            ndjson(reader, each)
        };
    }
}

fn ndjson(
    mut reader: impl BufRead,
    each: &mut dyn FnMut(usize, Item) -> ControlFlow<()>,
) -> std::io::Result<()> {
    let (mut line, mut number, mut index) = (String::new(), 0, 0);
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        number += 1;
        if line.trim().is_empty() {
            continue;
        }
        let item = serde_json::from_str::<Value>(&line).map_err(|e| Problem {
            path: format!("[{index}]"),
            message: format!(
                "line {number} is not valid JSON (column {}): {e}",
                e.column()
            ),
        });
        if each(index, item).is_break() {
            return Ok(());
        }
        index += 1;
    }
}

/// The elements of one top-level array, handed over as each is parsed.
fn array(reader: impl BufRead, each: &mut dyn FnMut(usize, Item) -> ControlFlow<()>) {
    struct Elements<'a>(&'a mut dyn FnMut(usize, Item) -> ControlFlow<()>);
    impl<'de> Visitor<'de> for Elements<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of templates")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut index = 0;
            while let Some(value) = seq.next_element::<Value>()? {
                if (self.0)(index, Ok(value)).is_break() {
                    return Ok(());
                }
                index += 1;
            }
            Ok(())
        }
    }
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let result = deserializer
        .deserialize_seq(Elements(each))
        .and_then(|()| deserializer.end());
    if let Err(e) = result {
        let _ = each(
            usize::MAX,
            Err(Problem {
                path: "(root)".into(),
                message: format!("not valid JSON at line {}, column {}", e.line(), e.column()),
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"name":"A","rules":[{"winPolicyId":"64b7f0c2a1e4d5f6a7b8c9d0"}]}"#;

    fn items(text: &str) -> Vec<Result<Value, Problem>> {
        let mut out = Vec::new();
        BatchInput::Text(Arc::new(text.to_owned()))
            .for_each(&mut |_, item| {
                out.push(item);
                ControlFlow::Continue(())
            })
            .unwrap();
        out
    }

    #[test]
    fn reads_arrays_and_ndjson_item_by_item() {
        let b = GOOD.replace("\"A\"", "\"B\"");
        assert_eq!(items(&format!(" \n[{GOOD},{b}]")).len(), 2);
        assert_eq!(items(&format!("{GOOD}\n\n{b}\r\n")).len(), 2);
        assert_eq!(items("[]").len(), 0);
    }

    #[test]
    fn a_broken_line_or_array_is_named() {
        let got = items(&format!("{GOOD}\n{{oops\n"));
        let problem = got[1].as_ref().unwrap_err();
        assert_eq!(problem.path, "[1]");
        assert!(problem.message.starts_with("line 2 is not valid JSON"));
        let got = items(&format!("[{GOOD},"));
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].as_ref().unwrap_err().path, "(root)");
        let got = items("{\"name\": 1}\n");
        assert!(
            got[0].is_ok(),
            "an object line is an item; the validator judges it"
        );
    }

    #[test]
    fn a_file_is_streamed_and_a_bom_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("batch.ndjson");
        std::fs::write(&path, format!("\u{feff}{GOOD}\r\n{GOOD}\r\n")).unwrap();
        let input = BatchInput::open(&path).unwrap();
        assert!(matches!(input, BatchInput::File(_)));
        let mut count = 0;
        input
            .for_each(&mut |_, item| {
                assert!(item.is_ok(), "{item:?}");
                count += 1;
                ControlFlow::Continue(())
            })
            .unwrap();
        assert_eq!(count, 2);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                format!("[{GOOD}]")
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        std::fs::write(&path, utf16).unwrap();
        assert!(matches!(
            BatchInput::open(&path).unwrap(),
            BatchInput::Text(_)
        ));
    }
}
