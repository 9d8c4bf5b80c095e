//! The programme pages as rendered by the server (before any JavaScript), and their server functions as the
//! browser calls them.

use crate::programme::value_ids;
use tests::{DEMO_PASSWORD, TestApp, db_tests};

/// What a server function's refusal says to an Indonesian reader (its field problems travel as codes).
fn said(body: &str) -> String {
    let error: app::error::AppError = serde_json::from_str(body).expect("an AppError");
    error.message(app::i18n::Locale::Id)
}

db_tests! {
    async fn the_opd_home_shows_the_year_at_a_glance_to_its_own_users(db: TestDb) {
        let app = TestApp::with_programme_demo(db).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let page = app.get_as(&kepala, &format!("/opd/{dlh}")).await;
        assert_eq!(page.status, 200);
        for expected in ["Dinas Lingkungan Hidup", "Hijau Bessai", "Triwulan IV", "10 Jan 2027", "1.1 Komitmen"] {
            assert!(page.body.contains(expected), "missing {expected}");
        }
        assert!(page.body.contains("kegiatan menunggu verifikasi"), "the submitted demo action is listed as missing");
    }

    async fn the_opd_home_follows_the_year_the_bureau_marks_active_with_its_own_due_dates(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let reviewer = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let bontang = app.unit_id("64.74").await;
        let path = format!("/api/v1/pemdas/{bontang}/programme-years/2027");
        let mut rules = app.get_as(&reviewer, &path).await.json();
        rules["active"] = serde_json::json!(true);
        rules["due_dates"][0] = serde_json::json!("2027-04-20");
        let stored = app.send_json(http::Method::PUT, &path, &rules, &reviewer).await;
        assert_eq!(stored.status, 200, "{}", stored.body);
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let page = app.get_as(&kepala, &format!("/opd/{dlh}")).await;
        assert_eq!(page.status, 200);
        // Still 2026 by the calendar (22 November), but the OPDs work in 2027, whose first report is due later.
        for expected in ["2027", "Triwulan I", "20 Apr 2027"] {
            assert!(page.body.contains(expected), "missing {expected}");
        }
        assert!(!page.body.contains("10 Jan 2027"), "the defaults of 2026 no longer apply");
    }

    async fn a_fresh_opd_home_lists_what_is_missing_with_links(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let page = app.get_as(&kepala, &format!("/opd/{dlh}")).await;
        assert_eq!(page.count("data-testid=\"missing\""), 2);
        assert!(page.body.contains("Nilai OPD tahun ini belum dipilih.") && page.body.contains("Belum ada KBK aktif."));
        assert!(page.body.contains(&format!("href=\"/opd/{dlh}/nilai\"")));
    }

    async fn the_kepala_builds_the_selection_value_by_value_and_the_sixth_is_refused(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let form = app.get_as(&kepala, &format!("/opd/{dlh}/nilai")).await;
        assert!(form.body.contains("data-testid=\"add-choice\""), "the Kepala OPD gets the form");
        let values = value_ids(&app, &["1.1", "5.1", "7.1", "11.1", "8.2", "2.2"]).await;
        for (n, value) in values.iter().enumerate() {
            let added = app.call_fn(
                &kepala,
                "programme/add-choice",
                &[
                    ("opd", &dlh), ("year", "2026"), ("value", value), ("reason", "Perlu ditingkatkan."),
                    ("behaviour", "Layanan sesuai SOP"), ("target", "95% tepat waktu"),
                ],
            )
            .await;
            if n < 5 {
                assert_eq!(added.status, 200, "{}", added.body);
            } else {
                assert_eq!(added.status, 422);
                assert!(said(&added.body).contains("Paling banyak 5 nilai"), "{}", added.body);
            }
        }
        let page = app.get_as(&kepala, &format!("/opd/{dlh}/nilai")).await;
        assert_eq!(page.count("data-testid=\"choice\""), 5);
        let reader = app.login("anggota.dlh", DEMO_PASSWORD).await;
        let read_only = app.get_as(&reader, &format!("/opd/{dlh}/nilai")).await;
        assert_eq!(read_only.count("data-testid=\"choice\""), 5);
        assert!(!read_only.body.contains("data-testid=\"add-choice\""), "members read the selection only");
    }

    async fn the_review_queue_and_the_review_form_appear_for_the_bureau_only(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let created = crate::programme::start_selection(&app, &kepala, "64.74.DLH", &["1.1", "5.1", "7.1"]).await;
        let id = created.json()["id"].as_str().expect("id").to_owned();
        app.call_fn(&kepala, "programme/submit", &[("selection", &id)]).await;
        let reviewer = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let queue = app.get_as(&reviewer, "/tinjauan").await;
        assert_eq!(queue.count("data-testid=\"review-item\""), 1);
        let dlh = app.unit_id("64.74.DLH").await;
        assert!(app.get_as(&reviewer, &format!("/opd/{dlh}/nilai")).await.body.contains("data-testid=\"review-form\""));
        assert!(!app.get_as(&kepala, &format!("/opd/{dlh}/nilai")).await.body.contains("data-testid=\"review-form\""));
        let returned =
            app.call_fn(&reviewer, "programme/review", &[("selection", &id), ("decision", "return"), ("reason", "")]).await;
        assert_eq!(returned.status, 422, "a return needs its reason");
        let approved = app.call_fn(&reviewer, "programme/review", &[("selection", &id), ("decision", "approve")]).await;
        assert_eq!(approved.status, 200, "{}", approved.body);
        assert!(app.get_as(&kepala, &format!("/opd/{dlh}/nilai")).await.body.contains("data-testid=\"locked\""));
    }

    async fn the_action_page_shows_each_files_sha256_and_the_kbk_page_offers_the_log_form_to_members(db: TestDb) {
        let app = TestApp::with_programme_demo(db).await;
        let anggota = app.login("anggota.dlh", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let kbk = app.get_as(&anggota, &format!("/api/v1/opds/{dlh}/kbks")).await.json()["items"][0]["id"].clone();
        let kbk = kbk.as_str().expect("kbk");
        let page = app.get_as(&anggota, &format!("/kbk/{kbk}")).await;
        assert!(page.body.contains("data-testid=\"log-action\"") && page.body.contains("Hijau Bessai"));
        assert_eq!(page.count("data-testid=\"action-row\""), 15);
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        assert!(!app.get_as(&kepala, &format!("/kbk/{kbk}")).await.body.contains("data-testid=\"log-action\""));
        let actions = app.get_as(&anggota, &format!("/api/v1/kbks/{kbk}/actions?state=draft")).await.json();
        let draft = &actions["items"][0];
        let action = app.get_as(&anggota, &format!("/kegiatan/{}", draft["id"].as_str().expect("id"))).await;
        assert!(action.body.contains(draft["evidence"][0]["sha256"].as_str().expect("sha")));
        assert!(action.body.contains("data-testid=\"upload-form\""), "the author may still add evidence");
        assert!(action.body.contains("action.create") && action.body.contains("data-testid=\"history\""));
    }

    async fn a_members_form_logs_an_action_through_the_server_function(db: TestDb) {
        let app = TestApp::with_programme_demo(db).await;
        let anggota = app.login("anggota.dlh", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let kbk = app.get_as(&anggota, &format!("/api/v1/opds/{dlh}/kbks")).await.json()["items"][0]["id"].clone();
        let value = value_ids(&app, &["1.1"]).await.remove(0);
        let key = format!("fields[values][v{value}]");
        let form = [
            ("kbk", kbk.as_str().expect("kbk")), ("fields[title]", "Apel pagi"), ("fields[kind]", "apel"),
            ("fields[started_on]", "2026-11-21"), ("fields[ended_on]", ""), ("fields[location]", "Halaman DLH"),
            ("fields[participants]", "40"), ("fields[attendees]", "38"), ("fields[description]", "Apel nilai."),
            ("fields[result]", ""), (key.as_str(), "on"),
        ];
        let logged = app.call_fn(&anggota, "kbk/log-action", &form).await;
        assert_eq!(logged.status, 200, "{}", logged.body);
        let action: serde_json::Value = serde_json::from_str(&logged.body).expect("json");
        assert_eq!(action["values"][0]["code"], "1.1");
        let mut bad = form;
        bad[7] = ("fields[attendees]", "41");
        let refused = app.call_fn(&anggota, "kbk/log-action", &bad).await;
        assert!(said(&refused.body).contains("melebihi"), "{}", refused.body);
    }
}

db_tests! {
    async fn an_opd_head_forms_a_kbk_seats_members_and_uploads_its_sk_from_the_pages(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        assert!(app.get_as(&kepala, &format!("/opd/{dlh}")).await.body.contains("data-testid=\"form-kbk\""));
        let anggota = app.login("anggota.dlh", DEMO_PASSWORD).await;
        assert!(!app.get_as(&anggota, &format!("/opd/{dlh}")).await.body.contains("data-testid=\"form-kbk\""));

        let fields = [
            ("opd", dlh.as_str()), ("fields[name]", "Bersih Pantai"), ("fields[work_unit]", "Bidang Pengelolaan Sampah"),
            ("fields[sk_number]", "800/12/DLH/2026"), ("fields[sk_date]", "2026-02-02"),
        ];
        let formed = app.call_fn(&kepala, "kbk/form", &fields).await;
        assert_eq!(formed.status, 200, "{}", formed.body);
        let kbk: serde_json::Value = serde_json::from_str(&formed.body).expect("json");
        let id = kbk["id"].as_str().expect("id").to_owned();
        let again = app.call_fn(&kepala, "kbk/form", &fields).await;
        assert_eq!(again.status, 409, "a second KBK of the same name is refused: {}", again.body);

        let page = app.get_as(&kepala, &format!("/kbk/{id}")).await;
        assert!(page.body.contains("data-testid=\"manage-kbk\""), "the manager gets the management card");
        let member = app.user_id("anggota.dlh").await;
        let seated = app.call_fn(&kepala, "kbk/seat", &[("kbk", &id), ("user", &member), ("name", ""), ("nip", ""), ("role", "ketua")]).await;
        assert_eq!(seated.status, 200, "{}", seated.body);
        let outsider = [("kbk", id.as_str()), ("user", ""), ("name", "Rahmat Hidayat"), ("nip", "123"), ("role", "anggota")];
        let refused = app.call_fn(&kepala, "kbk/seat", &outsider).await;
        assert_eq!(refused.status, 422, "a bad NIP is refused: {}", refused.body);
        let sk = app.upload(&kepala, &format!("/api/v1/kbks/{id}/decree"), "sk.pdf", include_bytes!("../../../crates/service/data/demo/evidence/sk-kbk.pdf")).await;
        assert_eq!(sk.status, 201, "{}", sk.body);
        let shown = app.get_as(&kepala, &format!("/api/v1/kbks/{id}")).await.json();
        assert_eq!(shown["members"][0]["role"], "ketua");
        assert!(shown["decree"]["evidence_id"].is_string(), "{shown}");
        let member_view = app.get_as(&anggota, &format!("/kbk/{id}")).await.body;
        assert!(!member_view.contains("data-testid=\"manage-kbk\""));
        assert!(member_view.contains("kbk.add_member") && member_view.contains("kbk.create"), "the KBK's history");
        let selection = app.get_as(&kepala, &format!("/opd/{dlh}/nilai")).await.body;
        assert!(selection.contains("data-testid=\"history\""), "the selection page has its history panel");
    }
}
