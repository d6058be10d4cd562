//! sea-orm entities, one file per table.

pub mod audit_log;
pub mod community;
pub mod setting;
pub mod user;
