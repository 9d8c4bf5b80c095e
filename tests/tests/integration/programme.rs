//! Programme year and value selection: the Kepala OPD chooses, the bureau returns or approves, approval locks.

use http::Method;
use serde_json::{Value, json};
use tests::{DEMO_PASSWORD, Session, TestApp, TestResponse, db_tests};

/// The ids of KepMenPAN 25/2002 values by code.
pub async fn value_ids(app: &TestApp, codes: &[&str]) -> Vec<String> {
    let framework =
        service::catalogue::get_framework_by_urn(&app.services.db, service::catalogue::KEPMENPAN_25_2002_URN)
            .await
            .expect("the built-in framework");
    let values: Vec<_> = framework.pairs.iter().flat_map(|pair| pair.values.iter()).collect();
    codes
        .iter()
        .map(|code| values.iter().find(|v| v.code == *code).unwrap_or_else(|| panic!("no value {code}")).id.to_string())
        .collect()
}

/// A choice of the value with this id, with a reason and one measurable key behaviour.
pub fn choice(value_id: &str) -> Value {
    json!({
        "value_id": value_id,
        "reason": "Layanan harus lebih cepat dan tepat.",
        "behaviours": [{ "description": "Layani sesuai SOP", "target": "90% layanan selesai dalam 30 menit" }],
    })
}

pub async fn post(app: &TestApp, session: &Session, path: &str, body: Value) -> TestResponse {
    app.post_json(path, &body, Some(session)).await
}

/// As `kepala`, starts the OPD's selection of the current year with `codes`.
pub async fn start_selection(app: &TestApp, kepala: &Session, opd: &str, codes: &[&str]) -> TestResponse {
    let choices: Vec<Value> = value_ids(app, codes).await.iter().map(|id| choice(id)).collect();
    let opd = app.unit_id(opd).await;
    post(app, kepala, &format!("/api/v1/opds/{opd}/value-selections"), json!({ "choices": choices })).await
}

/// Runs DLH's selection of the current year through to approval; returns its id.
pub async fn approve_dlh_selection(app: &TestApp, codes: &[&str]) -> String {
    let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
    let reviewer = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
    let created = start_selection(app, &kepala, "64.74.DLH", codes).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.json()["id"].as_str().expect("id").to_owned();
    let submitted = post(app, &kepala, &format!("/api/v1/value-selections/{id}/submit"), json!({})).await;
    assert_eq!(submitted.status, 200, "{}", submitted.body);
    let approved = post(app, &reviewer, &format!("/api/v1/value-selections/{id}/approve"), json!({})).await;
    assert_eq!(approved.status, 200, "{}", approved.body);
    id
}

db_tests! {
    async fn a_kepala_opd_submits_four_values_and_six_are_refused_naming_the_limit(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let six = start_selection(&app, &kepala, "64.74.DLH", &["1.1", "2.2", "5.1", "7.1", "8.2", "11.1"]).await;
        assert_eq!(six.status, 422);
        assert!(six.body.contains("Paling banyak 5 nilai"), "{}", six.body);
        let four = start_selection(&app, &kepala, "64.74.DLH", &["1.1", "5.1", "7.1", "11.1"]).await;
        assert_eq!(four.status, 201, "{}", four.body);
        let selection = four.json();
        assert_eq!(selection["state"], "draft");
        assert_eq!(selection["choices"][1]["value_code"], "5.1");
        assert_eq!(selection["choices"][1]["pair_name"], "Kreativitas dan kepekaan (terhadap lingkungan tugas)");
        let id = selection["id"].as_str().expect("id");
        let submitted = post(&app, &kepala, &format!("/api/v1/value-selections/{id}/submit"), json!({})).await;
        assert_eq!(submitted.json()["state"], "submitted");
    }

    async fn too_few_values_cannot_be_submitted_and_the_same_value_twice_is_refused(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let twice = start_selection(&app, &kepala, "64.74.DLH", &["1.1", "1.1", "7.1"]).await;
        assert_eq!(twice.status, 422);
        let two = start_selection(&app, &kepala, "64.74.DLH", &["1.1", "7.1"]).await;
        let id = two.json()["id"].as_str().expect("id").to_owned();
        let refused = post(&app, &kepala, &format!("/api/v1/value-selections/{id}/submit"), json!({})).await;
        assert_eq!(refused.status, 422);
        assert!(refused.body.contains("paling sedikit 3 nilai"), "{}", refused.body);
    }

    async fn the_bureau_returns_with_a_reason_then_approves_and_approval_locks_the_selection(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let reviewer = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
        let created = start_selection(&app, &kepala, "64.74.DLH", &["1.1", "5.1", "7.1", "11.1"]).await;
        let id = created.json()["id"].as_str().expect("id").to_owned();
        post(&app, &kepala, &format!("/api/v1/value-selections/{id}/submit"), json!({})).await;

        let queue = app.get_as(&reviewer, "/api/v1/value-selections?state=submitted").await.json();
        assert_eq!(queue["items"][0]["id"], id.as_str());
        let blank = post(&app, &reviewer, &format!("/api/v1/value-selections/{id}/return"), json!({"reason": " "})).await;
        assert_eq!(blank.status, 422, "a return needs a reason");
        let returned = post(
            &app,
            &reviewer,
            &format!("/api/v1/value-selections/{id}/return"),
            json!({"reason": "Target nilai 11.1 belum terukur per bulan."}),
        )
        .await;
        assert_eq!(returned.json()["state"], "returned");
        assert_eq!(returned.json()["return_reason"], "Target nilai 11.1 belum terukur per bulan.");

        let choices: Vec<Value> =
            value_ids(&app, &["1.1", "5.1", "7.1", "11.2"]).await.iter().map(|v| choice(v)).collect();
        let path = format!("/api/v1/value-selections/{id}");
        let fixed = app.send_json(Method::PUT, &path, &json!({ "choices": choices }), &kepala).await;
        assert_eq!(fixed.status, 200, "{}", fixed.body);
        assert_eq!(fixed.json()["state"], "draft");
        post(&app, &kepala, &format!("/api/v1/value-selections/{id}/submit"), json!({})).await;
        let approved = post(&app, &reviewer, &format!("/api/v1/value-selections/{id}/approve"), json!({})).await;
        assert_eq!(approved.json()["state"], "accepted");

        let edit = app.send_json(Method::PUT, &path, &json!({ "choices": choices }), &kepala).await;
        assert_eq!(edit.status, 409);
        assert!(edit.body.contains("Disetujui"), "{}", edit.body);
        let again = post(&app, &kepala, &format!("/api/v1/value-selections/{id}/submit"), json!({})).await;
        assert_eq!(again.status, 409);
        let history = service::audit::history(&app.services.db, "value_selection", &id, 20).await.expect("history");
        let actions: Vec<&str> = history.iter().map(|event| event.action.as_str()).collect();
        assert_eq!(
            actions,
            ["value_selection.approve", "value_selection.submit", "value_selection.update", "value_selection.return",
             "value_selection.submit", "value_selection.create"]
        );
    }

    async fn only_the_kepala_chooses_and_only_the_bureau_decides(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let admin_opd = app.login("admin.dlh", DEMO_PASSWORD).await;
        let reviewer = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
        assert_eq!(start_selection(&app, &admin_opd, "64.74.DLH", &["1.1", "5.1", "7.1"]).await.status, 403);
        assert_eq!(start_selection(&app, &reviewer, "64.74.DLH", &["1.1", "5.1", "7.1"]).await.status, 403);
        let created = start_selection(&app, &kepala, "64.74.DLH", &["1.1", "5.1", "7.1"]).await;
        let id = created.json()["id"].as_str().expect("id").to_owned();
        post(&app, &kepala, &format!("/api/v1/value-selections/{id}/submit"), json!({})).await;
        let own = post(&app, &kepala, &format!("/api/v1/value-selections/{id}/approve"), json!({})).await;
        assert_eq!(own.status, 403);
        let other_kepala = app.login("kepala.disdukcapil", DEMO_PASSWORD).await;
        let foreign = post(&app, &other_kepala, &format!("/api/v1/value-selections/{id}/approve"), json!({})).await;
        assert_eq!(foreign.status, 404, "another OPD's selection is invisible, not merely read-only");
    }

    async fn a_selection_is_for_this_year_or_the_next_only(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let opd = app.unit_id("64.74.DLH").await;
        let choices: Vec<Value> = value_ids(&app, &["1.1", "5.1", "7.1"]).await.iter().map(|v| choice(v)).collect();
        let path = format!("/api/v1/opds/{opd}/value-selections");
        let next = post(&app, &kepala, &path, json!({ "year": 2027, "choices": choices })).await;
        assert_eq!(next.status, 201, "{}", next.body);
        let far = post(&app, &kepala, &path, json!({ "year": 2030, "choices": choices })).await;
        assert_eq!(far.status, 422);
        let duplicate = post(&app, &kepala, &path, json!({ "year": 2027, "choices": choices })).await;
        assert_eq!(duplicate.status, 409);
    }

    async fn a_reviewer_sets_the_programme_year_and_its_limits_apply(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let reviewer = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let bontang = app.unit_id("64.74").await;
        let path = format!("/api/v1/pemdas/{bontang}/programme-years/2026");
        let mut rules = app.get_as(&reviewer, &path).await.json();
        assert_eq!(rules["min_values"], 3);
        assert_eq!(rules["due_dates"][3], "2027-01-10");
        rules["max_values"] = json!(4);
        let stored = app.send_json(Method::PUT, &path, &rules, &reviewer).await;
        assert_eq!(stored.status, 200, "{}", stored.body);
        rules["min_values"] = json!(9);
        let inverted = app.send_json(Method::PUT, &path, &rules, &reviewer).await;
        assert_eq!(inverted.status, 422);
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let five = start_selection(&app, &kepala, "64.74.DLH", &["1.1", "5.1", "7.1", "11.1", "8.2"]).await;
        assert!(five.body.contains("Paling banyak 4 nilai"), "{}", five.body);
        let forbidden = app.send_json(Method::PUT, &path, &rules, &kepala).await;
        assert_eq!(forbidden.status, 404, "a Kepala OPD cannot even see the Pemda's settings endpoint");
    }
}
