//! The OPD's programme year: its home page, the value selection and the bureau's review queue.

pub mod api;
pub mod pages;
pub mod text;
