//! Budaya's server-side core: persistence, queries and loaders. No Leptos and no Axum here, so the same code
//! serves the web app, the REST API, the CLI and background jobs.

pub mod access;
pub mod audit;
pub mod backup;
pub mod catalogue;
pub mod clock;
pub mod dashboard;
pub mod db;
pub mod demo;
pub mod entity;
pub mod error;
pub mod kbk;
mod keyset;
pub mod mail;
pub mod notify;
pub mod org;
pub mod programme;
pub mod report;
pub mod services;
pub mod storage;
pub mod todo;
mod workflow;

pub use error::{ServiceError, ServiceResult};
pub use services::Services;
