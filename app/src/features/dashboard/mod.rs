//! The compliance dashboard: the index with its explanation, reporting rates, the funnel and the charts.

pub mod api;
pub mod pages;
pub mod text;
