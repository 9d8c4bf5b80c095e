//! Health and readiness probes.

use tests::{TestApp, db_tests};

db_tests! {
    async fn healthz_and_readyz_answer_200_on_a_working_database(db: TestDb) {
        let app = TestApp::spawn(db).await;
        assert_eq!(app.get("/healthz").await.status, 200);
        assert_eq!(app.get("/readyz").await.status, 200);
    }

    async fn readyz_answers_503_once_the_database_is_gone(db: TestDb) {
        let app = TestApp::spawn(db).await;
        app.services.db.clone().close().await.expect("close the pool");
        assert_eq!(app.get("/healthz").await.status, 200);
        assert_eq!(app.get("/readyz").await.status, 503);
    }

    async fn every_response_carries_a_request_id_and_nosniff(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let response = app.get("/healthz").await;
        assert!(response.header("x-request-id").is_some_and(|id| id.len() >= 32));
        assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(response.header("x-frame-options"), Some("DENY"));
    }
}
