//! `--map FILE`: the policy and segment ids of one organization rewritten as another's, so a
//! folder pulled from one organization can be planned and applied to another. With a map, every
//! id a template names must be in it: an id left as it was would point at another organization's
//! policy, so one the map does not cover stops everything before anything is sent.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;
use winroll_core::{ErrorCode, Problem};

use crate::AppError;

/// `{"winPolicyId": {"<from>": "<to>"}, "segmentId": {"<from>": <to>}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IdMap {
    #[serde(default)]
    pub win_policy_id: BTreeMap<String, String>,
    /// JSON keys are text: `"3": 7`.
    #[serde(default)]
    pub segment_id: BTreeMap<String, u64>,
}

impl IdMap {
    /// Reads a map file; a file that is not one is a usage error naming it.
    pub fn read(path: &Path) -> Result<Self, AppError> {
        let text = crate::template_files::read_text(path)?;
        let map: Self = serde_json::from_str(&text).map_err(|e| {
            AppError::usage(
                ErrorCode::InputInvalid,
                format!("{} is not an id map: {e}", path.display()),
                Some(
                    r#"A map is {"winPolicyId": {"<from>": "<to>"}, "segmentId": {"<from>": <to>}}."#
                        .into(),
                ),
            )
        })?;
        let bad: Vec<&String> = map
            .win_policy_id
            .values()
            .filter(|to| !winroll_core::client::is_template_id(to))
            .collect();
        if let Some(to) = bad.first() {
            return Err(AppError::usage(
                ErrorCode::InputInvalid,
                format!(
                    "{}: {to:?} is not a policy id (24 hexadecimal characters)",
                    path.display()
                ),
                None,
            ));
        }
        Ok(map)
    }

    /// Rewrites every policy and segment id in `template`; each id the map does not cover is a
    /// problem at its path (`rules[0].winPolicyAssignments[1].winPolicyId`), and `template` is
    /// then only partly rewritten (it must not be sent).
    pub fn rewrite(&self, template: &mut Value) -> Vec<Problem> {
        let mut problems = Vec::new();
        let Some(fields) = template.as_object_mut() else {
            return problems;
        };
        self.segment(fields.get_mut("segmentId"), "segmentId", &mut problems);
        for (i, rule) in fields
            .get_mut("rules")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let Some(rule) = rule.as_object_mut() else {
                continue;
            };
            let at = format!("rules[{i}]");
            self.segment(
                rule.get_mut("segmentId"),
                &format!("{at}.segmentId"),
                &mut problems,
            );
            self.policy(
                rule.get_mut("winPolicyId"),
                &format!("{at}.winPolicyId"),
                &mut problems,
            );
            for (j, assignment) in rule
                .get_mut("winPolicyAssignments")
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
                .enumerate()
            {
                self.policy(
                    assignment.get_mut("winPolicyId"),
                    &format!("{at}.winPolicyAssignments[{j}].winPolicyId"),
                    &mut problems,
                );
            }
        }
        problems
    }

    fn policy(&self, value: Option<&mut Value>, path: &str, problems: &mut Vec<Problem>) {
        let Some(value) = value else { return };
        let Some(from) = value.as_str() else { return };
        match self.win_policy_id.get(from) {
            Some(to) => *value = Value::String(to.clone()),
            None => problems.push(uncovered(path, "winPolicyId", from)),
        }
    }

    fn segment(&self, value: Option<&mut Value>, path: &str, problems: &mut Vec<Problem>) {
        let Some(value) = value else { return };
        let from = match &*value {
            Value::Number(n) => n.to_string(),
            Value::String(s) => s.trim().to_owned(),
            _ => return,
        };
        match self.segment_id.get(&from) {
            Some(to) => *value = Value::from(*to),
            None => problems.push(uncovered(path, "segmentId", &from)),
        }
    }
}

fn uncovered(path: &str, kind: &str, from: &str) -> Problem {
    Problem {
        path: path.to_owned(),
        message: format!(
            "{from} is not in the map's {kind:?}: nothing is sent until every id is mapped"
        ),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const A: &str = "64b7f0c2a1e4d5f6a7b8c9d0";
    const B: &str = "64b7f0c2a1e4d5f6a7b8c9d1";
    const A2: &str = "aaaaaaaaaaaaaaaaaaaaaaaa";

    #[test]
    fn every_policy_and_segment_id_is_rewritten_or_named() {
        let map: IdMap = serde_json::from_value(json!({
            "winPolicyId": { A: A2 },
            "segmentId": { "3": 30 }
        }))
        .unwrap();
        let mut template = json!({
            "name": "T",
            "segmentId": 3,
            "rules": [
                { "winPolicyId": A, "segmentId": "3", "winPolicyAssignments": [{ "winPolicyId": A, "priority": 1 }, { "winPolicyId": B, "priority": 2 }] },
                { "segmentId": 4 }
            ]
        });
        let problems = map.rewrite(&mut template);
        assert_eq!(template["segmentId"], 30);
        assert_eq!(template["rules"][0]["winPolicyId"], A2);
        assert_eq!(template["rules"][0]["segmentId"], 30);
        assert_eq!(
            template["rules"][0]["winPolicyAssignments"][0]["winPolicyId"],
            A2
        );
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "rules[0].winPolicyAssignments[1].winPolicyId",
                "rules[1].segmentId"
            ]
        );
        assert!(problems[0].message.contains(B));
    }
}
