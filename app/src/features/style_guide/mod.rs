//! `/gaya`: the design system's components on one page, for whoever builds or checks a screen (administrators).

pub mod api;
pub mod pages;
