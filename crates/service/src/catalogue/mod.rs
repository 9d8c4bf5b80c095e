//! The value catalogue: built-in frameworks loaded from the data files in `data/catalogue/`, and the queries
//! that read frameworks back as domain views.

pub(crate) mod builtin;
mod query;

pub use builtin::{BuiltInLoad, KEPMENPAN_25_2002_URN, load_built_in};
pub use query::{action_values, get_framework, get_framework_by_urn, list_frameworks};
