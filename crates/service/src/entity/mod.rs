//! SeaORM entities, one module per table. Services convert them to domain views; they never leave this crate's
//! callers' server side.

pub mod behaviour_indicator;
pub mod org_unit;
pub mod value;
pub mod value_framework;
pub mod value_pair;
