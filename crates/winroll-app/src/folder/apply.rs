//! `apply`: a folder's plan carried out on the batch engine. Creates are sent once and settled
//! by name when an answer is lost (never a duplicate); updates send the file whole (lossless);
//! a 429 pauses every worker. It plans first, every time, so after a failure running it again
//! carries on from what the organization now holds.

use std::path::Path;
use std::sync::Arc;

use super::files::FolderSource;
use super::map::IdMap;
use super::plan::FolderPlan;
use crate::batch::{Finished, Progress, Tally, Work};
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
        let mut files = Vec::new();
        let mut updates = Vec::new();
        for name in &plan.create {
            files.extend(plan.file_of(name).map(Path::to_path_buf));
            updates.push(None);
        }
        for update in &plan.update {
            files.extend(plan.file_of(&update.name).map(Path::to_path_buf));
            updates.push(Some(update.id.clone()));
        }
        if files.is_empty() {
            return Ok(Ok(Tally::default()));
        }
        let work = Work::Apply {
            source: Arc::new(FolderSource { files, map }),
            target: target.clone(),
            updates,
        };
        let checked = self.check_batch(work).await?;
        Ok(self
            .run_batch(checked, Finished::default(), concurrency, progress)
            .await)
    }
}
