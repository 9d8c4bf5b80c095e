//! Access: signing in and out through the API, who is who, throttling, cross-site protection.

use chrono::Duration;
use serde_json::json;
use tests::{DEMO_PASSWORD, TestApp, db_tests};

const DEMO_USERS: [(&str, &str, Option<&str>); 10] = [
    ("admin", "administrator", None),
    ("peninjau.kaltim", "peninjau", Some("64")),
    ("pimpinan.kaltim", "pimpinan", Some("64")),
    ("peninjau.bontang", "peninjau", Some("64.74")),
    ("kepala.dlh", "kepala_opd", Some("64.74.DLH")),
    ("admin.dlh", "admin_opd", Some("64.74.DLH")),
    ("ketua.dlh", "ketua_kbk", Some("64.74.DLH")),
    ("anggota.dlh", "anggota_kbk", Some("64.74.DLH")),
    ("kepala.disdukcapil", "kepala_opd", Some("64.74.DISDUKCAPIL")),
    ("anggota.disdukcapil", "anggota_kbk", Some("64.74.DISDUKCAPIL")),
];

db_tests! {
    async fn every_demo_user_signs_in_and_sees_their_grant(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        for (username, role, unit) in DEMO_USERS {
            let session = app.login(username, DEMO_PASSWORD).await;
            let me = app.get_as(&session, "/api/v1/me").await;
            assert_eq!(me.status, 200, "{username}");
            let user = &me.json()["user"];
            assert_eq!(user["username"], username);
            assert!(user.get("password_hash").is_none());
            let grants = user["grants"].as_array().expect("grants");
            assert_eq!(grants.len(), 1, "{username}");
            assert_eq!(grants[0]["role"], role, "{username}");
            assert_eq!(grants[0]["org_unit_code"].as_str(), unit, "{username}");
        }
    }

    async fn anonymous_requests_to_api_data_get_401_but_login_health_and_openapi_do_not(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        for path in ["/api/v1/me", "/api/v1/frameworks", "/api/v1/org-units", "/api/v1/frameworks/x"] {
            let response = app.get(path).await;
            assert_eq!(response.status, 401, "{path}");
            assert_eq!(response.json()["error"]["code"], "unauthenticated", "{path}");
        }
        assert_eq!(app.get("/api/v1/openapi.json").await.status, 200);
        assert_eq!(app.get("/healthz").await.status, 200);
        let login = app.post_json("/api/v1/auth/login", &json!({"username": "x", "password": "y"}), None).await;
        assert_eq!(login.status, 401);
    }

    async fn a_wrong_username_and_a_wrong_password_get_the_same_answer(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let unknown = app.post_json("/api/v1/auth/login", &json!({"username": "tidak.ada", "password": DEMO_PASSWORD}), None).await;
        let wrong = app.post_json("/api/v1/auth/login", &json!({"username": "kepala.dlh", "password": "salah-sandi"}), None).await;
        assert_eq!((unknown.status, wrong.status), (http::StatusCode::UNAUTHORIZED, http::StatusCode::UNAUTHORIZED));
        assert_eq!(unknown.body, wrong.body);
        assert_eq!(wrong.json()["error"]["message"], "Nama pengguna atau kata sandi salah.");
    }

    async fn twenty_wrong_passwords_end_in_429_and_the_right_one_works_after_the_wait(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let wrong = json!({"username": "kepala.dlh", "password": "salah-sandi-lagi"});
        let mut statuses = Vec::new();
        for _ in 0..20 {
            statuses.push(app.post_json("/api/v1/auth/login", &wrong, None).await.status.as_u16());
        }
        assert_eq!(&statuses[..5], [401; 5]);
        assert!(statuses[5..].iter().all(|status| *status == 429), "the fifth failure starts the block: {statuses:?}");

        let right = json!({"username": "kepala.dlh", "password": DEMO_PASSWORD});
        let blocked = app.post_json("/api/v1/auth/login", &right, None).await;
        assert_eq!(blocked.status, 429);
        let retry_after: i64 = blocked.header("retry-after").expect("Retry-After").parse().expect("seconds");
        assert!(retry_after > 0);

        app.clock.advance(Duration::seconds(retry_after));
        assert_eq!(app.post_json("/api/v1/auth/login", &right, None).await.status, 200);
    }

    async fn signing_out_ends_the_session_on_the_server(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let session = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let out = app.post_json("/api/v1/auth/logout", &json!({}), Some(&session)).await;
        assert_eq!(out.status, 204);
        assert!(out.header("set-cookie").is_some_and(|c| c.contains("Max-Age=0")));
        assert_eq!(app.get_as(&session, "/api/v1/me").await.status, 401, "the old cookie no longer works");
    }

    async fn a_session_ends_after_30_idle_minutes_and_after_12_hours_whatever_the_activity(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let idle = app.login("kepala.dlh", DEMO_PASSWORD).await;
        app.clock.advance(Duration::minutes(31));
        assert_eq!(app.get_as(&idle, "/api/v1/me").await.status, 401);

        let busy = app.login("kepala.dlh", DEMO_PASSWORD).await;
        for _ in 0..24 {
            app.clock.advance(Duration::minutes(29));
            assert_eq!(app.get_as(&busy, "/api/v1/me").await.status, 200);
        }
        app.clock.advance(Duration::minutes(29));
        assert_eq!(app.get_as(&busy, "/api/v1/me").await.status, 401, "12 hours have passed");
    }

    async fn signing_in_again_replaces_the_session_id(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let first = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let response = app
            .send(
                http::Request::post("/api/v1/auth/login")
                    .header("content-type", "application/json")
                    .header(http::header::COOKIE, &first.cookie)
                    .body(axum::body::Body::from(json!({"username": "kepala.dlh", "password": DEMO_PASSWORD}).to_string()))
                    .expect("request"),
            )
            .await;
        assert_eq!(response.status, 200);
        let second = response.header("set-cookie").expect("cookie").split(';').next().expect("pair").to_owned();
        assert_ne!(second, first.cookie);
        assert_eq!(app.get_as(&first, "/api/v1/me").await.status, 401);
    }

    async fn the_session_cookie_is_httponly_and_samesite_lax(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let response = app.post_json("/api/v1/auth/login", &json!({"username": "admin", "password": DEMO_PASSWORD}), None).await;
        let cookie = response.header("set-cookie").expect("cookie");
        assert!(cookie.starts_with("budaya_sesi=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
        assert!(!cookie.contains("Secure"), "plain-HTTP installs cannot use Secure cookies");
    }

    async fn a_post_from_another_origin_is_refused(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let request = http::Request::post("/api/v1/auth/login")
            .header("content-type", "application/json")
            .header(http::header::HOST, "localhost")
            .header(http::header::ORIGIN, "https://evil.example")
            .body(axum::body::Body::from(json!({"username": "admin", "password": DEMO_PASSWORD}).to_string()))
            .expect("request");
        let response = app.send(request).await;
        assert_eq!(response.status, 403);
        assert!(response.header("set-cookie").is_none());
    }

    async fn fifty_parallel_wrong_passwords_from_one_client_check_at_most_five_and_the_owner_elsewhere_still_signs_in(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let attacker = "203.0.113.7";
        let wrong = json!({"username": "kepala.dlh", "password": "tebakan-salah"});
        let burst = (0..50).map(|_| app.login_from(attacker, &wrong));
        let statuses: Vec<u16> = futures::future::join_all(burst).await.iter().map(|r| r.status.as_u16()).collect();
        let checked = statuses.iter().filter(|status| **status == 401).count();
        assert!(checked <= 5, "{checked} passwords were checked: {statuses:?}");
        assert!(statuses.iter().all(|status| matches!(status, 401 | 429)), "{statuses:?}");

        let right = json!({"username": "kepala.dlh", "password": DEMO_PASSWORD});
        let during = app.login_from(attacker, &right).await;
        assert_eq!(during.status, 429, "the right password from the throttled client waits too");
        assert!(during.header("retry-after").is_some());
        assert_eq!(app.login_from("198.51.100.20", &right).await.status, 200, "the owner at another address signs in");
    }

    async fn a_correct_password_inside_a_parallel_burst_of_wrong_ones_is_refused_once_the_client_is_throttled(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let client = "203.0.113.8";
        let wrong = json!({"username": "kepala.dlh", "password": "tebakan-salah"});
        let right = json!({"username": "kepala.dlh", "password": DEMO_PASSWORD});
        let burst = (0..30).map(|i| app.login_from(client, if i == 29 { &right } else { &wrong }));
        let statuses: Vec<u16> = futures::future::join_all(burst).await.iter().map(|r| r.status.as_u16()).collect();
        assert_eq!(statuses.iter().filter(|status| **status != 429).count(), 5, "{statuses:?}");
        assert_eq!(statuses[29], 429, "the sixth attempt is refused whatever its password: {statuses:?}");
    }

    async fn an_office_of_hundreds_behind_one_address_all_sign_in_because_only_failures_fill_its_count(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let office = "192.0.2.10";
        let mut statuses = Vec::new();
        // More sign-ins than the address's 200 attempts per window, in bursts as a morning brings them.
        for burst in 0..7 {
            let users = DEMO_USERS.iter().cycle().skip(burst).take(30);
            let bodies: Vec<_> = users.map(|(username, ..)| json!({"username": username, "password": DEMO_PASSWORD})).collect();
            let responses = futures::future::join_all(bodies.iter().map(|body| app.login_from(office, body))).await;
            statuses.extend(responses.iter().map(|response| response.status.as_u16()));
        }
        assert_eq!(statuses.len(), 210);
        assert!(statuses.iter().all(|status| *status == 200), "{statuses:?}");

        let wrong = json!({"username": "kepala.dlh", "password": "tebakan-salah"});
        let failures: Vec<u16> = futures::future::join_all((0..6).map(|_| app.login_from(office, &wrong))).await.iter().map(|r| r.status.as_u16()).collect();
        assert!(failures.contains(&429), "failures from the office are still throttled: {failures:?}");
    }

    async fn a_post_from_this_host_under_another_scheme_is_refused(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let request = http::Request::post("/api/v1/auth/login")
            .header("content-type", "application/json")
            .header(http::header::HOST, "localhost")
            .header(http::header::ORIGIN, "https://localhost")
            .body(axum::body::Body::from(json!({"username": "admin", "password": DEMO_PASSWORD}).to_string()))
            .expect("request");
        assert_eq!(app.send(request).await.status, 403);
    }

    async fn answers_that_depend_on_the_session_are_never_stored_by_caches(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let session = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
        for path in ["/dasbor", "/api/v1/me", "/tinjauan", "/", "/masuk"] {
            let response = app.get_as(&session, path).await;
            assert_eq!(response.header("cache-control"), Some("no-store"), "{path}");
        }
        assert_eq!(app.get("/api/v1/me").await.header("cache-control"), Some("no-store"));
    }

    async fn a_deactivated_user_cannot_sign_in(db: TestDb) {
        use sea_orm::{ActiveModelTrait, Set};
        let app = TestApp::with_demo(db).await;
        let user = service::access::users::find_by_username(&app.services.db, "anggota.dlh").await.expect("query").expect("user");
        let mut user: service::entity::app_user::ActiveModel = user.into();
        user.active = Set(false);
        user.update(&app.services.db).await.expect("deactivate");
        let response = app.post_json("/api/v1/auth/login", &json!({"username": "anggota.dlh", "password": DEMO_PASSWORD}), None).await;
        assert_eq!(response.status, 401);
    }

    async fn the_first_administrator_is_created_without_any_org_unit(db: TestDb) {
        let app = TestApp::spawn(db).await;
        assert!(!service::access::users::administrator_exists(&app.services.db).await.expect("check"));
        service::access::admin::create_administrator(&app.services.db, "root", "Admin Utama", "sandi-yang-panjang", None, tests::app::test_now())
            .await
            .expect("create");
        assert!(service::access::users::administrator_exists(&app.services.db).await.expect("check"));
        let session = app.login("root", "sandi-yang-panjang").await;
        let me = app.get_as(&session, "/api/v1/me").await.json();
        assert_eq!(me["user"]["grants"][0]["role"], "administrator");
        assert!(me["user"]["grants"][0]["org_unit_id"].is_null());
    }
}
