//! The commands the window calls, one file per module; the names match `ui/src/api/<module>.ts`.
//!
//! A command is an `async fn` marked `#[command]` (see `src-tauri/macros`): it parses nothing
//! itself, takes the database and the signed-in user from `AppState`, calls one core function and
//! returns its `Result`. Each module ends with `register!(…)` naming its commands; `modules!` below
//! routes a call to the module that registered it and gathers the contract for the TS bindings.

pub use caredesk_command::command;
pub use caredesk_core::Result;

/// A module's handler, command names and (in tests) contract, from the list of its commands.
macro_rules! register {
    ($($command:ident),* $(,)?) => {
        pub const NAMES: &[&str] = &[$(stringify!($command)),*];

        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($command),*]
        }

        #[cfg(test)]
        pub fn contract(cfg: &ts_rs::Config) -> Vec<crate::contract::Command> {
            vec![$($command::contract(cfg)),*]
        }
    };
}

type Handler = Box<dyn Fn(tauri::ipc::Invoke) -> bool + Send + Sync>;

macro_rules! modules {
    ($($module:ident),* $(,)?) => {
        $(mod $module;)*

        /// Tauri's invoke handler: the module that registered the command handles it.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            let mut handlers: Vec<Handler> = Vec::new();
            let mut by_name = std::collections::HashMap::new();
            $(
                for name in $module::NAMES {
                    by_name.insert(*name, handlers.len());
                }
                handlers.push(Box::new($module::handler()));
            )*
            move |invoke| match by_name.get(invoke.message.command()) {
                Some(&i) => handlers[i](invoke),
                None => false,
            }
        }

        #[cfg(test)]
        pub fn contract(cfg: &ts_rs::Config) -> Vec<crate::contract::Command> {
            let mut all = Vec::new();
            $(all.extend($module::contract(cfg));)*
            all
        }
    };
}

modules!(app, auth, settings, communities, users, backups, audit, files, residents, canteen, print, checkups, childcare, volunteers);
