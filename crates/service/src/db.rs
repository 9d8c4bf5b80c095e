//! Opening the database: SQLite by default (WAL, foreign keys on, a busy timeout), PostgreSQL by URL.

use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DbErr,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};
use std::time::Duration;

/// Which engine a URL points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl Engine {
    /// The engine of a database URL, or `None` if Budaya does not support it.
    pub fn of_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Engine::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Engine::Postgres)
        } else {
            None
        }
    }
}

/// Connects to `url`. SQLite files are created when missing and opened in WAL mode with foreign keys enforced.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    // Every statement at debug (`BUDAYA_LOG=sqlx::query=debug` counts a page's queries), slow ones as warnings.
    options
        .sqlx_logging(true)
        .sqlx_logging_level(log::LevelFilter::Debug)
        .sqlx_slow_statements_logging_settings(log::LevelFilter::Warn, Duration::from_millis(500))
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10));
    if Engine::of_url(url) == Some(Engine::Sqlite) {
        options.map_sqlx_sqlite_opts(|opts| {
            opts.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
        });
    }
    Database::connect(options).await
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Whether the database answers a trivial query (for readiness probes).
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.ping().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engines_are_recognised_by_url_scheme() {
        assert_eq!(Engine::of_url("sqlite://data/budaya.db?mode=rwc"), Some(Engine::Sqlite));
        assert_eq!(Engine::of_url("postgres://postgres@127.0.0.1/budaya"), Some(Engine::Postgres));
        assert_eq!(Engine::of_url("postgresql://localhost/budaya"), Some(Engine::Postgres));
        assert_eq!(Engine::of_url("mysql://localhost/budaya"), None);
    }
}
