//! Templates compared field by field: what changed, at which path (`rules[0].winPolicyAssignments[1].priority`),
//! from what to what. Used to show what an update changes before it is sent, and by plan and diff.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use crate::mix::Mix;

/// One difference: the value at `path` was `from` and becomes `to` (`None`: absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Change {
    pub path: String,
    #[ts(type = "unknown")]
    pub from: Option<Value>,
    #[ts(type = "unknown")]
    pub to: Option<Value>,
}

impl Change {
    /// Only in `from`: what the change removes.
    pub fn removes(&self) -> bool {
        self.to.is_none()
    }
}

/// Every difference between `from` and `to`, depth first in `to`'s order (then what only `from`
/// has). Objects are compared by key, lists by position: a list whose length changed shows its
/// items one by one, and a value whose type changed shows once, whole.
pub fn changes(from: &Value, to: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    walk(from, to, &mut String::new(), &mut out);
    out
}

fn walk(from: &Value, to: &Value, path: &mut String, out: &mut Vec<Change>) {
    match (from, to) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, new) in b {
                at(
                    path,
                    |p| push_key(p, key),
                    |p| match a.get(key) {
                        Some(old) => walk(old, new, p, out),
                        None => out.push(change(p, None, Some(new))),
                    },
                );
            }
            for (key, old) in a.iter().filter(|(k, _)| !b.contains_key(*k)) {
                at(
                    path,
                    |p| push_key(p, key),
                    |p| out.push(change(p, Some(old), None)),
                );
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                at(
                    path,
                    |p| p.push_str(&format!("[{i}]")),
                    |p| match (a.get(i), b.get(i)) {
                        (Some(old), Some(new)) => walk(old, new, p, out),
                        (old, new) => out.push(change(p, old, new)),
                    },
                );
            }
        }
        (a, b) if same(a, b) => {}
        (a, b) => out.push(change(path, Some(a), Some(b))),
    }
}

/// Runs `inner` with `extend` applied to `path`, then restores it.
fn at(path: &mut String, extend: impl FnOnce(&mut String), inner: impl FnOnce(&mut String)) {
    let len = path.len();
    extend(path);
    inner(path);
    path.truncate(len);
}

fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

fn change(path: &str, from: Option<&Value>, to: Option<&Value>) -> Change {
    Change {
        path: if path.is_empty() {
            "(root)".into()
        } else {
            path.to_owned()
        },
        from: from.cloned(),
        to: to.cloned(),
    }
}

/// A 64-bit digest of a value's content in which the order of an object's keys does not count
/// and numbers count by their value (as [`changes`] compares them): two values with different
/// digests differ, and two with the same digest are, but for a one-in-2^64 collision, the same.
/// `plan` compares a template with its file by digest first and reads the file again only when
/// they differ.
pub fn digest(value: &Value) -> u64 {
    let tag = |t: u64| Mix::default().word(t);
    match value {
        Value::Null => tag(1).finish(),
        Value::Bool(b) => tag(2).word(u64::from(*b)).finish(),
        Value::Number(n) => tag(3).word(n.as_f64().map_or(0, f64::to_bits)).finish(),
        Value::String(s) => tag(4).bytes(s.as_bytes()).finish(),
        Value::Array(items) => items
            .iter()
            .fold(tag(5).word(items.len() as u64), |hash, item| {
                hash.word(digest(item))
            })
            .finish(),
        Value::Object(fields) => {
            // Each field hashed on its own and the hashes added: any order gives the same sum.
            let sum = fields.iter().fold(0u64, |sum, (key, field)| {
                sum.wrapping_add(tag(6).bytes(key.as_bytes()).word(digest(field)).finish())
            });
            tag(7).word(fields.len() as u64).word(sum).finish()
        }
    }
}

/// Equal as JSON values, `1` and `1.0` included (the same number to the server).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// A template as the server would hold it, for comparing: what a server does to what it is sent
/// is no change. Numbers sent back as text (`"segmentId": "1"`, a priority `"0"`) are numbers; a
/// rule's single `winPolicyId` is the assignment at priority 0 it is echoed as; an empty list is
/// no list; the fields only the server sets are not part of a template.
pub fn normalized(template: &Value) -> Value {
    let mut t = template.clone();
    normalize(&mut t);
    t
}

/// [`normalized`] in place, for a caller that owns the template (a plan compares a thousand).
pub fn normalize(t: &mut Value) {
    let Some(fields) = t.as_object_mut() else {
        return;
    };
    for owned in crate::validate::SERVER_FIELDS {
        fields.shift_remove(*owned);
    }
    fields.shift_remove("$schema");
    number(fields, "segmentId");
    if let Some(rules) = fields.get_mut("rules").and_then(Value::as_array_mut) {
        for rule in rules.iter_mut().filter_map(Value::as_object_mut) {
            number(rule, "segmentId");
            if let Some(id) = rule.shift_remove("winPolicyId") {
                let list = rule
                    .entry("winPolicyAssignments")
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Some(list) = list.as_array_mut()
                    && !list.iter().any(|a| a.get("winPolicyId") == Some(&id))
                {
                    list.insert(0, serde_json::json!({ "winPolicyId": id, "priority": 0 }));
                }
            }
            if let Some(list) = rule
                .get_mut("winPolicyAssignments")
                .and_then(Value::as_array_mut)
            {
                for assignment in list.iter_mut().filter_map(Value::as_object_mut) {
                    number(assignment, "priority");
                }
            }
        }
    }
    drop_empty_lists(t);
}

/// The numbers a server sent as text (`"segmentId": "1"`, a priority `"0"`), as the numbers the
/// page says they are; nothing else changes (what `winroll pull` writes).
pub fn restore_numbers(template: &mut Value) {
    let Some(fields) = template.as_object_mut() else {
        return;
    };
    number(fields, "segmentId");
    for rule in fields
        .get_mut("rules")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object_mut)
    {
        number(rule, "segmentId");
        for assignment in rule
            .get_mut("winPolicyAssignments")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object_mut)
        {
            number(assignment, "priority");
        }
    }
}

/// A whole number written as text, as a number.
fn number(fields: &mut Map<String, Value>, key: &str) {
    if let Some(Value::String(text)) = fields.get(key)
        && let Ok(n) = text.trim().parse::<u64>()
    {
        fields.insert(key.into(), n.into());
    }
}

fn drop_empty_lists(value: &mut Value) {
    match value {
        Value::Object(fields) => {
            fields.retain(|_, v| !matches!(v, Value::Array(items) if items.is_empty()));
            fields.values_mut().for_each(drop_empty_lists);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_empty_lists),
        _ => {}
    }
}

/// `value` with every object's keys in the order `like` has them (lists item by item), keys
/// `like` does not have after those: an edited template sent back keeps the server's order, so
/// what was not edited goes back as it came.
pub fn in_order_of(value: Value, like: &Value) -> Value {
    match (value, like) {
        (Value::Object(mut fields), Value::Object(order)) => {
            let mut out = Map::new();
            for (key, model) in order {
                if let Some(v) = fields.shift_remove(key) {
                    out.insert(key.clone(), in_order_of(v, model));
                }
            }
            out.extend(fields);
            Value::Object(out)
        }
        (Value::Array(items), Value::Array(models)) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| match models.get(i) {
                    Some(model) => in_order_of(v, model),
                    None => v,
                })
                .collect(),
        ),
        (value, _) => value,
    }
}

/// A value as a path's `from`/`to` reads in a terminal: JSON, long ones cut.
pub fn shown(value: Option<&Value>) -> String {
    const MAX: usize = 60;
    let Some(value) = value else {
        return "(absent)".into();
    };
    let text = value.to_string();
    if text.chars().count() <= MAX {
        text
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

#[cfg(test)]
mod digest_tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_digest_ignores_key_order_and_number_form_but_nothing_else() {
        let a = json!({"name": "A", "rules": [{"segmentId": 1, "tags": ["x", "y"]}]});
        let reordered = json!({"rules": [{"tags": ["x", "y"], "segmentId": 1.0}], "name": "A"});
        assert_eq!(digest(&a), digest(&reordered));
        assert!(changes(&a, &reordered).is_empty());
        for different in [
            json!({"name": "B", "rules": [{"segmentId": 1, "tags": ["x", "y"]}]}),
            json!({"name": "A", "rules": [{"segmentId": 2, "tags": ["x", "y"]}]}),
            json!({"name": "A", "rules": [{"segmentId": 1, "tags": ["y", "x"]}]}),
            json!({"name": "A", "rules": [{"segmentId": "1", "tags": ["x", "y"]}]}),
            json!({"name": "A", "rules": [{"segmentId": 1, "tags": ["x", "y"], "z": null}]}),
            json!({"name": "A", "rules": [{"segmentId": 1, "tags": ["xy"]}]}),
            json!({"name": "A", "rules": [{"segment": 1, "Id": 1, "tags": ["x", "y"]}]}),
        ] {
            assert_ne!(digest(&a), digest(&different), "{different}");
            assert!(!changes(&a, &different).is_empty());
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn names_each_changed_path() {
        let from = json!({ "name": "A", "rules": [{ "winPolicyId": "x", "tags": ["a"] }], "gone": 1, "n": 1 });
        let to = json!({ "name": "B", "rules": [{ "winPolicyId": "x", "tags": ["a", "b"] }, { "name": "r" }], "n": 1.0 });
        let found: Vec<(String, String, String)> = changes(&from, &to)
            .iter()
            .map(|c| (c.path.clone(), shown(c.from.as_ref()), shown(c.to.as_ref())))
            .collect();
        assert_eq!(
            found,
            [
                ("name".into(), "\"A\"".into(), "\"B\"".into()),
                ("rules[0].tags[1]".into(), "(absent)".into(), "\"b\"".into()),
                (
                    "rules[1]".into(),
                    "(absent)".into(),
                    "{\"name\":\"r\"}".into()
                ),
                ("gone".into(), "1".into(), "(absent)".into()),
            ]
        );
        assert!(changes(&from, &from).is_empty());
    }

    #[test]
    fn what_a_server_does_to_a_template_is_no_change() {
        let sent =
            json!({ "name": "A", "rules": [{ "winPolicyId": "x", "tags": [] }], "segmentId": 1 });
        let echoed = json!({
            "id": "6b0bad6ffa4a2a9b1c36c259", "createdAt": "2026-01-15T09: 30:00Z",
            "name": "A", "rules": [{ "winPolicyAssignments": [{ "winPolicyId": "x", "priority": "0" }] }],
            "segmentId": "1"
        });
        assert!(changes(&normalized(&echoed), &normalized(&sent)).is_empty());
        let edited = json!({ "name": "A", "rules": [{ "winPolicyId": "x" }], "segmentId": 2 });
        let found = changes(&normalized(&echoed), &normalized(&edited));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "segmentId");
    }

    #[test]
    fn keeps_the_order_of_the_original() {
        let original = json!({ "b": 1, "a": { "y": 1, "x": 2 }, "c": [{ "q": 1, "p": 2 }] });
        let edited =
            json!({ "new": true, "a": { "x": 3, "y": 1 }, "c": [{ "p": 2, "q": 1 }], "b": 2 });
        let ordered = in_order_of(edited, &original);
        assert_eq!(
            serde_json::to_string(&ordered).unwrap(),
            r#"{"b":2,"a":{"y":1,"x":3},"c":[{"q":1,"p":2}],"new":true}"#
        );
    }
}
