//! The sweep over the whole app: every page of the report demo, and a session for each kind of person.

use std::time::Duration;
use tests::{DEMO_PASSWORD, Session, TestApp, TestResponse};

/// Anonymous, then one signed-in person per role of the demo: administrator, provincial reviewer, OPD head, KBK
/// member.
pub async fn demo_sessions(app: &TestApp) -> Vec<(&'static str, Option<Session>)> {
    let mut sessions = vec![("anonymous", None)];
    for who in ["admin", "peninjau.kaltim", "kepala.dlh", "anggota.dlh"] {
        sessions.push((who, Some(app.login(who, DEMO_PASSWORD).await)));
    }
    sessions
}

/// Every page of the app, with the ids of every OPD, KBK, action, report and user of the demo.
pub async fn every_page(app: &TestApp) -> Vec<String> {
    tests::pages::every_page(&app.services.db).await
}

/// `page` as `who` sees it. Two full runs saw one render stall (no CPU, the database idle; never reproduced
/// alone): a stall is logged and the page asked again, and a second stall fails naming the page.
pub async fn render(app: &TestApp, who: &str, session: Option<&Session>, page: &str) -> TestResponse {
    let patience = Duration::from_secs(30);
    let get = || async {
        match session {
            Some(session) => app.get_as(session, page).await,
            None => app.get(page).await,
        }
    };
    if let Ok(response) = tokio::time::timeout(patience, get()).await {
        return response;
    }
    eprintln!("warning: {who} {page}: no answer within {patience:?}; asking again");
    tokio::time::timeout(patience, get()).await.unwrap_or_else(|_| panic!("{who} {page}: no answer, twice"))
}
