//! The home page: what Budaya is for, and the regional governments it holds.

pub mod api;
pub mod pages;
