//! The batch engine, under both front ends (and `apply`): everything is read, validated and
//! resolved (tokens, client secrets) before the first request; then the creates run with bounded
//! concurrency, a 429 pauses every worker, a lost answer is settled by name, a refused create is
//! checked for a name that already exists, and what an earlier run finished is skipped.
//! A front end shows progress and keeps the report; the decisions are made here.

mod pause;
mod source;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::ControlFlow;
use std::sync::Arc;

use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use winroll_core::mix::Mix;
use winroll_core::{
    ApiError, ClientSecret, Connection, CreatedTemplate, ErrorCode, Problem, SecretSource,
    Template, validate_value,
};
use winroll_files::EntraAppId;
use winroll_keyring::SecretOrigin;

pub use pause::{DEFAULT_RATE_LIMIT_WAIT, LONGEST_RATE_LIMIT_WAIT, Pause, RATE_LIMIT_RETRIES};
pub use source::{Item, ItemSource, at_item};

use crate::create::may_be_duplicate;
use crate::{AppError, Class, Prepared, Target, Winroll};

/// What to create where.
pub enum Work {
    /// Many templates, one target.
    Batch {
        source: Arc<dyn ItemSource>,
        target: Target,
    },
    /// One template, several targets.
    RollOut {
        template: Template,
        targets: Vec<Target>,
    },
    /// A folder's plan carried out (`apply`): item `i` of `source` updates the template with id
    /// `updates[i]` when there is one, and is created otherwise. The plan checked every file as
    /// it read them: their fingerprints and the Entra ID apps that need a secret come along, so
    /// the files are not read and checked once more before the first request.
    Apply {
        source: Arc<dyn ItemSource>,
        target: Target,
        updates: Vec<Option<String>>,
        fingerprints: Vec<u64>,
        apps: BTreeSet<EntraAppId>,
    },
}

impl std::fmt::Debug for Work {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Work::Batch { target, .. } => f.debug_struct("Batch").field("target", target).finish(),
            Work::Apply {
                target, updates, ..
            } => f
                .debug_struct("Apply")
                .field("target", target)
                .field("items", &updates.len())
                .finish(),
            Work::RollOut { targets, .. } => {
                f.debug_struct("RollOut").field("targets", targets).finish()
            }
        }
    }
}

/// A batch whose every item was checked and whose credentials were resolved: nothing can fail
/// for want of a secret or a token once it runs.
#[derive(Debug)]
pub struct Checked {
    plan: Plan,
    count: usize,
}

/// Each Entra ID app's client secret, looked up once before the batch runs.
type Secrets = HashMap<EntraAppId, (ClientSecret, SecretOrigin)>;

enum Plan {
    Batch {
        source: Arc<dyn ItemSource>,
        target: Target,
        conn: Connection,
        secrets: Arc<Secrets>,
        /// An `apply`'s update ids by item (empty for a batch of creates).
        updates: Arc<Vec<Option<String>>>,
        /// Each item's content as checked (see [`fingerprint`]).
        fingerprints: Arc<Vec<u64>>,
    },
    RollOut {
        jobs: Vec<Job>,
    },
}

impl std::fmt::Debug for Plan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Plan::Batch { target, .. } => f.debug_struct("Batch").field("target", target).finish(),
            Plan::RollOut { jobs } => f
                .debug_struct("RollOut")
                .field("jobs", &jobs.len())
                .finish(),
        }
    }
}

impl Checked {
    /// How many creates it holds (before any is skipped as done).
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// One create (or, for `apply`, update) to make.
struct Job {
    item: usize,
    prepared: Prepared,
    /// A create's body, written on the reader's thread (it carries the client secret: never
    /// printed, and `Job` has no `Debug`).
    body: Option<bytes::Bytes>,
    /// The id of the template this item updates in place.
    update: Option<String>,
}

/// How an item ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Status {
    Created,
    /// Updated in place (`apply`).
    Updated,
    /// A template of that name was already in the organization: reported, not duplicated.
    Exists,
    Failed,
}

/// One item's result, as it lands.
#[derive(Debug, Clone)]
pub struct ItemResult {
    /// The item's index in the input (0 for each target of a roll-out).
    pub item: usize,
    pub target: Target,
    /// Empty when the item failed before its name could be read.
    pub name: String,
    pub status: Status,
    /// The template the server answered (created, or found by name).
    pub template: Option<CreatedTemplate>,
    pub error: Option<AppError>,
}

/// What a front end hears as the batch runs.
#[derive(Debug)]
pub enum Progress<'a> {
    /// An item an earlier run finished.
    Skipped,
    Finished(&'a ItemResult),
}

/// The batch, counted; `worst` says who has to act when anything failed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub created: usize,
    pub updated: usize,
    pub exists: usize,
    pub failed: usize,
    pub skipped: usize,
    pub worst: Option<Class>,
}

impl Tally {
    /// Counts one finished item.
    pub fn count(&mut self, result: &ItemResult) {
        match result.status {
            Status::Created => self.created += 1,
            Status::Updated => self.updated += 1,
            Status::Exists => self.exists += 1,
            Status::Failed => self.failed += 1,
        }
        if let Some(error) = &result.error {
            self.worst = Some(worse(self.worst, error.class()));
        }
    }
}

/// Unavailable outranks the rest: it is the one a retry may fix.
fn worse(current: Option<Class>, next: Class) -> Class {
    match (current, next) {
        (Some(Class::Unavailable), _) | (_, Class::Unavailable) => Class::Unavailable,
        _ => next,
    }
}

/// What an earlier run finished (created, or already there), by name and target: an input edited
/// since (items added, removed, reordered) still skips exactly what exists.
#[derive(Debug, Clone, Default)]
pub struct Finished(HashSet<(String, String)>);

impl Finished {
    /// `target` as a report names it ([`Target::label`]).
    pub fn insert(&mut self, name: String, target: String) {
        self.0.insert((name, target));
    }

    fn contains(&self, name: &str, target: &Target) -> bool {
        self.0.contains(&(name.to_owned(), target.label()))
    }
}

/// How many items the reader keeps ready beyond those in flight.
const READ_AHEAD: usize = 64;

/// How many items the reader hands over at once: one wake-up of the sending side per chunk, not
/// per item (on two cores, each hand-off was a context switch the server paid for too).
const CHUNK: usize = 32;

impl Winroll {
    /// Reads and validates everything and resolves credentials; fails before any request is
    /// sent, with every problem of every item. A batch's items are read one by one and nothing
    /// of them is kept but what the checks need (the Entra ID apps without a secret).
    pub async fn check_batch(&self, work: Work) -> Result<Checked, AppError> {
        let (source, target, updates, checked) = match work {
            Work::Batch { source, target } => (source, target, Vec::new(), None),
            Work::Apply {
                source,
                target,
                updates,
                fingerprints,
                apps,
            } => (
                source,
                target,
                updates,
                Some((fingerprints.len(), apps, fingerprints)),
            ),
            Work::RollOut { template, targets } => {
                return self.check_roll_out(template, targets).await;
            }
        };
        let (count, apps, fingerprints) = match checked {
            Some(checked) => checked,
            None => check_items(source.as_ref())?,
        };
        // Every Entra ID app's secret is looked up now, once: a missing one stops the batch
        // before its first request rather than halfway through, and no item waits for the
        // keyring. Asked (if at all) once per app for the whole batch.
        self.check_given_secret_for(&apps)?;
        let conn = self.connection(&target).await?;
        let destination = winroll_core::Destination::of(&target, &conn);
        let secrets = self
            .blocking(move |winroll| {
                apps.into_iter()
                    .map(|id| {
                        let secret = winroll.client_secret_for(&id, &destination)?;
                        Ok((id, secret))
                    })
                    .collect::<Result<Secrets, AppError>>()
            })
            .await?;
        Ok(Checked {
            plan: Plan::Batch {
                source,
                target,
                conn,
                secrets: Arc::new(secrets),
                updates: Arc::new(updates),
                fingerprints: Arc::new(fingerprints),
            },
            count,
        })
    }

    /// One template to several targets: each target's connection and secret resolved now.
    async fn check_roll_out(
        &self,
        template: Template,
        targets: Vec<Target>,
    ) -> Result<Checked, AppError> {
        self.check_given_token_for(&targets)?;
        self.check_given_secret_for(crate::secrets::app_needing_secret(&template).iter())?;
        let mut jobs = Vec::new();
        for target in targets {
            let conn = self.connection(&target).await?;
            let prepared = self.prepare_for(&target, conn, template.clone()).await?;
            jobs.push(Job {
                item: 0,
                prepared,
                body: None,
                update: None,
            });
        }
        let count = jobs.len();
        Ok(Checked {
            plan: Plan::RollOut { jobs },
            count,
        })
    }

    /// Runs a checked batch, `concurrency` creates at once, skipping what `finished` holds.
    /// `progress` hears of every item as it lands (in the order they finish); an error from it
    /// (a report that cannot be written) stops the batch.
    pub async fn run_batch<E>(
        &self,
        checked: Checked,
        finished: Finished,
        concurrency: usize,
        mut progress: impl FnMut(Progress<'_>) -> Result<(), E>,
    ) -> Result<Tally, E> {
        let pause = Pause::default();
        let mut tally = Tally::default();
        let mut results = self
            .work(checked.plan, finished)
            .map(|next| async {
                match next {
                    Next::Create(job) => Some(self.create_one(*job, &pause).await),
                    Next::Skip => None,
                    Next::Fail(result) => Some(*result),
                }
            })
            .buffer_unordered(concurrency.max(1));
        while let Some(result) = results.next().await {
            match result {
                None => {
                    tally.skipped += 1;
                    progress(Progress::Skipped)?;
                }
                Some(result) => {
                    tally.count(&result);
                    progress(Progress::Finished(&result))?;
                }
            }
        }
        Ok(tally)
    }

    /// The work, in order. A batch's source is read a second time as the workers take items: a
    /// reader thread keeps a few items ahead, so memory holds what is in flight, not the batch.
    fn work(&self, plan: Plan, finished: Finished) -> futures_util::stream::BoxStream<'_, Next> {
        let finished = Arc::new(finished);
        match plan {
            Plan::RollOut { jobs } => {
                futures_util::stream::iter(jobs.into_iter().map(move |job| {
                    if finished.contains(job.prepared.template.name(), &job.prepared.target) {
                        Next::Skip
                    } else {
                        Next::Create(Box::new(job))
                    }
                }))
                .boxed()
            }
            Plan::Batch {
                source,
                target,
                conn,
                secrets,
                updates,
                fingerprints,
            } => {
                let items = ItemPreparer {
                    target,
                    conn,
                    secrets,
                    updates,
                    fingerprints,
                    finished,
                };
                let (sender, receiver) =
                    tokio::sync::mpsc::channel::<Vec<Next>>(READ_AHEAD / CHUNK);
                // Reading, checking the fingerprint and filling in the secret happen on the
                // reader's thread: the thread running the requests only sends.
                std::thread::spawn(move || {
                    let _ = read_in_chunks(
                        source.as_ref(),
                        |index, item| items.next(index, item),
                        |chunk| sender.blocking_send(chunk).is_ok(),
                    );
                });
                futures_util::stream::unfold(receiver, |mut receiver| async move {
                    receiver.recv().await.map(|chunk| (chunk, receiver))
                })
                .flat_map(futures_util::stream::iter)
                .boxed()
            }
        }
    }

    /// Creates one template; a lost answer is settled by name, a refusal checked for a
    /// duplicate. A 429 is a refusal to do anything, so the same item is sent again once the
    /// pause is over.
    async fn create_one(&self, job: Job, pause: &Pause) -> ItemResult {
        let prepared = &job.prepared;
        let name = prepared.template.name().to_owned();
        let mut retries = 0;
        let sent = loop {
            pause.wait().await;
            let answer = match &job.update {
                Some(id) => self.send_update(prepared, id).await.map(|o| o.template),
                None => self
                    .send_keeping(prepared, crate::create::Kept::Summary, job.body.clone())
                    .await
                    .map(|o| o.template),
            };
            match answer {
                Err(AppError::Api(ApiError::RateLimited { retry_after }))
                    if retries < RATE_LIMIT_RETRIES =>
                {
                    retries += 1;
                    pause.extend(retry_after.unwrap_or(DEFAULT_RATE_LIMIT_WAIT));
                }
                other => break other,
            }
        };
        let done = if job.update.is_some() {
            Status::Updated
        } else {
            Status::Created
        };
        let outcome = match sent {
            Ok(template) => Ok((done, template)),
            // The API refuses a duplicate name with 5209; confirm it by name, not by wording.
            Err(e) if job.update.is_none() && may_be_duplicate(&e) => {
                match self.named(&prepared.conn, &prepared.template).await {
                    Ok(existing) => Ok((Status::Exists, existing)),
                    Err(_) => Err(e),
                }
            }
            Err(e) => Err(e),
        };
        let (status, template, error) = match outcome {
            Ok((status, template)) => (status, Some(template), None),
            Err(e) => (Status::Failed, None, Some(e)),
        };
        ItemResult {
            item: job.item,
            target: prepared.target.clone(),
            name,
            status,
            template,
            error,
        }
    }
}

/// Turns a batch's items, as read the second time, into the work for the senders.
struct ItemPreparer {
    target: Target,
    conn: Connection,
    secrets: Arc<Secrets>,
    updates: Arc<Vec<Option<String>>>,
    fingerprints: Arc<Vec<u64>>,
    finished: Arc<Finished>,
}

impl ItemPreparer {
    fn next(&self, item: usize, value: Item) -> Next {
        let target = &self.target;
        let unchanged = |v: &Value| self.fingerprints.get(item) == Some(&fingerprint(v));
        let template = match value {
            Ok(v) if unchanged(&v) => match Template::from_validated(v) {
                Some(template) => template,
                None => return changed(item, target),
            },
            // The input changed since it was checked: checked again.
            Ok(v) => match Template::from_value(v, SecretSource::Keyring) {
                Ok(checked) => checked.template,
                Err(_) => return changed(item, target),
            },
            Err(_) => return changed(item, target),
        };
        if self.finished.contains(template.name(), target) {
            return Next::Skip;
        }
        match with_secret(template, &self.secrets) {
            Ok((template, secret_origin)) => {
                let update = self.updates.get(item).cloned().flatten();
                // A create's body is written here, off the thread running the requests (an
                // update is sent as `update` writes it).
                let body = match update {
                    None => template.request_body().ok().map(bytes::Bytes::from),
                    Some(_) => None,
                };
                Next::Create(Box::new(Job {
                    item,
                    prepared: Prepared {
                        target: target.clone(),
                        conn: self.conn.clone(),
                        template,
                        secret_origin,
                    },
                    body,
                    update,
                }))
            }
            Err(e) => failed(item, target, e),
        }
    }
}

/// What the stream of work hands the workers: a create, an item done earlier, or an item that
/// failed before it could be sent.
enum Next {
    Create(Box<Job>),
    Skip,
    Fail(Box<ItemResult>),
}

/// Validates every item; answers how many there are and the Entra ID apps whose secret must
/// come from the keyring (or the environment). Items are read on this thread and checked on
/// another as they come, in order: nothing else runs before the first request, so both cores
/// are free for it.
fn check_items(
    source: &dyn ItemSource,
) -> Result<(usize, BTreeSet<EntraAppId>, Vec<u64>), AppError> {
    let (read, found) = std::thread::scope(|scope| {
        let (sender, received) = std::sync::mpsc::sync_channel::<Vec<(usize, Item)>>(4);
        let checker = scope.spawn(move || {
            let mut found = Findings::default();
            for (index, item) in received.into_iter().flatten() {
                found.check(index, item);
            }
            found
        });
        let read = read_in_chunks(
            source,
            |index, item| (index, item),
            |chunk| sender.send(chunk).is_ok(),
        );
        drop(sender);
        let found = checker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (read, found)
    });
    read?;
    found.finish()
}

/// Reads `source`, each item turned into a `T` by `each`, and hands them to `hand` `CHUNK` at a
/// time (one wake-up of the other side per chunk, not per item); stops once `hand` answers
/// false (the other side is gone). The last, partial chunk goes only when the reading ended well.
fn read_in_chunks<T>(
    source: &dyn ItemSource,
    mut each: impl FnMut(usize, Item) -> T,
    mut hand: impl FnMut(Vec<T>) -> bool,
) -> Result<(), AppError> {
    let mut chunk = Vec::with_capacity(CHUNK);
    source.for_each(&mut |index, item| {
        chunk.push(each(index, item));
        if chunk.len() < CHUNK {
            return ControlFlow::Continue(());
        }
        if hand(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK))) {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    })?;
    if !chunk.is_empty() {
        hand(chunk);
    }
    Ok(())
}

/// What checking a batch's items found so far.
#[derive(Default)]
struct Findings {
    problems: Vec<Problem>,
    apps: BTreeSet<EntraAppId>,
    count: usize,
    fingerprints: Vec<u64>,
}

impl Findings {
    fn check(&mut self, index: usize, item: Item) {
        let value = match item {
            Ok(value) => value,
            Err(problem) => return self.problems.push(problem),
        };
        let report = validate_value(&value, SecretSource::Keyring);
        if !report.valid {
            let at = report.errors.into_iter().map(|p| at_item(index, p));
            return self.problems.extend(at);
        }
        self.count += 1;
        if self.fingerprints.len() <= index {
            self.fingerprints.resize(index + 1, 0);
        }
        self.fingerprints[index] = fingerprint(&value);
        self.apps.extend(app_without_secret(&value));
    }

    fn finish(mut self) -> Result<(usize, BTreeSet<EntraAppId>, Vec<u64>), AppError> {
        if self.count == 0 && self.problems.is_empty() {
            self.problems.push(Problem {
                path: "(root)".into(),
                message: "the batch holds no template".into(),
            });
        }
        if self.problems.is_empty() {
            Ok((self.count, self.apps, self.fingerprints))
        } else {
            Err(AppError::Invalid(self.problems))
        }
    }
}

/// The Entra ID app of a valid item that carries no client secret: the keyring (or the
/// environment) must supply it.
pub(crate) fn app_without_secret(value: &Value) -> Option<EntraAppId> {
    let mobility_app = value.pointer("/entraId/mobilityApp")?;
    if mobility_app.get("clientSecret").is_some() {
        return None;
    }
    let id = |key: &str| mobility_app[key].as_str().unwrap_or_default().to_owned();
    Some(EntraAppId {
        tenant_id: id("tenantId"),
        client_id: id("clientId"),
    })
}

/// A 64-bit fingerprint of a JSON value's whole content (a multiply-xor hash over a walk of
/// it, keys in order, eight bytes at a time): an item read again to be sent is validated again
/// only when its fingerprint differs from the one taken when it was checked, which halves the
/// validator's work in a batch. Not a defence against someone crafting collisions: the check
/// guards against a file edited between the two reads.
pub(crate) fn fingerprint(value: &Value) -> u64 {
    fn walk(hash: Mix, value: &Value) -> Mix {
        match value {
            Value::Null => hash.word(1),
            Value::Bool(b) => hash.word(2 + u64::from(*b)),
            // `1` and `1.0` are different items (the validator may say so).
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => hash.word(4).word(u),
                (None, Some(i)) => hash.word(5).word(i as u64),
                (None, None) => hash.word(6).word(n.as_f64().map_or(0, f64::to_bits)),
            },
            Value::String(s) => hash.word(7).bytes(s.as_bytes()),
            Value::Array(items) => items
                .iter()
                .fold(hash.word(8).word(items.len() as u64), walk),
            Value::Object(fields) => fields
                .iter()
                .fold(hash.word(9).word(fields.len() as u64), |hash, (k, v)| {
                    walk(hash.bytes(k.as_bytes()), v)
                }),
        }
    }
    walk(Mix::default(), value).finish()
}

/// The template with its client secret from the batch's secrets, when it needs one.
fn with_secret(
    mut template: Template,
    secrets: &Secrets,
) -> Result<(Template, SecretOrigin), AppError> {
    let Some(id) = crate::secrets::app_needing_secret(&template) else {
        let origin = if template.secret().is_some() {
            SecretOrigin::Template
        } else {
            SecretOrigin::NotNeeded
        };
        return Ok((template, origin));
    };
    // Every app of the batch was looked up before it ran; one missing now changed since.
    let (secret, origin) = secrets.get(&id).cloned().ok_or_else(|| {
        AppError::usage(
            ErrorCode::InputInvalid,
            "an item changed in the file after the batch was checked; it was not sent",
            Some("Run the batch again with --resume.".into()),
        )
    })?;
    template
        .set_secret(secret)
        .map_err(|p| AppError::Invalid(vec![p]))?;
    Ok((template, origin))
}

fn changed(item: usize, target: &Target) -> Next {
    let error = AppError::usage(
        ErrorCode::InputInvalid,
        format!("item {item} changed in the file after the batch was checked; it was not sent"),
        Some("Run the batch again with --resume.".into()),
    );
    failed(item, target, error)
}

/// An item that failed before it could be sent.
fn failed(item: usize, target: &Target, error: AppError) -> Next {
    Next::Fail(Box::new(ItemResult {
        item,
        target: target.clone(),
        name: String::new(),
        status: Status::Failed,
        template: None,
        error: Some(error),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::winroll;
    use serde_json::Value;

    fn template(name: &str) -> Value {
        serde_json::json!({ "name": name, "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }] })
    }

    /// Reads valid items when checked, then a changed item: the second one broken, the third
    /// valid but different.
    struct ChangesAfterTheCheck {
        reads: std::sync::atomic::AtomicUsize,
    }

    impl ItemSource for ChangesAfterTheCheck {
        fn for_each(
            &self,
            each: &mut dyn FnMut(usize, Item) -> ControlFlow<()>,
        ) -> Result<(), AppError> {
            let read = self.reads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let items = if read == 0 {
                vec![
                    template("Same"),
                    template("Broken later"),
                    template("Renamed later"),
                ]
            } else {
                vec![
                    template("Same"),
                    serde_json::json!({ "name": "" }),
                    template("Renamed now"),
                ]
            };
            for (i, item) in items.into_iter().enumerate() {
                if each(i, Ok(item)).is_break() {
                    break;
                }
            }
            Ok(())
        }
    }

    /// The second read sends an item unvalidated only when it is what was checked.
    #[tokio::test]
    async fn an_item_that_changed_after_the_check_is_checked_again() {
        let (_dir, winroll) = winroll();
        let checked = winroll
            .check_batch(Work::Batch {
                source: Arc::new(ChangesAfterTheCheck {
                    reads: Default::default(),
                }),
                target: Target::Sandbox {
                    organization_id: "winroll-demo".into(),
                },
            })
            .await
            .unwrap();
        let mut seen = Vec::new();
        winroll
            .run_batch(checked, Finished::default(), 1, |p| {
                if let Progress::Finished(r) = p {
                    let code = r.error.as_ref().map(|e| e.info().code);
                    seen.push((r.item, r.status, r.name.clone(), code));
                }
                Ok::<(), ()>(())
            })
            .await
            .unwrap();
        seen.sort_by_key(|s| s.0);
        assert_eq!(
            seen,
            [
                (0, Status::Created, "Same".to_owned(), None),
                // Refused here, never sent for the server to refuse.
                (
                    1,
                    Status::Failed,
                    String::new(),
                    Some(ErrorCode::InputInvalid)
                ),
                (2, Status::Created, "Renamed now".to_owned(), None),
            ]
        );
        assert_ne!(fingerprint(&template("a")), fingerprint(&template("b")));
        assert_ne!(
            fingerprint(&serde_json::json!({ "a": 1 })),
            fingerprint(&serde_json::json!({ "a": 1.0 }))
        );
        assert_ne!(
            fingerprint(&serde_json::json!(["ab", "c"])),
            fingerprint(&serde_json::json!(["a", "bc"]))
        );
    }

    #[tokio::test]
    async fn one_invalid_item_stops_everything_before_a_request() {
        let (_dir, winroll) = winroll();
        let items: Vec<Value> = vec![
            template("A"),
            serde_json::json!({ "name": "" }),
            template("C"),
        ];
        let err = winroll
            .check_batch(Work::Batch {
                source: Arc::new(items),
                target: Target::Sandbox {
                    organization_id: "winroll-demo".into(),
                },
            })
            .await
            .unwrap_err();
        let AppError::Invalid(problems) = err else {
            panic!("expected the items' problems, got {err:?}");
        };
        assert!(
            problems.iter().all(|p| p.path.starts_with("[1]")),
            "{problems:?}"
        );
    }

    #[tokio::test]
    async fn creates_skips_what_was_finished_and_counts_what_exists() {
        let (_dir, winroll) = winroll();
        let target = Target::Sandbox {
            organization_id: "winroll-demo".into(),
        };
        let first: Vec<Value> = vec![template("A"), template("B")];
        let checked = winroll
            .check_batch(Work::Batch {
                source: Arc::new(first),
                target: target.clone(),
            })
            .await
            .unwrap();
        let tally = winroll
            .run_batch(checked, Finished::default(), 2, |_| Ok::<(), ()>(()))
            .await
            .unwrap();
        assert_eq!((tally.created, tally.failed, tally.worst), (2, 0, None));
        // Again, with A done earlier and B created since: A is skipped, B already exists.
        let mut finished = Finished::default();
        finished.insert("A".into(), target.label());
        let again: Vec<Value> = vec![template("A"), template("B"), template("C")];
        let checked = winroll
            .check_batch(Work::Batch {
                source: Arc::new(again),
                target,
            })
            .await
            .unwrap();
        let mut seen = Vec::new();
        let tally = winroll
            .run_batch(checked, finished, 1, |p| {
                if let Progress::Finished(r) = p {
                    seen.push((r.name.clone(), r.status));
                }
                Ok::<(), ()>(())
            })
            .await
            .unwrap();
        assert_eq!((tally.created, tally.exists, tally.skipped), (1, 1, 1));
        seen.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            seen,
            [
                ("B".to_owned(), Status::Exists),
                ("C".to_owned(), Status::Created)
            ]
        );
    }
}
