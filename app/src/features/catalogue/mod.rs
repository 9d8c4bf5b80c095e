//! The value catalogue: the frameworks and their values, searchable in the browser.

pub mod api;
#[cfg(feature = "hydrate")]
mod filter;
pub mod pages;
