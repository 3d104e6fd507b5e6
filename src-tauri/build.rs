//! Declares the app's own commands so capabilities can grant each one by name (`allow-…`); a
//! command missing from a capability is refused. The names come from `src/command_list.rs`, the
//! one list of commands; test-hook commands exist only in builds with the `test-hooks` feature.

macro_rules! winroll_commands {
    (
        product { $( $name:ident ( $($request:ty)? ) -> $ret:ty ; )* }
        test_hooks { $( $hook:ident ( $($hrequest:ty)? ) -> $hret:ty ; )* }
    ) => {
        const PRODUCT: &[&str] = &[$(stringify!($name)),*];
        const TEST_HOOKS: &[&str] = &[$(stringify!($hook)),*];
    };
}

include!("src/command_list.rs");

fn main() {
    let mut commands = PRODUCT.to_vec();
    if std::env::var_os("CARGO_FEATURE_TEST_HOOKS").is_some() {
        commands.extend_from_slice(TEST_HOOKS);
    }
    // The manifest keeps its command list for the life of the build script.
    let commands: &'static [&'static str] = commands.leak();
    println!("cargo:rerun-if-changed=src/command_list.rs");
    let manifest = tauri_build::AppManifest::new().commands(commands);
    if let Err(e) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)) {
        panic!("tauri build step failed: {e:#}");
    }
}
