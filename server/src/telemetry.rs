//! Logging: one line per event on stderr, filtered by `BUDAYA_LOG` (default `info`).

use tracing_subscriber::{EnvFilter, fmt};

/// Installs the global subscriber; later calls (as in tests) are ignored.
pub fn init() {
    let filter = EnvFilter::try_from_env("BUDAYA_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn"));
    let _ = fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}
