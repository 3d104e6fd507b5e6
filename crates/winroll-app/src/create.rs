//! Create once, then settle: fill the client secret in, send exactly once, and when the answer is
//! lost after sending, search the name before anything is said about retrying. Both front ends
//! create through here, with templates the one validator has checked (`Template`).

use std::time::{Duration, SystemTime};

use serde_json::Value;
use winroll_core::{
    ApiError, Call, Checked, Connection, CreateOutcome, CreatedTemplate, ErrorCode, ListQuery,
    SecretSource, Template, diff, scrub_secrets,
};
use winroll_keyring::SecretOrigin;

use crate::error::NameCheck;
use crate::{AppError, Target, Winroll};

/// How much of a create's answer to keep: all of it (the window edits from it), or what a
/// batch reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kept {
    Whole,
    Summary,
}

/// A create ready to send: credentials resolved, secret filled in, template valid.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub target: Target,
    pub conn: Connection,
    pub template: Template,
    pub secret_origin: SecretOrigin,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct CreateOptions {
    /// Remember the template in this computer's history (its enrollment token in the keyring).
    pub record_history: bool,
}

impl Winroll {
    /// Resolves the target and the client secret and validates; sends nothing.
    pub async fn prepare(&self, target: &Target, template: Template) -> Result<Prepared, AppError> {
        let conn = self.connection(target).await?;
        self.prepare_for(target, conn, template).await
    }

    /// As [`Winroll::prepare`] with the connection already resolved (a batch resolves each
    /// target once, not once per item).
    pub async fn prepare_for(
        &self,
        target: &Target,
        conn: Connection,
        template: Template,
    ) -> Result<Prepared, AppError> {
        let destination = winroll_core::Destination::of(target, &conn);
        let (template, secret_origin) = if template.needs_secret() {
            self.blocking(move |winroll| {
                let mut template = template;
                let origin = winroll.fill_client_secret(&mut template, &destination)?;
                Ok((template, origin))
            })
            .await?
        } else {
            let mut template = template;
            // Nothing to fill: no keyring read, no question.
            let origin = self.fill_client_secret(&mut template, &destination)?;
            (template, origin)
        };
        Ok(Prepared {
            target: target.clone(),
            conn,
            template,
            secret_origin,
        })
    }

    /// Sends once. A lost answer is settled by name: found, and made by this send, means created
    /// (`foundByName`); not found, found but there before, or not searchable is an
    /// [`AppError::Unsettled`] that says which.
    pub async fn send(&self, prepared: &Prepared) -> Result<CreateOutcome, AppError> {
        self.send_keeping(prepared, Kept::Whole, None).await
    }

    /// As [`Winroll::send`], keeping of the answer what `kept` says; `written` is the request's
    /// body when it was written beforehand (a batch's, on its reader's thread).
    pub(crate) async fn send_keeping(
        &self,
        prepared: &Prepared,
        kept: Kept,
        written: Option<bytes::Bytes>,
    ) -> Result<CreateOutcome, AppError> {
        let started = SystemTime::now();
        let client = self.client();
        let (conn, template) = (&prepared.conn, &prepared.template);
        let sent = match kept {
            Kept::Whole => client.create(conn, template).await,
            Kept::Summary => client.create_summary(conn, template, written).await,
        };
        match sent {
            Ok(created) => Ok(CreateOutcome::new(created)),
            Err(error) if error.is_uncertain() => {
                match self
                    .settle(&prepared.conn, &prepared.template, started)
                    .await
                {
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
        template: Template,
        options: CreateOptions,
    ) -> Result<CreateOutcome, AppError> {
        let prepared = self.prepare(target, template).await?;
        let outcome = self.send(&prepared).await?;
        if options.record_history {
            self.record_in_history(&prepared, &outcome).await;
        }
        Ok(outcome)
    }

    /// After an uncertain create sent at `started`: did it make a template? Only a template of
    /// exactly this name that was created after the send began (give or take
    /// [`SETTLE_CLOCK_SKEW`]) and holds what was sent counts; one that was there before is
    /// [`NameCheck::Existed`], never adopted as this send's.
    pub async fn settle(
        &self,
        conn: &Connection,
        template: &Template,
        started: SystemTime,
    ) -> Result<CreatedTemplate, NameCheck> {
        let found = self.named(conn, template).await?;
        if made_by_this_send(&found, template, started) {
            Ok(found)
        } else {
            Err(NameCheck::Existed {
                created_at: found.created_at,
            })
        }
    }

    /// The organization's template of exactly `template`'s name, searched in its segment when it
    /// names one.
    pub async fn named(
        &self,
        conn: &Connection,
        template: &Template,
    ) -> Result<CreatedTemplate, NameCheck> {
        let filter = ListQuery {
            segment_id: template.segment_id(),
            ..ListQuery::default()
        };
        match self
            .client()
            .find_by_name(conn, template.name(), &filter)
            .await
        {
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
        let found = self
            .client()
            .find_by_name(&conn, name, &ListQuery::default())
            .await?;
        Ok(found.map(CreateOutcome::new))
    }

    /// Template `id` in `target`'s organization as the server has it now, for editing: looked up
    /// by `name` (its name when last seen) first, then by id on every page. Its enrollment token
    /// stays out (the window never needs it).
    pub async fn template_for_edit(
        &self,
        target: &Target,
        id: &str,
        name: &str,
    ) -> Result<CreatedTemplate, AppError> {
        let conn = self.connection(target).await?;
        let by_name = self
            .client()
            .find_by_name(&conn, name, &ListQuery::default())
            .await?;
        let found = match by_name.filter(|t| t.id.as_deref() == Some(id)) {
            Some(found) => Some(found),
            None => self.client().find_by_id(&conn, id).await?,
        };
        let mut found = found.ok_or_else(|| {
            AppError::usage(
                ErrorCode::TemplateGone,
                format!("the organization has no template with id {id} any more (last seen as {name:?}): it was removed"),
                Some("Open it from the Templates view, or create it again.".into()),
            )
        })?;
        if let Some(token) = found.win_enrollment_token.as_mut() {
            token.token = None;
        }
        Ok(found)
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

    /// As [`Winroll::request_snippets`] for the window's form, checked first.
    pub async fn request_snippets_for_json(
        &self,
        target: &Target,
        form: Value,
    ) -> Result<winroll_core::RequestSnippets, AppError> {
        self.request_snippets(target, &template_from_json(form)?.template)
            .await
    }

    /// The create call for this template as curl and PowerShell, credentials as placeholders.
    pub async fn request_snippets(
        &self,
        target: &Target,
        template: &Template,
    ) -> Result<winroll_core::RequestSnippets, AppError> {
        let conn = self.connection(target).await?;
        Ok(winroll_core::request_snippets(&conn, template))
    }
}

/// A template given as JSON (the window's form), checked by the one validator and kept whole.
/// Its client secret may be missing: it is filled in before sending.
pub fn template_from_json(value: Value) -> Result<Checked, AppError> {
    Template::from_value(value, SecretSource::Keyring).map_err(AppError::Invalid)
}

/// A template file's text (the CLI's files), checked the same way: JSON errors name their line
/// and column.
pub fn template_from_text(text: &str) -> Result<Checked, AppError> {
    Template::from_text(text, SecretSource::Keyring).map_err(AppError::Invalid)
}

impl Winroll {
    /// Creates the window's form in `target`, and remembers it in this computer's history.
    pub async fn create_from_json(
        &self,
        target: &Target,
        form: Value,
    ) -> Result<CreateOutcome, AppError> {
        let options = CreateOptions {
            record_history: true,
        };
        self.create(target, template_from_json(form)?.template, options)
            .await
    }
}

/// How far this computer's clock and the server's may disagree when a lost create is settled:
/// a template found by name counts as this send's only when the server says it was created no
/// earlier than this before the send began.
pub const SETTLE_CLOCK_SKEW: Duration = Duration::from_secs(10 * 60);

/// Whether `found` is what a send of `sent` begun at `started` made: created after it began
/// (within the clock skew; a time that cannot be read proves nothing) and holding what was sent,
/// as the server holds it (what it adds, normalises or does not echo, such as the secret, is no
/// difference).
fn made_by_this_send(found: &CreatedTemplate, sent: &Template, started: SystemTime) -> bool {
    let Some(created) = found.created_at.as_deref().and_then(server_time) else {
        return false;
    };
    if created + SETTLE_CLOCK_SKEW < started {
        return false;
    }
    let sent = diff::normalized(&Value::Object(sent.body().clone()));
    let mut held = Value::Object(found.body.clone());
    scrub_secrets(&mut held);
    diff::changes(&sent, &diff::normalized(&held))
        .iter()
        .all(|change| change.from.is_none())
}

/// A server's RFC 3339 time, read leniently: the vendor's page shows `2026-02-10T12: 00:00Z`.
fn server_time(text: &str) -> Option<SystemTime> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    humantime::parse_rfc3339(&compact)
        .or_else(|_| humantime::parse_rfc3339_weak(compact.trim_end_matches('Z')))
        .ok()
}

/// Whether a refused create means the name is taken (the API answers 5209 for a duplicate).
pub fn may_be_duplicate(error: &AppError) -> bool {
    matches!(
        error,
        AppError::Api(ApiError::InvalidInput {
            call: Call::Create,
            ..
        })
    )
}
