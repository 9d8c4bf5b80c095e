//! Managing users: within one's subtree, never above one's own role, every change audited.

use http::Method;
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
        let error = &response.json()["error"];
        assert_eq!(error["message"], "NIP harus 18 digit angka.");
        assert_eq!(error["fields"], json!([{"field": "nip", "code": "account", "message": "NIP harus 18 digit angka."}]));
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
        let id = app.user_id("anggota.dlh").await;
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
        let head = app.user_id("kepala.dlh").await;
        assert_eq!(post(&app, &admin, &format!("/api/v1/users/{head}/deactivate"), json!({})).await.status, 403);
    }

    async fn users_of_another_opd_are_not_found(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let admin = app.login("admin.dlh", DEMO_PASSWORD).await;
        let other = app.user_id("anggota.disdukcapil").await;
        assert_eq!(app.get_as(&admin, &format!("/api/v1/users/{other}")).await.status, 404);
        assert_eq!(post(&app, &admin, &format!("/api/v1/users/{other}/deactivate"), json!({})).await.status, 404);
    }

    async fn a_password_reset_replaces_the_old_password_and_ends_sessions(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let head = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let reviewer = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let id = app.user_id("kepala.dlh").await;
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

    async fn an_opd_admin_grants_and_revokes_a_role_up_to_their_own_and_the_last_role_stays(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let admin = app.login("admin.dlh", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let member = app.user_id("anggota.dlh").await;
        let path = format!("/api/v1/users/{member}/grants");
        let granted = post(&app, &admin, &path, json!({ "role": "admin_opd", "org_unit_id": dlh })).await;
        assert_eq!(granted.status, 200, "{}", granted.body);
        assert!(granted.body.contains("admin_opd"));
        let twice = post(&app, &admin, &path, json!({ "role": "admin_opd", "org_unit_id": dlh })).await;
        assert_eq!(twice.status, 409);
        let above = post(&app, &admin, &path, json!({ "role": "kepala_opd", "org_unit_id": dlh })).await;
        assert_eq!(above.status, 403, "{}", above.body);
        let seat = post(&app, &admin, &path, json!({ "role": "ketua_kbk", "org_unit_id": dlh })).await;
        assert_eq!(seat.status, 422);
        assert!(seat.body.contains("kursi di KBK"), "{}", seat.body);
        let revoked = app.send_json(Method::DELETE, &format!("{path}/admin_opd/{dlh}"), &json!({}), &admin).await;
        assert_eq!(revoked.status, 200, "{}", revoked.body);
        assert!(!revoked.body.contains("admin_opd"));
        let history = service::audit::history(&app.services.db, "user", &member, 10).await.expect("history");
        assert_eq!((history[0].action.as_str(), history[1].action.as_str()), ("user.revoke_role", "user.grant_role"));

        let kepala = app.user_id("kepala.disdukcapil").await;
        let reviewer = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let disdukcapil = app.unit_id("64.74.DISDUKCAPIL").await;
        let last = app
            .send_json(Method::DELETE, &format!("/api/v1/users/{kepala}/grants/kepala_opd/{disdukcapil}"), &json!({}), &reviewer)
            .await;
        assert_eq!(last.status, 409, "{}", last.body);
    }

    async fn the_user_page_grants_roles_and_resets_the_password_through_its_forms(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let reviewer = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let member = app.user_id("anggota.disdukcapil").await;
        let page = app.get_as(&reviewer, &format!("/pengguna/{member}")).await;
        assert!(page.body.contains("data-testid=\"grant-submit\"") && page.body.contains("data-testid=\"reset-submit\""));
        let unit = app.unit_id("64.74.DISDUKCAPIL").await;
        let granted = app.call_fn(&reviewer, "users/grant", &[("user", &member), ("role", "admin_opd"), ("org_unit", &unit)]).await;
        assert_eq!(granted.status, 200, "{}", granted.body);
        let reset = app.call_fn(&reviewer, "users/reset-password", &[("user", &member), ("password", "sandi-baru-yang-aman")]).await;
        assert_eq!(reset.status, 200, "{}", reset.body);
        app.login("anggota.disdukcapil", "sandi-baru-yang-aman").await;
        let short = app.call_fn(&reviewer, "users/reset-password", &[("user", &member), ("password", "pendek")]).await;
        assert_eq!(short.status, 422, "{}", short.body);
    }
}
