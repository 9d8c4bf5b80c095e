//! The tenancy matrix for writes: the state-changing REST paths x every demo role x (own OPD, other OPD, other
//! Pemda, anonymous). The bodies are valid, so what is checked is only who gets through: `A` means the request
//! reached the business rules (any answer but 401, 403 and 404: done, or refused for the data's state), `F` is
//! 403 (visible, not allowed), `N` is 404 (invisible) and `U` is 401.

use crate::tenancy::USERS;
use http::Method;
use serde_json::Value;
use tests::{DEMO_PASSWORD, TestApp, db_tests};

/// Method, path and body templates (`{n}` is the caller's index, for names that must be unique), expected classes.
const WRITES: [(&str, &str, &str, &str); 19] = [
    ("POST", "/api/v1/opds/{dlh}/kbks", r#"{"name":"KBK Uji {n}","work_unit":"Sekretariat"}"#, "UFFFFAAFFNN"),
    (
        "PATCH",
        "/api/v1/kbks/{kbk}",
        r#"{"name":"Hijau Bessai","work_unit":"Bidang Pengelolaan Sampah"}"#,
        "UFFFFAAFFNN",
    ),
    ("POST", "/api/v1/kbks/{kbk}/actions", "{action}", "UFFFFFFAANN"),
    ("POST", "/api/v1/actions/{submitted}/verify", "{}", "UFFFFFFAFNN"),
    ("POST", "/api/v1/actions/{submitted}/return", r#"{"reason":"Uji"}"#, "UFFFFFFAFNN"),
    ("POST", "/api/v1/kbks/{kbk}/members", r#"{"name":"Orang Luar","role":"anggota"}"#, "UFFFFAAFFNN"),
    ("POST", "/api/v1/value-selections/{selection}/approve", "{}", "UAAFAFFFFNN"),
    ("POST", "/api/v1/value-selections/{selection}/submit", "{}", "UFFFFAFFFNN"),
    ("PUT", "/api/v1/value-selections/{selection}", r#"{"choices":[]}"#, "UFFFFAFFFNN"),
    ("POST", "/api/v1/value-selections/{selection}/return", r#"{"reason":"Uji"}"#, "UAAFAFFFFNN"),
    ("POST", "/api/v1/opds/{dlh}/value-selections", r#"{"choices":[]}"#, "UFFFFAFFFNN"),
    ("PUT", "/api/v1/pemdas/{bontang}/programme-years/2027", "{rules}", "UAAFANNNNNN"),
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
    ("POST", "/api/v1/users/{dlh_member}/grants", r#"{"role":"admin_opd","org_unit_id":"{dlh}"}"#, "UAAFAFAFFFF"),
];

fn class(status: u16) -> char {
    match status {
        401 => 'U',
        403 => 'F',
        404 => 'N',
        _ => 'A',
    }
}

db_tests! {
    async fn every_write_path_lets_through_exactly_the_roles_the_matrix_names(db: TestDb) {
        let app = TestApp::with_programme_demo(db).await;
        let ketua = app.login("ketua.dlh", DEMO_PASSWORD).await;
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
        let selection = app.get_as(&ketua, &format!("/api/v1/opds/{dlh}/value-selections")).await.json();
        let bontang = app.unit_id("64.74").await;
        let rules = app.get_as(&app.login("admin", DEMO_PASSWORD).await, &format!("/api/v1/pemdas/{bontang}/programme-years/2027")).await;
        let ids = [
            ("{dlh}", dlh.clone()),
            ("{kbk}", kbk.clone()),
            ("{bontang}", bontang.clone()),
            ("{submitted}", submitted["id"].as_str().expect("action").to_owned()),
            ("{selection}", selection["items"][0]["id"].as_str().expect("selection").to_owned()),
            ("{rsud_ketua}", app.user_id("ketua.rsud").await),
            ("{dlh_member}", app.user_id("anggota.dlh").await),
            ("{action}", crate::kbk::action(&values).to_string()),
            ("{rules}", rules.body.clone()),
        ];
        let mut sessions = vec![None];
        for user in USERS {
            sessions.push(Some(app.login(user, DEMO_PASSWORD).await));
        }
        let mut checked = 0;
        for (method, template, body, expected) in WRITES {
            let fill = |text: &str| ids.iter().fold(text.to_owned(), |text, (key, id)| text.replace(key, id));
            let path = fill(template);
            for (n, ((session, want), who)) in
                sessions.iter().zip(expected.chars()).zip(std::iter::once("anonymous").chain(USERS)).enumerate()
            {
                let body: Value = serde_json::from_str(&fill(body).replace("{n}", &n.to_string())).expect("json body");
                let method = Method::from_bytes(method.as_bytes()).expect("method");
                let response = match session {
                    Some(session) => app.send_json(method, &path, &body, session).await,
                    None => app.send_json_anonymously(method, &path, &body).await,
                };
                let got = class(response.status.as_u16());
                assert_eq!(got, want, "{template} as {who}: {} {}", response.status, response.body);
                checked += 1;
            }
        }
        assert_eq!(checked, WRITES.len() * 11);
    }
}
