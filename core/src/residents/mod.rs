//! Residents registry (居民档案). So far: the rules every module relies on for resident ID numbers
//! (GB 11643-1999) and phone numbers — cleaning what people and spreadsheets type, validating it,
//! and masking it for lists and printouts.

mod chars;
pub mod id_number;
pub mod phone;
