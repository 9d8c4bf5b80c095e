//! The tenancy matrix: every REST path x every demo role x (own OPD, other OPD, other Pemda, anonymous).
//! Until OPD-owned resources exist, the OPD-scoped paths are the user and audit lists, whose contents must
//! stop at the caller's subtree.

use serde_json::Value;
use tests::{DEMO_PASSWORD, TestApp, db_tests};

/// Status each demo user (and anonymous) gets on each read path.
const MATRIX: [(&str, [u16; 11]); 8] = [
    // anonymous, admin, peninjau.kaltim, pimpinan.kaltim, peninjau.bontang, kepala.dlh, admin.dlh, ketua.dlh,
    // anggota.dlh, kepala.disdukcapil, anggota.disdukcapil
    ("/api/v1/openapi.json", [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("/api/v1/me", [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("/api/v1/frameworks", [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("/api/v1/org-units", [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("/api/v1/notifications", [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("/api/v1/tokens", [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("/api/v1/users", [401, 200, 200, 403, 200, 403, 200, 403, 403, 403, 403]),
    ("/api/v1/audit-events", [401, 200, 200, 403, 200, 403, 403, 403, 403, 403, 403]),
];

/// The demo users every matrix row is checked as, after the anonymous caller.
pub const USERS: [&str; 10] = [
    "admin",
    "peninjau.kaltim",
    "pimpinan.kaltim",
    "peninjau.bontang",
    "kepala.dlh",
    "admin.dlh",
    "ketua.dlh",
    "anggota.dlh",
    "kepala.disdukcapil",
    "anggota.disdukcapil",
];

fn usernames(list: &Value) -> Vec<String> {
    list["items"].as_array().expect("items").iter().map(|u| u["username"].as_str().expect("name").to_owned()).collect()
}

db_tests! {
    async fn every_read_path_answers_every_role_as_the_matrix_says(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let mut sessions = vec![None];
        for user in USERS {
            sessions.push(Some(app.login(user, DEMO_PASSWORD).await));
        }
        let mut checked = 0;
        for (path, expected) in MATRIX {
            for (session, status) in sessions.iter().zip(expected) {
                let response = match session {
                    Some(session) => app.get_as(session, path).await,
                    None => app.get(path).await,
                };
                let who = session.as_ref().map_or("anonymous", |s| s.cookie.as_str());
                assert_eq!(response.status.as_u16(), status, "{path} as {who}: {}", response.body);
                checked += 1;
            }
        }
        assert_eq!(checked, MATRIX.len() * 11);
    }

    async fn an_opd_admin_sees_only_the_users_of_their_own_opd(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let session = app.login("admin.dlh", DEMO_PASSWORD).await;
        let users = usernames(&app.get_as(&session, "/api/v1/users").await.json());
        assert_eq!(users, ["admin.dlh", "anggota.dlh", "kepala.dlh", "ketua.dlh"]);
    }

    async fn a_city_reviewer_sees_the_city_but_not_the_province_or_the_install(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let session = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let users = usernames(&app.get_as(&session, "/api/v1/users").await.json());
        assert!(users.contains(&"kepala.disdukcapil".to_owned()) && users.contains(&"anggota.dlh".to_owned()));
        for hidden in ["admin", "peninjau.kaltim", "pimpinan.kaltim"] {
            assert!(!users.contains(&hidden.to_owned()), "{hidden} must be invisible: {users:?}");
        }
    }

    async fn the_province_reviewer_sees_the_province_and_the_city_below_it(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let session = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
        let users = usernames(&app.get_as(&session, "/api/v1/users").await.json());
        assert_eq!(users.len(), 19, "everyone but the install-wide administrator: {users:?}");
    }

    async fn user_pages_follow_the_cursor_without_overlap(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let session = app.login("admin", DEMO_PASSWORD).await;
        let first = app.get_as(&session, "/api/v1/users?limit=4").await.json();
        let after = first["next_after"].as_str().expect("more pages").to_owned();
        let second = app.get_as(&session, &format!("/api/v1/users?limit=4&after={after}")).await.json();
        let (a, b) = (usernames(&first), usernames(&second));
        assert_eq!((a.len(), b.len()), (4, 4));
        assert!(a.iter().all(|name| !b.contains(name)) && a.last() < b.first());
        assert_eq!(app.get_as(&session, "/api/v1/users?limit=abc").await.status, 422);
    }

    async fn a_city_reviewer_reads_only_the_citys_audit_events(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        app.login("kepala.dlh", DEMO_PASSWORD).await;
        app.login("pimpinan.kaltim", DEMO_PASSWORD).await;
        let bontang = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let events = app.get_as(&bontang, "/api/v1/audit-events?action=user.create").await.json();
        let created: Vec<String> = events["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|e| e["after"].as_str().expect("after").to_owned())
            .collect();
        assert_eq!(created.len(), 17, "the Bontang users only");
        assert!(created.iter().all(|after| !after.contains("kaltim")), "{created:?}");
    }
}

/// Status each demo user (and anonymous) gets on each programme read path of DLH (and one of Disdukcapil), on
/// the demo programme. Another OPD's data answers 404: invisible, not merely read-only.
const PROGRAMME_MATRIX: [(&str, [u16; 11]); 40] = [
    // anonymous, admin, peninjau.kaltim, pimpinan.kaltim, peninjau.bontang, kepala.dlh, admin.dlh, ketua.dlh,
    // anggota.dlh, kepala.disdukcapil, anggota.disdukcapil
    ("/api/v1/opds/{dlh}/value-selections", [401, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404]),
    ("/api/v1/value-selections/{selection}", [401, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404]),
    ("/api/v1/opds/{dlh}/kbks", [401, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404]),
    ("/api/v1/kbks/{kbk}", [401, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404]),
    ("/api/v1/kbks/{kbk}/actions", [401, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404]),
    ("/api/v1/actions/{action}", [401, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404]),
    ("/api/v1/evidence/{evidence}", [401, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404]),
    ("/api/v1/evidence/{photo}/thumbnail", [401, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404]),
    ("/api/v1/frameworks/{framework}", [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("/api/v1/users/{dlh_member}", [401, 200, 200, 403, 200, 403, 200, 403, 403, 403, 403]),
    ("/api/v1/users/{other_member}", [401, 200, 200, 403, 200, 403, 404, 403, 403, 403, 403]),
    ("/api/v1/users/{province_user}", [401, 200, 200, 403, 404, 403, 404, 403, 403, 403, 403]),
    ("/api/v1/opds/{disdukcapil}/kbks", [401, 200, 200, 200, 200, 404, 404, 404, 404, 200, 200]),
    ("/api/v1/value-selections", [401, 200, 200, 403, 200, 403, 403, 403, 403, 403, 403]),
    ("/api/v1/pemdas/{bontang}/programme-years/2026", [401, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404]),
    ("/api/v1/pemdas/{kaltim}/programme-years/2026", [401, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404]),
    ("/api/v1/opds/{dlh}/reports", [401, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404]),
    ("/api/v1/reports/{report}", [401, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404]),
    ("/api/v1/reports/{report}/changes", [401, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404]),
    ("/api/v1/reports/{report}/export.csv", [401, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404]),
    ("/api/v1/reports/{report}/export.xlsx", [401, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404]),
    ("/api/v1/reports/{report}/export.pdf", [401, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404]),
    ("/api/v1/reports/{report}/evidence.zip", [401, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404]),
    ("/api/v1/review-queue", [401, 200, 200, 403, 200, 403, 403, 403, 403, 403, 403]),
    // The dashboard: any node in reach; KBK seats have none.
    ("/api/v1/dashboard/reporting-rates", [401, 200, 200, 200, 200, 200, 200, 403, 403, 200, 403]),
    ("/api/v1/dashboard/overview?org_unit={kaltim}", [401, 200, 200, 200, 404, 404, 404, 403, 403, 404, 403]),
    ("/api/v1/dashboard/overview?org_unit={bontang}", [401, 200, 200, 200, 200, 404, 404, 403, 403, 404, 403]),
    // A page never starts at an OPD outside the node in view, even one the caller sees elsewhere.
    (
        "/api/v1/dashboard/overview?org_unit={dlh}&after={disdukcapil}",
        [401, 422, 422, 422, 422, 422, 422, 403, 403, 404, 403],
    ),
    ("/api/v1/dashboard/compliance?org_unit={dlh}", [401, 200, 200, 200, 200, 200, 200, 403, 403, 404, 403]),
    ("/api/v1/dashboard/funnel?org_unit={bontang}", [401, 200, 200, 200, 200, 404, 404, 403, 403, 404, 403]),
    ("/api/v1/dashboard/charts/index.svg?org_unit={kaltim}", [401, 200, 200, 200, 404, 404, 404, 403, 403, 404, 403]),
    ("/api/v1/dashboard/charts/index.csv?org_unit={kaltim}", [401, 200, 200, 200, 404, 404, 404, 403, 403, 404, 403]),
    ("/api/v1/dashboard/charts/index.csv?org_unit={dlh}", [401, 200, 200, 200, 200, 200, 200, 403, 403, 404, 403]),
    ("/api/v1/dashboard/charts/heatmap.csv?org_unit={dlh}", [401, 200, 200, 200, 200, 200, 200, 403, 403, 404, 403]),
    ("/api/v1/pemda/{bontang}/index-weights", [401, 200, 200, 200, 200, 200, 200, 404, 404, 200, 404]),
    ("/api/v1/pemda/{kaltim}/index-weights", [401, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404]),
    // Org tree administration: only Administrators and Peninjau, each within their subtree.
    ("/api/v1/org-units/{dlh}", [401, 200, 200, 403, 200, 403, 403, 403, 403, 403, 403]),
    ("/api/v1/org-units/{dlh}/history", [401, 200, 200, 403, 200, 403, 403, 403, 403, 403, 403]),
    ("/api/v1/org-units/{kaltim}", [401, 200, 200, 403, 404, 403, 403, 403, 403, 403, 403]),
    ("/api/v1/org-units/{kaltim}/history", [401, 200, 200, 403, 404, 403, 403, 403, 403, 403, 403]),
];

db_tests! {
    async fn every_programme_read_path_answers_every_role_as_the_matrix_says(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let ketua = app.login("ketua.dlh", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let kbk = app.get_as(&ketua, &format!("/api/v1/opds/{dlh}/kbks")).await.json()["items"][0]["id"].clone();
        let kbk = kbk.as_str().expect("kbk").to_owned();
        let actions = app.get_as(&ketua, &format!("/api/v1/kbks/{kbk}/actions")).await.json();
        let selections = app.get_as(&ketua, &format!("/api/v1/opds/{dlh}/value-selections")).await.json();
        let reports = app.get_as(&ketua, &format!("/api/v1/opds/{dlh}/reports?year=2026")).await.json();
        let photo = actions["items"]
            .as_array()
            .expect("actions")
            .iter()
            .flat_map(|action| action["evidence"].as_array().cloned().unwrap_or_default())
            .find(|evidence| evidence["has_thumbnail"] == true)
            .expect("a demo photo");
        let photo = photo["id"].as_str().expect("photo").to_owned();
        let framework =
            service::catalogue::get_framework_by_urn(&app.services.db, service::catalogue::KEPMENPAN_25_2002_URN)
                .await
                .expect("framework");
        let ids = [
            ("{dlh}", dlh.clone()),
            ("{disdukcapil}", app.unit_id("64.74.DISDUKCAPIL").await),
            ("{bontang}", app.unit_id("64.74").await),
            ("{kaltim}", app.unit_id("64").await),
            ("{kbk}", kbk),
            ("{action}", actions["items"][0]["id"].as_str().expect("action").to_owned()),
            ("{evidence}", actions["items"][0]["evidence"][0]["id"].as_str().expect("evidence").to_owned()),
            ("{photo}", photo),
            ("{report}", reports["quarters"][0]["report"]["id"].as_str().expect("a demo report").to_owned()),
            ("{framework}", framework.summary.id.to_string()),
            ("{dlh_member}", app.user_id("anggota.dlh").await),
            ("{other_member}", app.user_id("anggota.disdukcapil").await),
            ("{province_user}", app.user_id("pimpinan.kaltim").await),
            ("{selection}", selections["items"][0]["id"].as_str().expect("selection").to_owned()),
        ];
        let mut sessions = vec![None];
        for user in USERS {
            sessions.push(Some(app.login(user, DEMO_PASSWORD).await));
        }
        for (template, expected) in PROGRAMME_MATRIX {
            let path = ids.iter().fold(template.to_owned(), |path, (key, id)| path.replace(key, id));
            for ((session, status), who) in sessions.iter().zip(expected).zip(std::iter::once("anonymous").chain(USERS)) {
                let response = match session {
                    Some(session) => app.get_as(session, &path).await,
                    None => app.get(&path).await,
                };
                assert_eq!(response.status.as_u16(), status, "{template} as {who}: {}", response.body);
                if status == 404 {
                    assert!(!response.body.contains("Hijau Bessai") && !response.body.contains("Cepat Tepat"), "leak");
                }
            }
        }
    }
}
