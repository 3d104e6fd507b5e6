//! Validating a template's text without holding it as one JSON tree: the top-level object is
//! read field by field and each rule is checked and dropped as soon as it is read. A 50 MB
//! template then costs its text and one rule, not a tree ten times its size. The verdict is the
//! same as [`super::validate_value`] on the parsed text (the fuzz harness checks that).

use std::fmt;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::walker::{CheckedRules, Findings, walk_template, walk_template_fields};
use super::{Problem, SecretSource, describe};

/// Every problem of the template in `text`, or the JSON syntax error (with line and column).
pub fn problems_in_text(text: &str, secrets: SecretSource) -> Result<Findings, Problem> {
    if !text.trim_start().starts_with('{') {
        // Not an object: nothing large to stream; the walker says what it is instead.
        let value: Value = serde_json::from_str(text).map_err(|e| describe::syntax_error(&e))?;
        return Ok(walk_template(&value, secrets));
    }
    let mut reader = serde_json::Deserializer::from_str(text);
    let (fields, rules) = TemplateSeed { secrets }
        .deserialize(&mut reader)
        .map_err(|e| describe::syntax_error(&e))?;
    reader.end().map_err(|e| describe::syntax_error(&e))?;
    Ok(match rules {
        Some(rules) => walk_template_fields(&fields, rules, secrets),
        // `rules` missing or not a list: the fields hold all there is, so walk them whole.
        None => walk_template(&Value::Object(fields), secrets),
    })
}

/// The top-level object: every field but a list of `rules`, kept as JSON values.
struct TemplateSeed {
    secrets: SecretSource,
}

impl<'de> DeserializeSeed<'de> for TemplateSeed {
    type Value = (Map<String, Value>, Option<CheckedRules>);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TemplateSeed {
    type Value = (Map<String, Value>, Option<CheckedRules>);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a template (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fields = Map::new();
        let mut rules = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "rules" {
                match map.next_value_seed(RulesSeed {
                    secrets: self.secrets,
                })? {
                    Rules::Checked(checked) => {
                        // A later `rules` replaces an earlier one, as in a JSON object.
                        fields.shift_remove("rules");
                        rules = Some(checked);
                    }
                    Rules::Other(value) => {
                        rules = None;
                        fields.insert(key, value);
                    }
                }
            } else {
                fields.insert(key, map.next_value()?);
            }
        }
        Ok((fields, rules))
    }
}

enum Rules {
    /// A list, checked rule by rule.
    Checked(CheckedRules),
    /// Anything else, kept for the walker to name.
    Other(Value),
}

struct RulesSeed {
    secrets: SecretSource,
}

impl<'de> DeserializeSeed<'de> for RulesSeed {
    type Value = Rules;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RulesSeed {
    type Value = Rules;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Rules, A::Error> {
        let mut checked = CheckedRules::default();
        while let Some(rule) = seq.next_element::<Value>()? {
            checked.check(&rule, self.secrets);
        }
        Ok(Rules::Checked(checked))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Rules, A::Error> {
        Value::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Rules::Other)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Rules, E> {
        Ok(Rules::Other(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Rules, E> {
        Ok(Rules::Other(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Rules, E> {
        Ok(Rules::Other(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Rules, E> {
        Ok(Rules::Other(v.into()))
    }

    fn visit_str<E>(self, v: &str) -> Result<Rules, E> {
        Ok(Rules::Other(Value::String(v.to_owned())))
    }

    fn visit_unit<E>(self) -> Result<Rules, E> {
        Ok(Rules::Other(Value::Null))
    }
}
