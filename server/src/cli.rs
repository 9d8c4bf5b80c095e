//! The `budaya` command line: `serve` (default), `migrate`, `seed-demo`.

use crate::{
    router::router,
    settings::{Settings, SettingsError},
    startup::{self, StartupError},
    state::AppState,
};
use clap::{Parser, Subcommand};
use service::clock::{Clock, SystemClock};
use std::{path::PathBuf, sync::Arc};

/// Budaya: the work-culture (Budaya Kerja) programme tracker.
///
/// Settings come from defaults, then the configuration file, then BUDAYA_* environment variables:
/// BUDAYA_ADDR (127.0.0.1:3000), BUDAYA_DATA_DIR (./data), BUDAYA_DATABASE_URL (a SQLite file in the data
/// directory, or postgres://...), BUDAYA_SITE_ROOT (target/site).
#[derive(Debug, Parser)]
#[command(name = "budaya", version)]
#[expect(clippy::doc_markdown, reason = "this doc comment is the --help text, read in a terminal")]
pub struct Cli {
    /// Configuration file (TOML); default: budaya.toml in the working directory, if present.
    #[arg(long, env = "BUDAYA_CONFIG", global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Migrate the database, load the built-in catalogue and serve the app (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo data (Provinsi Kalimantan Timur, Kota Bontang and their OPDs); safe to run repeatedly.
    SeedDemo,
}

/// Anything that stops a command.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad settings.
    #[error(transparent)]
    Settings(#[from] SettingsError),
    /// Start-up failed.
    #[error(transparent)]
    Startup(#[from] StartupError),
    /// A service call failed.
    #[error("{0}")]
    Service(#[from] service::ServiceError),
    /// The listener or server failed.
    #[error("cannot serve on {addr}: {source}")]
    Serve {
        /// The address.
        addr: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Runs the command.
pub async fn run(cli: Cli) -> Result<(), CliError> {
    let settings = Settings::load(cli.config.as_deref())?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings, clock).await,
        Command::Migrate => {
            startup::prepare(&settings, clock).await?;
            println!("Database {} is up to date.", settings.database_url_redacted());
            Ok(())
        }
        Command::SeedDemo => {
            let services = startup::prepare(&settings, clock.clone()).await?;
            let seeded = service::demo::seed(&services.db, clock.now()).await?;
            println!(
                "Demo data: {} org units added, {} corrected, {} already present.",
                seeded.inserted, seeded.updated, seeded.unchanged
            );
            Ok(())
        }
    }
}

async fn serve(settings: Settings, clock: Arc<dyn Clock>) -> Result<(), CliError> {
    let services = startup::prepare(&settings, clock).await?;
    let state = AppState { leptos_options: startup::leptos_options(&settings), services };
    let addr = settings.addr;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| CliError::Serve { addr: addr.to_string(), source })?;
    tracing::info!(database = %settings.database_url_redacted(), "Budaya serving on http://{addr}");
    axum::serve(listener, router(state).into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|source| CliError::Serve { addr: addr.to_string(), source })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
