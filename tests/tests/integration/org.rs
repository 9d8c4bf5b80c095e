//! The org tree: placing nodes and the demo data.

use domain::{
    org::{OrgKind, Timezone},
    text::{Name, OrgCode},
};
use service::{
    ServiceError, demo,
    org::{PlaceUnit, list_units, pemda_overview, place_unit, tree},
};
use tests::{TestApp, app::test_now, builders::OrgUnitBuilder, db_tests};

fn unit(code: &str, parent: Option<&str>, kind: OrgKind, timezone: Option<Timezone>) -> PlaceUnit {
    PlaceUnit {
        code: OrgCode::parse(code).expect("code"),
        parent: parent.map(|p| OrgCode::parse(p).expect("parent code")),
        kind,
        name: Name::parse("Dinas Uji").expect("name"),
        timezone,
    }
}

db_tests! {
    async fn the_demo_data_puts_bontang_under_kalimantan_timur(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let forest = tree(&app.services.db).await.expect("tree");
        assert_eq!(forest.len(), 1);
        let kaltim = &forest[0];
        assert_eq!(kaltim.unit.name, "Pemerintah Provinsi Kalimantan Timur");
        assert_eq!(kaltim.unit.timezone, Some(Timezone::Wita));
        let bontang = kaltim.children.iter().find(|c| c.unit.code == "64.74").expect("Bontang under Kaltim");
        assert_eq!(bontang.unit.name, "Pemerintah Kota Bontang");
        assert_eq!(bontang.unit.pemda_id, bontang.unit.id);
        let names: Vec<&str> = bontang.children.iter().map(|c| c.unit.name.as_str()).collect();
        assert!(names.contains(&"Dinas Lingkungan Hidup"), "{names:?}");
        assert!(names.contains(&"Kecamatan Bontang Barat"), "{names:?}");
    }

    async fn seeding_the_demo_data_twice_adds_nothing_the_second_time(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let before = list_units(&app.services.db).await.expect("list");
        let again = demo::seed(&app.services.db, test_now()).await.expect("second seed");
        assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, before.len()));
        assert_eq!(list_units(&app.services.db).await.expect("list"), before);
    }

    async fn each_pemda_counts_only_its_own_agencies(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let overview = pemda_overview(&app.services.db).await.expect("overview");
        let counts: Vec<(&str, u32)> = overview.iter().map(|s| (s.pemda.code.as_str(), s.agency_count)).collect();
        // Kaltim: Setda, 2 biro, Inspektorat, 2 badan, 3 dinas, RSUD. Bontang: 25 OPD + Bagian Organisasi +
        // 3 kecamatan + 15 kelurahan.
        assert_eq!(counts, [("64", 10), ("64.74", 44)]);
    }

    async fn an_agency_under_an_unknown_parent_is_rejected_and_nothing_is_written(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let result = place_unit(&app.services.db, &unit("99.DINAS", Some("99"), OrgKind::Dinas, None), test_now()).await;
        assert!(matches!(result, Err(ServiceError::Invalid(ref message)) if message.contains("Induk tidak ditemukan")));
        assert!(list_units(&app.services.db).await.expect("list").is_empty());
    }

    async fn a_pemda_without_a_time_zone_is_rejected_in_indonesian(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let result = place_unit(&app.services.db, &unit("65", None, OrgKind::Provinsi, None), test_now()).await;
        match result {
            Err(ServiceError::Invalid(message)) => assert!(message.contains("zona waktu"), "{message}"),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    async fn a_unit_renamed_in_the_source_is_updated_in_place(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let province = OrgUnitBuilder::pemda("65", OrgKind::Provinsi).named("Provinsi Lama").build(&app.services.db).await;
        let renamed = OrgUnitBuilder::pemda("65", OrgKind::Provinsi).named("Provinsi Baru").build(&app.services.db).await;
        assert_eq!(renamed.id, province.id);
        assert_eq!(renamed.name, "Provinsi Baru");
    }

    async fn an_agency_belongs_to_the_pemda_of_its_parent(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let province = OrgUnitBuilder::pemda("65", OrgKind::Provinsi).build(&app.services.db).await;
        let city = OrgUnitBuilder::pemda("65.01", OrgKind::Kota).under("65").build(&app.services.db).await;
        let agency = OrgUnitBuilder::agency("65.01.DLH", OrgKind::Dinas, "65.01").build(&app.services.db).await;
        let kelurahan = OrgUnitBuilder::agency("65.01.DLH.X", OrgKind::Uptd, "65.01.DLH").build(&app.services.db).await;
        assert_eq!(city.parent_id, Some(province.id));
        assert_eq!(city.pemda_id, city.id);
        assert_eq!(agency.pemda_id, city.id);
        assert_eq!(kelurahan.pemda_id, city.id);
    }
}
