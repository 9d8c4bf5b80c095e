//! The value catalogue: the frameworks and their values, searchable in the browser.

pub mod api;
pub mod pages;
