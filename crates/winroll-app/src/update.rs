//! Update a template in place: the same validator, secret filling and errors as create, sent as
//! `PUT …/enrollment-templates/{id}`. The template keeps its id and enrollment token; the change
//! affects future enrollments only. An update is idempotent, so a lost answer is reported as
//! uncertain with "sending it again is safe", never settled by name as a create must be.

use serde_json::Value;
use winroll_core::diff::{Change, changes, normalized};
use winroll_core::{CreatedTemplate, ErrorCode, Template, UpdateOutcome};

use crate::create::template_from_json;
use crate::{AppError, Target, Winroll};

impl Winroll {
    /// Sends the update of template `id`: the template whole, as checked (what Winroll does not
    /// model included). Its client secret is filled in as for create.
    pub async fn update(
        &self,
        target: &Target,
        id: &str,
        template: Template,
    ) -> Result<UpdateOutcome, AppError> {
        if id.trim().is_empty() {
            return Err(AppError::usage(
                ErrorCode::ConfigMissingInput,
                "no template id: say which template to update",
                Some("`winroll list` shows each template's id.".into()),
            ));
        }
        let prepared = self.prepare(target, template).await?;
        self.send_update(&prepared, id).await
    }

    /// Sends a prepared template as the update of template `id`, once; a lost answer is
    /// [`AppError::UpdateUncertain`] (sending it again is safe).
    pub async fn send_update(
        &self,
        prepared: &crate::Prepared,
        id: &str,
    ) -> Result<UpdateOutcome, AppError> {
        match self
            .client()
            .update(&prepared.conn, id, &prepared.template)
            .await
        {
            Ok(updated) => Ok(UpdateOutcome::new(updated)),
            Err(error) if error.is_uncertain() => Err(AppError::UpdateUncertain(error)),
            Err(error) => Err(error.into()),
        }
    }

    /// What updating template `id` with `template` would do, read from the server first: every
    /// field that changes, and among them what the server holds that `template` does not (the
    /// update would remove it). Nothing is sent; [`UpdatePlan::template`] is what to send.
    pub async fn plan_update(
        &self,
        target: &Target,
        id: &str,
        template: Template,
    ) -> Result<UpdatePlan, AppError> {
        if !winroll_core::client::is_template_id(id) {
            return Err(winroll_core::ApiError::InvalidTemplateId { id: id.to_owned() }.into());
        }
        let conn = self.connection(target).await?;
        let current = self
            .client()
            .find_by_id(&conn, id)
            .await?
            .ok_or_else(|| gone(id))?;
        // What the server does to what it is sent (numbers as text, a policy as an assignment)
        // is no change.
        let server = normalized(&Value::Object(current.body.clone()));
        let changes = changes(
            &server,
            &normalized(&Value::Object(template.body().clone())),
        );
        let template = template.ordered_like(&current.body);
        Ok(UpdatePlan {
            current,
            changes,
            template,
        })
    }

    /// Saves the window's form over template `id`. The form carries what the editor cannot show
    /// as it came (kept in place); `original` is the template as the server had it when the
    /// editor opened it (its `body`), whose field order the update keeps, so what was not edited
    /// goes back as it came. An original that is not a JSON object is an error: nothing is sent.
    pub async fn update_from_json(
        &self,
        target: &Target,
        id: &str,
        form: Value,
        original: Value,
    ) -> Result<UpdateOutcome, AppError> {
        if !original.is_object() {
            return Err(AppError::usage(
                ErrorCode::InputInvalid,
                "the server's copy of the template could not be read; nothing was sent",
                Some("Open the template again from Templates, then save.".into()),
            ));
        }
        let form = winroll_core::diff::in_order_of(form, &original);
        self.update(target, id, template_from_json(form)?.template)
            .await
    }
}

impl Winroll {
    /// What saving the window's form over template `id` would change, read from the server
    /// first (the same field-level changes `winroll update` shows); nothing is sent.
    pub async fn plan_update_from_json(
        &self,
        target: &Target,
        id: &str,
        form: Value,
        original: Value,
    ) -> Result<Vec<Change>, AppError> {
        let form = winroll_core::diff::in_order_of(form, &original);
        let plan = self
            .plan_update(target, id, template_from_json(form)?.template)
            .await?;
        Ok(plan.changes)
    }
}

/// An update, looked at before it is sent.
#[derive(Debug, Clone)]
pub struct UpdatePlan {
    /// The template as the server has it now.
    pub current: CreatedTemplate,
    /// Every field the update changes, from the server's value to the file's.
    pub changes: Vec<Change>,
    /// What to send: the file's template, in the server's field order.
    pub template: Template,
}

impl UpdatePlan {
    /// What the server holds that the update would remove.
    pub fn removals(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.removes())
    }
}

fn gone(id: &str) -> AppError {
    AppError::usage(
        ErrorCode::TemplateGone,
        format!("the organization has no template with id {id}; nothing was sent"),
        Some("`winroll list` shows each template's id.".into()),
    )
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
