//! The summary-first dashboard: the province's headline equals the figures of the full views, its Pemda rows
//! add up to it, and its pages hold every OPD exactly once in the order asked; an OPD head's overview holds
//! their OPD alone.

use serde_json::Value;
use std::collections::BTreeSet;
use tests::{DEMO_PASSWORD, Session, TestApp, db_tests};

const OVERVIEW: &str = "/api/v1/dashboard/overview";

fn n(value: &Value) -> i64 {
    value.as_i64().unwrap_or_else(|| panic!("a number: {value}"))
}

/// Every page of `query` in turn, `limit` at a time, following `next`.
async fn every_page(app: &TestApp, session: &Session, query: &str, limit: usize) -> Vec<Value> {
    let mut rows = Vec::new();
    let mut after = String::new();
    loop {
        let page = app.get_as(session, &format!("{OVERVIEW}?{query}&limit={limit}{after}")).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let page = page.json();
        let these = page["page"]["rows"].as_array().expect("rows").clone();
        assert!(these.len() <= limit);
        assert_eq!(page["page"]["first"], after.is_empty());
        rows.extend(these);
        match page["page"]["next"].as_str() {
            Some(next) => after = format!("&after={next}"),
            None => return rows,
        }
    }
}

db_tests! {
    async fn the_province_overview_adds_up_to_its_pemdas_and_its_pages_hold_every_opd_once(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let reviewer = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
        let kaltim = app.unit_id("64").await;
        let bontang = app.unit_id("64.74").await;
        let query = format!("org_unit={kaltim}&year=2026&quarter=2");
        let overview = app.get_as(&reviewer, &format!("{OVERVIEW}?{query}")).await;
        assert_eq!(overview.status, 200, "{}", overview.body);
        let overview = overview.json();
        let current = &overview["headline"]["current"];

        // The headline says what the full views say.
        let compliance = app.get_as(&reviewer, &format!("/api/v1/dashboard/compliance?{query}")).await.json();
        let scores = compliance["opds"].as_array().expect("opds");
        assert_eq!(n(&current["opds"]), i64::try_from(scores.len()).expect("count"));
        let sum: f64 = scores.iter().map(|o| o["score"]["total"].as_f64().expect("score")).sum();
        assert!((n(&current["score_tenths"]) as f64 / 10.0 - sum).abs() < 0.01, "{current} vs {sum}");
        let rates = app.get_as(&reviewer, &format!("/api/v1/dashboard/reporting-rates?{query}")).await.json();
        let count = |field: &str| rates["rows"].as_array().expect("rows").iter().filter(|r| r[field] == true).count();
        for field in ["submitted", "on_time", "accepted"] {
            assert_eq!(n(&current[field]), i64::try_from(count(field)).expect("count"), "{field}");
        }
        assert!(n(&current["submitted"]) > 0 && n(&current["accepted"]) > 0, "the demo has reviewed reports: {current}");
        assert_eq!(overview["headline"]["due"], true, "Q2 has ended by 22 November");

        // The Pemda rows and the province's own OPDs add up to the headline.
        let children = overview["children"].as_array().expect("children");
        assert!(children.iter().any(|c| c["id"] == bontang.as_str()), "Bontang has its row");
        assert!(children.iter().any(|c| c["id"].is_null()), "the province's own OPDs have theirs");
        for field in ["opds", "submitted", "on_time", "accepted", "score_tenths"] {
            let total: i64 = children.iter().map(|c| n(&c["tally"][field])).sum();
            assert_eq!(total, n(&current[field]), "{field}");
        }

        // Every OPD once, lowest index first, across pages of four; by name too.
        let lowest = every_page(&app, &reviewer, &query, 4).await;
        let ids: Vec<&str> = lowest.iter().map(|r| r["opd_id"].as_str().expect("id")).collect();
        let expected: BTreeSet<&str> = scores.iter().map(|o| o["opd_id"].as_str().expect("id")).collect();
        assert_eq!(ids.len(), expected.len(), "no OPD twice");
        assert_eq!(ids.iter().copied().collect::<BTreeSet<_>>(), expected);
        let in_order: Vec<f64> = lowest.iter().map(|r| r["score"].as_f64().expect("score")).collect();
        assert!(in_order.windows(2).all(|w| w[0] <= w[1]), "{in_order:?}");
        for row in &lowest {
            let full = scores.iter().find(|o| o["opd_id"] == row["opd_id"]).expect("in the full view");
            assert_eq!(row["score"], full["score"]["total"], "{}", row["opd_name"]);
            assert_eq!(row["facts"], full["facts"], "{}", row["opd_name"]);
        }
        let by_name = every_page(&app, &reviewer, &format!("{query}&order=name"), 5).await;
        let names: Vec<&str> = by_name.iter().map(|r| r["opd_name"].as_str().expect("name")).collect();
        assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
        assert_eq!(names.len(), expected.len());
        let attention = overview["attention"].as_array().expect("attention");
        assert_eq!(attention.first(), lowest.first(), "the lowest index needs attention first");

        // A kind filter narrows the headline and the pages alike.
        let dinas = app.get_as(&reviewer, &format!("{OVERVIEW}?{query}&opd_type=dinas&limit=100")).await.json();
        let rows = dinas["page"]["rows"].as_array().expect("rows");
        assert!(!rows.is_empty() && i64::try_from(rows.len()).expect("count") == n(&dinas["headline"]["current"]["opds"]));
        assert!(n(&dinas["headline"]["current"]["opds"]) < n(&current["opds"]));

        // A page of no OPDs, or of more than 100, is refused rather than quietly resized.
        for limit in [0, 101] {
            let refused = app.get_as(&reviewer, &format!("{OVERVIEW}?{query}&limit={limit}")).await;
            assert_eq!(refused.status, 422, "limit={limit}: {}", refused.body);
        }
    }

    async fn an_opd_heads_overview_holds_their_opd_alone(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let overview = app.get_as(&kepala, OVERVIEW).await;
        assert_eq!(overview.status, 200, "{}", overview.body);
        let overview = overview.json();
        assert_eq!(overview["frame"]["org_unit_id"], dlh.as_str());
        assert_eq!(n(&overview["headline"]["current"]["opds"]), 1);
        assert!(overview["children"].as_array().expect("children").is_empty());
        let rows = overview["page"]["rows"].as_array().expect("rows");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0]["opd_id"], dlh.as_str());
        assert!(overview["page"]["next"].is_null());
    }
}
