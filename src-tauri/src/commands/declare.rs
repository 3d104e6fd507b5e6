//! Turns `src/command_list.rs` into the Tauri commands (each a call to the function of the same
//! name in `commands/`, its `AppError` turned into `{code, message, hint}`), the invoke handler,
//! the list of names, and the TypeScript map of every command's arguments and answer.

use tauri::AppHandle;
use winroll_app::HistoryValue;
use winroll_app::{
    AppError, ImportResult, LinksFormat, PersonLink, ProfileList, ProfileView, SandboxInfo,
    SecretStatus, Target,
};
use winroll_core::{
    CreateOutcome, ErrorInfo, ListQuery, RequestSnippets, TemplatePage, ValidationReport,
};
use winroll_files::{Draft, HistoryEntry};

use super::{CopyReceipt, Json};

macro_rules! winroll_commands {
    (
        product { $( $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty ; )* }
        test_hooks { $( $hook:ident ( $($harg:ident : $hty:ty),* ) -> $hret:ty ; )* }
    ) => {
        /// The Tauri commands: thin wrappers, generated so their signatures cannot drift.
        pub mod generated {
            use super::*;
            $(
                #[tauri::command]
                pub async fn $name(app: AppHandle, $($arg: $ty),*) -> Result<$ret, ErrorInfo> {
                    super::super::$name(&app, $($arg),*).await.map_err(|e: AppError| e.info())
                }
            )*
            $(
                #[cfg(feature = "test-hooks")]
                #[tauri::command]
                pub async fn $hook(app: AppHandle, $($harg: $hty),*) -> Result<$hret, ErrorInfo> {
                    super::super::test_hooks::$hook(&app, $($harg),*).await.map_err(|e: AppError| e.info())
                }
            )*
        }

        /// The commands of the shipped app, in declaration order.
        pub const PRODUCT_COMMANDS: &[&str] = &[$(stringify!($name)),*];
        /// The commands only test and benchmark builds have.
        pub const TEST_HOOK_COMMANDS: &[&str] = &[$(stringify!($hook)),*];

        #[cfg(not(feature = "test-hooks"))]
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(generated::$name),*]
        }

        #[cfg(feature = "test-hooks")]
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(generated::$name,)* $(generated::$hook),*]
        }

        #[cfg(test)]
        /// `ui/src/bindings/commands.ts`: every command with its arguments (named as the UI
        /// sends them) and its answer, in the types ts-rs generates.
        pub fn typescript() -> String {
            let mut map = super::typescript::CommandMap::default();
            $( map.add::<$ret>(stringify!($name), &[$((stringify!($arg), super::typescript::ts::<$ty>)),*]); )*
            $( map.add::<$hret>(stringify!($hook), &[$((stringify!($harg), super::typescript::ts::<$hty>)),*]); )*
            map.render()
        }
    };
}

include!("../command_list.rs");
