//! The signed-in home page's to-do, role by role, on the report demo (DLH: its newest action a draft, the next
//! submitted, the third returned; its Q3 report waiting for review, Q4 a draft).

use serde_json::Value;
use tests::{DEMO_PASSWORD, TestApp, db_tests};

/// What waits for `who`: the kind of each item, in the order shown.
async fn todo(app: &TestApp, who: &str) -> Vec<String> {
    let session = app.login(who, DEMO_PASSWORD).await;
    let response = app.call_fn(&session, "home/todo", &[]).await;
    assert_eq!(response.status, 200, "{}", response.body);
    let items = response.json()["items"].as_array().cloned().unwrap_or_default();
    items.iter().filter_map(|item| item.as_object()?.keys().next().cloned()).collect()
}

db_tests! {
    async fn each_person_sees_the_work_waiting_for_them_with_the_urgent_first(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;

        let member = todo(&app, "anggota.dlh").await;
        assert_eq!(member.first().map(String::as_str), Some("ActionsReturned"), "sent back comes first: {member:?}");
        assert!(member.contains(&"ActionsDraft".to_owned()), "{member:?}");
        assert!(!member.contains(&"ActionsToVerify".to_owned()), "a member verifies nothing: {member:?}");

        let chair = todo(&app, "ketua.dlh").await;
        assert!(chair.contains(&"ActionsToVerify".to_owned()), "{chair:?}");

        let head = todo(&app, "kepala.dlh").await;
        assert!(head.contains(&"ReportDue".to_owned()), "the open quarter's draft report: {head:?}");
        assert!(!head.contains(&"ChooseValues".to_owned()), "this year's values are approved: {head:?}");

        let reviewer = todo(&app, "peninjau.kaltim").await;
        assert_eq!(reviewer, ["ReportsToReview"], "DLH's Q3 report waits in the inbox");

        // Another OPD's head sees nothing of DLH's.
        let other = todo(&app, "kepala.disdukcapil").await;
        assert!(!other.iter().any(|kind| kind.starts_with("Actions")), "{other:?}");

        let visitor = app.call_fn_raw(None, "/fn/home/todo", String::new()).await;
        assert_eq!((visitor.status.as_u16(), visitor.json()), (200, Value::Null), "a visitor has no to-do");
    }
}
