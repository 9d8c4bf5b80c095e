//! The programme year of each Pemda and each OPD's value selection for it.

pub mod overview;
pub mod selection;
pub mod year;
