//! The core's integration tests, in one binary: sea-orm, sqlx and printpdf are linked once instead
//! of once per file, which on two cores is most of a test build. One module per area; the shared
//! fixtures are `common` (databases on SQLite and PostgreSQL, users, `backend_test!`) and `support`
//! (spreadsheet files built in the test). Files under `fixtures/` are read with paths from
//! `CARGO_MANIFEST_DIR`.
//!
//! Run one area with a filter: `cargo test -p caredesk-core --test core canteen::`.

#[macro_use]
mod common;
mod support;

mod accounts;
mod audit;
mod backup;
mod bindings;
mod busy;
mod canteen;
mod canteen_documents;
mod checkups;
mod childcare;
mod childcare_staff;
mod cli;
mod communities;
mod crash;
mod demo_canteen;
mod io_fuzz;
mod io_read;
mod migrations;
mod print_roster;
mod residents;
mod residents_import;
mod residents_roundtrip;
mod volunteer_activities;
mod volunteers;
