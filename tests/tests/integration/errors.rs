//! Failures reach the user as a message and a reference id, never as internals.

use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use serde_json::json;
use tests::{DEMO_PASSWORD, TestApp, db_tests};

/// A body over every limit a JSON or form request has (2 MiB).
fn oversized() -> String {
    "a".repeat(3 * 1024 * 1024)
}

/// The documented error body's code, or a panic that shows what came instead.
fn error_code(response: &tests::TestResponse) -> String {
    let content_type = response.header("content-type").unwrap_or_default();
    assert!(content_type.starts_with("application/json"), "{}: {content_type} {}", response.status, response.body);
    response.json()["error"]["code"].as_str().unwrap_or_else(|| panic!("no error code: {}", response.body)).to_owned()
}

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

    async fn a_refused_action_names_every_bad_field_to_the_api_and_to_the_form_and_stores_nothing(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let member = app.login("anggota.dlh", DEMO_PASSWORD).await;
        let (kbk, values) = crate::kbk::demo_kbk_and_values(&app).await;
        let path = format!("/api/v1/kbks/{kbk}/actions");
        let before = app.get_as(&member, &path).await.json()["items"].clone();
        let mut action = crate::kbk::action(&values);
        action["title"] = json!("  ");
        action["location"] = json!("");
        action["attendees"] = json!(action["participants"].as_u64().unwrap_or_default() + 1);
        let refused = app.send_json(http::Method::POST, &path, &action, &member).await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        let error = &refused.json()["error"];
        assert_eq!(error["code"], "invalid");
        let fields: Vec<&str> = error["fields"].as_array().into_iter().flatten().filter_map(|f| f["field"].as_str()).collect();
        assert_eq!(fields, ["title", "location", "attendees"], "{}", refused.body);
        assert_eq!(error["fields"][0]["message"], "Judul: Wajib diisi.");

        // The form's server function: fields that are not a date or a number are named too.
        let form = [
            ("kbk", kbk.as_str()),
            ("fields[title]", "Apel"),
            ("fields[kind]", "apel"),
            ("fields[started_on]", "kemarin"),
            ("fields[location]", "Halaman"),
            ("fields[description]", "Apel pagi."),
            ("fields[participants]", "sepuluh"),
            ("fields[attendees]", "3"),
        ];
        let answer = app.call_fn(&member, "kbk/log-action", &form).await;
        assert_eq!(answer.status, 422, "{}", answer.body);
        let error: app::error::AppError = serde_json::from_str(&answer.body).expect("an AppError");
        let named: Vec<&str> = error.fields().iter().map(|p| p.field.as_str()).collect();
        assert_eq!(named, ["started_on", "participants"], "{error:?}");
        assert_eq!(app.get_as(&member, &path).await.json()["items"], before, "nothing was stored");
    }

    async fn a_year_outside_2000_to_2100_is_refused_on_every_path_and_creates_nothing(db: TestDb) {
        let app = TestApp::with_programme_demo(db).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let reviewer = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
        let (opd, pemda) = (app.unit_id("64.74.DLH").await, app.unit_id("64.74").await);
        let before = service::entity::report::Entity::find().count(&app.services.db).await.expect("count");
        for year in [0, -1, 1999, -262_143, 2101] {
            let created = app
                .post_json(&format!("/api/v1/opds/{opd}/reports"), &json!({"year": year, "quarter": 1}), Some(&kepala))
                .await;
            assert_eq!(created.status, 422, "year {year}: {}", created.body);
            assert!(created.body.contains("2000 dan 2100"), "{}", created.body);
            let listed = app.get_as(&kepala, &format!("/api/v1/opds/{opd}/reports?year={year}")).await;
            assert_eq!(listed.status, 422, "year {year}: {}", listed.body);
            let rules = app.get_as(&reviewer, &format!("/api/v1/pemdas/{pemda}/programme-years/{year}")).await;
            assert_eq!(rules.status, 422, "year {year}: {}", rules.body);
            let dashboard = app.get_as(&reviewer, &format!("/api/v1/dashboard/compliance?year={year}")).await;
            assert_eq!(dashboard.status, 422, "year {year}: {}", dashboard.body);
        }
        let refused = app.call_fn(&kepala, "report/start", &[("opd", &opd), ("year", "1999"), ("quarter", "1")]).await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        let after = service::entity::report::Entity::find().count(&app.services.db).await.expect("count");
        assert_eq!(before, after, "no report was created");
    }

    async fn a_server_function_body_over_the_limit_answers_413_in_the_functions_error_format(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let session = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let response = app.call_fn_raw(Some(&session), "/fn/report/start", format!("opd={}", oversized())).await;
        assert_eq!(response.status, 413, "{}", response.body);
        let error: app::error::AppError = serde_json::from_str(&response.body).expect("an AppError");
        assert!(matches!(error, app::error::AppError::TooLarge { .. }), "{error:?}");
    }

    async fn rest_rejections_answer_in_the_documented_json_format_with_their_status(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let session = app.login("admin", DEMO_PASSWORD).await;
        let send = |content_type: &'static str, body: String| {
            let request = http::Request::post("/api/v1/tokens")
                .header(http::header::CONTENT_TYPE, content_type)
                .header(http::header::HOST, "localhost")
                .header(http::header::COOKIE, &session.cookie)
                .body(axum::body::Body::from(body))
                .expect("request");
            app.send(request)
        };
        let too_large = send("application/json", format!("{{\"name\":\"{}\"}}", oversized())).await;
        assert_eq!((too_large.status.as_u16(), error_code(&too_large).as_str()), (413, "too_large"));
        let wrong_type = send("text/plain", "{}".into()).await;
        assert_eq!((wrong_type.status.as_u16(), error_code(&wrong_type).as_str()), (415, "unsupported_media_type"));
        let broken = send("application/json", "{\"name\":".into()).await;
        assert_eq!((broken.status.as_u16(), error_code(&broken).as_str()), (400, "malformed"));
        let misshapen = send("application/json", "{\"name\":7}".into()).await;
        assert_eq!((misshapen.status.as_u16(), error_code(&misshapen).as_str()), (422, "invalid"));
        let wrong_method = app.send_json(http::Method::DELETE, "/api/v1/me", &json!({}), &session).await;
        assert_eq!((wrong_method.status.as_u16(), error_code(&wrong_method).as_str()), (405, "malformed"));
        let message = wrong_method.json()["error"]["message"].as_str().unwrap_or_default().to_owned();
        assert!(message.starts_with("Permintaan tidak dapat dibaca"), "{message}");
    }
}
