//! The `budaya` command line: `serve` (default), `migrate`, `seed-demo`, `backup`, `restore` and repairs.

use crate::{
    router::router,
    settings::{Settings, SettingsError},
    startup::{self, StartupError},
};
use axum::serve::ListenerExt;
use clap::{Parser, Subcommand};
use sea_orm::TransactionTrait;
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
#[expect(clippy::doc_markdown, reason = "these doc comments are the --help text, read in a terminal")]
enum Command {
    /// Migrate the database, load the built-in catalogue and serve the app (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo data (Provinsi Kalimantan Timur, Kota Bontang, their OPDs, one user per role); safe to
    /// run repeatedly.
    SeedDemo,
    /// Create an administrator. The password is read from BUDAYA_ADMIN_PASSWORD or, without it, from the first
    /// line of stdin; never from the command line, where other users of the machine could see it.
    CreateAdmin {
        /// Login name.
        #[arg(long)]
        username: String,
        /// Full name.
        #[arg(long)]
        full_name: Option<String>,
        /// Code of the org unit to grant the role on (default: the first Pemda); an administrator's role holds
        /// install-wide wherever it is granted.
        #[arg(long)]
        unit: Option<String>,
    },
    /// Check the audit trail's hash chain; exits non-zero if any event was altered, removed or reordered.
    AuditVerify,
    /// Recount the dashboard's tallies from the actions and reports (a repair; the writes keep them current).
    RebuildTallies,
    /// Write a backup (a consistent database snapshot and every evidence file it refers to, with a manifest) to
    /// FILE; safe while the server runs. PostgreSQL needs pg_dump on the PATH.
    Backup {
        /// The ZIP file to write.
        file: PathBuf,
    },
    /// Restore a backup written by `budaya backup` into the configured database and evidence store, then bring
    /// it up to date. Stop the server first. PostgreSQL needs pg_restore on the PATH.
    Restore {
        /// The ZIP file to read.
        file: PathBuf,
    },
    /// Generate a province for benchmarks and load tests next to the existing data: Pemdas with their OPDs,
    /// people, KBKs, approved values for every year, actions in every state with evidence, and reports through
    /// every review path. The same seed gives the same province. Reference sizes: small = --pemda 1
    /// --opds-per-pemda 30 --years 1 --actions 10000; province = --pemda 11 --opds-per-pemda 46 --years 5
    /// --actions 1000000.
    GenData {
        /// Provinces; more than one sit under a national node (national size: --provinces 38 --pemda 548
        /// --opds-per-pemda 46 --years 1 --actions 2000000).
        #[arg(long, default_value_t = 1)]
        provinces: u8,
        /// Pemdas in all: the provinces and their regencies.
        #[arg(long, default_value_t = 1)]
        pemda: u16,
        /// OPDs in each Pemda.
        #[arg(long, default_value_t = 30)]
        opds_per_pemda: u16,
        /// Programme years up to the current one.
        #[arg(long, default_value_t = 1)]
        years: u8,
        /// Actions in all.
        #[arg(long, default_value_t = 10_000)]
        actions: u64,
        /// Seed; sign in as g{SEED}.peninjau.00 (password budaya-demo) to review the whole province or nation.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Queue today's report reminder digests and deliver pending mail once (the server does this on a timer).
    SendReminders,
}

fn read_admin_password() -> Result<String, CliError> {
    if let Ok(password) = std::env::var("BUDAYA_ADMIN_PASSWORD") {
        return Ok(password);
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(|err| CliError::Input(err.to_string()))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
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
    /// The audit chain does not verify.
    #[error("audit trail broken: {0}")]
    AuditBroken(String),
    /// Input could not be read.
    #[error("cannot read input: {0}")]
    Input(String),
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
        Command::CreateAdmin { username, full_name, unit } => {
            let services = startup::prepare(&settings, clock.clone()).await?;
            let password = read_admin_password()?;
            let id = service::access::admin::create_administrator(
                &services.db,
                &username,
                full_name.as_deref().unwrap_or("Administrator"),
                &password,
                unit.as_deref(),
                clock.now(),
            )
            .await?;
            println!("Administrator {username} created ({id}).");
            Ok(())
        }
        Command::AuditVerify => {
            let services = startup::prepare(&settings, clock).await?;
            match service::audit::verify(&services.db).await? {
                Ok(events) => {
                    println!("Audit trail intact: {events} events verified.");
                    Ok(())
                }
                Err(broken) => Err(CliError::AuditBroken(broken.to_string())),
            }
        }
        Command::SendReminders => {
            let services = startup::prepare(&settings, clock).await?;
            let (queued, delivered) = crate::jobs::send_reminders(&services, &settings.mailer).await?;
            println!("Reminders: {queued} digests queued, {delivered} messages delivered.");
            Ok(())
        }
        Command::RebuildTallies => {
            let services = startup::prepare(&settings, clock).await?;
            let txn = services.db.begin().await.map_err(service::ServiceError::from)?;
            service::dashboard::tally::rebuild(&txn).await?;
            service::dashboard::standing::rebuild(&txn, services.clock.now()).await?;
            txn.commit().await.map_err(service::ServiceError::from)?;
            println!("Dashboard tallies, standings and roll-ups recounted.");
            Ok(())
        }
        Command::Backup { file } => {
            let services = startup::prepare(&settings, clock.clone()).await?;
            let manifest = service::backup::create(
                &services.db,
                &settings.database_url,
                services.blobs.as_ref(),
                &file,
                clock.now(),
            )
            .await?;
            let rows: u64 = manifest.tables.values().sum();
            println!(
                "Backup written to {}: {} tables, {rows} rows, {} evidence files.",
                file.display(),
                manifest.tables.len(),
                manifest.files.len()
            );
            Ok(())
        }
        Command::Restore { file } => {
            startup::ensure_data_dir(&settings)?;
            let blobs = startup::open_store(&settings).await?;
            let manifest = service::backup::restore(&file, &settings.database_url, blobs.as_ref()).await?;
            startup::prepare(&settings, clock).await?;
            println!(
                "Restored the backup of {} ({} evidence files) into {}.",
                manifest.created_at.format("%Y-%m-%d %H:%M UTC"),
                manifest.files.len(),
                settings.database_url_redacted()
            );
            Ok(())
        }
        Command::GenData { provinces, pemda, opds_per_pemda, years, actions, seed } => {
            let services = startup::prepare(&settings, clock.clone()).await?;
            let shape =
                service::demo::generate::Shape { provinces, pemdas: pemda, opds_per_pemda, years, actions, seed };
            let started = std::time::Instant::now();
            let made = service::demo::generate::generate(&services, &shape, clock.now()).await?;
            println!(
                "Generated {} OPDs, {} actions and {} reports in {:.0} s; sign in as g{seed}.peninjau.00 \
                 (password {}).",
                made.opds,
                made.actions,
                made.reports,
                started.elapsed().as_secs_f64(),
                service::demo::generate::PASSWORD
            );
            Ok(())
        }
        Command::Migrate => {
            startup::prepare(&settings, clock).await?;
            println!("Database {} is up to date.", settings.database_url_redacted());
            Ok(())
        }
        Command::SeedDemo => {
            let services = startup::prepare(&settings, clock.clone()).await?;
            let seeded = service::demo::seed(&services.db, clock.now()).await?;
            println!(
                "Demo data: {} org units added, {} corrected, {} already present; {} users created \
                 (password budaya-demo).",
                seeded.inserted, seeded.updated, seeded.unchanged, seeded.users_created
            );
            let programme = service::demo::programme::seed(&services, clock.now()).await?;
            println!(
                "Demo programme: {} value selections approved, {} KBKs formed, {} actions logged.",
                programme.selections, programme.kbks, programme.actions
            );
            let reports = service::demo::reports::seed(&services, clock.now()).await?;
            println!("Demo reports: {reports} quarterly reports started.");
            Ok(())
        }
    }
}

async fn serve(settings: Settings, clock: Arc<dyn Clock>) -> Result<(), CliError> {
    let services = startup::prepare(&settings, clock).await?;
    crate::jobs::spawn_reminders(services.clone(), settings.mailer.clone(), settings.reminder_minutes);
    crate::jobs::spawn_year_standings(services.clone());
    let state = startup::state(&settings, services);
    let addr = settings.addr;
    // TCP_NODELAY: without it a response's last segment waits for the client's delayed ACK, adding ~40 ms to
    // every small page (bench/run measured the sign-in page at a flat 44 ms).
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| CliError::Serve { addr: addr.to_string(), source })?
        .tap_io(|tcp| {
            if let Err(err) = tcp.set_nodelay(true) {
                tracing::debug!(%err, "TCP_NODELAY not set");
            }
        });
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
