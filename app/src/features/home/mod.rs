//! The home page: for visitors, what Budaya is for and the regional governments it holds; for a signed-in
//! person, their to-do.

pub mod api;
pub mod pages;
pub mod text;
pub mod todo;
