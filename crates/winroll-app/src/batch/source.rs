//! Where a batch's templates come from: any reader of JSON items that can be read more than once
//! (the engine reads once to check every item before the first request, once to send), item by
//! item, so a batch of any size holds a few items at a time, not the file.

use std::ops::ControlFlow;

use serde_json::Value;
use winroll_core::Problem;

use crate::AppError;

/// One item as read: its JSON, or the problem that kept it from being JSON (its path names the
/// item: `[3]`, or `(root)` when the whole input broke off).
pub type Item = Result<Value, Problem>;

pub trait ItemSource: Send + Sync + 'static {
    /// Calls `each` with every item in order and its index; `each` may stop the reading.
    fn for_each(
        &self,
        each: &mut dyn FnMut(usize, Item) -> ControlFlow<()>,
    ) -> Result<(), AppError>;
}

/// A problem of item `index`, its path prefixed with the index: `[3].rules[0].winPolicyId`.
pub fn at_item(index: usize, problem: Problem) -> Problem {
    let path = if problem.path == "(root)" {
        format!("[{index}]")
    } else {
        format!("[{index}].{}", problem.path)
    };
    Problem {
        path,
        message: problem.message,
    }
}

/// Items held in memory (a roll-out's one template, an `apply`'s files, tests).
impl ItemSource for Vec<Value> {
    fn for_each(
        &self,
        each: &mut dyn FnMut(usize, Item) -> ControlFlow<()>,
    ) -> Result<(), AppError> {
        for (index, value) in self.iter().enumerate() {
            if each(index, Ok(value.clone())).is_break() {
                break;
            }
        }
        Ok(())
    }
}
