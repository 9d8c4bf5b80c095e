//! The tenancy matrix for writes: every state-changing REST path x every demo role x (own OPD, other OPD, other
//! Pemda, anonymous). The bodies are valid, so what is checked is only who gets through: `A` means the request
//! reached the business rules (any answer but 401, 403 and 404: done, or refused for the data's state), `F` is
//! 403 (visible, not allowed), `N` is 404 (invisible) and `U` is 401.

use crate::kbk::{PDF, PHOTO};
use crate::tenancy::USERS;
use http::Method;
use serde_json::{Value, json};
use tests::{DEMO_PASSWORD, Session, TestApp, db_tests};

/// Method, path and body templates (`{n}` is the caller's index, for names that must be unique), expected classes.
/// A body `@name` is a multipart upload of a demo file; `{seat}` is a seat made afresh for each call, `{me}` the
/// caller's own username. Signing out and in come last: they end the sessions the rows before them use.
const WRITES: [(&str, &str, &str, &str); 39] = [
    ("POST", "/api/v1/opds/{dlh}/kbks", r#"{"name":"KBK Uji {n}","work_unit":"Sekretariat"}"#, "UFFFFAAFFNN"),
    (
        "PATCH",
        "/api/v1/kbks/{kbk}",
        r#"{"name":"Hijau Bessai","work_unit":"Bidang Pengelolaan Sampah"}"#,
        "UFFFFAAFFNN",
    ),
    ("POST", "/api/v1/kbks/{kbk}/actions", "{action}", "UFFFFFFAANN"),
    // A draft by anggota.dlh: any member of its KBK adds evidence; only its author changes and submits it.
    ("POST", "/api/v1/actions/{draft}/evidence", "@apel.jpg", "UFFFFFFAANN"),
    ("PUT", "/api/v1/actions/{draft}", "{action}", "UFFFFFFFANN"),
    ("POST", "/api/v1/actions/{draft}/submit", "{}", "UFFFFFFFANN"),
    ("POST", "/api/v1/actions/{submitted}/verify", "{}", "UFFFFFFAFNN"),
    ("POST", "/api/v1/actions/{submitted}/return", r#"{"reason":"Uji"}"#, "UFFFFFFAFNN"),
    ("POST", "/api/v1/kbks/{kbk}/members", r#"{"name":"Orang Luar","role":"anggota"}"#, "UFFFFAAFFNN"),
    ("DELETE", "/api/v1/kbks/{kbk}/members/{seat}", "{}", "UFFFFAAFFNN"),
    ("POST", "/api/v1/kbks/{kbk}/decree", "@sk.pdf", "UFFFFAAFFNN"),
    ("POST", "/api/v1/value-selections/{selection}/approve", "{}", "UAAFAFFFFNN"),
    ("POST", "/api/v1/value-selections/{selection}/submit", "{}", "UFFFFAFFFNN"),
    ("PUT", "/api/v1/value-selections/{selection}", r#"{"choices":[]}"#, "UFFFFAFFFNN"),
    ("POST", "/api/v1/value-selections/{selection}/return", r#"{"reason":"Uji"}"#, "UAAFAFFFFNN"),
    ("POST", "/api/v1/opds/{dlh}/value-selections", r#"{"choices":[]}"#, "UFFFFAFFFNN"),
    ("PUT", "/api/v1/pemdas/{bontang}/programme-years/2027", "{rules}", "UAAFANNNNNN"),
    // Those who see the dashboard of an OPD in Bontang see its weights; only its reviewers change them.
    (
        "PUT",
        "/api/v1/pemda/{bontang}/index-weights",
        r#"{"institution":15,"activity":35,"spread":10,"reporting":20,"results":20}"#,
        "UAAFAFFNNFN",
    ),
    (
        "POST",
        "/api/v1/org-units",
        r#"{"parent_id":"{bontang}","kind":"dinas","code":"64.74.UJI{n}","name":"Dinas Uji"}"#,
        "UAAFAFFFFFF",
    ),
    ("PATCH", "/api/v1/org-units/{dlh}", r#"{"name":"Dinas Lingkungan Hidup"}"#, "UAAFAFFFFFF"),
    ("POST", "/api/v1/users/{rsud_ketua}/password", r#"{"password":"sandi-uji-yang-baru"}"#, "UAAFAFNFFFF"),
    ("POST", "/api/v1/users/{rsud_ketua}/deactivate", "{}", "UAAFAFNFFFF"),
    ("POST", "/api/v1/users/{rsud_ketua}/activate", "{}", "UAAFAFNFFFF"),
    (
        "POST",
        "/api/v1/users",
        r#"{"username":"uji{n}","full_name":"Pegawai Uji","password":"sandi-awal-aman","role":"admin_opd","org_unit_id":"{dlh}"}"#,
        "UAAFAFAFFFF",
    ),
    ("POST", "/api/v1/users/{staff}/grants", r#"{"role":"admin_opd","org_unit_id":"{dlh}"}"#, "UAAFAFAFFFF"),
    // staf.dlh's only role: those who may manage them reach the rule that a last role stays.
    ("DELETE", "/api/v1/users/{staff}/grants/admin_opd/{dlh}", "{}", "UAAFAFAFFFF"),
    // Reports: DLH's Q4 draft (with a pending extension request) and its Q3 report waiting for review.
    ("POST", "/api/v1/opds/{dlh}/reports", r#"{"year":2026,"quarter":4}"#, "UFFFFAAFFNN"),
    (
        "PATCH",
        "/api/v1/reports/{q4}",
        r#"{"narrative":{"achievements":"a","obstacles":"b","follow_up":"c"}}"#,
        "UFFFFAAFFNN",
    ),
    ("POST", "/api/v1/reports/{q4}/extension-requests", r#"{"reason":"Uji"}"#, "UFFFFAAFFNN"),
    ("POST", "/api/v1/extension-requests/{extension}/decision", r#"{"decision":"refuse","note":"Uji"}"#, "UAAFAFFFFNN"),
    ("POST", "/api/v1/reports/{q4}/submit", "{}", "UFFFFAAFFNN"),
    ("POST", "/api/v1/reports/{q3}/return", r#"{"code":"other","reason":"Uji"}"#, "UAAFAFFFFNN"),
    ("POST", "/api/v1/reports/{q3}/accept", "{}", "UAAFAFFFFNN"),
    ("POST", "/api/v1/reports/{q3}/reopen", r#"{"reason":"Uji"}"#, "UAAFAFFFFNN"),
    ("POST", "/api/v1/notifications/read", "{}", "UAAAAAAAAAA"),
    ("POST", "/api/v1/tokens", r#"{"name":"Sinkronisasi {n}"}"#, "UAAAAAAAAAA"),
    ("DELETE", "/api/v1/tokens/{admin_token}", "{}", "UANNNNNNNNN"),
    ("POST", "/api/v1/auth/logout", "{}", "UAAAAAAAAAA"),
    ("POST", "/api/v1/auth/login", r#"{"username":"{me}","password":"{password}"}"#, "AAAAAAAAAAA"),
];

/// The class of an answer's status.
pub(crate) fn class(status: u16) -> char {
    match status {
        401 => 'U',
        403 => 'F',
        404 => 'N',
        _ => 'A',
    }
}

/// A fresh outsider's seat in `kbk`, made by kepala.dlh, for a row that removes one.
pub(crate) async fn fresh_seat(app: &TestApp, kepala: &Session, kbk: &str, n: usize) -> String {
    let name = format!("Kursi Uji {n}");
    let seated = app
        .send_json(
            Method::POST,
            &format!("/api/v1/kbks/{kbk}/members"),
            &json!({"name": name, "role": "anggota"}),
            kepala,
        )
        .await;
    let members = seated.json()["members"].as_array().cloned().unwrap_or_default();
    let seat = members.iter().find(|m| m["name"] == name.as_str()).unwrap_or_else(|| panic!("seated: {}", seated.body));
    seat["id"].as_str().expect("seat id").to_owned()
}

/// A DLH user holding `admin_opd` only, made by the Administrator: a target for grants that no matrix caller is.
pub(crate) async fn staff(app: &TestApp, admin: &Session, dlh: &str) -> String {
    let body = json!({"username": "staf.dlh", "full_name": "Staf Umum DLH", "password": "sandi-awal-aman",
                      "role": "admin_opd", "org_unit_id": dlh});
    let created = app.send_json(Method::POST, "/api/v1/users", &body, admin).await;
    assert_eq!(created.status, 201, "{}", created.body);
    created.json()["id"].as_str().expect("user id").to_owned()
}

/// On the report demo: DLH's Q3 report, submitted now by `kepala`, its Q4 report started now, and a pending
/// extension request on Q4.
pub(crate) async fn report_ids(app: &TestApp, kepala: &Session, dlh: &str) -> (String, String, String) {
    let year = app.get_as(kepala, &format!("/api/v1/opds/{dlh}/reports?year=2026")).await.json();
    assert_eq!(year["quarters"][2]["report"]["state"], "draft", "the demo leaves Q3 ready: {year}");
    let q3 = year["quarters"][2]["report"]["id"].as_str().expect("q3").to_owned();
    let submitted = app.send_json(Method::POST, &format!("/api/v1/reports/{q3}/submit"), &json!({}), kepala).await;
    assert_eq!(submitted.status, 200, "{}", submitted.body);
    let path = format!("/api/v1/opds/{dlh}/reports");
    let q4 = app.send_json(Method::POST, &path, &json!({"year": 2026, "quarter": 4}), kepala).await;
    let q4 = q4.json()["id"].as_str().expect("q4").to_owned();
    let path = format!("/api/v1/reports/{q4}/extension-requests");
    let extension = app.send_json(Method::POST, &path, &json!({"reason": "Uji"}), kepala).await;
    (q3, q4, extension.json()["id"].as_str().expect("extension").to_owned())
}

async fn send(app: &TestApp, session: Option<&Session>, method: &str, path: &str, body: &str) -> tests::TestResponse {
    if let Some(file) = body.strip_prefix('@') {
        return app.upload(session, path, file, if file.ends_with(".pdf") { PDF } else { PHOTO }).await;
    }
    let body: Value = serde_json::from_str(body).expect("json body");
    let method = Method::from_bytes(method.as_bytes()).expect("method");
    match session {
        Some(session) => app.send_json(method, path, &body, session).await,
        None => app.send_json_anonymously(method, path, &body).await,
    }
}

db_tests! {
    async fn every_write_path_lets_through_exactly_the_roles_the_matrix_names(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let ketua = app.login("ketua.dlh", DEMO_PASSWORD).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let kbk = app.get_as(&ketua, &format!("/api/v1/opds/{dlh}/kbks")).await.json()["items"][0]["id"].clone();
        let kbk = kbk.as_str().expect("kbk").to_owned();
        let submitted = app.get_as(&ketua, &format!("/api/v1/kbks/{kbk}/actions?state=submitted")).await.json();
        let submitted = &submitted["items"][0];
        let ketua_id = app.user_id("ketua.dlh").await;
        assert_ne!(submitted["author_id"].as_str(), Some(ketua_id.as_str()), "the ketua may verify it: not their own");
        let values: Vec<String> = submitted["values"]
            .as_array()
            .expect("values")
            .iter()
            .map(|v| v["id"].as_str().expect("id").to_owned())
            .collect();
        let action = crate::kbk::action(&values);
        let anggota = app.login("anggota.dlh", DEMO_PASSWORD).await;
        let draft = app.send_json(Method::POST, &format!("/api/v1/kbks/{kbk}/actions"), &action, &anggota).await;
        assert_eq!(draft.status, 201, "{}", draft.body);
        let admin = app.login("admin", DEMO_PASSWORD).await;
        let token = app.send_json(Method::POST, "/api/v1/tokens", &json!({"name": "Matriks"}), &admin).await;
        assert_eq!(token.status, 201, "{}", token.body);
        let selection = app.get_as(&ketua, &format!("/api/v1/opds/{dlh}/value-selections")).await.json();
        let (q3, q4, extension) = report_ids(&app, &kepala, &dlh).await;
        let bontang = app.unit_id("64.74").await;
        let rules = app.get_as(&admin, &format!("/api/v1/pemdas/{bontang}/programme-years/2027")).await;
        let ids = [
            ("{dlh}", dlh.clone()),
            ("{kbk}", kbk.clone()),
            ("{bontang}", bontang.clone()),
            ("{submitted}", submitted["id"].as_str().expect("action").to_owned()),
            ("{draft}", draft.json()["id"].as_str().expect("draft").to_owned()),
            ("{selection}", selection["items"][0]["id"].as_str().expect("selection").to_owned()),
            ("{rsud_ketua}", app.user_id("ketua.rsud").await),
            ("{q3}", q3),
            ("{q4}", q4),
            ("{extension}", extension),
            ("{dlh_member}", app.user_id("anggota.dlh").await),
            ("{staff}", staff(&app, &admin, &dlh).await),
            ("{admin_token}", token.json()["token"]["id"].as_str().expect("token id").to_owned()),
            ("{action}", action.to_string()),
            ("{rules}", rules.body.clone()),
            ("{password}", DEMO_PASSWORD.to_owned()),
        ];
        let mut sessions = vec![None];
        for user in USERS {
            sessions.push(Some(app.login(user, DEMO_PASSWORD).await));
        }
        let mut checked = 0;
        for (method, template, body, expected) in WRITES {
            let fill = |text: &str| ids.iter().fold(text.to_owned(), |text, (key, id)| text.replace(key, id));
            for (n, ((session, want), who)) in
                sessions.iter().zip(expected.chars()).zip(std::iter::once("anonymous").chain(USERS)).enumerate()
            {
                let mut path = fill(template);
                if path.contains("{seat}") {
                    path = path.replace("{seat}", &fresh_seat(&app, &kepala, &kbk, n).await);
                }
                let me = if session.is_some() { who } else { "admin" };
                let body = fill(body).replace("{n}", &n.to_string()).replace("{me}", me);
                let response = send(&app, session.as_ref(), method, &path, &body).await;
                let got = class(response.status.as_u16());
                assert_eq!(got, want, "{method} {template} as {who}: {} {}", response.status, response.body);
                checked += 1;
            }
        }
        assert_eq!(checked, WRITES.len() * 11);
    }
}
