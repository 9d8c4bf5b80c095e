//! KBKs (work-culture groups), their documented actions and the evidence files behind them.

pub mod actions;
mod content;
pub mod evidence;
pub mod groups;
pub mod photo;
