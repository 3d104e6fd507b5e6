//! Plain words for what the user wrote: `the string "1"`, `the number 1.5`, `null`.

use serde_json::Value;

use super::Problem;

const MAX_SHOWN: usize = 40;

pub fn what(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {}", quote(s)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// A value quoted for a message, cut short so a huge paste does not flood the output.
pub fn quote(s: &str) -> String {
    if s.chars().count() <= MAX_SHOWN {
        return format!("{s:?}");
    }
    let head: String = s.chars().take(MAX_SHOWN).collect();
    format!("{:?}…", head)
}

pub fn syntax_error(e: &serde_json::Error) -> Problem {
    let message = e.to_string();
    // serde_json appends " at line L column C"; say it first, in our own words.
    let detail = message.split(" at line ").next().unwrap_or(&message);
    Problem {
        path: "(root)".into(),
        message: format!(
            "not valid JSON at line {}, column {}: {detail}",
            e.line(),
            e.column()
        ),
    }
}
