//! `TestDb`: an isolated, migrated database for one test. SQLite: a file in a temp directory. PostgreSQL: a
//! database of its own on the server of `TEST_DATABASE_URL`, dropped when the test ends.

use sea_orm::{ConnectionTrait, DatabaseConnection};
use service::db::{self, Engine};
use tempfile::TempDir;
use uuid::Uuid;

/// One test's database (not yet connected).
#[derive(Debug)]
pub struct TestDb {
    /// Which engine.
    pub engine: Engine,
    /// Where it is.
    pub url: String,
    /// For PostgreSQL: the server URL and the database to drop afterwards.
    drop_on_exit: Option<(String, String)>,
    /// Keeps the SQLite file's directory alive for the test's duration.
    dir: TempDir,
}

impl TestDb {
    /// A fresh SQLite file.
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temp dir for the SQLite test database");
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("budaya.db").display());
        Self { engine: Engine::Sqlite, url, drop_on_exit: None, dir }
    }

    /// A fresh PostgreSQL database, or `None` (with a note) when `TEST_DATABASE_URL` is unset outside CI.
    pub async fn postgres() -> Option<Self> {
        let Ok(server_url) = std::env::var("TEST_DATABASE_URL") else {
            assert!(!crate::in_ci(), "CI must run the PostgreSQL tests: set TEST_DATABASE_URL");
            eprintln!("note: TEST_DATABASE_URL is not set; skipping the PostgreSQL variant");
            return None;
        };
        let name = format!("budaya_test_{}", Uuid::new_v4().simple());
        let admin = db::connect(&server_url).await.expect("connect to TEST_DATABASE_URL");
        admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create the test database");
        admin.close().await.expect("close the admin connection");
        let url = with_database(&server_url, &name);
        let dir = tempfile::tempdir().expect("temp dir for the test's data");
        Some(Self { engine: Engine::Postgres, url, drop_on_exit: Some((server_url, name)), dir })
    }

    /// A scratch directory that lives as long as the database (the app's data directory in tests).
    pub fn data_dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Connects, without migrating.
    pub async fn connect(&self) -> DatabaseConnection {
        db::connect(&self.url).await.expect("connect to the test database")
    }
}

/// `url` with its database name replaced by `name`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(base, query)| (base, Some(query)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((server_url, name)) = self.drop_on_exit.take() else { return };
        // Drop runs inside the test's runtime, which cannot block on itself: use a thread with its own.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
            runtime.block_on(async {
                let admin = db::connect(&server_url).await.ok()?;
                admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await.ok()
            })
        })
        .join();
        if !matches!(dropped, Ok(Some(_))) {
            eprintln!("warning: could not drop a PostgreSQL test database");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_name_of_a_server_url_is_replaced() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(with_database("postgres://u@h:5432", "t1"), "postgres://u@h:5432/t1");
        assert_eq!(with_database("postgres://u@h/db?sslmode=disable", "t1"), "postgres://u@h/t1?sslmode=disable");
    }
}
