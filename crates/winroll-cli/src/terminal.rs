//! Text from a server or a file on its way to a terminal: control characters (ANSI colours, OSC
//! sequences such as OSC 52, which sets the clipboard, carriage returns that overwrite a line) are
//! printed escaped, so nothing a server sends can steer the terminal.

use std::fmt::Write;

/// `text` with every control character but a plain line end written as an escape (`\u{1b}`).
pub fn safe(text: &str) -> String {
    if !text.chars().any(needs_escape) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

fn needs_escape(c: char) -> bool {
    // C0 and C1 controls, DEL; and the bidirectional overrides that reorder what is shown.
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_steer_a_terminal() {
        let osc52 = "ok\u{1b}]52;c;ZXZpbA==\u{7}\r\u{9b}2J";
        assert_eq!(safe(osc52), "ok\\u{1b}]52;c;ZXZpbA==\\u{7}\\u{d}\\u{9b}2J");
        assert_eq!(safe("plain text\nline two"), "plain text\nline two");
        assert_eq!(safe("rtl \u{202e}gnp.exe"), "rtl \\u{202e}gnp.exe");
    }
}
