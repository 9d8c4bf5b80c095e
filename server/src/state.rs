//! The state shared by every request.

use crate::assets::Assets;
use app::ssr::AuthSettings;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use service::Services;

/// Leptos' options (where the site's files are), the services, the session settings and the bundle.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    /// Site root, bundle name and environment for rendering pages.
    pub leptos_options: LeptosOptions,
    /// Database and clock.
    pub services: Services,
    /// Session lifetimes and cookie flags.
    pub auth: AuthSettings,
    /// The bundle's files and their names.
    pub assets: Assets,
}
