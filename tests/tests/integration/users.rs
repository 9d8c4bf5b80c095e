//! Managing users: within one's subtree, never above one's own role, every change audited.

use serde_json::{Value, json};
use tests::{DEMO_PASSWORD, Session, TestApp, TestResponse, db_tests};

async fn unit_id(app: &TestApp, session: &Session, code: &str) -> String {
    fn find(nodes: &Value, code: &str) -> Option<String> {
        nodes.as_array()?.iter().find_map(|node| {
            if node["unit"]["code"] == code {
                node["unit"]["id"].as_str().map(str::to_owned)
            } else {
                find(&node["children"], code)
            }
        })
    }
    let tree = app.get_as(session, "/api/v1/org-units").await.json();
    find(&tree["items"], code).unwrap_or_else(|| panic!("no unit {code}"))
}

async fn user_id(app: &TestApp, username: &str) -> String {
    let user = service::access::users::find_by_username(&app.services.db, username).await.expect("query");
    user.expect("user exists").id.to_string()
}

fn new_user(username: &str, role: &str, unit: &str) -> Value {
    json!({
        "username": username, "full_name": "Pegawai Baru, S.E.", "nip": "199501012020121001",
        "password": "sandi-awal-aman", "role": role, "org_unit_id": unit,
    })
}

async fn post(app: &TestApp, session: &Session, path: &str, body: Value) -> TestResponse {
    app.post_json(path, &body, Some(session)).await
}

db_tests! {
    async fn an_opd_admin_creates_a_member_of_their_opd_who_can_then_sign_in(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let admin = app.login("admin.dlh", DEMO_PASSWORD).await;
        let dlh = unit_id(&app, &admin, "64.74.DLH").await;
        let created = post(&app, &admin, "/api/v1/users", new_user("staf.dlh", "anggota_kbk", &dlh)).await;
        assert_eq!(created.status, 201, "{}", created.body);
        assert_eq!(created.json()["grants"][0]["org_unit_code"], "64.74.DLH");
        app.login("staf.dlh", "sandi-awal-aman").await;
    }

    async fn nobody_grants_a_role_above_their_own(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let admin = app.login("admin.dlh", DEMO_PASSWORD).await;
        let dlh = unit_id(&app, &admin, "64.74.DLH").await;
        let response = post(&app, &admin, "/api/v1/users", new_user("kepala.baru", "kepala_opd", &dlh)).await;
        assert_eq!(response.status, 403);
        assert!(service::access::users::find_by_username(&app.services.db, "kepala.baru").await.expect("q").is_none());
    }

    async fn an_opd_admin_cannot_create_users_in_another_opd(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let admin = app.login("admin.dlh", DEMO_PASSWORD).await;
        let reviewer = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let disdukcapil = unit_id(&app, &reviewer, "64.74.DISDUKCAPIL").await;
        let response = post(&app, &admin, "/api/v1/users", new_user("staf.lain", "anggota_kbk", &disdukcapil)).await;
        assert_eq!(response.status, 404, "another OPD is invisible, not merely forbidden");
    }

    async fn a_city_reviewer_appoints_an_opd_head(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let reviewer = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let dishub = unit_id(&app, &reviewer, "64.74.DISHUB").await;
        let created = post(&app, &reviewer, "/api/v1/users", new_user("kepala.dishub", "kepala_opd", &dishub)).await;
        assert_eq!(created.status, 201, "{}", created.body);
    }

    async fn an_invalid_nip_is_refused_with_a_message_naming_the_field_and_nothing_is_created(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let admin = app.login("admin.dlh", DEMO_PASSWORD).await;
        let dlh = unit_id(&app, &admin, "64.74.DLH").await;
        let mut body = new_user("staf.salah", "anggota_kbk", &dlh);
        body["nip"] = json!("12345");
        let response = post(&app, &admin, "/api/v1/users", body).await;
        assert_eq!(response.status, 422);
        assert_eq!(response.json()["error"]["message"], "NIP: NIP harus 18 digit angka.");
        assert!(service::access::users::find_by_username(&app.services.db, "staf.salah").await.expect("q").is_none());
    }

    async fn a_taken_username_is_a_conflict(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let admin = app.login("admin.dlh", DEMO_PASSWORD).await;
        let dlh = unit_id(&app, &admin, "64.74.DLH").await;
        let response = post(&app, &admin, "/api/v1/users", new_user("anggota.dlh", "anggota_kbk", &dlh)).await;
        assert_eq!(response.status, 409);
    }

    async fn deactivating_a_user_ends_their_session_and_refuses_their_sign_in(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let member = app.login("anggota.dlh", DEMO_PASSWORD).await;
        let admin = app.login("admin.dlh", DEMO_PASSWORD).await;
        let id = user_id(&app, "anggota.dlh").await;
        let response = post(&app, &admin, &format!("/api/v1/users/{id}/deactivate"), json!({})).await;
        assert_eq!(response.status, 200);
        assert_eq!(response.json()["active"], false);
        assert_eq!(app.get_as(&member, "/api/v1/me").await.status, 401);
        let again = app.post_json("/api/v1/auth/login", &json!({"username": "anggota.dlh", "password": DEMO_PASSWORD}), None).await;
        assert_eq!(again.status, 401);

        assert_eq!(post(&app, &admin, &format!("/api/v1/users/{id}/activate"), json!({})).await.status, 200);
        app.login("anggota.dlh", DEMO_PASSWORD).await;
    }

    async fn an_opd_admin_cannot_deactivate_their_head(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let admin = app.login("admin.dlh", DEMO_PASSWORD).await;
        let head = user_id(&app, "kepala.dlh").await;
        assert_eq!(post(&app, &admin, &format!("/api/v1/users/{head}/deactivate"), json!({})).await.status, 403);
    }

    async fn users_of_another_opd_are_not_found(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let admin = app.login("admin.dlh", DEMO_PASSWORD).await;
        let other = user_id(&app, "anggota.disdukcapil").await;
        assert_eq!(app.get_as(&admin, &format!("/api/v1/users/{other}")).await.status, 404);
        assert_eq!(post(&app, &admin, &format!("/api/v1/users/{other}/deactivate"), json!({})).await.status, 404);
    }

    async fn a_password_reset_replaces_the_old_password_and_ends_sessions(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let head = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let reviewer = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let id = user_id(&app, "kepala.dlh").await;
        let response = post(&app, &reviewer, &format!("/api/v1/users/{id}/password"), json!({"password": "sandi-baru-kuat"})).await;
        assert_eq!(response.status, 204);
        assert_eq!(app.get_as(&head, "/api/v1/me").await.status, 401);
        let old = app.post_json("/api/v1/auth/login", &json!({"username": "kepala.dlh", "password": DEMO_PASSWORD}), None).await;
        assert_eq!(old.status, 401);
        app.login("kepala.dlh", "sandi-baru-kuat").await;
        let admin = app.login("admin", DEMO_PASSWORD).await;
        let events = app.get_as(&admin, "/api/v1/audit-events?action=user.reset_password").await.json();
        assert_eq!(events["items"][0]["actor"], "peninjau.bontang");
    }
}
