//! Deserializers for what the server sends back. The vendor's own example answers with numbers
//! as strings and timestamps that do not parse (spec/README.md #3): none of that may fail a create
//! that succeeded, so each field falls back to "absent" instead of failing the whole answer.

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer};
use serde_json::Value;

/// An integer ≥ 0 sent as a number or as a numeric string.
pub fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(unsigned(&Value::deserialize(d)?))
}

/// An integer code that may come as a number or a string (`5209` or `"5209"`).
pub fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// Text, accepting a number in its place; anything else is treated as absent.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(string(&Value::deserialize(d)?))
}

/// A boolean, or `"true"`/`"false"`.
pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Bool(b) => Some(b),
        Value::String(s) => s.parse().ok(),
        _ => None,
    })
}

/// Any structured value; absent when it does not have the expected shape.
pub fn opt_shape<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    d: D,
) -> Result<Option<T>, D::Error> {
    Ok(serde_json::from_value(Value::deserialize(d)?).ok())
}

/// A list read item by item: an item of the wrong shape is left out, the others are kept.
pub fn opt_each<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    d: D,
) -> Result<Option<Vec<T>>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => Some(
            items
                .into_iter()
                .filter_map(|item| serde_json::from_value(item).ok())
                .collect(),
        ),
        _ => None,
    })
}

/// A list; empty when it does not have the expected shape.
pub fn list<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(opt_shape(d)?.unwrap_or_default())
}

/// The rules of an answer, read at every depth: a rule whose `segmentId` or a priority comes as a
/// string (as the vendor's example sends `"segmentId": "1"` at the top) is read, not dropped with
/// every other rule. Each field of a rule falls back to absent on its own; an assignment whose
/// priority cannot be read at all is left out (a priority is required, and guessing one would
/// change the order the server applies policies in).
pub fn opt_rules<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<crate::model::Rule>>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => Some(items.iter().filter_map(rule).collect()),
        _ => None,
    })
}

fn rule(value: &Value) -> Option<crate::model::Rule> {
    let fields = value.as_object()?;
    let text = |key: &str| string(fields.get(key)?);
    Some(crate::model::Rule {
        name: text("name"),
        display_name_pattern: text("displayNamePattern"),
        tags: fields.get("tags").and_then(strings),
        conditions: fields
            .get("conditions")
            .and_then(|c| serde_json::from_value(c.clone()).ok()),
        win_policy_id: text("winPolicyId"),
        win_policy_assignments: fields
            .get("winPolicyAssignments")
            .and_then(Value::as_array)
            .map(|list| list.iter().filter_map(assignment).collect()),
        segment_id: fields.get("segmentId").and_then(unsigned),
    })
}

fn assignment(value: &Value) -> Option<crate::model::PolicyAssignment> {
    let fields = value.as_object()?;
    Some(crate::model::PolicyAssignment {
        win_policy_id: fields.get("winPolicyId").and_then(string),
        priority: u32::try_from(fields.get("priority").and_then(unsigned)?).ok()?,
    })
}

/// Text, accepting a number in its place.
fn string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn strings(value: &Value) -> Option<Vec<String>> {
    Some(value.as_array()?.iter().filter_map(string).collect())
}

/// An integer ≥ 0 as a number (`5` or `5.0`) or a numeric string.
fn unsigned(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0)
                .map(|f| f as u64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The same readings for a value at hand (a field of an object already parsed).
pub mod read {
    use serde::de::DeserializeOwned;
    use serde_json::Value;

    pub fn string(value: &Value) -> Option<String> {
        super::string(value)
    }

    pub fn unsigned(value: &Value) -> Option<u64> {
        super::unsigned(value)
    }

    pub fn boolean(value: &Value) -> Option<bool> {
        match value {
            Value::Bool(b) => Some(*b),
            Value::String(s) => s.parse().ok(),
            _ => None,
        }
    }

    /// Any structured value; absent when it does not have the expected shape.
    pub fn shape<T: DeserializeOwned>(value: &Value) -> Option<T> {
        T::deserialize(value).ok()
    }

    /// A list read item by item: an item of the wrong shape is left out, the others are kept.
    pub fn each<T: DeserializeOwned>(value: &Value) -> Option<Vec<T>> {
        Some(
            value
                .as_array()?
                .iter()
                .filter_map(|item| T::deserialize(item).ok())
                .collect(),
        )
    }

    pub fn rules(value: &Value) -> Option<Vec<crate::model::Rule>> {
        Some(value.as_array()?.iter().filter_map(super::rule).collect())
    }
}
