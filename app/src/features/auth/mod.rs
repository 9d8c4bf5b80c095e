//! Signing in and out, and who is signed in.

pub mod api;
pub mod pages;
