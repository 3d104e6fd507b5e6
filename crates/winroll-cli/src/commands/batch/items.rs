//! Reading a batch: a JSON array or NDJSON of templates, every item validated before anything is
//! sent. Problems carry the item's index as a path prefix: `[3].rules[0].winPolicyId`.

use serde_json::Value;
use winroll_core::{EnrollmentTemplate, Problem, SecretSource, validate_value};

/// Reads every template of a batch file; all problems of all items, or the templates.
pub fn parse_batch(text: &str) -> Result<Vec<EnrollmentTemplate>, Vec<Problem>> {
    let values = split(text)?;
    let mut problems = Vec::new();
    let mut templates = Vec::new();
    for (index, value) in values.into_iter().enumerate() {
        let report = validate_value(&value, SecretSource::Keyring);
        if !report.valid {
            problems.extend(report.errors.into_iter().map(|p| at_item(index, p)));
            continue;
        }
        match serde_json::from_value(value) {
            Ok(template) => templates.push(template),
            Err(e) => problems.push(Problem {
                path: format!("[{index}]"),
                message: format!("cannot be read: {e}"),
            }),
        }
    }
    if templates.is_empty() && problems.is_empty() {
        problems.push(Problem {
            path: "(root)".into(),
            message: "the batch holds no template".into(),
        });
    }
    if problems.is_empty() {
        Ok(templates)
    } else {
        Err(problems)
    }
}

pub fn at_item(index: usize, problem: Problem) -> Problem {
    let path = if problem.path == "(root)" {
        format!("[{index}]")
    } else {
        format!("[{index}].{}", problem.path)
    };
    Problem {
        path,
        message: problem.message,
    }
}

/// A file starting with `[` is one JSON array; anything else is NDJSON (one template a line).
fn split(text: &str) -> Result<Vec<Value>, Vec<Problem>> {
    if text.trim_start().starts_with('[') {
        return match serde_json::from_str::<Value>(text) {
            Ok(Value::Array(items)) => Ok(items),
            Ok(_) => Err(vec![Problem {
                path: "(root)".into(),
                message: "expected a list of templates".into(),
            }]),
            Err(e) => Err(vec![Problem {
                path: "(root)".into(),
                message: format!("not valid JSON at line {}, column {}", e.line(), e.column()),
            }]),
        };
    }
    let mut values = Vec::new();
    let mut problems = Vec::new();
    for (line_number, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        match serde_json::from_str::<Value>(line) {
            Ok(value) => values.push(value),
            Err(e) => problems.push(Problem {
                path: format!("[{}]", values.len() + problems.len()),
                message: format!(
                    "line {} is not valid JSON (column {}): {}",
                    line_number + 1,
                    e.column(),
                    e
                ),
            }),
        }
    }
    if problems.is_empty() {
        Ok(values)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"name":"A","rules":[{"winPolicyId":"64b7f0c2a1e4d5f6a7b8c9d0"}]}"#;

    #[test]
    fn reads_arrays_and_ndjson() {
        assert_eq!(
            parse_batch(&format!("[{GOOD},{}]", GOOD.replace("\"A\"", "\"B\"")))
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            parse_batch(&format!("{GOOD}\n\n{}\n", GOOD.replace("\"A\"", "\"B\"")))
                .unwrap()
                .len(),
            2
        );
    }

    #[test]
    fn every_problem_of_every_item_is_listed_with_its_index() {
        let bad = r#"{"name":"","rules":[{"winPolicyId":"x"}]}"#;
        let problems = parse_batch(&format!("{GOOD}\n{bad}\n{{oops\n")).unwrap_err();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        // The third non-empty line is item [2]; a broken line stops the batch before validation.
        assert_eq!(paths, ["[2]"], "{problems:?}");
        assert!(problems[0].message.starts_with("line 3 is not valid JSON"));
        let problems = parse_batch(&format!("[{GOOD},{bad}]")).unwrap_err();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["[1].name", "[1].rules[0].winPolicyId"]);
        assert!(parse_batch("[]").is_err());
    }
}
