//! Budaya's domain: the vocabulary every other crate speaks.
//!
//! Wasm-safe on purpose: the browser runs the same parsers and filters as the server, so a rule is written once.

pub mod access;
pub mod account;
pub mod catalogue;
pub mod dashboard;
pub mod evidence;
pub mod field;
pub mod ids;
pub mod kbk;
pub mod locale;
pub mod number;
pub mod org;
pub mod programme;
pub mod report;
pub mod text;
pub mod time;
pub mod todo;
pub mod workflow;
