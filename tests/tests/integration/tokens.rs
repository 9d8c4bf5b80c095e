//! Personal API tokens.

use serde_json::json;
use tests::{DEMO_PASSWORD, TestApp, db_tests};

async fn get_with_bearer(app: &TestApp, path: &str, secret: &str) -> tests::TestResponse {
    app.send(
        http::Request::get(path)
            .header(http::header::AUTHORIZATION, format!("Bearer {secret}"))
            .body(axum::body::Body::empty())
            .expect("request"),
    )
    .await
}

db_tests! {
    async fn a_token_acts_as_its_owner_until_it_is_revoked(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let session = app.login("admin.dlh", DEMO_PASSWORD).await;
        let created = app.post_json("/api/v1/tokens", &json!({"name": "Integrasi e-Kinerja"}), Some(&session)).await;
        assert_eq!(created.status, 201, "{}", created.body);
        let body = created.json();
        let secret = body["secret"].as_str().expect("secret").to_owned();
        let id = body["token"]["id"].as_str().expect("id").to_owned();
        assert!(secret.starts_with("bdy_") && secret.len() > 40);

        let me = get_with_bearer(&app, "/api/v1/me", &secret).await;
        assert_eq!(me.status, 200);
        assert_eq!(me.json()["user"]["username"], "admin.dlh");

        let list = app.get_as(&session, "/api/v1/tokens").await;
        assert!(!list.body.contains(&secret), "the secret is shown once only");
        assert_eq!(list.json()["items"][0]["prefix"], &secret[..10]);

        let revoke = app
            .send(
                http::Request::delete(format!("/api/v1/tokens/{id}"))
                    .header(http::header::COOKIE, &session.cookie)
                    .body(axum::body::Body::empty())
                    .expect("request"),
            )
            .await;
        assert_eq!(revoke.status, 204);
        assert_eq!(get_with_bearer(&app, "/api/v1/me", &secret).await.status, 401);
    }

    async fn nobody_revokes_another_users_token(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let owner = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let created = app.post_json("/api/v1/tokens", &json!({"name": "Skrip laporan"}), Some(&owner)).await.json();
        let id = created["token"]["id"].as_str().expect("id").to_owned();
        let other = app.login("kepala.disdukcapil", DEMO_PASSWORD).await;
        let revoke = app
            .send(
                http::Request::delete(format!("/api/v1/tokens/{id}"))
                    .header(http::header::COOKIE, &other.cookie)
                    .body(axum::body::Body::empty())
                    .expect("request"),
            )
            .await;
        assert_eq!(revoke.status, 404);
        let secret = created["secret"].as_str().expect("secret");
        assert_eq!(get_with_bearer(&app, "/api/v1/me", secret).await.status, 200);
    }

    async fn a_made_up_bearer_token_is_refused(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let fake = format!("bdy_{}", "0".repeat(48));
        assert_eq!(get_with_bearer(&app, "/api/v1/me", &fake).await.status, 401);
        assert_eq!(get_with_bearer(&app, "/api/v1/me", "not-even-a-token").await.status, 401);
    }

    async fn creating_and_revoking_tokens_is_audited(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let session = app.login("admin.dlh", DEMO_PASSWORD).await;
        app.post_json("/api/v1/tokens", &json!({"name": "Dasbor internal"}), Some(&session)).await;
        let admin = app.login("admin", DEMO_PASSWORD).await;
        let events = app.get_as(&admin, "/api/v1/audit-events?action=token.create").await.json();
        assert_eq!(events["items"][0]["actor"], "admin.dlh");
    }
}

db_tests! {
    async fn the_token_page_creates_a_token_shown_once_which_then_authenticates_and_can_be_revoked(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let session = app.login("ketua.dlh", DEMO_PASSWORD).await;
        assert_eq!(app.get_as(&session, "/token").await.status, 200);
        let created = app.call_fn(&session, "tokens/create", &[("name", "Sinkronisasi SIMPEG")]).await;
        assert_eq!(created.status, 200, "{}", created.body);
        let new: serde_json::Value = serde_json::from_str(&created.body).expect("json");
        let secret = new["secret"].as_str().expect("secret").to_owned();
        let me = get_with_bearer(&app, "/api/v1/me", &secret).await;
        assert_eq!(me.status, 200, "{}", me.body);
        let page = app.get_as(&session, "/token").await;
        assert!(page.body.contains("Sinkronisasi SIMPEG") && !page.body.contains(&secret), "the secret is shown only once");
        let id = new["token"]["id"].as_str().expect("id");
        assert_eq!(app.call_fn(&session, "tokens/revoke", &[("token", id)]).await.status, 200);
        assert_eq!(get_with_bearer(&app, "/api/v1/me", &secret).await.status, 401);
    }
}
