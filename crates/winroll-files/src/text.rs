//! Text as Windows tools write it: Notepad saves UTF-8 with a byte-order mark, Windows
//! PowerShell 5.1 (`Out-File`, `>`) UTF-16 LE with one, and both end lines with CRLF (which JSON
//! and `str::lines` read as they are). Anything else gets a message that names the file.

/// Why bytes are not text Winroll can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("is not UTF-8 text (invalid byte at offset {offset}); save it as UTF-8 or UTF-16")]
    NotUtf8 { offset: usize },
    #[error("is not valid UTF-16 text (at offset {offset})")]
    BadUtf16 { offset: usize },
}

/// Decodes UTF-8 (with or without a byte-order mark) and UTF-16 LE or BE with one.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    decode_owned(bytes.to_vec())
}

/// As [`decode`], taking the bytes: UTF-8 without a byte-order mark (nearly every file) becomes
/// the text without a copy (a folder of a thousand templates is read twice).
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<String, DecodeError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
        return utf8(bytes, 3);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    utf8(bytes, 0)
}

fn utf8(bytes: Vec<u8>, skipped: usize) -> Result<String, DecodeError> {
    String::from_utf8(bytes).map_err(|e| DecodeError::NotUtf8 {
        offset: skipped + e.utf8_error().valid_up_to(),
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(DecodeError::BadUtf16 {
            offset: 2 + bytes.len() - 1,
        });
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    for (i, c) in char::decode_utf16(units).enumerate() {
        out.push(c.map_err(|_| DecodeError::BadUtf16 { offset: 2 + 2 * i })?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: &str = "{\r\n  \"name\": \"Laptops é 😀\"\r\n}\r\n";

    #[test]
    fn reads_what_notepad_and_powershell_write() {
        let mut bom_utf8 = vec![0xEF, 0xBB, 0xBF];
        bom_utf8.extend_from_slice(JSON.as_bytes());
        let mut utf16le = vec![0xFF, 0xFE];
        utf16le.extend(JSON.encode_utf16().flat_map(u16::to_le_bytes));
        let mut utf16be = vec![0xFE, 0xFF];
        utf16be.extend(JSON.encode_utf16().flat_map(u16::to_be_bytes));
        for bytes in [JSON.as_bytes().to_vec(), bom_utf8, utf16le, utf16be] {
            let text = decode(&bytes).unwrap();
            assert_eq!(text, JSON);
            assert_eq!(decode_owned(bytes).unwrap(), JSON);
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(value["name"], "Laptops é 😀");
        }
    }

    #[test]
    fn other_encodings_are_named_not_misread() {
        // Windows-1252 "é" as a lone byte.
        assert_eq!(
            decode(b"{\"name\": \"caf\xe9\"}"),
            Err(DecodeError::NotUtf8 { offset: 13 })
        );
        assert_eq!(
            decode_owned(b"{\"name\": \"caf\xe9\"}".to_vec()),
            Err(DecodeError::NotUtf8 { offset: 13 })
        );
        // UTF-16 with an odd byte count, and with a lone surrogate.
        assert!(decode(&[0xFF, 0xFE, b'{', 0, b'}']).is_err());
        assert!(decode(&[0xFF, 0xFE, 0x00, 0xD8]).is_err());
    }
}
