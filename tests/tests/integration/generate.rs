//! `budaya gen-data`: the generated province is the same for the same seed, its dashboard counts equal a
//! recount from the rows, every evidence row points at a stored file, its audit chain verifies, and its
//! reviewer sees it on the dashboard.

use sea_orm::{ConnectionTrait, FromQueryResult, JsonValue, Statement, TransactionTrait};
use service::{
    ServiceError,
    db::Engine,
    demo::generate::{self, Shape},
};
use tests::{TestApp, TestDb, db_tests, test_now};

const SHAPE: Shape = Shape { provinces: 1, pemdas: 2, opds_per_pemda: 2, years: 2, actions: 400, seed: 11 };

async fn rows(db: &impl ConnectionTrait, sql: &str) -> Vec<String> {
    let found = JsonValue::find_by_statement(Statement::from_string(db.get_database_backend(), sql.to_owned()))
        .all(db)
        .await
        .unwrap_or_else(|err| panic!("{sql}: {err}"));
    found.iter().map(JsonValue::to_string).collect()
}

/// What the province holds, without the ids and instants the services draw themselves.
async fn content(db: &impl ConnectionTrait) -> Vec<Vec<String>> {
    vec![
        rows(db, "SELECT code, name, kind FROM org_unit ORDER BY code").await,
        rows(db, "SELECT username, full_name FROM app_user ORDER BY username").await,
        rows(db, "SELECT title, started_on, state, participants FROM kbk_action ORDER BY started_on, title, state, participants").await,
        rows(db, "SELECT year, quarter, state, late, revision FROM report ORDER BY year, quarter, state, late, revision").await,
    ]
}

async fn count(db: &impl ConnectionTrait, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect("count");
    row.expect("a row").try_get_by_index::<i64>(0).expect("a number")
}

async fn tallies(db: &impl ConnectionTrait) -> Vec<Vec<String>> {
    vec![
        rows(db, "SELECT * FROM action_tally ORDER BY opd_id, year, quarter").await,
        rows(db, "SELECT * FROM value_tally ORDER BY opd_id, year, quarter, value_id").await,
    ]
}

async fn fresh(engine: Engine) -> TestDb {
    match engine {
        Engine::Sqlite => TestDb::sqlite().await,
        Engine::Postgres => TestDb::postgres().await.expect("PostgreSQL is up for its own variant"),
    }
}

db_tests! {
    async fn a_generated_province_is_the_same_for_a_seed_counts_true_and_stores_every_file(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let made = generate::generate(&app.services, &SHAPE, test_now()).await.expect("generate");
        assert_eq!((made.opds, made.actions), (4, 400), "{made:?}");
        let db = &app.services.db;
        assert_eq!(count(db, "kbk_action").await, 400);
        let states = rows(db, "SELECT DISTINCT state FROM report ORDER BY state").await;
        assert!(states.len() >= 3, "reports in several states: {states:?}");
        assert!(made.reports > 0 && count(db, "notification").await > 0, "reviews notify");

        // The same seed on another database gives the same province; on this one it is refused.
        let twin = TestApp::spawn(fresh(app.db.engine).await).await;
        generate::generate(&twin.services, &SHAPE, test_now()).await.expect("generate again");
        assert_eq!(content(&twin.services.db).await, content(db).await, "same seed, same province");
        let again = generate::generate(&app.services, &SHAPE, test_now()).await;
        assert!(matches!(again, Err(ServiceError::Conflict(_))), "{again:?}");

        // The counts written with the bulk rows equal a recount from the rows themselves.
        let kept = tallies(db).await;
        let txn = db.begin().await.expect("txn");
        service::dashboard::tally::rebuild(&txn).await.expect("rebuild");
        txn.commit().await.expect("commit");
        assert_eq!(tallies(db).await, kept, "bulk counts equal the recount");

        // Every evidence row's file is stored; the audit chain verifies.
        let keys = rows(db, "SELECT DISTINCT storage_key FROM evidence_file").await;
        assert!(!keys.is_empty());
        for key in keys {
            let key: serde_json::Value = serde_json::from_str(&key).expect("json");
            let key = key["storage_key"].as_str().expect("key");
            app.services.blobs.get(key).await.unwrap_or_else(|err| panic!("{key} is stored: {err}"));
        }
        assert!(service::audit::verify(db).await.expect("verify").is_ok(), "the audit chain verifies");

        // The province's reviewer sees all its OPDs on the dashboard.
        let session = app.login("g11.peninjau.00", generate::PASSWORD).await;
        let compliance = app.get_as(&session, "/api/v1/dashboard/compliance").await;
        assert_eq!(compliance.status, 200, "{}", compliance.body);
        assert_eq!(compliance.count("\"opd_id\""), 4, "{}", compliance.body);
    }

    async fn a_generated_nation_puts_its_provinces_under_one_national_node_whose_reviewer_sees_them_all(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let shape = Shape { provinces: 2, pemdas: 3, opds_per_pemda: 1, years: 1, actions: 30, seed: 12 };
        let made = generate::generate(&app.services, &shape, test_now()).await.expect("generate");
        assert_eq!(made.opds, 3, "{made:?}");
        let db = &app.services.db;
        let governments = rows(db, "SELECT code, kind FROM org_unit WHERE code NOT LIKE '%.D%' ORDER BY code").await;
        assert_eq!(
            governments,
            [
                r#"{"code":"S12","kind":"nasional"}"#,
                r#"{"code":"S12.P01","kind":"provinsi"}"#,
                r#"{"code":"S12.P01.K01","kind":"kabupaten"}"#,
                r#"{"code":"S12.P02","kind":"provinsi"}"#,
            ],
        );
        assert_eq!(service::dashboard::standing::stored(db).await.ok(), service::dashboard::standing::recount(db).await.ok());

        // The national reviewer's overview: the nation's three OPDs, one row per province.
        let session = app.login("g12.peninjau.00", generate::PASSWORD).await;
        let overview = app.get_as(&session, "/api/v1/dashboard/overview").await;
        assert_eq!(overview.status, 200, "{}", overview.body);
        let overview = overview.json();
        assert_eq!(overview["frame"]["org_unit_name"], "Indonesia");
        assert_eq!(overview["headline"]["current"]["opds"], 3);
        let children: Vec<(String, u64)> = overview["children"]
            .as_array()
            .expect("children")
            .iter()
            .map(|row| (row["name"].as_str().unwrap_or_default().to_owned(), row["tally"]["opds"].as_u64().unwrap_or(0)))
            .collect();
        assert_eq!(
            children,
            [
                ("Pemerintah Provinsi Sungai Lestari".to_owned(), 2),
                ("Pemerintah Provinsi Tanjung Harapan".to_owned(), 1),
            ]
        );
        // The picker offers the way down to the node in view and the Pemdas right below each step, not every
        // Pemda in reach: the provinces at the top, a province's regencies once it is picked.
        assert_eq!(picker(&overview), ["0 Indonesia", "1 Pemerintah Provinsi Sungai Lestari", "1 Pemerintah Provinsi Tanjung Harapan"]);
        let province_id = overview["children"][0]["id"].as_str().expect("province id").to_owned();
        let down = app.get_as(&session, &format!("/api/v1/dashboard/overview?org_unit={province_id}")).await.json();
        assert_eq!(
            picker(&down),
            [
                "0 Indonesia",
                "1 Pemerintah Provinsi Sungai Lestari",
                "2 Pemerintah Kabupaten Sungai Lestari 1",
                "1 Pemerintah Provinsi Tanjung Harapan",
            ]
        );
        // A province's reviewer sees their province only.
        let province = app.login("g12.peninjau.01", generate::PASSWORD).await;
        let own = app.get_as(&province, "/api/v1/dashboard/overview").await.json();
        assert_eq!(own["headline"]["current"]["opds"], 2);
        assert_eq!(picker(&own), ["0 Pemerintah Provinsi Sungai Lestari", "1 Pemerintah Kabupaten Sungai Lestari 1"]);
    }
}

/// The dashboard picker's entries of an overview, as "depth name".
fn picker(overview: &serde_json::Value) -> Vec<String> {
    overview["frame"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|node| format!("{} {}", node["depth"], node["name"].as_str().unwrap_or_default()))
        .collect()
}
