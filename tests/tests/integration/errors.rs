//! Failures reach the user as a message and a reference id, never as internals.

use sea_orm::ConnectionTrait;
use tests::{DEMO_PASSWORD, TestApp, db_tests};

/// Breaks the catalogue so reading it fails inside the database, as a real outage would.
async fn sabotage(app: &TestApp) {
    app.services.db.execute_unprepared("ALTER TABLE value_pair RENAME TO value_pair_gone").await.expect("sabotage");
}

db_tests! {
    async fn a_page_whose_data_fails_shows_a_reference_id_and_no_internals(db: TestDb) {
        let app = TestApp::spawn(db).await;
        sabotage(&app).await;

        let response = app.get("/nilai").await;

        assert_eq!(response.status, 500);
        assert!(response.body.contains("Terjadi kesalahan"));
        assert!(response.body.contains("data-testid=\"error-reference\""));
        for internal in ["value_pair", "SELECT", "sqlx", "no such table", "relation"] {
            assert!(!response.body.contains(internal), "page leaks {internal:?}");
        }
    }

    async fn an_api_failure_is_a_json_500_with_a_reference_and_no_internals(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let session = app.login("admin", DEMO_PASSWORD).await;
        sabotage(&app).await;

        let response = app.get_as(&session, "/api/v1/frameworks").await;

        assert_eq!(response.status, 500);
        let body = response.json();
        assert_eq!(body["error"]["code"], "internal");
        assert_eq!(body["error"]["reference"].as_str().map(str::len), Some(10));
        assert!(!response.body.contains("value_pair"), "{}", response.body);
    }
}

db_tests! {
    async fn a_server_function_called_with_missing_arguments_answers_422_naming_the_problem(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let session = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let response = app.call_fn(&session, "org/change", &[("name", "Tanpa id")]).await;
        assert_eq!(response.status, 422, "{}", response.body);
        assert!(response.body.contains("Invalid"), "{}", response.body);
    }
}

db_tests! {
    async fn text_with_a_nul_or_other_control_character_is_refused_in_words_and_stores_nothing(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let member = app.login("anggota.dlh", DEMO_PASSWORD).await;
        let (kbk, values) = crate::kbk::demo_kbk_and_values(&app).await;
        let before = app.get_as(&member, &format!("/api/v1/kbks/{kbk}/actions")).await.json()["items"].clone();
        for title in ["Apel\u{0}pagi", "Apel \u{1b}[31mpagi"] {
            let mut action = crate::kbk::action(&values);
            action["title"] = serde_json::json!(title);
            let path = format!("/api/v1/kbks/{kbk}/actions");
            let refused = app.send_json(http::Method::POST, &path, &action, &member).await;
            assert_eq!(refused.status, 422, "{title:?}: {}", refused.body);
            assert!(refused.body.contains("karakter kontrol"), "{}", refused.body);
        }
        let after = app.get_as(&member, &format!("/api/v1/kbks/{kbk}/actions")).await.json()["items"].clone();
        assert_eq!(after, before, "nothing was stored");
    }
}
