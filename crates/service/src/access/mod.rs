//! Access: who is calling (sessions, passwords, sign-in throttling), what they may do and where (the actor and
//! its scopes), and the accounts and grants behind it.

mod actor;
pub mod admin;
mod caller;
pub mod manage;
pub(crate) mod names;
pub mod password;
pub mod reach;
pub mod sessions;
mod throttle;
pub mod tokens;
pub mod users;

pub use actor::{Actor, Scope};
