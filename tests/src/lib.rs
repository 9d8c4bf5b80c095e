//! Budaya's test harness: a fresh migrated database per test on SQLite and PostgreSQL, the real router in
//! process, fixture builders, and a browser-journey runner over WebDriver.

pub mod app;
pub mod browser;
pub mod builders;
pub mod db;
pub mod pages;
pub mod s3;
pub mod smtp;

pub use app::{DEMO_PASSWORD, Session, TestApp, TestResponse, test_now};
pub use db::TestDb;

/// Whether this run is CI, where skipping the PostgreSQL or browser tests is a failure, not a shrug.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| value == "true" || value == "1")
}

/// Declares each test twice: `<name>::on_sqlite` and `<name>::on_postgres`, each on its own fresh database.
/// PostgreSQL runs whenever `TEST_DATABASE_URL` is set (always in CI).
#[macro_export]
macro_rules! db_tests {
    ($($(#[$meta:meta])* async fn $name:ident($db:ident: TestDb) $body:block)*) => {$(
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports, reason = "each test uses a different part of the parent module")]
            use super::*;

            async fn run($db: $crate::TestDb) $body

            #[tokio::test]
            async fn on_sqlite() {
                run($crate::TestDb::sqlite().await).await;
            }

            #[tokio::test]
            async fn on_postgres() {
                if let Some(db) = $crate::TestDb::postgres().await {
                    run(db).await;
                }
            }
        }
    )*};
}
