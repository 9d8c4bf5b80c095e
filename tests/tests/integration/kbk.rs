//! KBKs, documented actions and their evidence: formed by the OPD, logged by members, verified by the ketua,
//! invisible to other OPDs.

use crate::programme::{approve_dlh_selection, post, value_ids};
use http::Method;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tests::{DEMO_PASSWORD, Session, TestApp, db_tests};

pub const PHOTO: &[u8] = include_bytes!("../../../crates/service/data/demo/evidence/foto-kegiatan.jpg");
pub const PDF: &[u8] = include_bytes!("../../../crates/service/data/demo/evidence/daftar-hadir.pdf");

/// DLH with an approved selection and the KBK "Hijau Bessai" holding ketua.dlh and anggota.dlh; returns its id.
async fn dlh_kbk(app: &TestApp) -> String {
    approve_dlh_selection(app, &["1.1", "5.1", "7.1", "11.1"]).await;
    let admin = app.login("admin.dlh", DEMO_PASSWORD).await;
    let dlh = app.unit_id("64.74.DLH").await;
    let formed = post(
        app,
        &admin,
        &format!("/api/v1/opds/{dlh}/kbks"),
        json!({"name": "Hijau Bessai", "work_unit": "Bidang Pengelolaan Sampah", "sk_number": "800/112/DLH/2026",
               "sk_date": "2026-01-15"}),
    )
    .await;
    assert_eq!(formed.status, 201, "{}", formed.body);
    let id = formed.json()["id"].as_str().expect("id").to_owned();
    for (username, role) in [("ketua.dlh", "ketua"), ("anggota.dlh", "anggota")] {
        let member = json!({"user_id": app.user_id(username).await, "role": role});
        let seated = post(app, &admin, &format!("/api/v1/kbks/{id}/members"), member).await;
        assert_eq!(seated.status, 201, "{}", seated.body);
    }
    id
}

/// A valid action living `values`, dated in the past of the test clock.
pub fn action(values: &[String]) -> Value {
    json!({
        "title": "Pendampingan Bank Sampah Satimpo", "kind": "aksi_perbaikan", "started_on": "2026-11-20",
        "location": "Kelurahan Satimpo", "value_ids": values, "description": "Pendampingan pencatatan tabungan.",
        "participants": 30, "attendees": 27, "result": "12 nasabah baru.",
    })
}

/// In the report demo: DLH's KBK and the values of its first submitted action (values DLH has approved).
pub async fn demo_kbk_and_values(app: &TestApp) -> (String, Vec<String>) {
    let ketua = app.login("ketua.dlh", DEMO_PASSWORD).await;
    let dlh = app.unit_id("64.74.DLH").await;
    let kbks = app.get_as(&ketua, &format!("/api/v1/opds/{dlh}/kbks")).await.json();
    let kbk = kbks["items"][0]["id"].as_str().expect("kbk id").to_owned();
    let submitted = app.get_as(&ketua, &format!("/api/v1/kbks/{kbk}/actions?state=submitted")).await.json();
    let values = submitted["items"][0]["values"].as_array().expect("values");
    (kbk, values.iter().map(|v| v["id"].as_str().expect("value id").to_owned()).collect())
}

async fn log_action(app: &TestApp, member: &Session, kbk: &str) -> String {
    let values = value_ids(app, &["1.1", "7.1"]).await;
    let logged = post(app, member, &format!("/api/v1/kbks/{kbk}/actions"), action(&values)).await;
    assert_eq!(logged.status, 201, "{}", logged.body);
    logged.json()["id"].as_str().expect("id").to_owned()
}

db_tests! {
    async fn a_member_logs_an_action_with_a_photo_and_a_pdf_and_the_ketua_verifies_it(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let kbk = dlh_kbk(&app).await;
        let anggota = app.login("anggota.dlh", DEMO_PASSWORD).await;
        let id = log_action(&app, &anggota, &kbk).await;

        let early = post(&app, &anggota, &format!("/api/v1/actions/{id}/submit"), json!({})).await;
        assert_eq!(early.status, 422, "an action without evidence is not documented yet");
        for (name, bytes) in [("apel.jpg", PHOTO), ("daftar-hadir.pdf", PDF)] {
            let uploaded = app.upload(&anggota, &format!("/api/v1/actions/{id}/evidence"), name, bytes).await;
            assert_eq!(uploaded.status, 201, "{}", uploaded.body);
            assert_eq!(uploaded.json()["sha256"], hex::encode(Sha256::digest(bytes)));
        }
        let shown = app.get_as(&anggota, &format!("/api/v1/actions/{id}")).await.json();
        assert_eq!(shown["evidence"][0]["media_type"], "image/jpeg");
        assert_eq!(shown["evidence"][0]["taken_at"], "2026-08-17T08:15:00", "the camera's EXIF date");
        assert_eq!(shown["evidence"][0]["has_thumbnail"], true);
        assert_eq!(shown["evidence"][1]["media_type"], "application/pdf");
        assert_eq!((&shown["evidence"][1]["taken_at"], &shown["evidence"][1]["has_thumbnail"]), (&json!(null), &json!(false)));
        let photo = shown["evidence"][0]["id"].as_str().expect("id");
        let thumbnail = app.get_as(&anggota, &format!("/api/v1/evidence/{photo}/thumbnail")).await;
        assert_eq!((thumbnail.status.as_u16(), thumbnail.header("content-type")), (200, Some("image/jpeg")));
        let page = app.get_as(&anggota, &format!("/kegiatan/{id}")).await;
        assert!(page.body.contains("data-testid=\"thumbnail\"") && page.body.contains("17 Agu 2026 08:15"), "photo facts shown");
        let pdf = shown["evidence"][1]["id"].as_str().expect("id");
        assert_eq!(app.get_as(&anggota, &format!("/api/v1/evidence/{pdf}/thumbnail")).await.status, 404);
        assert_eq!(shown["values"][0]["code"], "1.1");

        let submitted = post(&app, &anggota, &format!("/api/v1/actions/{id}/submit"), json!({})).await;
        assert_eq!(submitted.json()["state"], "submitted");
        let ketua = app.login("ketua.dlh", DEMO_PASSWORD).await;
        let verified = post(&app, &ketua, &format!("/api/v1/actions/{id}/verify"), json!({})).await;
        assert_eq!(verified.status, 200, "{}", verified.body);
        assert_eq!(verified.json()["state"], "accepted");
        let late = app.upload(&anggota, &format!("/api/v1/actions/{id}/evidence"), "x.jpg", PHOTO).await;
        assert_eq!(late.status, 409, "a verified action takes no more evidence");
    }

    async fn polyglots_are_refused_and_a_plain_pdf_and_photo_are_kept_byte_for_byte(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let kbk = dlh_kbk(&app).await;
        let anggota = app.login("anggota.dlh", DEMO_PASSWORD).await;
        let id = log_action(&app, &anggota, &kbk).await;
        let path = format!("/api/v1/actions/{id}/evidence");
        let mut jpeg_html = PHOTO[..4].to_vec();
        jpeg_html.extend_from_slice(b"<html><body><script>alert(document.cookie)</script></body></html>");
        let mut pdf_script = PDF.to_vec();
        let catalogue = b"<< /Type /Catalog /Pages 2 0 R >>";
        let at = pdf_script.windows(catalogue.len()).position(|w| w == catalogue).expect("the catalogue");
        // Same length, so the cross-reference stays right: the catalogue carries a launch action.
        pdf_script.splice(at..at + catalogue.len(), b"<< /Pages 2 0 R/AA<</S/Launch>>>>".iter().copied());
        for (name, bytes, says) in [
            ("foto.jpg", jpeg_html, "tidak dapat dibaca utuh"),
            ("hadir.pdf", b"%PDF-1.7\n<script>alert(1)</script>\n".to_vec(), "tidak dapat dibaca utuh"),
            ("hadir.pdf", pdf_script, "memuat JavaScript, perintah menjalankan program"),
        ] {
            let refused = app.upload(&anggota, &path, name, &bytes).await;
            assert_eq!(refused.status, 422, "{name}: {}", refused.body);
            assert!(refused.body.contains(says), "{name}: {}", refused.body);
        }
        let shown = app.get_as(&anggota, &format!("/api/v1/actions/{id}")).await.json();
        assert_eq!(shown["evidence"], json!([]), "refused uploads leave nothing behind");
        for (name, bytes) in [("hadir.pdf", PDF), ("foto.jpg", PHOTO)] {
            let kept = app.upload(&anggota, &path, name, bytes).await;
            assert_eq!(kept.status, 201, "{name}: {}", kept.body);
            let download = app.get_as(&anggota, &format!("/api/v1/evidence/{}", kept.json()["id"].as_str().expect("id"))).await;
            assert_eq!(download.bytes, bytes, "{name} is stored as sent");
        }
    }

    async fn an_oversized_file_and_an_executable_named_jpg_are_refused_with_clear_messages(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let kbk = dlh_kbk(&app).await;
        let anggota = app.login("anggota.dlh", DEMO_PASSWORD).await;
        let id = log_action(&app, &anggota, &kbk).await;
        let path = format!("/api/v1/actions/{id}/evidence");
        let mut big = PHOTO.to_vec();
        big.resize(12 * 1024 * 1024, 0);
        let too_large = app.upload(&anggota, &path, "foto-besar.jpg", &big).await;
        assert_eq!(too_large.status, 422);
        assert!(too_large.json()["error"]["message"].as_str().expect("message").contains("batasnya 10 MB"));
        let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\x3e\0";
        let disguised = app.upload(&anggota, &path, "foto.jpg", elf).await;
        assert_eq!(disguised.status, 422);
        assert!(disguised.body.contains("bukan foto"), "{}", disguised.body);
        let shown = app.get_as(&anggota, &format!("/api/v1/actions/{id}")).await.json();
        assert_eq!(shown["evidence"], json!([]), "refused uploads leave nothing behind");
    }

    async fn path_climbing_names_and_malformed_multipart_bodies_are_answered_without_harm(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let kbk = dlh_kbk(&app).await;
        let anggota = app.login("anggota.dlh", DEMO_PASSWORD).await;
        let id = log_action(&app, &anggota, &kbk).await;
        let path = format!("/api/v1/actions/{id}/evidence");
        for (name, shown) in [
            ("../../../../etc/passwd.pdf", "passwd.pdf"),
            ("..\\..\\windows\\win.ini.pdf", "win.ini.pdf"),
            ("\u{202e}fdp.exe", "fdp.exe"),
        ] {
            let stored = app.upload(&anggota, &path, name, PDF).await;
            assert_eq!(stored.status, 201, "{name}: {}", stored.body);
            assert_eq!(stored.json()["file_name"], shown, "only the last path component is kept");
        }
        let boundary = "batas-uji";
        let bodies: [(&str, String); 4] = [
            ("a body cut off mid-part", format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4")),
            ("a part with no headers", format!("--{boundary}\r\n\r\nisi\r\n--{boundary}--\r\n")),
            ("no file part", format!("--{boundary}\r\nContent-Disposition: form-data; name=\"catatan\"\r\n\r\nhalo\r\n--{boundary}--\r\n")),
            ("no parts at all", String::new()),
        ];
        for (what, body) in bodies {
            let request = http::Request::post(&path)
                .header(http::header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
                .header(http::header::HOST, "localhost")
                .header(http::header::ORIGIN, "http://localhost")
                .header(http::header::COOKIE, &anggota.cookie)
                .body(axum::body::Body::from(body))
                .expect("request");
            let answer = app.send(request).await;
            assert!(answer.status.is_client_error(), "{what}: {} {}", answer.status, answer.body);
            assert!(answer.json()["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{what}: {}", answer.body);
        }
        let shown = app.get_as(&anggota, &format!("/api/v1/actions/{id}")).await.json();
        assert_eq!(shown["evidence"].as_array().map(Vec::len), Some(3), "only the three good files are there");
    }

    async fn a_returned_action_goes_back_to_its_author_who_fixes_and_resubmits(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let kbk = dlh_kbk(&app).await;
        let anggota = app.login("anggota.dlh", DEMO_PASSWORD).await;
        let ketua = app.login("ketua.dlh", DEMO_PASSWORD).await;
        let id = log_action(&app, &anggota, &kbk).await;
        app.upload(&anggota, &format!("/api/v1/actions/{id}/evidence"), "apel.jpg", PHOTO).await;
        post(&app, &anggota, &format!("/api/v1/actions/{id}/submit"), json!({})).await;
        let own = post(&app, &anggota, &format!("/api/v1/actions/{id}/verify"), json!({})).await;
        assert_eq!(own.status, 403, "a member does not verify");
        let returned =
            post(&app, &ketua, &format!("/api/v1/actions/{id}/return"), json!({"reason": "Lampirkan notulen."})).await;
        assert_eq!(returned.json()["state"], "returned");
        let values = value_ids(&app, &["1.1"]).await;
        let mut fixed = action(&values);
        fixed["result"] = json!("Notulen terlampir.");
        let updated = app.send_json(Method::PUT, &format!("/api/v1/actions/{id}"), &fixed, &anggota).await;
        assert_eq!(updated.status, 200, "{}", updated.body);
        assert_eq!(updated.json()["state"], "draft");
        let ketua_edit = app.send_json(Method::PUT, &format!("/api/v1/actions/{id}"), &fixed, &ketua).await;
        assert_eq!(ketua_edit.status, 403, "only the author edits");
    }

    async fn an_action_needs_an_approved_value_of_its_opd(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let kbk = dlh_kbk(&app).await;
        let anggota = app.login("anggota.dlh", DEMO_PASSWORD).await;
        let not_chosen = value_ids(&app, &["16.1"]).await;
        let refused = post(&app, &anggota, &format!("/api/v1/kbks/{kbk}/actions"), action(&not_chosen)).await;
        assert_eq!(refused.status, 422);
        let mut future = action(&value_ids(&app, &["1.1"]).await);
        future["started_on"] = json!("2026-12-24");
        let refused = post(&app, &anggota, &format!("/api/v1/kbks/{kbk}/actions"), future).await;
        assert!(refused.body.contains("masa depan"), "{}", refused.body);
        let outsider = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let values = value_ids(&app, &["1.1"]).await;
        let kepala = post(&app, &outsider, &format!("/api/v1/kbks/{kbk}/actions"), action(&values)).await;
        assert_eq!(kepala.status, 403, "the Kepala OPD does not log actions");
    }

    async fn another_opds_kbks_actions_and_evidence_answer_not_found(db: TestDb) {
        let app = TestApp::with_programme_demo(db).await;
        let ketua = app.login("ketua.dlh", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let kbk = app.get_as(&ketua, &format!("/api/v1/opds/{dlh}/kbks")).await.json()["items"][0].clone();
        let kbk_id = kbk["id"].as_str().expect("kbk");
        let actions = app.get_as(&ketua, &format!("/api/v1/kbks/{kbk_id}/actions")).await.json();
        let action_id = actions["items"][0]["id"].as_str().expect("action");
        let evidence_id = actions["items"][0]["evidence"][0]["id"].as_str().expect("evidence");
        let selection = app.get_as(&ketua, &format!("/api/v1/opds/{dlh}/value-selections")).await.json();
        let selection_id = selection["items"][0]["id"].as_str().expect("selection");

        let stranger = app.login("anggota.disdukcapil", DEMO_PASSWORD).await;
        for path in [
            format!("/api/v1/opds/{dlh}/kbks"),
            format!("/api/v1/opds/{dlh}/value-selections"),
            format!("/api/v1/kbks/{kbk_id}"),
            format!("/api/v1/kbks/{kbk_id}/actions"),
            format!("/api/v1/actions/{action_id}"),
            format!("/api/v1/evidence/{evidence_id}"),
            format!("/api/v1/evidence/{evidence_id}/thumbnail"),
            format!("/api/v1/value-selections/{selection_id}"),
        ] {
            assert_eq!(app.get_as(&stranger, &path).await.status, 404, "{path}");
        }
        let upload = app.upload(&stranger, &format!("/api/v1/actions/{action_id}/evidence"), "x.jpg", PHOTO).await;
        assert_eq!(upload.status, 404);
        let logged = post(&app, &stranger, &format!("/api/v1/kbks/{kbk_id}/actions"), json!({})).await;
        assert!(logged.status == 404 || logged.status == 422, "{}", logged.status);
        for page in ["/opd/{dlh}", "/kbk/{kbk_id}", "/kegiatan/{action_id}"] {
            let path = page.replace("{dlh}", &dlh).replace("{kbk_id}", kbk_id).replace("{action_id}", action_id);
            let response = app.get_as(&stranger, &path).await;
            assert_eq!(response.status, 404, "{path}");
            assert!(!response.body.contains("Hijau Bessai"), "{path} leaks the KBK");
        }
    }

    async fn evidence_downloads_as_an_attachment_with_nosniff_and_is_audited(db: TestDb) {
        let app = TestApp::with_programme_demo(db).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let kbk = app.get_as(&kepala, &format!("/api/v1/opds/{dlh}/kbks")).await.json()["items"][0]["id"].clone();
        let actions = app.get_as(&kepala, &format!("/api/v1/kbks/{}/actions", kbk.as_str().expect("id"))).await;
        let evidence = actions.json()["items"][0]["evidence"][0].clone();
        let id = evidence["id"].as_str().expect("id");
        let download = app.get_as(&kepala, &format!("/api/v1/evidence/{id}")).await;
        assert_eq!(download.status, 200);
        assert_eq!(download.header("content-type"), Some("image/jpeg"));
        assert_eq!(download.header("x-content-type-options"), Some("nosniff"));
        assert!(download.header("content-disposition").expect("disposition").starts_with("attachment;"));
        assert_eq!(download.header("x-content-sha256"), evidence["sha256"].as_str());
        let events = service::audit::history(&app.services.db, "evidence", id, 10).await.expect("history");
        assert_eq!(events[0].action, "evidence.download");
        assert_eq!(events[0].actor, "kepala.dlh");
    }

    async fn a_kbks_actions_page_by_keyset_and_filter_by_quarter_value_and_state(db: TestDb) {
        let app = TestApp::with_programme_demo(db).await;
        let ketua = app.login("ketua.dlh", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let kbk = app.get_as(&ketua, &format!("/api/v1/opds/{dlh}/kbks")).await.json()["items"][0]["id"].clone();
        let base = format!("/api/v1/kbks/{}/actions", kbk.as_str().expect("id"));
        let mut seen = Vec::new();
        let mut after = String::new();
        loop {
            let page = app.get_as(&ketua, &format!("{base}?limit=4{after}")).await.json();
            seen.extend(page["items"].as_array().expect("items").iter().map(|a| a["started_on"].clone()));
            match page["next_after"].as_str() {
                Some(next) => after = format!("&after={next}"),
                None => break,
            }
        }
        assert_eq!(seen.len(), 15, "one action per template each quarter, up to today");
        assert!(seen.windows(2).all(|w| w[0].as_str() >= w[1].as_str()), "newest first, no repeats: {seen:?}");
        let q3 = app.get_as(&ketua, &format!("{base}?year=2026&quarter=3")).await.json();
        assert_eq!(q3["items"].as_array().expect("items").len(), 4);
        let drafts = app.get_as(&ketua, &format!("{base}?state=draft")).await.json();
        assert_eq!(drafts["items"].as_array().expect("items").len(), 1);
        let value = value_ids(&app, &["5.1"]).await.remove(0);
        let living = app.get_as(&ketua, &format!("{base}?value={value}")).await.json();
        assert!(living["items"].as_array().expect("items").iter().all(|a| a["values"].to_string().contains("5.1")));
        assert_eq!(app.get_as(&ketua, &format!("{base}?after=garbage")).await.status, 422);
    }

    async fn seating_a_user_grants_the_kbk_role_and_the_size_warning_follows_the_members(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let kbk = dlh_kbk(&app).await;
        let admin = app.login("admin.dlh", DEMO_PASSWORD).await;
        let shown = app.get_as(&admin, &format!("/api/v1/kbks/{kbk}")).await.json();
        assert_eq!(shown["size_warning"], "KBK ini beranggota 2 orang; yang dianjurkan 4-10 orang.");
        let kepala = app.user_id("kepala.dlh").await;
        let seated =
            post(&app, &admin, &format!("/api/v1/kbks/{kbk}/members"), json!({"user_id": kepala, "role": "fasilitator"}))
                .await;
        assert_eq!(seated.status, 201, "{}", seated.body);
        let me = app.get_as(&app.login("kepala.dlh", DEMO_PASSWORD).await, "/api/v1/me").await.json();
        assert!(me["user"]["grants"].to_string().contains("fasilitator"), "{me}");
        for name in ["Joko Prasetyo", "Lina Marpaung"] {
            post(&app, &admin, &format!("/api/v1/kbks/{kbk}/members"), json!({"name": name, "role": "anggota"})).await;
        }
        let shown = app.get_as(&admin, &format!("/api/v1/kbks/{kbk}")).await.json();
        assert_eq!(shown["size_warning"], Value::Null);
        let stranger = app.user_id("anggota.disdukcapil").await;
        let refused =
            post(&app, &admin, &format!("/api/v1/kbks/{kbk}/members"), json!({"user_id": stranger, "role": "anggota"}))
                .await;
        assert_eq!(refused.status, 422, "only the OPD's own users sit in its KBKs");
        let bad_nip = post(
            &app,
            &admin,
            &format!("/api/v1/kbks/{kbk}/members"),
            json!({"name": "Tamu", "nip": "123", "role": "anggota"}),
        )
        .await;
        assert_eq!(bad_nip.status, 422);
        let deactivated = app
            .send_json(
                Method::PATCH,
                &format!("/api/v1/kbks/{kbk}"),
                &json!({"name": "Hijau Bessai", "work_unit": "Bidang Sampah", "active": false}),
                &admin,
            )
            .await;
        assert_eq!(deactivated.json()["active"], false);
        let anggota = app.login("anggota.dlh", DEMO_PASSWORD).await;
        let values = value_ids(&app, &["1.1"]).await;
        let logged = post(&app, &anggota, &format!("/api/v1/kbks/{kbk}/actions"), action(&values)).await;
        assert_eq!(logged.status, 409, "a deactivated KBK logs nothing new");
    }

    async fn the_demo_programme_seeds_once(db: TestDb) {
        let app = TestApp::with_programme_demo(db).await;
        let again = service::demo::programme::seed(&app.services, tests::app::test_now()).await.expect("second seed");
        assert_eq!(again, service::demo::programme::ProgrammeSeed::default());
        assert_eq!(service::audit::verify(&app.services.db).await.expect("verify"), Ok(again_len(&app).await));
    }
}

async fn again_len(app: &TestApp) -> u64 {
    use sea_orm::{EntityTrait, PaginatorTrait};
    service::entity::audit_event::Entity::find().count(&app.services.db).await.expect("count")
}
