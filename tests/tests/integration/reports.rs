//! Quarterly reports: compiled from the quarter's verified actions, blocked by the self-check, submitted late
//! or on time, returned with a code and comments, resubmitted with a change list, accepted and locked, extended.

use crate::programme::post;
use http::Method;
use serde_json::{Value, json};
use sha2::Digest;
use tests::{DEMO_PASSWORD, Session, TestApp, db_tests};

const NARRATIVE: &str = r#"{"narrative":{"achievements":"Partisipasi bank sampah naik 9%.","obstacles":"Armada terbatas.","follow_up":"Tambah jadwal angkut."}}"#;

async fn patch(app: &TestApp, session: &Session, path: &str, body: &str) -> tests::TestResponse {
    let body: Value = serde_json::from_str(body).expect("json");
    app.send_json(Method::PATCH, path, &body, session).await
}

/// DLH's report for Q3 2026, started by kepala.dlh; returns its id.
async fn dlh_q3(app: &TestApp, kepala: &Session) -> String {
    let dlh = app.unit_id("64.74.DLH").await;
    let created = post(app, kepala, &format!("/api/v1/opds/{dlh}/reports"), json!({"year": 2026, "quarter": 3})).await;
    assert_eq!(created.status, 201, "{}", created.body);
    created.json()["id"].as_str().expect("id").to_owned()
}

/// Splits CSV text (RFC 4180: quoted fields, doubled quotes, CRLF) into rows of fields.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    rows
}

/// A spreadsheet cell as the CSV writes it: dates as ISO dates, whole numbers without decimals.
fn cell_text(cell: &calamine::Data) -> String {
    match cell {
        calamine::Data::DateTime(_) => calamine::DataType::as_date(cell).expect("a date").to_string(),
        calamine::Data::Float(n) => format!("{n}"),
        calamine::Data::Int(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// Runs a poppler tool on `pdf`; its standard output.
fn poppler(tool: &str, args: &[&str], pdf: &std::path::Path) -> String {
    let out = std::process::Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|err| panic!("{tool} is missing ({err}): install poppler-utils (scripts/test does)"));
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn titles(list: &Value) -> Vec<String> {
    list.as_array().expect("list").iter().map(|a| a["title"].as_str().expect("title").to_owned()).collect()
}

db_tests! {
    async fn a_report_is_returned_with_a_code_fixed_resubmitted_with_a_change_list_and_locked_once_accepted(db: TestDb) {
        let app = TestApp::with_programme_demo(db).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let id = dlh_q3(&app, &kepala).await;
        let path = format!("/api/v1/reports/{id}");

        let draft = app.get_as(&kepala, &path).await.json();
        assert_eq!(draft["sections"].as_array().expect("sections").len(), 4, "one section per chosen value");
        assert!(draft["sections"].to_string().contains("Pendampingan Bank Sampah Satimpo"));
        assert_eq!(draft["checks"][0]["check"], "narrative_missing", "{}", draft["checks"]);
        let refused = post(&app, &kepala, &format!("{path}/submit"), json!({})).await;
        assert_eq!(refused.status, 422);
        assert!(refused.body.contains("Bagian narasi belum diisi"), "{}", refused.body);

        assert_eq!(patch(&app, &kepala, &path, NARRATIVE).await.status, 200);
        let submitted = post(&app, &kepala, &format!("{path}/submit"), json!({})).await.json();
        assert_eq!((submitted["state"].as_str(), submitted["late"].as_bool()), (Some("submitted"), Some(true)), "due 10 Oct");

        let reviewer = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
        let inbox = app.get_as(&reviewer, "/api/v1/review-queue").await.json();
        assert!(inbox["items"].as_array().expect("items").iter().any(|r| r["id"] == id.as_str()));
        assert_eq!(inbox["per_pemda"][0]["pemda_name"], "Pemerintah Kota Bontang");
        let action = submitted["sections"][0]["actions"][0]["id"].clone();
        let no_reason = post(&app, &reviewer, &format!("{path}/return"), json!({"code": "other", "reason": " "})).await;
        assert_eq!(no_reason.status, 422);
        let returned = post(
            &app,
            &reviewer,
            &format!("{path}/return"),
            json!({"code": "evidence_mismatch", "reason": "Lengkapi daftar hadir.",
                   "comments": [{"action_id": action, "text": "Foto tidak menunjukkan peserta."}]}),
        )
        .await;
        assert_eq!(returned.status, 200, "{}", returned.body);

        let seen = app.get_as(&kepala, &path).await.json();
        assert_eq!(seen["state"], "returned");
        assert_eq!(seen["return_note"]["code"], "evidence_mismatch");
        assert_eq!(seen["return_note"]["text"], "Lengkapi daftar hadir.");
        assert!(seen["sections"].to_string().contains("Foto tidak menunjukkan peserta."), "the comment sits on its action");
        let bell = app.get_as(&kepala, "/api/v1/notifications").await.json();
        assert!(bell["unread"].as_u64() >= Some(1));
        assert!(bell["items"][0]["message"].as_str().expect("message").contains("dikembalikan"), "{bell}");

        let fixed = NARRATIVE.replace("Tambah jadwal angkut.", "Tambah jadwal angkut dan daftar hadir bertanda tangan.");
        assert_eq!(patch(&app, &kepala, &path, &fixed).await.status, 200);
        assert_eq!(post(&app, &kepala, &format!("{path}/submit"), json!({})).await.status, 200);
        let changes = app.get_as(&reviewer, &format!("{path}/changes")).await.json();
        assert_eq!(changes["narrative_changed"], json!(["follow_up"]));
        assert_eq!(changes["since_revision"], 1);
        assert!(changes["added"].as_array().expect("added").is_empty() && changes["removed"].as_array().expect("removed").is_empty());
        assert_eq!(titles(&changes["unchanged"]).len(), 4, "every action already reviewed");

        let accepted = post(&app, &reviewer, &format!("{path}/accept"), json!({})).await.json();
        assert_eq!(accepted["state"], "accepted");
        let locked = patch(&app, &kepala, &path, NARRATIVE).await;
        assert_eq!(locked.status, 409);
        assert!(locked.body.contains("terkunci"), "{}", locked.body);
        let anggota = app.login("anggota.dlh", DEMO_PASSWORD).await;
        let edit = app.send_json(Method::PUT, &format!("/api/v1/actions/{}", action.as_str().expect("id")), &json!({}), &anggota).await;
        assert!(edit.status == 409 || edit.status == 422, "a verified action stays as it is: {}", edit.body);
        let events: Vec<String> = accepted["events"].as_array().expect("events").iter().map(|e| e["kind"].as_str().expect("kind").to_owned()).collect();
        assert_eq!(events, ["created", "updated", "submitted", "returned", "updated", "submitted", "accepted"]);
        let audit = service::audit::history(&app.services.db, "report", &id, 20).await.expect("history");
        assert!(audit.iter().any(|e| e.action == "report.accept") && audit.iter().any(|e| e.action == "report.return"));

        let no_reason = post(&app, &reviewer, &format!("{path}/reopen"), json!({"reason": ""})).await;
        assert_eq!(no_reason.status, 422);
        let reopened = post(&app, &reviewer, &format!("{path}/reopen"), json!({"reason": "Salah satu kegiatan di luar periode."})).await;
        assert_eq!(reopened.json()["state"], "returned");
    }

    async fn a_city_reviewer_cannot_see_or_review_a_provincial_opds_report(db: TestDb) {
        let app = TestApp::with_programme_demo(db).await;
        let admin = app.login("admin", DEMO_PASSWORD).await;
        let bappeda = app.unit_id("64.BAPPEDA").await;
        let created = post(&app, &admin, "/api/v1/users", json!({"username": "kepala.bappeda", "full_name": "Kepala Bappeda",
            "password": "sandi-awal-aman", "role": "kepala_opd", "org_unit_id": bappeda})).await;
        assert_eq!(created.status, 201, "{}", created.body);
        let kepala = app.login("kepala.bappeda", "sandi-awal-aman").await;
        let report = post(&app, &kepala, &format!("/api/v1/opds/{bappeda}/reports"), json!({"year": 2026, "quarter": 3})).await;
        let id = report.json()["id"].as_str().expect("id").to_owned();
        let city = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        for (method, path) in [("GET", format!("/api/v1/reports/{id}")), ("POST", format!("/api/v1/reports/{id}/accept")),
                               ("POST", format!("/api/v1/reports/{id}/return")), ("GET", format!("/api/v1/reports/{id}/changes"))] {
            let method = Method::from_bytes(method.as_bytes()).expect("method");
            let body = json!({"code": "other", "reason": "Uji"});
            let response = app.send_json(method, &path, &body, &city).await;
            assert_eq!(response.status, 404, "{path}: {}", response.body);
            assert!(!response.body.contains("Bappeda"), "leaks the OPD");
        }
        let province = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
        assert_eq!(app.get_as(&province, &format!("/api/v1/reports/{id}")).await.status, 200);
    }

    async fn an_extension_moves_the_due_date_and_a_refusal_needs_a_reason(db: TestDb) {
        let app = TestApp::with_programme_demo(db).await;
        let kepala = app.login("kepala.disdukcapil", DEMO_PASSWORD).await;
        let opd = app.unit_id("64.74.DISDUKCAPIL").await;
        let listed = app.get_as(&kepala, &format!("/api/v1/opds/{opd}/reports?year=2026")).await.json();
        let q3 = &listed["quarters"][2];
        assert_eq!((q3["due_on"].as_str(), q3["overdue"].as_bool(), q3["open"].as_bool()), (Some("2026-10-10"), Some(true), Some(true)));
        assert_eq!(listed["quarters"][3]["overdue"], false, "Q4 is due in January");
        let report = post(&app, &kepala, &format!("/api/v1/opds/{opd}/reports"), json!({"year": 2026, "quarter": 3})).await;
        let id = report.json()["id"].as_str().expect("id").to_owned();
        let twice = post(&app, &kepala, &format!("/api/v1/opds/{opd}/reports"), json!({"year": 2026, "quarter": 3})).await;
        assert_eq!(twice.status, 409);
        let early = post(&app, &kepala, &format!("/api/v1/opds/{opd}/reports"), json!({"year": 2027, "quarter": 1})).await;
        assert!(early.status == 422 && early.body.contains("belum dimulai"), "{}", early.body);

        let path = format!("/api/v1/reports/{id}/extension-requests");
        assert_eq!(post(&app, &kepala, &path, json!({"reason": ""})).await.status, 422);
        let asked = post(&app, &kepala, &path, json!({"reason": "Server pelayanan rusak dua pekan."})).await;
        assert_eq!(asked.status, 201, "{}", asked.body);
        assert_eq!(post(&app, &kepala, &path, json!({"reason": "Lagi."})).await.status, 409, "one pending at a time");
        let request = asked.json()["id"].as_str().expect("id").to_owned();
        let reviewer = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let decision = format!("/api/v1/extension-requests/{request}/decision");
        assert_eq!(post(&app, &kepala, &decision, json!({"decision": "grant", "due_on": "2026-12-01"})).await.status, 403);
        let before = post(&app, &reviewer, &decision, json!({"decision": "grant", "due_on": "2026-10-01"})).await;
        assert!(before.status == 422 && before.body.contains("setelah batas"), "{}", before.body);
        let granted = post(&app, &reviewer, &decision, json!({"decision": "grant", "due_on": "2026-12-01"})).await;
        assert_eq!(granted.json()["state"], "granted", "{}", granted.body);
        let report = app.get_as(&kepala, &format!("/api/v1/reports/{id}")).await.json();
        assert_eq!((report["due_on"].as_str(), report["extended"].as_bool(), report["overdue"].as_bool()), (Some("2026-12-01"), Some(true), Some(false)));
        assert_eq!(report["extensions"][0]["state"], "granted");
        assert!(report["events"].to_string().contains("extension_granted"));

        let again = post(&app, &kepala, &path, json!({"reason": "Masih kurang."})).await;
        let refuse = format!("/api/v1/extension-requests/{}/decision", again.json()["id"].as_str().expect("id"));
        assert_eq!(post(&app, &reviewer, &refuse, json!({"decision": "refuse"})).await.status, 422);
        assert_eq!(post(&app, &reviewer, &refuse, json!({"decision": "refuse", "note": "Sudah diperpanjang."})).await.json()["state"], "refused");
    }

    async fn the_inbox_pages_oldest_first_and_is_only_for_reviewers(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let reviewer = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let all = app.get_as(&reviewer, "/api/v1/review-queue").await.json();
        let items = all["items"].as_array().expect("items").clone();
        assert!(!items.is_empty(), "the demo leaves reports waiting: {all}");
        let waiting: u64 = all["per_pemda"].as_array().expect("counts").iter().map(|p| p["waiting"].as_u64().expect("n")).sum();
        assert_eq!(waiting, items.len() as u64);
        assert!(items.windows(2).all(|w| w[0]["submitted_at"].as_str() <= w[1]["submitted_at"].as_str()), "oldest first");
        let first = app.get_as(&reviewer, "/api/v1/review-queue?limit=1").await.json();
        assert_eq!(first["items"][0]["id"], items[0]["id"]);
        if items.len() > 1 {
            let next = first["next_after"].as_str().expect("a cursor");
            let second = app.get_as(&reviewer, &format!("/api/v1/review-queue?limit=1&after={next}")).await.json();
            assert_eq!(second["items"][0]["id"], items[1]["id"]);
        }
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        assert_eq!(app.get_as(&kepala, "/api/v1/review-queue").await.status, 403);
        assert_eq!(app.get_as(&reviewer, "/api/v1/review-queue?after=garbage").await.status, 422);
    }

    async fn the_demo_leaves_reports_in_every_state_late_and_extended(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let reviewer = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let mut states = Vec::new();
        let (mut late, mut extended) = (0, 0);
        for code in ["64.74.DLH", "64.74.DISDUKCAPIL", "64.74.RSUD", "64.74.KEC-BARAT", "64.74.BPKD"] {
            let opd = app.unit_id(code).await;
            let listed = app.get_as(&reviewer, &format!("/api/v1/opds/{opd}/reports?year=2026")).await.json();
            for slot in listed["quarters"].as_array().expect("quarters").iter().take(3) {
                let report = &slot["report"];
                assert!(report.is_object(), "{code}: every ended quarter has a report: {listed}");
                states.push(report["state"].as_str().expect("state").to_owned());
                late += usize::from(report["late"] == true);
                extended += usize::from(report["extended"] == true);
            }
        }
        for state in ["draft", "submitted", "returned", "accepted"] {
            assert!(states.iter().any(|s| s == state), "no {state} report: {states:?}");
        }
        assert!(late > 0 && extended > 0, "late {late}, extended {extended}");
        let again = service::demo::reports::seed(&app.services, tests::test_now()).await.expect("seed");
        assert_eq!(again, 0, "seeding twice adds nothing");
    }

    async fn notifications_are_marked_read_one_by_one_or_all_at_once(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let bell = app.get_as(&kepala, "/api/v1/notifications").await.json();
        let unread = bell["unread"].as_u64().expect("unread");
        assert!(unread >= 2, "the demo reviews notified the OPD: {bell}");
        let first = bell["items"][0]["id"].clone();
        assert_eq!(post(&app, &kepala, "/api/v1/notifications/read", json!({"id": first})).await.status, 204);
        assert_eq!(app.get_as(&kepala, "/api/v1/notifications").await.json()["unread"].as_u64(), Some(unread - 1));
        let other = app.login("kepala.rsud", DEMO_PASSWORD).await;
        let before = app.get_as(&other, "/api/v1/notifications").await.json()["unread"].clone();
        assert_eq!(post(&app, &kepala, "/api/v1/notifications/read", json!({})).await.status, 204);
        assert_eq!(app.get_as(&kepala, "/api/v1/notifications").await.json()["unread"], 0);
        assert_eq!(app.get_as(&other, "/api/v1/notifications").await.json()["unread"], before, "only the caller's");
    }

    async fn the_bell_counts_unread_notifications_up_to_a_hundred_and_shows_99_plus_beyond(db: TestDb) {
        use sea_orm::{ActiveModelTrait, Set};
        let app = TestApp::with_demo(db).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let user: uuid::Uuid = app.user_id("kepala.dlh").await.parse().expect("uuid");
        let unread = || async { app.get_as(&kepala, "/api/v1/notifications").await.json()["unread"].clone() };
        let before = unread().await.as_u64().expect("unread");
        for n in 0..120 - before {
            service::entity::notification::ActiveModel {
                id: Set(uuid::Uuid::new_v4()),
                user_id: Set(user),
                kind: Set("report_returned".into()),
                report_id: Set(None),
                message: Set(format!("Pemberitahuan {n}")),
                created_at: Set(tests::test_now()),
                read_at: Set(None),
            }
            .insert(&app.services.db)
            .await
            .expect("insert");
        }
        assert_eq!(unread().await, 100, "120 unread are counted up to the cap");
        let page = app.get_as(&kepala, "/").await;
        assert!(page.body.contains(">99+<"), "the badge shows 99+");
        assert_eq!(post(&app, &kepala, "/api/v1/notifications/read", json!({})).await.status, 204);
        assert_eq!(unread().await, 0);
    }

    async fn the_report_pages_offer_each_role_its_steps_and_the_inbox_and_bell_follow_them(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let quarters = app.get_as(&kepala, &format!("/opd/{dlh}/laporan")).await;
        assert_eq!(quarters.status, 200);
        assert_eq!(quarters.count("data-testid=\"quarter-row\""), 4);
        assert_eq!(quarters.count("data-testid=\"open-report\""), 3, "the three ended quarters");
        assert!(quarters.body.contains("data-testid=\"start-report\""), "the running quarter may be started");
        let listed = app.get_as(&kepala, &format!("/api/v1/opds/{dlh}/reports?year=2026")).await.json();
        let q3 = listed["quarters"][2]["report"]["id"].as_str().expect("q3").to_owned();

        let draft = app.get_as(&kepala, &format!("/laporan/{q3}")).await;
        for part in ["report-form", "checks-ok", "report-submit", "extension-form", "feed"] {
            assert!(draft.body.contains(&format!("data-testid=\"{part}\"")), "the OPD's draft shows {part}");
        }
        assert!(!draft.body.contains("data-testid=\"review-form\""));
        assert_eq!(app.call_fn(&kepala, "report/submit", &[("report", &q3)]).await.status, 200);

        let reviewer = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
        let inbox = app.get_as(&reviewer, "/tinjauan").await;
        assert!(inbox.body.contains("data-testid=\"inbox-item\"") && inbox.body.contains("Dinas Lingkungan Hidup"));
        let page = app.get_as(&reviewer, &format!("/laporan/{q3}")).await;
        assert!(page.body.contains("data-testid=\"review-form\"") && !page.body.contains("data-testid=\"report-form\""));
        let report = app.get_as(&reviewer, &format!("/api/v1/reports/{q3}")).await.json();
        let action = report["sections"][0]["actions"][0]["id"].as_str().expect("an action").to_owned();
        let comment = format!("comments[c{action}]");
        let returned = app
            .call_fn(
                &reviewer,
                "report/review",
                &[("report", &q3), ("decision", "return"), ("code", "outside_period"), ("reason", "Tanggal kegiatan di luar triwulan."),
                  (&comment, "Kegiatan ini bertanggal Juli.")],
            )
            .await;
        assert_eq!(returned.status, 200, "{}", returned.body);

        let seen = app.get_as(&kepala, &format!("/laporan/{q3}")).await;
        assert!(seen.body.contains("Kegiatan di luar periode laporan") && seen.body.contains("Kegiatan ini bertanggal Juli."));
        assert!(app.get_as(&kepala, "/notifikasi").await.body.contains("dikembalikan"));
        let unread = app.call_fn(&kepala, "notifications/unread", &[]).await;
        assert_ne!(unread.body, "0", "the bell counts the return");
    }

    async fn the_csv_lists_the_reports_actions_and_the_zip_manifest_matches_its_files(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let reviewer = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let listed = app.get_as(&reviewer, &format!("/api/v1/opds/{dlh}/reports?year=2026")).await.json();
        let id = listed["quarters"][0]["report"]["id"].as_str().expect("q1").to_owned();
        let report = app.get_as(&reviewer, &format!("/api/v1/reports/{id}")).await.json();
        let rows: usize = report["sections"].as_array().expect("sections").iter().map(|s| s["actions"].as_array().expect("actions").len()).sum();

        let csv = app.get_as(&reviewer, &format!("/api/v1/reports/{id}/export.csv")).await;
        assert_eq!(csv.status, 200);
        assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
        assert!(csv.header("content-disposition").is_some_and(|d| d.contains("laporan-tw1-2026-dinas-lingkungan-hidup.csv")));
        let lines: Vec<&str> = csv.body.lines().collect();
        assert_eq!(lines[0], "Kode nilai,Nilai,Tanggal,Kegiatan,Jenis,KBK,Hadir,Bukti");
        assert_eq!(lines.len(), rows + 1, "one line per action and value");

        let zip = app.get_as(&reviewer, &format!("/api/v1/reports/{id}/evidence.zip")).await;
        assert_eq!(zip.status, 200);
        let length = zip.header("content-length").map(str::to_owned);
        assert_eq!(length, Some(zip.bytes.len().to_string()), "the length is announced, so the download shows progress");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.bytes.clone())).expect("a ZIP");
        let manifest: Value = {
            let file = archive.by_name("manifest.json").expect("manifest.json");
            serde_json::from_reader(file).expect("JSON")
        };
        let files = manifest["files"].as_array().expect("files");
        assert_eq!(archive.len(), files.len() + 1, "every file is in the manifest, and nothing else");
        assert!(files.len() >= 2, "{manifest}");
        for entry in files {
            let mut file = archive.by_name(entry["path"].as_str().expect("path")).expect("listed file in the ZIP");
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut bytes).expect("read");
            assert_eq!(bytes.len() as u64, entry["size"].as_u64().expect("size"));
            assert_eq!(hex::encode(sha2::Sha256::digest(&bytes)), entry["sha256"].as_str().expect("sha256"));
        }
        let audit = service::audit::history(&app.services.db, "report", &id, 50).await.expect("history");
        assert_eq!(audit.iter().filter(|e| e.action == "report.export").count(), 2);
        let other = app.login("kepala.disdukcapil", DEMO_PASSWORD).await;
        assert_eq!(app.get_as(&other, &format!("/api/v1/reports/{id}/evidence.zip")).await.status, 404);
    }

    async fn the_pdf_renders_with_an_evidence_index_whose_hashes_equal_the_files_and_the_xlsx_holds_the_csv_rows(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let reviewer = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let listed = app.get_as(&reviewer, &format!("/api/v1/opds/{dlh}/reports?year=2026")).await.json();
        let id = listed["quarters"][0]["report"]["id"].as_str().expect("q1").to_owned();

        let pdf = app.get_as(&reviewer, &format!("/api/v1/reports/{id}/export.pdf")).await;
        assert_eq!(pdf.status, 200);
        assert_eq!(pdf.header("content-type"), Some("application/pdf"));
        assert!(pdf.header("content-disposition").is_some_and(|d| d.contains("laporan-tw1-2026-dinas-lingkungan-hidup.pdf")));
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("laporan.pdf");
        std::fs::write(&file, &pdf.bytes).expect("write");
        let info = poppler("pdfinfo", &[], &file);
        let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).expect("page count").trim().parse().expect("number");
        let rendered = std::process::Command::new("pdftoppm")
            .args(["-r", "40", "-png"])
            .arg(&file)
            .arg(dir.path().join("page"))
            .status()
            .expect("pdftoppm");
        assert!(rendered.success());
        let images = std::fs::read_dir(dir.path()).expect("dir").filter(|e| e.as_ref().is_ok_and(|e| e.path().extension().is_some_and(|x| x == "png"))).count();
        assert_eq!(images, pages, "pdftoppm renders every page");

        let text = poppler("pdftotext", &["-layout"], &file);
        for expected in ["LAPORAN PELAKSANAAN BUDAYA KERJA", "DINAS LINGKUNGAN HIDUP", "TRIWULAN I TAHUN 2026", "A. Identitas Perangkat Daerah", "B. Kelompok Budaya Kerja", "C. Nilai yang Dipilih dan Perilaku Utama", "D. Kegiatan per Nilai", "E. Uraian", "F. Indeks Bukti", "Kepala Dinas Lingkungan Hidup", "Halaman 1 dari"] {
            assert!(text.contains(expected), "the PDF says {expected:?}:\n{text}");
        }
        let printed: std::collections::BTreeSet<String> = text
            .split(|c: char| !c.is_ascii_hexdigit())
            .filter(|word| word.len() == 64)
            .map(str::to_owned)
            .collect();

        let zip = app.get_as(&reviewer, &format!("/api/v1/reports/{id}/evidence.zip")).await;
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.bytes.clone())).expect("a ZIP");
        let mut hashes = std::collections::BTreeSet::new();
        for n in 0..archive.len() {
            let mut entry = archive.by_index(n).expect("entry");
            if entry.name().is_ok_and(|name| name == "manifest.json") {
                continue;
            }
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes).expect("read");
            hashes.insert(hex::encode(sha2::Sha256::digest(&bytes)));
        }
        assert!(!hashes.is_empty());
        assert_eq!(printed, hashes, "the evidence index lists exactly the package's files, by their SHA-256");

        let csv = app.get_as(&reviewer, &format!("/api/v1/reports/{id}/export.csv")).await;
        let xlsx = app.get_as(&reviewer, &format!("/api/v1/reports/{id}/export.xlsx")).await;
        assert_eq!(xlsx.status, 200);
        assert!(xlsx.header("content-disposition").is_some_and(|d| d.contains("laporan-tw1-2026-dinas-lingkungan-hidup.xlsx")));
        let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.bytes.clone())).expect("an XLSX");
        let sheet = calamine::Reader::worksheet_range(&mut book, "Kegiatan").expect("sheet Kegiatan");
        let cells: Vec<Vec<String>> = sheet.rows().map(|row| row.iter().map(cell_text).collect()).collect();
        let rows = parse_csv(&csv.body);
        assert!(rows.len() > 2, "{rows:?}");
        assert_eq!(cells, rows, "the XLSX holds the CSV's rows");

        let audit = service::audit::history(&app.services.db, "report", &id, 50).await.expect("history");
        let formats: Vec<String> = audit.iter().filter(|e| e.action == "report.export").filter_map(|e| e.after.as_deref()).map(|a| serde_json::from_str::<Value>(a).expect("JSON")["format"].as_str().unwrap_or_default().to_owned()).collect();
        for format in ["pdf", "zip", "csv", "xlsx"] {
            assert!(formats.iter().any(|f| f == format), "{format} export audited: {formats:?}");
        }
    }
}
