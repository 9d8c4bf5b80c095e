//! Report reminders: one digest per OPD head per day while their agency has reports due or overdue, queued
//! once whatever restarts happen, delivered through SMTP when configured, else to the outbox directory.

use crate::programme::post;
use http::Method;
use serde_json::json;
use service::mail::Mailer;
use std::path::Path;
use tests::{DEMO_PASSWORD, TestApp, db_tests, smtp::SmtpServer};

fn messages(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect())
        .unwrap_or_default();
    names.retain(|name| name.ends_with(".eml"));
    names.sort();
    names
}

db_tests! {
    async fn with_smtp_unset_the_outbox_holds_one_reminder_per_non_submitting_opd_head_per_day_across_restarts(db: TestDb) {
        let app = TestApp::with_programme_demo(db).await;
        let outbox = app.db.data_dir().join("outbox");
        let first = server::jobs::send_reminders(&app.services, &Mailer::Outbox(outbox.clone())).await.expect("run");
        assert_eq!(first, (6, 6), "every Kepala and Admin OPD of the five agencies: Q1-Q3 are overdue");
        let sent = messages(&outbox);
        assert_eq!(sent.len(), 6);
        assert!(sent.iter().all(|name| name.starts_with("2026-11-22-reminder-")), "{sent:?}");
        let text = std::fs::read_to_string(outbox.join(&sent[0])).expect("read");
        assert!(text.contains("Subject: Pengingat laporan Budaya Kerja 22 Nov 2026: 3 lewat batas"), "{text}");
        assert!(text.contains("Triwulan III 2026 lewat batas waktu 10 Okt 2026"), "{text}");

        // A restart: a new mailer, the same database and day. Nothing new is queued or sent.
        let again = server::jobs::send_reminders(&app.services, &Mailer::Outbox(outbox.clone())).await.expect("run");
        assert_eq!(again, (0, 0));
        assert_eq!(messages(&outbox), sent);

        // DLH reports all three quarters; the next day only the other agencies' heads are reminded.
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        for quarter in 1..=3 {
            let report = post(&app, &kepala, &format!("/api/v1/opds/{dlh}/reports"), json!({"year": 2026, "quarter": quarter})).await;
            let id = report.json()["id"].as_str().expect("id").to_owned();
            let narrative = json!({"narrative": {"achievements": "a", "obstacles": "b", "follow_up": "c"}});
            app.send_json(Method::PATCH, &format!("/api/v1/reports/{id}"), &narrative, &kepala).await;
            let submitted = post(&app, &kepala, &format!("/api/v1/reports/{id}/submit"), json!({})).await;
            assert_eq!(submitted.status, 200, "Q{quarter}: {}", submitted.body);
        }
        app.clock.advance(chrono::Duration::days(1));
        let next_day = server::jobs::send_reminders(&app.services, &Mailer::Outbox(outbox.clone())).await.expect("run");
        assert_eq!(next_day, (4, 4), "DLH's Kepala and Admin have nothing left to report");
        assert_eq!(messages(&outbox).iter().filter(|name| name.starts_with("2026-11-23-")).count(), 4);
        let bell = app.get_as(&app.login("kepala.rsud", DEMO_PASSWORD).await, "/api/v1/notifications").await.json();
        assert_eq!(bell["items"][0]["kind"], "overdue", "{bell}");
    }

    async fn with_smtp_set_reminders_reach_the_heads_addresses_and_those_without_one_stay_in_the_outbox(db: TestDb) {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
        use service::entity::app_user;
        let app = TestApp::with_programme_demo(db).await;
        app_user::Entity::update_many()
            .col_expr(app_user::Column::Email, Expr::cust("username || '@kaltimprov.go.id'"))
            .filter(app_user::Column::Username.starts_with("kepala."))
            .exec(&app.services.db)
            .await
            .expect("give the Kepala OPD addresses");
        let server = SmtpServer::start().await;
        let outbox = app.db.data_dir().join("outbox");
        let mailer = Mailer::smtp(&server.url, "Budaya Kaltim <budaya@kaltimprov.go.id>", outbox.clone()).expect("mailer");

        assert_eq!(server::jobs::send_reminders(&app.services, &mailer).await.expect("run"), (6, 6));
        let received = server.received();
        assert_eq!(received.len() + messages(&outbox).len(), 6, "each digest once: by SMTP or, without an address, on file");
        assert_eq!(received.len(), 5, "the five Kepala OPD have addresses; the Admin OPD has none");
        for message in &received {
            assert_eq!(message.from, "budaya@kaltimprov.go.id");
            let [to] = message.to.as_slice() else { panic!("one recipient: {message:?}") };
            assert!(to.starts_with("kepala.") && to.ends_with("@kaltimprov.go.id"), "{to}");
            assert!(message.data.contains(&format!("To: {to}")), "{}", message.data);
            assert!(message.data.contains("Subject: Pengingat laporan Budaya Kerja 22 Nov 2026"), "{}", message.data);
            assert!(message.data.contains("From: \"Budaya Kaltim\" <budaya@kaltimprov.go.id>"), "{}", message.data);
        }

        assert_eq!(server::jobs::send_reminders(&app.services, &mailer).await.expect("run"), (0, 0));
        assert_eq!(server.received().len(), 5, "a second run the same day sends nothing again");
    }
}
