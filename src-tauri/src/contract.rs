//! The window–core contract, described by the commands themselves.
//!
//! Every command is a function marked `#[caredesk_command::command]`; the attribute adds a
//! `contract()` beside it (see `src-tauri/macros`). Each module in `commands/` registers its own
//! commands with `register!`, which gives the module its handler, its command names and its
//! contract. The test below writes them all to `ui/src/bindings/commands.ts`, a map from command
//! name to arguments and result that `ui/src/api/invoke.ts`'s `call` is typed by, so renaming a
//! command or changing what it takes or returns breaks `vue-tsc` — and this test fails when the
//! committed file is stale (`UPDATE_BINDINGS=1` rewrites it).

use std::collections::BTreeMap;
use std::path::PathBuf;
use ts_rs::{Config, Dependency, TypeVisitor, TS};

/// One command: what the window sends and what it gets back.
pub struct Command {
    pub name: &'static str,
    pub args: Vec<Arg>,
    pub result: Ty,
}

/// One argument, under the name the window sends it (camelCase).
pub struct Arg {
    pub key: &'static str,
    pub optional: bool,
    pub ty: Ty,
}

impl Arg {
    pub fn of<T: TS + 'static + ?Sized>(key: &'static str, optional: bool, cfg: &Config) -> Self {
        Arg { key, optional, ty: Ty::of::<T>(cfg) }
    }
}

/// A TypeScript type expression and the generated files it needs imported.
pub struct Ty {
    pub ts: String,
    pub imports: Vec<(String, PathBuf)>,
}

impl Ty {
    pub fn of<T: TS + 'static + ?Sized>(cfg: &Config) -> Self {
        let mut named = Named(cfg, Vec::new());
        named.visit::<T>();
        // A command that returns nothing resolves to `null`; the window treats it as `void`.
        let ts = if std::any::TypeId::of::<T>() == std::any::TypeId::of::<()>() { "void".into() } else { T::name(cfg) };
        Ty { ts, imports: named.1 }
    }
}

/// Collects the exported types a type expression names: `Vec<Option<Foo>>` names `Foo`.
struct Named<'a>(&'a Config, Vec<(String, PathBuf)>);

impl TypeVisitor for Named<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        match Dependency::from_ty::<T>(self.0) {
            Some(dep) => self.1.push((dep.ts_name, dep.output_path)),
            None => T::visit_generics(self),
        }
    }
}

/// `ui/src/bindings/commands.ts` for these commands.
pub fn typescript(commands: &[Command]) -> String {
    let mut imports = BTreeMap::new();
    for c in commands {
        for ty in c.args.iter().map(|a| &a.ty).chain([&c.result]) {
            for (name, path) in &ty.imports {
                imports.insert(name.clone(), path.with_extension(""));
            }
        }
    }
    let mut out = String::from(
        "// Generated from the Rust commands by src-tauri/src/contract.rs. Do not edit: run\n\
         // `UPDATE_BINDINGS=1 cargo test -p caredesk-app contract` after changing a command.\n\n",
    );
    for (name, path) in &imports {
        out += &format!("import type {{ {name} }} from \"./{}\";\n", path.display());
    }
    out += "\n/** Every command of the core: what the window sends (`args`) and what it gets back (`result`). */\n";
    out += "export type Commands = {\n";
    for c in commands {
        let args = if c.args.is_empty() {
            "Record<string, never>".to_string()
        } else {
            let fields: Vec<String> =
                c.args.iter().map(|a| format!("{}{}: {}", a.key, if a.optional { "?" } else { "" }, a.ty.ts)).collect();
            format!("{{ {} }}", fields.join("; "))
        };
        out += &format!("  {}: {{ args: {args}; result: {} }};\n", c.name, c.result.ts);
    }
    out += "};\n";
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn contract_bindings_are_current() {
        let cfg = Config::new().with_large_int("number");
        let commands = crate::commands::contract(&cfg);
        let mut names: Vec<_> = commands.iter().map(|c| c.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "two modules register a command of the same name");

        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings/commands.ts");
        let generated = typescript(&commands);
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&file, &generated).expect("write commands.ts");
            return;
        }
        let committed = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            committed == generated,
            "ui/src/bindings/commands.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p caredesk-app contract` and commit it"
        );
    }

    /// A command Tauri has no permission for fails in the window with "not allowed": the list in
    /// build.rs (which makes the permissions) and the capability (which grants them) must name
    /// exactly the registered commands.
    #[test]
    fn every_registered_command_is_permitted_and_granted() {
        let cfg = Config::new().with_large_int("number");
        let mut registered: Vec<String> = crate::commands::contract(&cfg).iter().map(|c| c.name.to_string()).collect();
        registered.sort();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let build = std::fs::read_to_string(root.join("src-tauri/build.rs")).expect("build.rs");
        let mut listed: Vec<String> = build
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with('"'))
            .map(|l| l.trim_end_matches(',').trim_matches('"').to_string())
            .collect();
        listed.sort();
        assert_eq!(listed, registered, "src-tauri/build.rs must list exactly the registered commands");
        let capability = std::fs::read_to_string(root.join("src-tauri/capabilities/main.json")).expect("capability");
        let json: serde_json::Value = serde_json::from_str(&capability).expect("capability JSON");
        let mut granted: Vec<String> = json["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(|n| n.replace('-', "_")))
            .collect();
        granted.sort();
        assert_eq!(granted, registered, "src-tauri/capabilities/main.json must grant exactly the registered commands");
    }
}
