//! Turns `src/command_list.rs` into the Tauri commands (each a call to the function of the same
//! name in `commands/`, timed and logged once here, its `AppError` turned into
//! `{code, message, hint}`), the invoke handler, the list of names, and the TypeScript map of every
//! command's request and answer.

use tauri::{AppHandle, Runtime};
use winroll_app::folder::{ApplyReport, FolderPlan, PullReport};
use winroll_app::{
    ImportResult, LinkPreview, ProfileList, ProfileView, SandboxInfo, SecretStatus, UpdateOutcome,
};
use winroll_core::diff::Change;
use winroll_core::{
    CreateOutcome, CreatedTemplate, ErrorInfo, RequestSnippets, TemplatePage, ValidationReport,
};
use winroll_files::{Draft, HistoryEntry};

use super::requests::*;
use crate::clipboard::CopyReceipt;

macro_rules! winroll_commands {
    (
        product { $( $name:ident ( $($request:ty)? ) -> $ret:ty ; )* }
        test_hooks { $( $hook:ident ( $($hrequest:ty)? ) -> $hret:ty ; )* }
    ) => {
        /// The Tauri commands: thin wrappers, generated so their signatures cannot drift.
        pub mod generated {
            use super::*;
            $( winroll_commands!(@command [super::super] $name ($($request)?) -> $ret); )*
            $(
                #[cfg(feature = "test-hooks")]
                winroll_commands!(@command [super::super::test_hooks] $hook ($($hrequest)?) -> $hret);
            )*
        }

        /// The commands of the shipped app, in declaration order.
        pub const PRODUCT_COMMANDS: &[&str] = &[$(stringify!($name)),*];
        /// The commands only test and benchmark builds have.
        pub const TEST_HOOK_COMMANDS: &[&str] = &[$(stringify!($hook)),*];

        #[cfg(not(feature = "test-hooks"))]
        pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(generated::$name),*]
        }

        #[cfg(feature = "test-hooks")]
        pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(generated::$name,)* $(generated::$hook),*]
        }

        #[cfg(test)]
        /// `ui/src/bindings/commands.ts`: every command with its request and its answer, in the
        /// types ts-rs generates.
        pub fn typescript() -> String {
            let mut map = super::typescript::CommandMap::default();
            $( map.add::<$ret>(stringify!($name), winroll_commands!(@request $($request)?)); )*
            $( map.add::<$hret>(stringify!($hook), winroll_commands!(@request $($hrequest)?)); )*
            map.render()
        }
    };
    (@command [$($module:tt)*] $name:ident () -> $ret:ty) => {
        #[tauri::command]
        pub async fn $name<R: Runtime>(app: AppHandle<R>) -> Result<$ret, ErrorInfo> {
            let started = std::time::Instant::now();
            let result = $($module)*::$name(&app).await;
            crate::logging::command_done(stringify!($name), started, result)
        }
    };
    (@command [$($module:tt)*] $name:ident ($request:ty) -> $ret:ty) => {
        #[tauri::command]
        pub async fn $name<R: Runtime>(app: AppHandle<R>, request: $request) -> Result<$ret, ErrorInfo> {
            let started = std::time::Instant::now();
            let result = $($module)*::$name(&app, request).await;
            crate::logging::command_done(stringify!($name), started, result)
        }
    };
    (@request) => { None };
    (@request $request:ty) => { Some(super::typescript::ts::<$request>) };
}

include!("../command_list.rs");
