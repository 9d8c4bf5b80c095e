//! Org tree administration: adding, renaming, moving and deactivating nodes, within the administrator's
//! subtree, with every change in the node's history.

use http::Method;
use serde_json::json;
use tests::{DEMO_PASSWORD, TestApp, db_tests};

db_tests! {
    async fn a_city_reviewer_adds_an_agency_to_the_city_and_it_appears_in_the_tree_and_its_history(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let reviewer = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let bontang = app.unit_id("64.74").await;
        let body = json!({ "parent_id": bontang, "kind": "badan", "code": "64.74.brida", "name": "Badan Riset dan Inovasi Daerah" });
        let created = app.post_json("/api/v1/org-units", &body, Some(&reviewer)).await;
        assert_eq!(created.status, 201, "{}", created.body);
        let unit = created.json();
        assert_eq!((unit["code"].as_str(), unit["pemda_id"].as_str()), (Some("64.74.BRIDA"), Some(bontang.as_str())));
        let id = unit["id"].as_str().expect("id");
        let history = app.get_as(&reviewer, &format!("/api/v1/org-units/{id}/history")).await.json();
        assert_eq!(history["items"][0]["action"], "org_unit.create");
        assert_eq!(history["items"][0]["actor"], "peninjau.bontang");
        let again = app.post_json("/api/v1/org-units", &body, Some(&reviewer)).await;
        assert_eq!(again.status, 409);
        assert!(again.body.contains("sudah dipakai"), "{}", again.body);
    }

    async fn nobody_adds_outside_their_subtree_and_only_an_administrator_adds_a_root(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let city = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let kaltim = app.unit_id("64").await;
        let under_province = json!({ "parent_id": kaltim, "kind": "dinas", "code": "64.DISPAR", "name": "Dinas Pariwisata" });
        assert_eq!(app.post_json("/api/v1/org-units", &under_province, Some(&city)).await.status, 404);
        let root = json!({ "parent_id": null, "kind": "provinsi", "code": "65", "name": "Pemerintah Provinsi Kalimantan Utara", "timezone": "WITA" });
        assert_eq!(app.post_json("/api/v1/org-units", &root, Some(&city)).await.status, 403);
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        assert_eq!(app.post_json("/api/v1/org-units", &under_province, Some(&kepala)).await.status, 403);
        let admin = app.login("admin", DEMO_PASSWORD).await;
        assert_eq!(app.post_json("/api/v1/org-units", &root, Some(&admin)).await.status, 201);
        let no_zone = json!({ "parent_id": null, "kind": "provinsi", "code": "66", "name": "Provinsi Tanpa Zona" });
        let refused = app.post_json("/api/v1/org-units", &no_zone, Some(&admin)).await;
        assert_eq!(refused.status, 422);
        assert!(refused.body.contains("zona waktu"), "{}", refused.body);
    }

    async fn renaming_and_moving_within_the_pemda_are_recorded_with_before_and_after(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let reviewer = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
        let kelurahan = app.unit_id("64.74.KEC-UTARA.GUNTUNG").await;
        let other_kecamatan = app.unit_id("64.74.KEC-SELATAN").await;
        let path = format!("/api/v1/org-units/{kelurahan}");
        let renamed = app.send_json(Method::PATCH, &path, &json!({ "name": "Kelurahan Uji Baru" }), &reviewer).await;
        assert_eq!(renamed.status, 200, "{}", renamed.body);
        let moved = app.send_json(Method::PATCH, &path, &json!({ "parent_id": other_kecamatan }), &reviewer).await;
        assert_eq!(moved.status, 200, "{}", moved.body);
        assert_eq!(moved.json()["parent_id"].as_str(), Some(other_kecamatan.as_str()));
        assert_eq!(moved.json()["name"], "Kelurahan Uji Baru");
        let history = app.get_as(&reviewer, &format!("{path}/history")).await.json();
        let items = history["items"].as_array().expect("items");
        assert_eq!(items.len(), 2);
        let old_parent = app.unit_id("64.74.KEC-UTARA").await;
        assert!(items[0]["before"].as_str().expect("before").contains(&old_parent), "{}", items[0]);
        assert!(items[0]["after"].as_str().expect("after").contains(&other_kecamatan), "{}", items[0]);
        let kaltim_dinas = app.unit_id("64.DINKES").await;
        let across = app.send_json(Method::PATCH, &path, &json!({ "parent_id": kaltim_dinas }), &reviewer).await;
        assert_eq!(across.status, 422);
        assert!(across.body.contains("di dalam Pemdanya sendiri"), "{}", across.body);
        let to_city = app.send_json(Method::PATCH, &path, &json!({ "kind": "kota", "timezone": "WITA" }), &reviewer).await;
        assert_eq!(to_city.status, 422, "an agency never becomes a Pemda: {}", to_city.body);
    }

    async fn moving_a_unit_carries_its_whole_subtree_along(db: TestDb) {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        use service::entity::org_unit;
        let app = TestApp::with_demo(db).await;
        let reviewer = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let (kecamatan, setda) = (app.unit_id("64.74.KEC-BARAT").await, app.unit_id("64.74.SETDA").await);
        let path = format!("/api/v1/org-units/{kecamatan}");
        let moved = app.send_json(Method::PATCH, &path, &json!({ "parent_id": setda }), &reviewer).await;
        assert_eq!(moved.status, 200, "{}", moved.body);
        let new_root = org_unit::Entity::find_by_id(kecamatan.parse::<uuid::Uuid>().expect("uuid"))
            .one(&app.services.db)
            .await
            .expect("query")
            .expect("row")
            .path;
        assert!(new_root.contains(&setda), "{new_root}");
        let below = org_unit::Entity::find()
            .filter(org_unit::Column::Code.starts_with("64.74.KEC-BARAT."))
            .all(&app.services.db)
            .await
            .expect("query");
        assert_eq!(below.len(), 3);
        assert!(below.iter().all(|unit| unit.path.starts_with(&new_root)), "every kelurahan follows: {new_root} {:?}", below.iter().map(|u| &u.path).collect::<Vec<_>>());
    }

    async fn a_unit_cannot_move_below_itself_and_a_unit_with_active_units_below_stays_active(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let reviewer = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let kecamatan = app.unit_id("64.74.KEC-UTARA").await;
        let kelurahan = app.unit_id("64.74.KEC-UTARA.GUNTUNG").await;
        let path = format!("/api/v1/org-units/{kecamatan}");
        let below = app.send_json(Method::PATCH, &path, &json!({ "parent_id": kelurahan }), &reviewer).await;
        assert_eq!(below.status, 422, "{}", below.body);
        let deactivate = app.send_json(Method::PATCH, &path, &json!({ "active": false }), &reviewer).await;
        assert_eq!(deactivate.status, 409);
        assert!(deactivate.body.contains("unit aktif di bawah"), "{}", deactivate.body);
        assert_eq!(app.get_as(&reviewer, &path).await.json()["active"], true, "nothing changed");
    }

    async fn a_deactivated_opd_keeps_its_data_readable_but_takes_no_new_kbk(db: TestDb) {
        let app = TestApp::with_programme_demo(db).await;
        let reviewer = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let done = app.send_json(Method::PATCH, &format!("/api/v1/org-units/{dlh}"), &json!({ "active": false }), &reviewer).await;
        assert_eq!(done.status, 200, "{}", done.body);
        assert_eq!(done.json()["active"], false);
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let kbks = app.get_as(&kepala, &format!("/api/v1/opds/{dlh}/kbks")).await;
        assert_eq!(kbks.status, 200);
        assert!(kbks.body.contains("Hijau Bessai"), "past data stays");
        let new = json!({ "name": "KBK Baru", "work_unit": "Bidang Uji" });
        let refused = app.post_json(&format!("/api/v1/opds/{dlh}/kbks"), &new, Some(&kepala)).await;
        assert_eq!(refused.status, 409, "{}", refused.body);
        assert!(refused.body.contains("dinonaktifkan"), "{}", refused.body);
        let history = app.get_as(&reviewer, &format!("/api/v1/org-units/{dlh}/history")).await.json();
        assert_eq!(history["items"][0]["action"], "org_unit.deactivate");
    }

    async fn the_org_pages_offer_the_forms_to_reviewers_and_the_year_settings_on_a_pemda(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let reviewer = app.login("peninjau.bontang", DEMO_PASSWORD).await;
        let list = app.get_as(&reviewer, "/organisasi").await;
        assert_eq!(list.status, 200);
        assert!(list.body.contains("data-code=\"64.74.DLH\"") && !list.body.contains("data-code=\"64.DLH\""));
        let bontang = app.unit_id("64.74").await;
        let page = app.get_as(&reviewer, &format!("/organisasi/{bontang}")).await;
        assert!(page.body.contains("data-testid=\"year-settings\""), "a Pemda page has the year settings");
        let framework = service::catalogue::get_framework_by_urn(&app.services.db, service::catalogue::KEPMENPAN_25_2002_URN)
            .await
            .expect("framework")
            .summary
            .id
            .to_string();
        let key = format!("fields[frameworks][f{framework}]");
        let saved = app
            .call_fn(
                &reviewer,
                "org/year",
                &[
                    ("fields[pemda]", &bontang), ("fields[year]", "2027"), (&key, "on"), ("fields[min_values]", "3"),
                    ("fields[max_values]", "4"), ("fields[min_behaviours]", "2"), ("fields[due_q1]", "2027-04-10"),
                    ("fields[due_q2]", "2027-07-10"), ("fields[due_q3]", "2027-10-10"), ("fields[due_q4]", "2028-01-10"),
                ],
            )
            .await;
        assert_eq!(saved.status, 200, "{}", saved.body);
        let stored = app.get_as(&reviewer, &format!("/api/v1/pemdas/{bontang}/programme-years/2027")).await.json();
        assert_eq!((stored["max_values"].as_u64(), stored["min_behaviours"].as_u64()), (Some(4), Some(2)));
        let renamed = app.call_fn(&reviewer, "org/change", &[("id", &bontang), ("name", "Pemerintah Kota Bontang (Uji)")]).await;
        assert_eq!(renamed.status, 200, "{}", renamed.body);
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        assert_eq!(app.get_as(&kepala, "/organisasi").await.status, 403);
    }
}
