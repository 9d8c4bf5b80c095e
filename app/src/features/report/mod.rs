//! Quarterly reports: the OPD's quarters, one report with its review, the reviewer's inbox, and notifications.

pub mod api;
pub mod notifications;
pub mod pages;
pub mod print;
pub mod text;
