//! SeaORM entities, one module per table. Services convert them to domain views; they never leave this crate's
//! callers' server side.

pub mod action_tally;
pub mod action_value;
pub mod api_token;
pub mod app_user;
pub mod audit_event;
pub mod audit_head;
pub mod auth_throttle;
pub mod behaviour_indicator;
pub mod evidence_file;
pub mod extension_request;
pub mod index_weights;
pub mod kbk;
pub mod kbk_action;
pub mod kbk_member;
pub mod mail_outbox;
pub mod notification;
pub mod opd_standing;
pub mod org_unit;
pub mod programme_framework;
pub mod programme_year;
pub mod report;
pub mod report_event;
pub mod report_exclusion;
pub mod report_submission;
pub mod role_grant;
pub mod selection_choice;
pub mod user_session;
pub mod value;
pub mod value_framework;
pub mod value_pair;
pub mod value_selection;
pub mod value_tally;
