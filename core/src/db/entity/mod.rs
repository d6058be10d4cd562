//! sea-orm entities, one file per table.

pub mod audit_log;
pub mod booking;
pub mod booking_item;
pub mod canteen;
pub mod canteen_slot;
pub mod category_type;
pub mod community;
pub mod diner;
pub mod dish;
pub mod household;
pub mod menu_item;
pub mod resident;
pub mod resident_category;
pub mod resident_relation;
pub mod resident_search_key;
pub mod resident_status_event;
pub mod setting;
pub mod standing_order;
pub mod subsidy_rule;
pub mod user;
