//! `apply`: a folder's plan carried out on the batch engine. Creates are sent once and settled
//! by name when an answer is lost (never a duplicate); updates send the file whole (lossless);
//! a 429 pauses every worker. It plans first, every time, so after a failure running it again
//! carries on from what the organization now holds.

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use winroll_core::ErrorInfo;

use super::files::FolderSource;
use super::map::IdMap;
use super::plan::FolderPlan;
use crate::batch::{Finished, Progress, Status, Tally, Work};
use crate::{AppError, Target, Winroll};

impl Winroll {
    /// Plans `dir` against `target` and carries the plan out, `concurrency` requests at once.
    /// `planned` hears the plan before anything is sent; `progress` each template as it lands.
    pub async fn apply_folder<E>(
        &self,
        target: &Target,
        dir: &Path,
        map: Option<Arc<IdMap>>,
        concurrency: usize,
        planned: impl FnOnce(&FolderPlan),
        progress: impl FnMut(Progress<'_>) -> Result<(), E>,
    ) -> Result<Result<Tally, E>, AppError> {
        let plan = self.plan_folder(target, dir, map.as_deref()).await?;
        planned(&plan);
        let creates = plan.create.iter().map(|name| (name, None));
        let updates = plan
            .update
            .iter()
            .map(|update| (&update.name, Some(update.id.clone())));
        let mut work = Vec::new();
        for (name, update) in creates.chain(updates) {
            if let Some(file) = plan.folder_file(name) {
                work.push((file, update));
            }
        }
        if work.is_empty() {
            return Ok(Ok(Tally::default()));
        }
        let work = Work::Apply {
            apps: work
                .iter()
                .filter_map(|(file, _)| file.app.as_deref().cloned())
                .collect(),
            fingerprints: work.iter().map(|(file, _)| file.fingerprint).collect(),
            source: Arc::new(FolderSource {
                files: work.iter().map(|(file, _)| file.path.clone()).collect(),
                map,
            }),
            target: target.clone(),
            updates: work.into_iter().map(|(_, update)| update).collect(),
        };
        let checked = self.check_batch(work).await?;
        Ok(self
            .run_batch(checked, Finished::default(), concurrency, progress)
            .await)
    }
}

/// One template of an apply, as it landed (what the window shows, line by line).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct Applied {
    pub name: String,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
    /// How many of the plan's templates have landed, this one included, and of how many.
    pub done: usize,
    pub total: usize,
}

/// A whole apply: the plan it carried out and how each template ended.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ApplyReport {
    pub plan: FolderPlan,
    pub results: Vec<Applied>,
}

impl Winroll {
    /// [`Winroll::apply_folder`] for the window: `landed` hears each template as it lands.
    pub async fn apply_folder_report(
        &self,
        target: &Target,
        dir: &Path,
        mut landed: impl FnMut(&Applied),
    ) -> Result<ApplyReport, AppError> {
        let mut plan_seen = None;
        // Set when the plan is known, read as each template lands.
        let total = std::sync::atomic::AtomicUsize::new(0);
        let mut results = Vec::new();
        let outcome = self
            .apply_folder(
                target,
                dir,
                None,
                4,
                |plan| {
                    total.store(
                        plan.create.len() + plan.update.len(),
                        std::sync::atomic::Ordering::Relaxed,
                    );
                    plan_seen = Some(plan.clone());
                },
                |event| {
                    if let Progress::Finished(result) = event {
                        let applied = Applied {
                            name: result.name.clone(),
                            status: result.status,
                            error: result.error.as_ref().map(AppError::info),
                            done: results.len() + 1,
                            total: total.load(std::sync::atomic::Ordering::Relaxed),
                        };
                        landed(&applied);
                        results.push(applied);
                    }
                    Ok::<(), std::convert::Infallible>(())
                },
            )
            .await?;
        let Ok(_) = outcome;
        Ok(ApplyReport {
            plan: plan_seen.unwrap_or_default(),
            results,
        })
    }
}
