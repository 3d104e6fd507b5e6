//! Update a template in place: the same validator, secret filling and errors as create, sent as
//! `PUT …/enrollment-templates/{id}`. The template keeps its id and enrollment token; the change
//! affects future enrollments only. An update is idempotent, so a lost answer is reported as
//! uncertain with "sending it again is safe", never settled by name as a create must be.

use serde_json::{Map, Value};
use winroll_core::{CreateOutcome, EnrollmentTemplate, ErrorCode};

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
    ) -> Result<CreateOutcome, AppError> {
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
            Ok(updated) => Ok(CreateOutcome::new(updated)),
            Err(error) if error.is_uncertain() => Err(AppError::UpdateUncertain(error)),
            Err(error) => Err(error.into()),
        }
    }
}
