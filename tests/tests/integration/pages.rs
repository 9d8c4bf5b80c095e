//! Server-rendered pages: what a browser gets before any JavaScript runs.

use tests::{TestApp, db_tests};

db_tests! {
    async fn the_home_page_is_indonesian_and_lists_the_demo_pemda(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let page = app.get("/").await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("<html lang=\"id\""));
        assert!(page.body.contains("Budaya kerja yang terdokumentasi dan ada laporannya"));
        assert!(page.body.contains("Pemerintah Kota Bontang"));
        assert!(page.body.contains("44 perangkat daerah dan unit"));
    }

    async fn the_catalogue_page_renders_17_pairs_and_34_values_on_the_server(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let page = app.get("/nilai").await;
        assert_eq!(page.status, 200);
        assert_eq!(page.count("data-testid=\"pair\""), 17);
        assert_eq!(page.count("data-testid=\"value\""), 34);
        assert!(page.body.contains("Menampilkan 34 dari 34 nilai"));
        assert!(page.body.contains("Penguasaan teknologi"));
        assert!(page.body.contains("/pkg/budaya.js"), "the page loads the hydration bundle");
    }

    async fn the_catalogue_filters_on_the_server_when_the_search_form_is_submitted(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let page = app.get("/nilai?cari=kejujuran").await;
        // Every value is sent, so that clearing the box in the browser brings them back; the rest are `hidden`
        // (written first in the tag).
        assert_eq!(page.count("data-testid=\"value\""), 34);
        assert_eq!(page.count("<li data-testid=\"value\""), 1, "one value is shown");
        assert!(page.body.contains("<li data-testid=\"value\" data-code=\"3.2\""));
        assert_eq!(page.count("<section data-testid=\"pair\""), 1, "one pair is shown");
        assert!(page.body.contains("Menampilkan 1 dari 34 nilai"));
    }

    async fn the_catalogue_shows_berakhlak_when_it_is_chosen(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let session = app.login("anggota.dlh", tests::DEMO_PASSWORD).await;
        let list = app.get_as(&session, "/api/v1/frameworks").await.json();
        let berakhlak = list["items"][1]["id"].as_str().expect("id").to_owned();
        let page = app.get(&format!("/nilai?kerangka={berakhlak}")).await;
        assert_eq!(page.status, 200);
        assert_eq!(page.count("data-testid=\"value\""), 7);
        assert!(page.body.contains("Berorientasi Pelayanan"));
    }

    async fn an_unknown_framework_in_the_url_is_a_404_page(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let page = app.get("/nilai?kerangka=bukan-id").await;
        assert_eq!(page.status, 404);
        assert!(page.body.contains("Data yang diminta tidak ditemukan."));
    }

    async fn pages_render_in_full_while_another_router_is_built(db: TestDb) {
        // Building a router once listed the routes again, and listing them stops every resource in the process
        // from loading for a moment: a page rendered meanwhile waited for its data forever.
        let app = TestApp::spawn(db).await;
        let state = server::startup::state(&app.settings, app.services.clone());
        let builder = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().build().expect("a runtime for the builder");
            let _inside = runtime.enter();
            for _ in 0..100 {
                drop(server::router(state.clone()));
            }
        });
        let mut rendered = 0;
        while !builder.is_finished() || rendered < 5 {
            let page = app.get("/nilai").await;
            assert_eq!(page.status, 200);
            assert!(page.body.contains("data-testid=\"value\""));
            rendered += 1;
        }
        builder.join().expect("the routers are built");
    }

    async fn an_unknown_page_is_a_404_in_indonesian(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let page = app.get("/tidak-ada").await;
        assert_eq!(page.status, 404);
        assert!(page.body.contains("Halaman tidak ditemukan"));
    }

    async fn the_english_cookie_renders_english_with_html_lang_en(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let page = app.get_with_cookie("/nilai", "budaya_lang=en").await;
        assert!(page.body.contains("<html lang=\"en\""));
        assert!(page.body.contains("Showing 34 of 34 values"));
        assert!(page.body.contains("Value Catalogue"));
    }

    async fn switching_language_sets_the_cookie_and_returns_to_the_page(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let response = app.get("/bahasa/en?ke=/nilai%3Fcari%3Dkecepatan").await;
        assert_eq!(response.status, 303);
        assert_eq!(response.header("location"), Some("/nilai?cari=kecepatan"));
        let cookie = response.header("set-cookie").expect("a cookie");
        assert!(cookie.starts_with("budaya_lang=en;") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    }

    async fn the_language_switch_never_sends_users_to_another_site(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let response = app.get("/bahasa/id?ke=//evil.example/").await;
        assert_eq!(response.header("location"), Some("/"));
    }
}

db_tests! {
    async fn the_sign_in_page_renders_its_form_in_indonesian(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let page = app.get("/masuk").await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("Masuk ke Budaya"));
        assert!(page.body.contains("name=\"username\"") && page.body.contains("type=\"password\""));
    }

    async fn the_sign_in_form_sets_the_session_cookie_and_redirects_without_javascript(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let request = http::Request::post("/fn/auth/sign-in")
            .header("content-type", "application/x-www-form-urlencoded")
            .header(http::header::ACCEPT, "text/html,application/xhtml+xml")
            .header(http::header::HOST, "localhost")
            .header(http::header::ORIGIN, "http://localhost")
            .body(axum::body::Body::from("username=kepala.dlh&password=budaya-demo&next=%2Fnilai"))
            .expect("request");
        let response = app.send(request).await;
        assert!(response.status.is_redirection(), "{}: {}", response.status, response.body);
        assert_eq!(response.header("location"), Some("/nilai"));
        let cookie = response.header("set-cookie").expect("session cookie");
        let session = tests::Session { cookie: cookie.split(';').next().expect("pair").to_owned() };
        let home = app.get_as(&session, "/").await;
        assert!(home.body.contains("Ir. Heru Santoso, M.T."), "the header names the signed-in user");
    }
}

db_tests! {
    async fn the_audit_page_lists_events_filtered_by_the_url_for_an_administrator(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        app.login("kepala.dlh", tests::DEMO_PASSWORD).await;
        let admin = app.login("admin", tests::DEMO_PASSWORD).await;
        let page = app.get_as(&admin, "/audit?tindakan=auth.sign_in").await;
        assert_eq!(page.status, 200);
        assert_eq!(page.count("data-testid=\"audit-row\""), 2, "two sign-ins so far");
        assert!(page.body.contains("kepala.dlh") && page.body.contains("22 Nov 2026"));
        let all = app.get_as(&admin, "/audit").await;
        assert_eq!(all.count("data-testid=\"audit-row\""), 42);
    }

    async fn the_audit_page_is_refused_to_roles_that_do_not_read_it_and_asks_strangers_to_sign_in(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let head = app.login("kepala.dlh", tests::DEMO_PASSWORD).await;
        let refused = app.get_as(&head, "/audit").await;
        assert_eq!(refused.status, 403);
        assert!(!refused.body.contains("data-testid=\"audit-row\""));
        let anonymous = app.get("/audit").await;
        assert_eq!(anonymous.status, 401);
        assert!(anonymous.body.contains("href=\"/masuk\""));
    }

    async fn a_reviewer_sees_the_audit_link_and_an_opd_head_does_not(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let reviewer = app.login("peninjau.bontang", tests::DEMO_PASSWORD).await;
        assert!(app.get_as(&reviewer, "/").await.body.contains("data-testid=\"audit-link\""));
        let head = app.login("kepala.dlh", tests::DEMO_PASSWORD).await;
        assert!(!app.get_as(&head, "/").await.body.contains("data-testid=\"audit-link\""));
    }
}

async fn form_post(app: &TestApp, session: &tests::Session, path: &str, body: &str) -> tests::TestResponse {
    let request = http::Request::post(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header(http::header::ACCEPT, "application/json")
        .header(http::header::HOST, "localhost")
        .header(http::header::ORIGIN, "http://localhost")
        .header(http::header::COOKIE, &session.cookie)
        .body(axum::body::Body::from(body.to_owned()))
        .expect("request");
    app.send(request).await
}

db_tests! {
    async fn an_opd_admin_manages_only_their_opds_users_on_the_users_page(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let admin = app.login("admin.dlh", tests::DEMO_PASSWORD).await;
        let page = app.get_as(&admin, "/pengguna").await;
        assert_eq!(page.status, 200);
        assert_eq!(page.count("data-testid=\"user-row\""), 4);
        assert!(!page.body.contains("anggota.disdukcapil"));
        assert!(!page.body.contains(">Kepala OPD</option>"), "an OPD admin cannot grant Kepala OPD");
        let head = app.login("kepala.dlh", tests::DEMO_PASSWORD).await;
        assert_eq!(app.get_as(&head, "/pengguna").await.status, 403);
    }

    async fn a_user_created_through_the_form_appears_with_its_history(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let admin = app.login("admin.dlh", tests::DEMO_PASSWORD).await;
        let dlh = service::org::find_by_code(&app.services.db, &domain::text::OrgCode::parse("64.74.DLH").expect("code"))
            .await
            .expect("query")
            .expect("DLH");
        let body = format!(
            "form[username]=notulis.dlh&form[full_name]=Rahmat+Hidayat&form[nip]=&form[email]=&form[password]=sandi-notulis-1&form[role]=anggota_kbk&form[org_unit_id]={}",
            dlh.id
        );
        let created = form_post(&app, &admin, "/fn/users/create", &body).await;
        assert_eq!(created.status, 200, "{}", created.body);
        let id = created.json()["id"].as_str().expect("id").to_owned();
        assert!(app.get_as(&admin, "/pengguna").await.body.contains("notulis.dlh"));

        let detail = app.get_as(&admin, &format!("/pengguna/{id}")).await;
        assert_eq!(detail.status, 200);
        assert!(detail.body.contains("user.create") && detail.body.contains("user.grant_role"));
        assert_eq!(detail.count("data-testid=\"history-item\""), 2);
    }

    async fn another_opds_user_page_is_not_found(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let admin = app.login("admin.dlh", tests::DEMO_PASSWORD).await;
        let other = service::access::users::find_by_username(&app.services.db, "anggota.disdukcapil")
            .await
            .expect("query")
            .expect("user");
        let page = app.get_as(&admin, &format!("/pengguna/{}", other.id)).await;
        assert_eq!(page.status, 404);
        assert!(!page.body.contains("Nur Hidayah"));
    }
}
