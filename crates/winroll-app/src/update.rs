//! Update a template in place: the same validator, secret filling and errors as create, sent as
//! `PUT …/enrollment-templates/{id}`. The template keeps its id and enrollment token; the change
//! affects future enrollments only. An update is idempotent, so a lost answer is reported as
//! uncertain with "sending it again is safe", never settled by name as a create must be.

use serde_json::{Map, Value};
use winroll_core::{CreatedTemplate, EnrollmentTemplate, ErrorCode, UpdateOutcome};

use crate::create::template_from_json;
use crate::{AppError, Target, Winroll};

impl Winroll {
    /// Validates and sends the update of template `id`. `keep` holds the fields of the template
    /// as the list returned it that Winroll does not know; they are sent back unchanged.
    pub async fn update(
        &self,
        target: &Target,
        id: &str,
        template: EnrollmentTemplate,
        keep: Map<String, Value>,
    ) -> Result<UpdateOutcome, AppError> {
        if id.trim().is_empty() {
            return Err(AppError::usage(
                ErrorCode::ConfigMissingInput,
                "no template id: say which template to update",
                Some("`winroll list` shows each template's id.".into()),
            ));
        }
        let prepared = self.prepare(target, template).await?;
        match self
            .client()
            .update(&prepared.conn, id, &prepared.template, &keep)
            .await
        {
            Ok(updated) => Ok(UpdateOutcome::new(updated)),
            Err(error) if error.is_uncertain() => Err(AppError::UpdateUncertain(error)),
            Err(error) => Err(error.into()),
        }
    }

    /// Saves the window's form over template `id`. `original` is the template as the server had
    /// it when the editor opened it: what Winroll does not know of it goes back unchanged. An
    /// original that cannot be read is an error: sending the form without it would erase those
    /// fields on the server.
    pub async fn update_from_json(
        &self,
        target: &Target,
        id: &str,
        form: Value,
        original: Value,
    ) -> Result<UpdateOutcome, AppError> {
        let keep = serde_json::from_value::<CreatedTemplate>(original)
            .map(|listed| listed.unknown)
            .map_err(|e| {
                AppError::usage(
                    ErrorCode::InputInvalid,
                    format!("the server's copy of the template could not be read ({e}); nothing was sent"),
                    Some("Open the template again from Templates, then save.".into()),
                )
            })?;
        self.update(target, id, template_from_json(form)?, keep)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::winroll;

    #[tokio::test]
    async fn an_unreadable_original_sends_nothing() {
        let (_dir, winroll) = winroll();
        let target = Target::Sandbox {
            organization_id: "winroll-demo".into(),
        };
        let form = serde_json::json!({ "name": "T", "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }] });
        let err = winroll
            .update_from_json(
                &target,
                "6b0bad6ffa4a2a9b1c36c259",
                form,
                Value::String("?".into()),
            )
            .await
            .unwrap_err();
        assert_eq!(err.info().code, ErrorCode::InputInvalid);
        assert!(
            err.info().message.contains("nothing was sent"),
            "{}",
            err.info().message
        );
    }
}
