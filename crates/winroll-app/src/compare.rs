//! Two templates compared field by field (`winroll diff`, the window's Compare): from a file,
//! from the organization by name or id, or the window's form. What only the server sets (ids,
//! tokens, times, counts), `$schema` and secrets are not part of a template, and what a server
//! does to what it is sent (numbers as text, a policy as an assignment) is no difference.

use std::path::PathBuf;

use serde_json::Value;
use winroll_core::diff::{Change, changes, normalized};
use winroll_core::{ErrorCode, ListQuery, scrub_secrets};

use crate::{AppError, Target, Winroll};

/// One side of a comparison.
#[derive(Debug, Clone)]
pub enum Side {
    /// A template file.
    File(PathBuf),
    /// The target's template of exactly this name (`@NAME`).
    Named(String),
    /// The target's template with this id.
    Id(String),
    /// A template given as JSON (the window's form).
    Json(Value),
}

impl Side {
    /// `@NAME` names the target's template; anything else is a file.
    pub fn parse(arg: &str) -> Self {
        match arg.strip_prefix('@') {
            Some(name) => Self::Named(name.to_owned()),
            None => Self::File(PathBuf::from(arg)),
        }
    }

    fn needs_target(&self) -> bool {
        matches!(self, Self::Named(_) | Self::Id(_))
    }
}

impl Winroll {
    /// Every difference from `a` to `b`. A side read from the organization needs `target`.
    pub async fn compare(
        &self,
        target: Option<&Target>,
        a: Side,
        b: Side,
    ) -> Result<Vec<Change>, AppError> {
        let a = self.side(target, a).await?;
        let b = self.side(target, b).await?;
        Ok(changes(&a, &b))
    }

    /// A side as a comparable template.
    async fn side(&self, target: Option<&Target>, side: Side) -> Result<Value, AppError> {
        let needs = || {
            AppError::usage(
                ErrorCode::ConfigMissingTarget,
                "comparing with the organization's template needs a target: --profile NAME, or --base-url URL with --org ORG",
                None,
            )
        };
        let mut value = match side {
            Side::File(path) => {
                let text = crate::template_files::read_text(&path)?;
                crate::template_files::parse_json(&text, &path)?
            }
            Side::Json(value) => value,
            ref held if held.needs_target() => {
                let target = target.ok_or_else(needs)?;
                let conn = self.connection(target).await?;
                let found = match held {
                    Side::Named(name) => {
                        self.client()
                            .find_by_name(&conn, name, &ListQuery::default())
                            .await?
                    }
                    Side::Id(id) => self.client().find_by_id(&conn, id).await?,
                    _ => None,
                };
                let found = found.ok_or_else(|| {
                    AppError::usage(
                        ErrorCode::ApiNotFound,
                        match held {
                            Side::Named(name) => {
                                format!("the organization has no template named {name:?}")
                            }
                            Side::Id(id) => {
                                format!("the organization has no template with id {id}")
                            }
                            _ => String::new(),
                        },
                        Some("`winroll list` shows the organization's templates.".into()),
                    )
                })?;
                Value::Object(found.body)
            }
            _ => Value::Null,
        };
        scrub_secrets(&mut value);
        Ok(normalized(&value))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::testing::winroll;

    #[tokio::test]
    async fn what_only_the_server_sets_and_what_it_normalises_is_no_difference() {
        let (dir, winroll) = winroll();
        let file = dir.path().join("a.json");
        std::fs::write(
            &file,
            json!({
                "$schema": "x", "name": "T", "segmentId": 2,
                "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }],
                "entraId": { "mobilityApp": { "tenantId": "t", "clientId": "c", "clientSecret": "s" } }
            })
            .to_string(),
        )
        .unwrap();
        let held = json!({
            "id": "6b0bad6ffa4a2a9b1c36c259", "createdAt": "2026-02-10T12: 00:00Z", "devicesCount": 3,
            "winEnrollmentToken": { "token": "enroll_x" },
            "name": "T", "segmentId": "2",
            "rules": [{ "winPolicyAssignments": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0", "priority": "0" }], "tags": [] }],
            "entraId": { "mobilityApp": { "tenantId": "t", "clientId": "c" } }
        });
        let same = winroll
            .compare(None, Side::File(file.clone()), Side::Json(held.clone()))
            .await
            .unwrap();
        assert_eq!(same, []);
        let mut other = held;
        other["description"] = "new".into();
        other["rules"][0]["winPolicyAssignments"][0]["priority"] = 5.into();
        let found = winroll
            .compare(None, Side::File(file), Side::Json(other))
            .await
            .unwrap();
        let paths: Vec<&str> = found.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            ["rules[0].winPolicyAssignments[0].priority", "description"]
        );
        let err = winroll
            .compare(None, Side::Named("T".into()), Side::Json(json!({})))
            .await
            .unwrap_err();
        assert_eq!(err.info().code, ErrorCode::ConfigMissingTarget);
    }
}
