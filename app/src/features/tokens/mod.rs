//! `/token`: a user's personal API tokens for integrations (create, shown once; revoke).

pub mod api;
pub mod pages;
