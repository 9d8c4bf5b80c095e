//! The compliance dashboard over the demo: every OPD in the province's view with numbers equal to the reports
//! API, nothing of another OPD for an OPD head, explanations that add up, versioned weights in the audit trail,
//! charts with text alternatives whose CSVs hold the plotted numbers, and tallies equal to a recount.

use crate::programme::post;
use domain::dashboard::{Facts, Weights, score};
use http::Method;
use sea_orm::{EntityTrait, TransactionTrait};
use serde_json::{Value, json};
use service::entity::{action_tally, value_tally};
use std::collections::{BTreeMap, BTreeSet};
use tests::{DEMO_PASSWORD, Session, TestApp, db_tests};

const RATES: &str = "/api/v1/dashboard/reporting-rates";

fn rows(body: &Value) -> &Vec<Value> {
    body["rows"].as_array().expect("rows")
}

/// What follows the first `marker` in `text`.
fn after<'a>(text: &'a str, marker: &str) -> &'a str {
    text.split_once(marker).map(|(_, rest)| rest).unwrap_or_else(|| panic!("no {marker}"))
}

/// The OPD table's (name, score) pairs on a dashboard page, in page order.
fn scores_on(page: &str) -> Vec<(String, String)> {
    page.split("data-testid=\"index-row\"")
        .skip(1)
        .map(|row| {
            let name = after(after(row, "<a href=\"/opd/"), ">").split('<').next().expect("name");
            let score = after(row, "data-testid=\"index-score\" class=\"number\">").split('<').next().expect("score");
            (name.to_owned(), score.to_owned())
        })
        .collect()
}

fn opds_in(body: &Value) -> BTreeSet<String> {
    rows(body).iter().map(|r| r["opd_id"].as_str().expect("id").to_owned()).collect()
}

/// What the reports API says about the OPD's quarters: (quarter, submitted, on time, accepted, report id).
async fn from_reports_api(app: &TestApp, session: &Session, opd: &str) -> Vec<(u64, bool, bool, bool, Value)> {
    let year = app.get_as(session, &format!("/api/v1/opds/{opd}/reports?year=2026")).await.json();
    year["quarters"]
        .as_array()
        .expect("quarters")
        .iter()
        .filter(|q| q["quarter"].as_u64() <= Some(3))
        .map(|q| {
            let report = &q["report"];
            let state = report["state"].as_str().unwrap_or("none");
            let submitted = report["submitted_at"].is_string();
            let late = report["late"].as_bool().unwrap_or(false);
            let id = report["id"].clone();
            (q["quarter"].as_u64().expect("quarter"), submitted, submitted && !late, state == "accepted", id)
        })
        .collect()
}

async fn tallies(app: &TestApp) -> (Vec<action_tally::Model>, Vec<value_tally::Model>) {
    let mut actions = action_tally::Entity::find().all(&app.services.db).await.expect("tallies");
    let mut values = value_tally::Entity::find().all(&app.services.db).await.expect("tallies");
    actions.sort_by_key(|t| (t.opd_id, t.year, t.quarter));
    values.sort_by_key(|t| (t.opd_id, t.year, t.quarter, t.value_id));
    (actions, values)
}

db_tests! {
    async fn the_province_sees_every_demo_opd_with_the_numbers_of_the_reports_api_and_a_shared_url_shows_the_same(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let reviewer = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
        let kaltim = app.unit_id("64").await;
        let url = format!("{RATES}?org_unit={kaltim}&year=2026");
        let rates = app.get_as(&reviewer, &url).await;
        assert_eq!(rates.status, 200, "{}", rates.body);
        let rates = rates.json();
        assert_eq!(rates["frame"]["quarter"], 3, "on 22 Nov the reported quarter is Q3");
        let opds = opds_in(&rates);
        assert!(opds.contains(&app.unit_id("64.74.DLH").await));
        let pemdas: BTreeSet<&str> = rates["per_pemda"].as_array().expect("per pemda").iter().map(|p| p["pemda_name"].as_str().expect("name")).collect();
        assert_eq!(pemdas, BTreeSet::from(["Pemerintah Kota Bontang", "Pemerintah Provinsi Kalimantan Timur"]));

        let mut reported = 0;
        for opd in &opds {
            for (quarter, submitted, on_time, accepted, id) in from_reports_api(&app, &reviewer, opd).await {
                let row = rows(&rates)
                    .iter()
                    .find(|r| r["opd_id"] == opd.as_str() && r["quarter"].as_u64() == Some(quarter))
                    .unwrap_or_else(|| panic!("a row for {opd} Q{quarter}"));
                assert_eq!(
                    (row["submitted"].as_bool(), row["on_time"].as_bool(), row["accepted"].as_bool(), row["report_id"].clone()),
                    (Some(submitted), Some(on_time), Some(accepted), id),
                    "{opd} Q{quarter}"
                );
                reported += usize::from(submitted);
            }
        }
        assert!(reported >= 5, "the demo submitted reports: {reported}");
        let totals = &rates["total"];
        let count = |key: &str| rows(&rates).iter().filter(|r| r["expected"] == true && r[key] == true).count() as u64;
        assert_eq!(totals["submitted"].as_u64(), Some(count("submitted")));
        assert_eq!(totals["accepted"].as_u64(), Some(count("accepted")));

        assert_eq!(app.get_as(&reviewer, &url).await.json(), rates, "the same URL shows the same view");
        // The page: the summary first, then the OPDs a page at a time, the rest a link away.
        let page = app.get_as(&reviewer, &format!("/dasbor?org_unit={kaltim}&year=2026")).await;
        assert_eq!(page.status, 200);
        assert_eq!(page.count("data-testid=\"index-row\""), opds.len().min(25), "one page of OPDs");
        assert!(page.body.contains(&format!("Menampilkan {} dari {} OPD.", opds.len().min(25), opds.len())));
        assert_eq!(page.count("data-testid=\"child-row\""), 2, "Bontang, and the province's own OPDs");
        assert_eq!(page.count("data-testid=\"next-page\""), usize::from(opds.len() > 25));
    }

    async fn an_opd_head_sees_only_their_own_opd_in_every_table_chart_and_csv(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let kaltim = app.unit_id("64").await;
        let rates = app.get_as(&kepala, RATES).await.json();
        assert_eq!(opds_in(&rates), BTreeSet::from([dlh.clone()]));
        let compliance = app.get_as(&kepala, "/api/v1/dashboard/compliance").await.json();
        assert_eq!(compliance["opds"].as_array().expect("opds").len(), 1);
        assert_eq!(compliance["opds"][0]["opd_id"], dlh.as_str());
        let funnel = app.get_as(&kepala, "/api/v1/dashboard/funnel").await.json();
        assert_eq!(funnel["opds"], 1);
        for path in [RATES, "/api/v1/dashboard/funnel", "/api/v1/dashboard/compliance", "/api/v1/dashboard/charts/index.csv"] {
            let other = app.get_as(&kepala, &format!("{path}?org_unit={kaltim}")).await;
            assert_eq!(other.status, 404, "{path} for the province: {}", other.body);
        }
        for chart in ["index", "heatmap", "trend", "report-states", "value-adoption"] {
            let csv = app.get_as(&kepala, &format!("/api/v1/dashboard/charts/{chart}.csv")).await;
            assert_eq!(csv.status, 200, "{chart}");
            for other in ["Dinas Kependudukan", "RSUD Taman Husada", "Kecamatan Bontang Barat", "Badan Pengelolaan"] {
                assert!(!csv.body.contains(other), "{chart} CSV shows {other}: {}", csv.body);
            }
        }
        let page = app.get_as(&kepala, "/dasbor").await;
        assert_eq!(page.count("data-testid=\"index-row\""), 1);
        assert!(!page.body.contains("Kecamatan Bontang Barat"));
        let anggota = app.login("anggota.dlh", DEMO_PASSWORD).await;
        assert_eq!(app.get_as(&anggota, RATES).await.status, 403, "KBK members have no dashboard");
    }

    async fn each_explanation_adds_up_to_its_score_and_links_to_what_is_missing(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let reviewer = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
        for quarter in 1..=3 {
            let compliance = app.get_as(&reviewer, &format!("/api/v1/dashboard/compliance?quarter={quarter}")).await.json();
            let opds = compliance["opds"].as_array().expect("opds");
            assert!(opds.len() >= 5);
            for opd in opds {
                let total = opd["score"]["total"].as_f64().expect("total");
                let parts: f64 = opd["score"]["parts"].as_array().expect("parts").iter().map(|p| p["points"].as_f64().expect("points")).sum();
                assert!((total - parts).abs() < 0.05, "{opd}");
                let lost: f64 = opd["score"]["parts"].as_array().expect("parts").iter()
                    .filter(|p| p["shortfalls"].as_array().expect("list").is_empty())
                    .map(|p| p["weight"].as_f64().expect("weight") - p["points"].as_f64().expect("points"))
                    .sum();
                assert!(lost.abs() < 0.05, "a component with no shortfall gave full points: {opd}");
                if let Some(report) = opd["report_id"].as_str() {
                    assert_eq!(app.get_as(&reviewer, &format!("/api/v1/reports/{report}")).await.status, 200, "the link leads to the report");
                }
            }
        }
        let page = app.get_as(&reviewer, "/dasbor?quarter=2&urut=tertinggi").await;
        assert!(page.body.contains("Buka laporan") && page.body.contains("/laporan/"), "explanations link to reports");
        assert!(page.body.contains("/opd/") , "and to OPD pages");
    }

    async fn changing_the_weights_rescores_every_opd_and_records_a_version_in_the_audit_trail(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let reviewer = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
        let bontang = app.unit_id("64.74").await;
        let path = format!("/api/v1/pemda/{bontang}/index-weights");
        let before = app.get_as(&reviewer, &path).await.json();
        assert_eq!(before["version"], 0);
        assert_eq!(before["weights"]["activity"], 35);
        assert_eq!(before["editable"], true, "the province's reviewer may change a city's weights");

        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        assert_eq!(app.get_as(&kepala, &path).await.json()["editable"], false, "an OPD head only reads them");
        let new = json!({"institution": 40, "activity": 15, "spread": 15, "reporting": 15, "results": 15});
        assert_eq!(app.send_json(Method::PUT, &path, &new, &kepala).await.status, 403);
        let bad = app.send_json(Method::PUT, &path, &json!({"institution": 40, "activity": 15, "spread": 15, "reporting": 15, "results": 5}), &reviewer).await;
        assert_eq!(bad.status, 422);
        assert!(bad.body.contains("Jumlah bobot harus 100; sekarang 90."), "{}", bad.body);
        assert_eq!(app.get_as(&reviewer, &path).await.json()["version"], 0, "a refusal changes nothing");

        // The page is rendered once here, so the one after the change shows whether any HTML outlived its data.
        let page = format!("/dasbor?org_unit={bontang}&quarter=2&urut=nama");
        let scores_before = scores_on(&app.get_as(&reviewer, &page).await.body);
        let set = app.send_json(Method::PUT, &path, &new, &reviewer).await;
        assert_eq!(set.status, 200, "{}", set.body);
        assert_eq!(set.json()["version"], 1);
        let compliance = app.get_as(&reviewer, &format!("/api/v1/dashboard/compliance?org_unit={bontang}&quarter=2")).await.json();
        assert_eq!(compliance["weights"][0]["version"], 1);
        let weights: Weights = serde_json::from_value(new.clone()).expect("weights");
        let mut rescored = BTreeMap::new();
        for opd in compliance["opds"].as_array().expect("opds") {
            let facts: Facts = serde_json::from_value(opd["facts"].clone()).expect("facts");
            let total = score(&facts, weights).total;
            assert_eq!(opd["score"]["total"].as_f64(), Some(total), "{}", opd["opd_name"]);
            rescored.insert(opd["opd_name"].as_str().expect("name").to_owned(), total);
        }
        let scores_after = scores_on(&app.get_as(&reviewer, &page).await.body);
        assert_ne!(scores_after, scores_before, "the page follows the new weights at once");
        assert!(!scores_after.is_empty());
        for (name, shown) in scores_after {
            // The page shows the stored score, rounded to tenths.
            let shown: f64 = shown.parse().expect("a number");
            assert!((shown - rescored[&name]).abs() <= 0.05 + 1e-9, "{name}: {shown} on the page, {} by the API", rescored[&name]);
        }
        let audit = app.get_as(&reviewer, "/api/v1/audit-events?action=index_weights.set").await.json();
        let entry = &audit["items"][0];
        assert_eq!(entry["object_id"], bontang.as_str(), "{audit}");
        let stored = |field: &str| -> Value { serde_json::from_str(entry[field].as_str().expect("recorded")).expect("json") };
        assert_eq!(stored("before")["version"], 0);
        assert_eq!(stored("after")["version"], 1);
        assert_eq!(stored("after")["weights"]["institution"], 40);
    }

    async fn every_chart_renders_as_svg_with_a_title_and_text_alternative_and_its_csv_holds_the_plotted_numbers(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let reviewer = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
        for chart in ["index", "heatmap", "trend", "report-states", "value-adoption", "review-turnaround"] {
            let svg = app.get_as(&reviewer, &format!("/api/v1/dashboard/charts/{chart}.svg?quarter=2")).await;
            assert_eq!(svg.status, 200, "{chart}: {}", svg.body);
            assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
            assert!(svg.body.starts_with("<svg") && svg.body.contains("<title>") && svg.body.contains("aria-label=\""), "{chart}");
            let csv = app.get_as(&reviewer, &format!("/api/v1/dashboard/charts/{chart}.csv?quarter=2")).await;
            assert_eq!(csv.status, 200, "{chart}");
            assert!(csv.body.lines().count() >= 2, "{chart} has data: {}", csv.body);
        }
        let compliance = app.get_as(&reviewer, "/api/v1/dashboard/compliance?quarter=2").await.json();
        let csv = app.get_as(&reviewer, "/api/v1/dashboard/charts/index.csv?quarter=2").await.body;
        let plotted: Vec<f64> =
            csv.lines().skip(1).map(|l| l.rsplit(',').next().expect("value").parse().expect("a number")).collect();
        assert!(plotted.windows(2).all(|pair| pair[0] >= pair[1]), "the index chart's CSV is highest first: {csv}");
        let mut named: Vec<String> = csv.lines().skip(1).map(str::to_owned).collect();
        let mut expected: Vec<String> = compliance["opds"].as_array().expect("opds").iter()
            .map(|o| {
                let name = o["opd_name"].as_str().expect("name").to_owned();
                let score = domain::dashboard::chart::format_number(o["score"]["total"].as_f64().expect("score"));
                domain::dashboard::chart::csv_record([name, score].into_iter()).trim_end().to_owned()
            })
            .collect();
        named.sort();
        expected.sort();
        assert_eq!(named, expected, "the index chart's CSV holds every OPD with the score the index gives it");
        let scores: Vec<String> = plotted.iter().map(|s| domain::dashboard::chart::format_number(*s)).collect();
        // Read two OPDs at a time, the CSV is the same: no OPD is lost or repeated where batches meet.
        let token = reviewer.cookie.split_once('=').expect("a cookie").1;
        let policy = service::access::sessions::SessionPolicy::default();
        let actor = service::access::sessions::actor_for_token(&app.services.db, token, policy, tests::app::test_now())
            .await.expect("query").expect("a live session");
        let query = domain::dashboard::view::DashboardQuery { quarter: Some(2), ..Default::default() };
        let chart = service::dashboard::index::locate(&app.services.db, &actor, &query, tests::app::test_now())
            .await.expect("located");
        let chunks: Vec<String> = futures::TryStreamExt::try_collect(chart.csv_in_batches(app.services.db.clone(), 2))
            .await.expect("every batch read");
        assert!(chunks.len() > 3, "several batches: {chunks:?}");
        assert_eq!(chunks.concat(), csv, "the CSV read in batches of two equals the one sent");
        let svg = app.get_as(&reviewer, "/api/v1/dashboard/charts/index.svg?quarter=2").await.body;
        for score in scores.iter().take(3) {
            assert!(svg.contains(&format!(">{score}<")) || svg.contains(&format!("{score}\n")), "the SVG prints {score}");
        }
        let states = app.get_as(&reviewer, "/api/v1/dashboard/charts/report-states.csv?quarter=3").await.body;
        let opds = compliance["opds"].as_array().expect("opds").len();
        for line in states.lines().skip(1) {
            let sum: usize = line.split(',').skip(1).map(|n| n.parse::<usize>().expect("count")).sum();
            assert_eq!(sum, opds, "every OPD is in one state each quarter: {line}");
        }
        assert_eq!(app.get_as(&reviewer, "/api/v1/dashboard/charts/..%2Faudit.svg").await.status, 404);
        assert_eq!(app.get_as(&reviewer, "/api/v1/dashboard/charts/index.png").await.status, 404);
        assert_eq!(app.get_as(&reviewer, "/api/v1/dashboard/compliance?quarter=5").await.status, 422);
    }

    async fn the_tallies_kept_by_each_write_equal_a_recount_from_the_actions_and_reports(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let reviewer = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
        // A reopen uncounts a quarter; the recount must agree with that too.
        let accepted = app.get_as(&reviewer, "/api/v1/dashboard/reporting-rates?quarter=1").await.json();
        let report = rows(&accepted).iter().find(|r| r["accepted"] == true).expect("an accepted Q1 report")["report_id"].clone();
        let reopened = post(&app, &reviewer, &format!("/api/v1/reports/{}/reopen", report.as_str().expect("id")), json!({"reason": "Periksa ulang realisasi."})).await;
        assert_eq!(reopened.status, 200, "{}", reopened.body);
        let kept = tallies(&app).await;
        assert!(kept.0.iter().any(|t| t.counted > 0) && kept.0.iter().any(|t| t.verified > 0), "{:?}", kept.0);
        let txn = app.services.db.begin().await.expect("txn");
        service::dashboard::tally::rebuild(&txn).await.expect("rebuild");
        txn.commit().await.expect("commit");
        let recount = tallies(&app).await;
        assert_eq!(kept, recount);
        let per_opd: BTreeMap<_, i32> = kept.0.iter().fold(BTreeMap::new(), |mut m, t| { *m.entry(t.opd_id).or_default() += t.verified; m });
        assert!(per_opd.values().sum::<i32>() > 0);
    }
}
