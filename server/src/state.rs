//! The state shared by every request.

use app::ssr::AuthSettings;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use service::Services;

/// Leptos' options (where the site's files are), the services and the session settings.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    /// Site root, bundle name and environment for rendering pages.
    pub leptos_options: LeptosOptions,
    /// Database and clock.
    pub services: Services,
    /// Session lifetimes and cookie flags.
    pub auth: AuthSettings,
}
