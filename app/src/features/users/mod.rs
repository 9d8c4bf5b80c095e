//! User management pages: the users within reach, creating them, (de)activating them, and each user's history.

pub mod api;
pub mod pages;
