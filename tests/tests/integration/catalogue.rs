//! The built-in catalogue as loaded into a real database.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use service::{
    catalogue::{KEPMENPAN_25_2002_URN, get_framework_by_urn, list_frameworks, load_built_in},
    entity::value,
};
use tests::{TestApp, app::test_now, db_tests};

db_tests! {
    async fn start_up_loads_kepmenpan_with_17_pairs_and_34_values(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let kepmenpan = get_framework_by_urn(&app.services.db, KEPMENPAN_25_2002_URN).await.expect("loaded");
        assert_eq!(kepmenpan.pairs.len(), 17);
        assert_eq!(kepmenpan.summary.value_count, 34);
        let pair_eight = &kepmenpan.pairs[7];
        assert_eq!(pair_eight.name.id, "Ketepatan (keakurasian) dan kecepatan");
        let codes: Vec<&str> = pair_eight.values.iter().map(|v| v.code.as_str()).collect();
        assert_eq!(codes, ["8.1", "8.2"]);
        assert!(pair_eight.values.iter().all(|v| !v.indicators.is_empty()));
    }

    async fn berakhlak_is_loaded_beside_kepmenpan_with_21_behaviour_guides(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let frameworks = list_frameworks(&app.services.db).await.expect("list");
        let urns: Vec<&str> = frameworks.iter().map(|f| f.urn.as_str()).collect();
        assert_eq!(urns, [KEPMENPAN_25_2002_URN, "urn:budaya:framework:berakhlak"]);
        assert!(frameworks.iter().all(|f| f.built_in));
        let berakhlak = get_framework_by_urn(&app.services.db, "urn:budaya:framework:berakhlak").await.expect("loaded");
        assert!(berakhlak.pairs.is_empty());
        assert_eq!(berakhlak.standalone_values.len(), 7);
        assert_eq!(berakhlak.standalone_values.iter().map(|v| v.indicators.len()).sum::<usize>(), 21);
    }

    async fn loading_the_catalogue_again_changes_nothing(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let again = load_built_in(&app.services.db, test_now()).await.expect("second load");
        assert_eq!((again.inserted, again.updated), (0, 0));
        let frameworks = list_frameworks(&app.services.db).await.expect("list");
        assert_eq!(frameworks.len(), 2);
    }

    async fn a_built_in_value_edited_in_the_database_is_restored_at_the_next_load(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let row = value::Entity::find()
            .filter(value::Column::Code.eq("8.2"))
            .one(&app.services.db)
            .await
            .expect("query")
            .expect("8.2 exists");
        let mut tampered: value::ActiveModel = row.into();
        tampered.name = Set("Kelambatan".into());
        tampered.update(&app.services.db).await.expect("tamper");

        let load = load_built_in(&app.services.db, test_now()).await.expect("reload");

        assert_eq!((load.inserted, load.updated), (0, 1));
        let kepmenpan = get_framework_by_urn(&app.services.db, KEPMENPAN_25_2002_URN).await.expect("loaded");
        assert_eq!(kepmenpan.pairs[7].values[1].name.id, "Kecepatan");
    }
}
