//! Budaya's composition root: settings, state, the HTTP router (pages, server functions, REST API, health) and
//! the CLI commands. A library so the tests build exactly the router that production serves.

pub mod api;
pub mod assets;
pub mod auth;
pub mod cli;
mod fn_status;
pub mod health;
pub mod jobs;
pub mod language;
pub mod origin;
pub mod router;
pub mod settings;
pub mod startup;
pub mod state;
pub mod telemetry;

pub use router::router;
pub use settings::Settings;
pub use state::AppState;
