//! Org tree administration (`/organisasi`) and one node's page with its programme-year settings and history.

pub mod api;
pub mod pages;
pub mod text;
