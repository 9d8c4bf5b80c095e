//! A KBK's page with its actions, and the action page with evidence upload and verification.

pub mod api;
pub mod manage;
pub mod pages;
pub mod upload;
