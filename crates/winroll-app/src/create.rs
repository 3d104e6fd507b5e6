//! Create once, then settle: fill the client secret in, validate with the one validator, send
//! exactly once, and when the answer is lost after sending, search the name before anything is
//! said about retrying. Both front ends create through here.

use winroll_core::{
    ApiError, Connection, CreateOutcome, CreatedTemplate, EnrollmentTemplate, SecretSource,
    validate_template,
};
use winroll_keyring::SecretOrigin;

use crate::error::NameCheck;
use crate::{AppError, Target, Winroll};

/// A create ready to send: credentials resolved, secret filled in, template valid.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub target: Target,
    pub conn: Connection,
    pub template: EnrollmentTemplate,
    pub secret_origin: SecretOrigin,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct CreateOptions {
    /// Remember the template in this computer's history (its enrollment token in the keyring).
    pub record_history: bool,
}

impl Winroll {
    /// Resolves the target and the client secret and validates; sends nothing.
    pub async fn prepare(
        &self,
        target: &Target,
        template: EnrollmentTemplate,
    ) -> Result<Prepared, AppError> {
        let conn = self.connection(target).await?;
        self.prepare_for(target, conn, template).await
    }

    /// As [`Winroll::prepare`] with the connection already resolved (a batch resolves each
    /// target once, not once per item).
    pub async fn prepare_for(
        &self,
        target: &Target,
        conn: Connection,
        template: EnrollmentTemplate,
    ) -> Result<Prepared, AppError> {
        let needs_secret = template
            .mobility_app()
            .is_some_and(|app| app.client_secret.is_none());
        let (template, secret_origin) = if needs_secret {
            self.blocking(move |app| {
                let mut template = template;
                let origin = app.fill_client_secret(&mut template)?;
                Ok((template, origin))
            })
            .await?
        } else {
            let mut template = template;
            let origin = self.fill_client_secret(&mut template)?;
            (template, origin)
        };
        check_valid(&template)?;
        Ok(Prepared {
            target: target.clone(),
            conn,
            template,
            secret_origin,
        })
    }

    /// Sends once. A lost answer is settled by name: found means created (`foundByName`), not
    /// found or not searchable is an [`AppError::Unsettled`] that says which.
    pub async fn send(&self, prepared: &Prepared) -> Result<CreateOutcome, AppError> {
        match self
            .client()
            .create(&prepared.conn, &prepared.template)
            .await
        {
            Ok(created) => Ok(CreateOutcome::new(created)),
            Err(error) if error.is_uncertain() => {
                let name = &prepared.template.name;
                match self.settle(&prepared.conn, name).await {
                    Ok(found) => {
                        let mut outcome = CreateOutcome::new(found);
                        outcome.found_by_name = true;
                        Ok(outcome)
                    }
                    Err(check) => Err(AppError::Unsettled { error, check }),
                }
            }
            Err(error) => Err(error.into()),
        }
    }

    /// Prepares, sends and (if asked) records: the whole create of one template.
    pub async fn create(
        &self,
        target: &Target,
        template: EnrollmentTemplate,
        options: CreateOptions,
    ) -> Result<CreateOutcome, AppError> {
        let prepared = self.prepare(target, template).await?;
        let outcome = self.send(&prepared).await?;
        if options.record_history {
            self.record_in_history(&prepared, &outcome).await;
        }
        Ok(outcome)
    }

    /// After an uncertain create: does the organization now have a template of exactly this name?
    pub async fn settle(
        &self,
        conn: &Connection,
        name: &str,
    ) -> Result<CreatedTemplate, NameCheck> {
        match self.client().find_by_name(conn, name).await {
            Ok(Some(found)) => Ok(found),
            Ok(None) => Err(NameCheck::NotCreated),
            Err(e) => Err(NameCheck::Unknown(e)),
        }
    }

    /// The template of exactly this name in `target`'s organization, if any.
    pub async fn find_template(
        &self,
        target: &Target,
        name: &str,
    ) -> Result<Option<CreateOutcome>, AppError> {
        let conn = self.connection(target).await?;
        let found = self.client().find_by_name(&conn, name).await?;
        Ok(found.map(CreateOutcome::new))
    }

    /// One page of `target`'s templates; each one's enrollment token only when `show_tokens`.
    pub async fn list_templates(
        &self,
        target: &Target,
        query: &winroll_core::ListQuery,
        show_tokens: bool,
    ) -> Result<winroll_core::TemplatePage, AppError> {
        let conn = self.connection(target).await?;
        let page = self.client().list(&conn, query).await?;
        Ok(if show_tokens {
            page
        } else {
            page.without_tokens()
        })
    }

    /// The create call for this template as curl and PowerShell, credentials as placeholders.
    pub async fn request_snippets(
        &self,
        target: &Target,
        template: &EnrollmentTemplate,
    ) -> Result<winroll_core::RequestSnippets, AppError> {
        let conn = self.connection(target).await?;
        Ok(winroll_core::request_snippets(&conn, template))
    }
}

fn check_valid(template: &EnrollmentTemplate) -> Result<(), AppError> {
    let report = validate_template(template, SecretSource::InTemplate);
    if report.valid {
        Ok(())
    } else {
        Err(AppError::Invalid(report.errors))
    }
}

/// Whether a refused create means the name is taken (the API answers 5209 for a duplicate).
pub fn may_be_duplicate(error: &AppError) -> bool {
    matches!(error, AppError::Api(ApiError::InvalidInput { .. }))
}
