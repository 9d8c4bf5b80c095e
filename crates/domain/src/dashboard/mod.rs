//! The compliance dashboard (issue "Dashboard", domain brief 8.4 and decision 7): the index, the reporting
//! rates, the lifecycle funnel and the charts' data, as the pages and the API show them.

pub mod chart;
mod index;
pub mod overview;
pub mod view;

pub use index::{Band, Component, Facts, Part, Score, Shortfall, Weights, WeightsError, score};
