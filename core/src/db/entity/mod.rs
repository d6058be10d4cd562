//! sea-orm entities, one file per table.

pub mod audit_log;
pub mod category_type;
pub mod community;
pub mod household;
pub mod resident;
pub mod resident_category;
pub mod resident_relation;
pub mod resident_search_key;
pub mod resident_status_event;
pub mod setting;
pub mod user;
