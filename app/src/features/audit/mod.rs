//! The audit page: the trail of changes and sign-ins, for administrators and reviewers.

pub mod api;
pub mod pages;
