//! The schema: migrations go up, down and up again, and every entity matches its migrated table.

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseBackend, EntityName, IdenStatic, Iterable, Statement};
use service::{
    db,
    entity::{
        action_tally, action_value, api_token, app_user, audit_event, audit_head, auth_throttle, behaviour_indicator,
        evidence_file, extension_request, index_weights, kbk, kbk_action, kbk_member, mail_outbox, notification,
        org_unit, programme_framework, programme_year, report, report_event, report_exclusion, report_submission,
        role_grant, selection_choice, user_session, value, value_framework, value_pair, value_selection, value_tally,
    },
};
use std::collections::BTreeSet;
use tests::{TestDb, db_tests};

async fn tables(conn: &impl ConnectionTrait) -> BTreeSet<String> {
    let sql = match conn.get_database_backend() {
        DatabaseBackend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        _ => "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
    };
    let rows = conn.query_all_raw(Statement::from_string(conn.get_database_backend(), sql)).await.expect("tables");
    rows.iter().map(|row| row.try_get::<String>("", "name").expect("name")).collect()
}

async fn columns(conn: &impl ConnectionTrait, table: &str) -> BTreeSet<String> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Sqlite => format!("SELECT name FROM pragma_table_info('{table}')"),
        _ => format!(
            "SELECT column_name AS name FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name = '{table}'"
        ),
    };
    let rows = conn.query_all_raw(Statement::from_string(backend, sql)).await.expect("columns");
    rows.iter().map(|row| row.try_get::<String>("", "name").expect("name")).collect()
}

fn entity_columns<E: EntityName + sea_orm::EntityTrait>() -> (String, BTreeSet<String>) {
    let table = E::default().table_name().to_owned();
    let cols = E::Column::iter().map(|c| c.as_str().to_owned()).collect();
    (table, cols)
}

const OUR_TABLES: [&str; 12] = [
    "api_token",
    "app_user",
    "audit_event",
    "audit_head",
    "auth_throttle",
    "behaviour_indicator",
    "org_unit",
    "role_grant",
    "user_session",
    "value",
    "value_framework",
    "value_pair",
];

db_tests! {
    async fn migrations_go_up_down_and_up_again(db: TestDb) {
        let conn = db.connect().await;
        db::migrate(&conn).await.expect("up");
        let up = tables(&conn).await;
        assert!(OUR_TABLES.iter().all(|t| up.contains(*t)), "{up:?}");

        Migrator::down(&conn, None).await.expect("down");
        let down = tables(&conn).await;
        assert!(OUR_TABLES.iter().all(|t| !down.contains(*t)), "left behind: {down:?}");

        db::migrate(&conn).await.expect("up again");
        assert_eq!(tables(&conn).await, up);
    }

    async fn every_entity_has_exactly_the_columns_of_its_migrated_table(db: TestDb) {
        let conn = db.connect().await;
        db::migrate(&conn).await.expect("up");
        for (table, expected) in [
            entity_columns::<org_unit::Entity>(),
            entity_columns::<value_framework::Entity>(),
            entity_columns::<value_pair::Entity>(),
            entity_columns::<value::Entity>(),
            entity_columns::<behaviour_indicator::Entity>(),
            entity_columns::<app_user::Entity>(),
            entity_columns::<role_grant::Entity>(),
            entity_columns::<user_session::Entity>(),
            entity_columns::<auth_throttle::Entity>(),
            entity_columns::<api_token::Entity>(),
            entity_columns::<audit_event::Entity>(),
            entity_columns::<audit_head::Entity>(),
            entity_columns::<programme_year::Entity>(),
            entity_columns::<programme_framework::Entity>(),
            entity_columns::<value_selection::Entity>(),
            entity_columns::<selection_choice::Entity>(),
            entity_columns::<kbk::Entity>(),
            entity_columns::<kbk_member::Entity>(),
            entity_columns::<kbk_action::Entity>(),
            entity_columns::<action_value::Entity>(),
            entity_columns::<evidence_file::Entity>(),
            entity_columns::<report::Entity>(),
            entity_columns::<report_submission::Entity>(),
            entity_columns::<report_exclusion::Entity>(),
            entity_columns::<report_event::Entity>(),
            entity_columns::<extension_request::Entity>(),
            entity_columns::<notification::Entity>(),
            entity_columns::<mail_outbox::Entity>(),
            entity_columns::<action_tally::Entity>(),
            entity_columns::<value_tally::Entity>(),
            entity_columns::<index_weights::Entity>(),
        ] {
            assert_eq!(columns(&conn, &table).await, expected, "entity and table {table} differ");
        }
    }
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys_enforced() {
    let db = TestDb::sqlite().await;
    let conn = db.connect().await;
    let backend = conn.get_database_backend();
    let mode = conn.query_one_raw(Statement::from_string(backend, "PRAGMA journal_mode")).await.expect("pragma");
    let mode: String = mode.expect("a row").try_get_by_index(0).expect("mode");
    assert_eq!(mode, "wal");
    let fk = conn.query_one_raw(Statement::from_string(backend, "PRAGMA foreign_keys")).await.expect("pragma");
    let fk: i32 = fk.expect("a row").try_get_by_index(0).expect("flag");
    assert_eq!(fk, 1);
}

/// Without the guarantee SQLite plans a statement again at each execution whose bound values could change the
/// plan, and every `LIMIT ?` can: see `.cargo/config.toml`.
#[tokio::test]
async fn sqlite_keeps_each_statements_plan_whatever_values_are_bound() {
    let db = TestDb::sqlite().await;
    let conn = db.connect().await;
    let backend = conn.get_database_backend();
    let sql = "SELECT sqlite_compileoption_used('ENABLE_QPSG')";
    let used = conn.query_one_raw(Statement::from_string(backend, sql)).await.expect("compile option");
    let used: i32 = used.expect("a row").try_get_by_index(0).expect("flag");
    assert_eq!(used, 1, "SQLite is built with SQLITE_ENABLE_QPSG");
}
