//! SeaORM entities, one module per table. Services convert them to domain views; they never leave this crate's
//! callers' server side.

pub mod api_token;
pub mod app_user;
pub mod audit_event;
pub mod audit_head;
pub mod auth_throttle;
pub mod behaviour_indicator;
pub mod org_unit;
pub mod role_grant;
pub mod user_session;
pub mod value;
pub mod value_framework;
pub mod value_pair;
