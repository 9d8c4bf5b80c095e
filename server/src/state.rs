//! The state shared by every request.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use service::Services;

/// Leptos' options (where the site's files are) and the services.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    /// Site root, bundle name and environment for rendering pages.
    pub leptos_options: LeptosOptions,
    /// Database and clock.
    pub services: Services,
}
