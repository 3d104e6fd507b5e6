//! Writing the TypeScript command map from Rust types: each request and answer is named as ts-rs
//! names it, and the types it needs are imported from their generated files.

use std::collections::BTreeSet;

use ts_rs::{Config, TS, TypeVisitor};

/// A type the map imports: its name and its file, relative to the bindings folder.
type Import = (String, String);

/// A type's TypeScript name and the generated types it needs.
pub type TsOf = fn(&Config) -> (String, Vec<Import>);

pub fn ts<T: TS + 'static + ?Sized>(cfg: &Config) -> (String, Vec<Import>) {
    struct Collect<'a>(&'a Config, Vec<Import>);
    impl TypeVisitor for Collect<'_> {
        fn visit<U: TS + 'static + ?Sized>(&mut self) {
            if let Some(path) = U::output_path() {
                self.1.push((U::ident(self.0), module(path)));
            }
            // `Option<Draft>` and `Vec<HistoryEntry>` name their type through a parameter.
            U::visit_generics(self);
        }
    }
    let mut collect = Collect(cfg, Vec::new());
    collect.visit::<T>();
    T::visit_dependencies(&mut collect);
    (T::name(cfg), collect.1)
}

fn module(path: std::path::PathBuf) -> String {
    let path = path.with_extension("");
    format!("./{}", path.to_string_lossy().replace('\\', "/"))
}

#[derive(Default)]
pub struct CommandMap {
    entries: Vec<String>,
    imports: BTreeSet<Import>,
}

impl CommandMap {
    /// Command `name`, answering `R`, with its request type (`None`: it takes none).
    pub fn add<R: TS + 'static + ?Sized>(&mut self, name: &str, request: Option<TsOf>) {
        let cfg = Config::from_env();
        let (returns, imports) = ts::<R>(&cfg);
        self.imports.extend(imports);
        let request = match request {
            Some(of) => {
                let (ty, imports) = of(&cfg);
                self.imports.extend(imports);
                ty
            }
            None => "null".into(),
        };
        self.entries.push(format!(
            "  {name}: {{ request: {request}; returns: {returns} }};"
        ));
    }

    pub fn render(&self) -> String {
        let mut out = String::from(
            "// Generated from src-tauri/src/command_list.rs by `cargo test` (export_bindings_commands); do not edit.\n",
        );
        let body = self.entries.join("\n");
        let used = |name: &str| {
            body.split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|word| word == name)
        };
        for (name, module) in self.imports.iter().filter(|(name, _)| used(name)) {
            out.push_str(&format!("import type {{ {name} }} from \"{module}\";\n"));
        }
        out.push_str("\n/** Every desktop command: the request the window sends (null: none) and the answer it gets. */\nexport type Commands = {\n");
        for entry in &self.entries {
            out.push_str(entry);
            out.push('\n');
        }
        out.push_str("};\n");
        out
    }
}
