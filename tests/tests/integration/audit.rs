//! The audit trail: every sign-in is recorded, and the hash chain detects tampering.

use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use serde_json::json;
use service::{
    audit::{ChainBreak, verify},
    entity::audit_event,
};
use tests::{DEMO_PASSWORD, TestApp, db_tests};

db_tests! {
    async fn the_audit_chain_of_a_fresh_demo_database_verifies(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let events = verify(&app.services.db).await.expect("query").expect("intact");
        // One creation and one grant per demo user.
        assert_eq!(events, 40);
    }

    async fn sign_ins_and_failed_sign_ins_are_recorded(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        app.login("kepala.dlh", DEMO_PASSWORD).await;
        app.post_json("/api/v1/auth/login", &json!({"username": "kepala.dlh", "password": "bukan-sandinya"}), None).await;
        let events = audit_event::Entity::find().all(&app.services.db).await.expect("events");
        let last: Vec<(&str, &str)> = events.iter().rev().take(2).map(|e| (e.action.as_str(), e.actor.as_str())).collect();
        assert_eq!(last, [("auth.sign_in_failed", "kepala.dlh"), ("auth.sign_in", "kepala.dlh")]);
        assert!(events.iter().all(|e| e.request_id.is_some() || e.action.starts_with("user.")));
        assert_eq!(verify(&app.services.db).await.expect("query"), Ok(42));
    }

    async fn editing_an_audit_row_by_hand_breaks_the_chain(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        app.services
            .db
            .execute_unprepared("UPDATE audit_event SET actor = 'penyusup' WHERE id = 5")
            .await
            .expect("tamper");
        assert_eq!(verify(&app.services.db).await.expect("query"), Err(ChainBreak::Altered(5)));
    }

    async fn deleting_an_audit_row_breaks_the_chain(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        app.services.db.execute_unprepared("DELETE FROM audit_event WHERE id = 7").await.expect("tamper");
        assert_eq!(verify(&app.services.db).await.expect("query"), Err(ChainBreak::Gap { expected: 7, found: 8 }));
    }

    async fn removing_the_newest_audit_rows_breaks_the_chain(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        app.services.db.execute_unprepared("DELETE FROM audit_event WHERE id > 38").await.expect("tamper");
        assert_eq!(audit_event::Entity::find().count(&app.services.db).await.expect("count"), 38);
        assert_eq!(
            verify(&app.services.db).await.expect("query"),
            Err(ChainBreak::Truncated { expected: 40, found: 38 })
        );
    }
}
