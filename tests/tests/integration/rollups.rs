//! The dashboard's standings and roll-ups, kept by every write: after a random sequence of verifies, accepts,
//! returns, reopens and resubmissions (and a change of weights and of the org tree, the province moved under a
//! national node), every roll-up equals a recount of the standings below it, and every standing equals one
//! computed afresh.

use crate::programme::post;
use domain::{
    org::{OrgKind, Timezone},
    text::{Name, OrgCode},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::json;
use service::{
    dashboard::standing,
    entity::{app_user, kbk_action, kbk_member, opd_standing, report, role_grant},
    org::{PlaceUnit, find_by_code, place_unit},
};
use tests::{DEMO_PASSWORD, TestApp, db_tests};

/// A small deterministic generator (xorshift), so a failing sequence can be replayed.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % u64::try_from(n).unwrap_or(1)).unwrap_or(0)
    }
}

async fn assert_consistent(app: &TestApp, after: &str) {
    let db = &app.services.db;
    let stored = standing::stored(db).await.expect("stored roll-ups");
    let recount = standing::recount(db).await.expect("recount");
    assert!(!stored.is_empty(), "roll-ups are kept");
    assert_eq!(stored, recount, "roll-ups equal a recount after {after}");
}

async fn standings(app: &TestApp) -> Vec<opd_standing::Model> {
    let mut rows = opd_standing::Entity::find().all(&app.services.db).await.expect("standings");
    rows.sort_by_key(|r| (r.opd_id, r.year, r.quarter));
    rows
}

/// The usernames of whoever holds a grant on `unit`, or a seat of `kbk` as `role`.
async fn holders(app: &TestApp, unit: Option<uuid::Uuid>, kbk: Option<(uuid::Uuid, &str)>) -> Vec<String> {
    let db = &app.services.db;
    let users: Vec<uuid::Uuid> = match (unit, kbk) {
        (Some(unit), _) => role_grant::Entity::find()
            .filter(role_grant::Column::OrgUnitId.eq(unit))
            .all(db)
            .await
            .expect("grants")
            .into_iter()
            .map(|g| g.user_id)
            .collect(),
        (None, Some((kbk, role))) => kbk_member::Entity::find()
            .filter(kbk_member::Column::KbkId.eq(kbk))
            .filter(kbk_member::Column::Role.eq(role))
            .all(db)
            .await
            .expect("members")
            .into_iter()
            .filter_map(|m| m.user_id)
            .collect(),
        (None, None) => vec![],
    };
    let found = app_user::Entity::find().filter(app_user::Column::Id.is_in(users)).all(db).await.expect("users");
    found.into_iter().map(|u| u.username).collect()
}

/// Posts `body` to `path` as each of `users` until one may; whether any did.
async fn as_anyone(app: &TestApp, users: &[String], path: &str, body: serde_json::Value) -> bool {
    for user in users {
        let session = app.login(user, DEMO_PASSWORD).await;
        if post(app, &session, path, body.clone()).await.status == 200 {
            return true;
        }
    }
    false
}

async fn in_state(app: &TestApp, state: &str) -> Vec<report::Model> {
    report::Entity::find().filter(report::Column::State.eq(state)).all(&app.services.db).await.expect("reports")
}

db_tests! {
    async fn every_roll_up_equals_a_recount_after_a_random_sequence_of_reviews(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        assert_consistent(&app, "the demo").await;
        // The province moves under a national node, which from then on keeps a roll-up of its own.
        let national = PlaceUnit {
            code: OrgCode::parse("ID").expect("code"),
            parent: None,
            kind: OrgKind::Nasional,
            name: Name::parse("Indonesia").expect("name"),
            timezone: Some(Timezone::Wib),
        };
        let now = tests::test_now();
        place_unit(&app.services.db, &national, now).await.expect("place the national node");
        let kaltim = find_by_code(&app.services.db, &OrgCode::parse("64").expect("code")).await.expect("find").expect("Kaltim");
        let moved = PlaceUnit {
            code: OrgCode::parse("64").expect("code"),
            parent: Some(national.code.clone()),
            kind: OrgKind::Provinsi,
            name: Name::parse(&kaltim.name).expect("name"),
            timezone: Some(Timezone::Wita),
        };
        place_unit(&app.services.db, &moved, now).await.expect("move the province");
        let national_id =
            find_by_code(&app.services.db, &national.code).await.expect("find").expect("the national node").id.into_uuid();
        assert!(
            standing::stored(&app.services.db).await.expect("stored").keys().any(|key| key.0 == national_id),
            "the national node keeps a roll-up"
        );
        assert_consistent(&app, "the move under a national node").await;
        let reviewer = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
        let mut dice = Dice(20_261_128);
        let mut done = Vec::new();
        for step in 0..30 {
            let what = match dice.below(5) {
                0 => {
                    let submitted = kbk_action::Entity::find()
                        .filter(kbk_action::Column::State.eq("submitted"))
                        .all(&app.services.db)
                        .await
                        .expect("actions");
                    let Some(action) = submitted.get(dice.below(submitted.len().max(1))) else { continue };
                    let ketua = holders(&app, None, Some((action.kbk_id, "ketua"))).await;
                    let path = format!("/api/v1/actions/{}/verify", action.id);
                    ("verify", as_anyone(&app, &ketua, &path, json!({})).await)
                }
                1 | 2 => {
                    let queue = in_state(&app, "submitted").await;
                    let Some(row) = queue.get(dice.below(queue.len().max(1))) else { continue };
                    let (path, body) = if dice.below(2) == 0 {
                        (format!("/api/v1/reports/{}/accept", row.id), json!({}))
                    } else {
                        (format!("/api/v1/reports/{}/return", row.id), json!({"code": "other", "reason": "Lengkapi bukti."}))
                    };
                    ("decide", post(&app, &reviewer, &path, body).await.status == 200)
                }
                3 => {
                    let accepted = in_state(&app, "accepted").await;
                    let Some(row) = accepted.get(dice.below(accepted.len().max(1))) else { continue };
                    let path = format!("/api/v1/reports/{}/reopen", row.id);
                    ("reopen", post(&app, &reviewer, &path, json!({"reason": "Periksa ulang."})).await.status == 200)
                }
                _ => {
                    let returned = in_state(&app, "returned").await;
                    let Some(row) = returned.get(dice.below(returned.len().max(1))) else { continue };
                    let heads = holders(&app, Some(row.opd_id), None).await;
                    ("resubmit", as_anyone(&app, &heads, &format!("/api/v1/reports/{}/submit", row.id), json!({})).await)
                }
            };
            assert!(what.1, "step {step}: {} was refused", what.0);
            done.push(what.0);
            assert_consistent(&app, &format!("step {step} ({})", what.0)).await;
        }
        for kind in ["verify", "decide", "reopen", "resubmit"] {
            assert!(done.contains(&kind), "the sequence {done:?} includes a {kind}");
        }

        // The weights rescore a Pemda's OPDs, a rename reaches their rows: both through the same upkeep.
        let kaltim = app.unit_id("64").await;
        let weights = json!({"institution": 40, "activity": 15, "spread": 15, "reporting": 15, "results": 15});
        let set = app.send_json(http::Method::PUT, &format!("/api/v1/pemda/{kaltim}/index-weights"), &weights, &reviewer).await;
        assert_eq!(set.status, 200, "{}", set.body);
        assert_consistent(&app, "new weights").await;

        let kept = standings(&app).await;
        assert!(kept.iter().any(|r| r.accepted) && kept.iter().any(|r| r.verified > 0));
        let txn = app.services.db.begin().await.expect("txn");
        standing::rebuild(&txn, tests::test_now()).await.expect("rebuild");
        txn.commit().await.expect("commit");
        let fresh = standings(&app).await;
        let stale: Vec<_> = kept.iter().zip(&fresh).filter(|(k, f)| k != f).collect();
        assert!(stale.is_empty() && kept.len() == fresh.len(), "every kept standing equals one computed afresh: {stale:#?}");
        assert_consistent(&app, "the rebuild").await;
    }
}
