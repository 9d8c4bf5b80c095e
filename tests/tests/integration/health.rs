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

db_tests! {
    async fn pages_carry_a_content_security_policy_with_the_nonce_of_their_scripts(db: TestDb) {
        let app = TestApp::spawn(db).await;
        for path in ["/", "/nilai", "/masuk", "/tidak-ada"] {
            let page = app.get(path).await;
            let policy = page.header("content-security-policy").unwrap_or_else(|| panic!("{path} has no CSP"));
            assert!(policy.contains("frame-ancestors 'none'"), "{path}: {policy}");
            let nonce = policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("a nonce");
            assert!(page.body.contains(&format!("nonce=\"{nonce}\"")), "{path}: the loader script carries the nonce");
        }
    }

    async fn api_responses_forbid_scripts_and_framing(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let response = app.get("/api/v1/openapi.json").await;
        assert_eq!(response.header("content-security-policy"), Some("default-src 'none'; frame-ancestors 'none'"));
    }
}
