//! One module per feature, each with its server functions (`api`) and pages.

pub mod audit;
pub mod auth;
pub mod catalogue;
pub mod dashboard;
pub mod home;
pub mod kbk;
pub mod org;
pub mod programme;
pub mod report;
pub mod style_guide;
pub mod tokens;
pub mod users;
