//! Getting ready to serve: open and migrate the database, load the built-in catalogue, locate the site files.

use crate::{assets::Assets, settings::Settings, state::AppState};
use app::ssr::AuthSettings;
use leptos::config::{Env, LeptosOptions};
use service::{
    Services,
    access::sessions::SessionPolicy,
    clock::Clock,
    db,
    storage::{BlobStore, LocalStore, S3Store},
};
use std::sync::Arc;

/// Why Budaya cannot start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// The data directory cannot be created.
    #[error("cannot create the data directory {path}: {source}; set BUDAYA_DATA_DIR to a writable directory")]
    DataDir {
        /// The directory.
        path: String,
        /// The filesystem error.
        source: std::io::Error,
    },
    /// The database cannot be opened.
    #[error("cannot open the database {url}: {source}")]
    Connect {
        /// The URL, password hidden.
        url: String,
        /// The driver's error.
        source: sea_orm::DbErr,
    },
    /// A migration failed; the server does not start on a half-migrated schema.
    #[error("database migration failed: {0}; the server did not start (fix the database, then run `budaya migrate`)")]
    Migrate(sea_orm::DbErr),
    /// The evidence store cannot be opened.
    #[error(
        "cannot open the evidence store {path}: {source}; set BUDAYA_DATA_DIR to a writable directory, or check the \
         BUDAYA_S3_* settings and credentials"
    )]
    Store {
        /// The directory or bucket.
        path: String,
        /// The filesystem error.
        source: std::io::Error,
    },
    /// The built-in catalogue could not be loaded.
    #[error("cannot load the built-in value catalogue: {0}")]
    Catalogue(service::ServiceError),
}

/// Creates the data directory (the SQLite file and local evidence live there) if it is missing.
pub fn ensure_data_dir(settings: &Settings) -> Result<(), StartupError> {
    std::fs::create_dir_all(&settings.data_dir)
        .map_err(|source| StartupError::DataDir { path: settings.data_dir.display().to_string(), source })
}

/// Opens the database, applies pending migrations and loads the built-in catalogue.
pub async fn prepare(settings: &Settings, clock: Arc<dyn Clock>) -> Result<Services, StartupError> {
    ensure_data_dir(settings)?;
    let connection = db::connect(&settings.database_url)
        .await
        .map_err(|source| StartupError::Connect { url: settings.database_url_redacted(), source })?;
    db::migrate(&connection).await.map_err(StartupError::Migrate)?;
    let loaded = service::catalogue::load_built_in(&connection, clock.now()).await.map_err(StartupError::Catalogue)?;
    if loaded.inserted + loaded.updated > 0 {
        tracing::info!(inserted = loaded.inserted, updated = loaded.updated, "built-in value catalogue loaded");
    }
    match service::access::users::administrator_exists(&connection).await {
        Ok(true) => {}
        Ok(false) => tracing::warn!(
            "no administrator exists yet: create one with `budaya create-admin --username NAME` \
             (password from stdin or BUDAYA_ADMIN_PASSWORD)"
        ),
        Err(error) => tracing::warn!(%error, "could not check for an administrator"),
    }
    let blobs = open_store(settings).await?;
    Ok(Services { db: connection, clock, blobs, max_upload_bytes: u64::from(settings.max_upload_mb) * 1024 * 1024 })
}

/// The evidence store the settings name: an S3 bucket, or `data_dir/evidence`.
pub async fn open_store(settings: &Settings) -> Result<Arc<dyn BlobStore>, StartupError> {
    Ok(match &settings.s3 {
        Some(s3) => {
            let store = S3Store::connect(s3)
                .await
                .map_err(|source| StartupError::Store { path: format!("s3://{}/{}", s3.bucket, s3.prefix), source })?;
            tracing::info!(bucket = %s3.bucket, "evidence is stored in the S3 bucket");
            Arc::new(store)
        }
        None => {
            let evidence_dir = settings.data_dir.join("evidence");
            let store = LocalStore::open(&evidence_dir)
                .map_err(|source| StartupError::Store { path: evidence_dir.display().to_string(), source })?;
            Arc::new(store)
        }
    })
}

/// Session lifetimes and cookie flags from the settings.
pub fn auth_settings(settings: &Settings) -> AuthSettings {
    AuthSettings {
        policy: SessionPolicy {
            idle: chrono::Duration::minutes(i64::from(settings.session_idle_minutes)),
            absolute: chrono::Duration::hours(i64::from(settings.session_hours)),
        },
        secure_cookies: settings.secure_cookies,
    }
}

/// The whole state the router needs.
pub fn state(settings: &Settings, services: Services) -> AppState {
    let assets = Assets::prepare(&settings.site_root, &settings.data_dir, app::SITE_NAME);
    AppState { leptos_options: leptos_options(settings, &assets), services, auth: auth_settings(settings), assets }
}

/// Leptos' options from Budaya's settings, so the binary runs without cargo-leptos' environment.
pub fn leptos_options(settings: &Settings, assets: &Assets) -> LeptosOptions {
    if !settings.site_root.join("pkg").exists() {
        tracing::warn!(
            site_root = %settings.site_root.display(),
            "the site's JS/wasm/CSS are missing: pages render but do not hydrate; run `cargo leptos build --release --precompress --split`"
        );
    }
    LeptosOptions::builder()
        .output_name(app::SITE_NAME)
        .site_root(settings.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(settings.addr)
        .env(if cfg!(debug_assertions) { Env::DEV } else { Env::PROD })
        // An absolute path: Leptos joins it to the executable's directory, which then does not matter.
        .hash_files(assets.manifest.is_some())
        .hash_file(assets.manifest.as_ref().map(|path| path.display().to_string()).unwrap_or_default().into())
        .build()
}
