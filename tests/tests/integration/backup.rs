//! `budaya backup` and `budaya restore`: a backup taken while writes go on restores into an empty database and
//! evidence store with every table and file as the snapshot had them; a damaged backup restores nothing.

use sea_orm::{ConnectionTrait, FromQueryResult, JsonValue, Statement};
use service::{
    backup,
    db::Engine,
    storage::{BlobStore, LocalStore},
};
use std::collections::BTreeMap;
use tests::{DEMO_PASSWORD, TestApp, TestDb, db_tests, test_now};

async fn fresh(engine: Engine) -> TestDb {
    match engine {
        Engine::Sqlite => TestDb::sqlite().await,
        Engine::Postgres => TestDb::postgres().await.expect("PostgreSQL is up for its own variant"),
    }
}

/// Every row of every table, as JSON, in a stable order.
async fn contents(db: &impl ConnectionTrait) -> BTreeMap<String, Vec<String>> {
    let mut all = BTreeMap::new();
    for table in backup::tables(db).await.expect("tables") {
        let sql = format!("SELECT * FROM \"{table}\"");
        let rows = JsonValue::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
            .all(db)
            .await
            .expect("rows");
        let mut rows: Vec<String> = rows.iter().map(JsonValue::to_string).collect();
        rows.sort();
        all.insert(table, rows);
    }
    all
}

db_tests! {
    async fn a_backup_restores_every_table_and_evidence_file_and_one_taken_during_writes_is_consistent(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let work = tempfile::tempdir().expect("temp dir");
        let now = test_now();

        // Idle: the restored copy equals the original, table by table and file by file.
        let archive = work.path().join("cadangan.zip");
        let manifest = backup::create(&app.services.db, &app.db.url, app.services.blobs.as_ref(), &archive, now)
            .await
            .expect("backup");
        assert!(!manifest.files.is_empty(), "the demo has evidence files");
        assert!(!work.path().join("cadangan.partial").exists(), "no partial file is left");
        let target = fresh(app.db.engine).await;
        let store = LocalStore::open(target.data_dir().join("evidence")).expect("store");
        backup::restore(&archive, &target.url, &store).await.expect("restore");
        let restored = target.connect().await;
        assert_eq!(contents(&restored).await, contents(&app.services.db).await, "every table comes back as it was");
        for file in &manifest.files {
            let original = app.services.blobs.get(&file.key).await.expect("original file");
            assert_eq!(store.get(&file.key).await.expect("restored file"), original, "{}", file.key);
        }
        assert!(service::audit::verify(&restored).await.expect("verify").is_ok(), "the audit chain verifies");

        // During writes: the backup is one snapshot, so the restored rows match its manifest exactly.
        let member = app.login("anggota.dlh", DEMO_PASSWORD).await;
        let (kbk, values) = crate::kbk::demo_kbk_and_values(&app).await;
        let writes = async {
            for _ in 0..10 {
                let logged = app.send_json(http::Method::POST, &format!("/api/v1/kbks/{kbk}/actions"), &crate::kbk::action(&values), &member).await;
                assert_eq!(logged.status, 201, "{}", logged.body);
            }
        };
        let busy = work.path().join("sibuk.zip");
        let (taken, ()) = tokio::join!(
            backup::create(&app.services.db, &app.db.url, app.services.blobs.as_ref(), &busy, now),
            writes
        );
        let taken = taken.expect("backup during writes");
        let target = fresh(app.db.engine).await;
        let store = LocalStore::open(target.data_dir().join("evidence")).expect("store");
        backup::restore(&busy, &target.url, &store).await.expect("restore");
        let restored = target.connect().await;
        let counts: BTreeMap<String, u64> =
            contents(&restored).await.into_iter().map(|(table, rows)| (table, rows.len() as u64)).collect();
        assert_eq!(counts, taken.tables, "the restored rows are the snapshot's");
        assert!(service::audit::verify(&restored).await.expect("verify").is_ok(), "the audit chain verifies");

        // A damaged backup (cut short) is refused and leaves the target as it was.
        let bytes = std::fs::read(&archive).expect("read backup");
        let damaged = work.path().join("rusak.zip");
        std::fs::write(&damaged, &bytes[..bytes.len() / 2]).expect("write");
        let target = fresh(app.db.engine).await;
        let store = LocalStore::open(target.data_dir().join("evidence")).expect("store");
        assert!(backup::restore(&damaged, &target.url, &store).await.is_err(), "a cut backup is refused");
        let untouched = target.connect().await;
        assert!(backup::tables(&untouched).await.expect("tables").is_empty(), "nothing was restored");
        for file in &manifest.files {
            assert!(store.get(&file.key).await.is_err(), "no file was restored");
        }
    }
}
