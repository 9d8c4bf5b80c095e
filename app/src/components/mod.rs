//! The shared UI kit: page frame and status pages used by every feature.

pub mod forms;
pub mod history;
pub mod layout;
pub mod nav;
pub mod raw_text;
pub mod status;
pub mod table;
