//! The compliance dashboard through the browser: the province's reviewer narrows it to a city and a quarter
//! through the URL-held filters, the same link shows the same view, the OPDs page on, every chart image loads,
//! an index opens its explanation, and a weights change rescores; an OPD head sees their own OPD only.

use fantoccini::Locator;
use std::time::Duration;
use tests::browser::{Browser, journey};

/// Every chart's image, scrolled into view (they load lazily) until the browser has decoded it.
async fn charts_load(browser: &Browser) {
    let script = "const img = document.querySelector(arguments[0]); img.scrollIntoView(); \
                  return img.complete && img.naturalWidth > 0;";
    for slug in ["index", "heatmap", "trend", "report-states", "value-adoption", "review-turnaround"] {
        let selector = format!("[data-testid=chart-{slug}] img");
        let mut tries = 0;
        while browser.client().execute(script, vec![serde_json::json!(selector)]).await.expect("run script")
            != serde_json::json!(true)
        {
            tries += 1;
            assert!(tries < 100, "the {slug} chart's image never loaded");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let alt = browser.client().find(Locator::Css(&selector)).await.expect("img").attr("alt").await;
        assert!(alt.expect("alt").is_some_and(|alt| !alt.is_empty()), "the {slug} chart has a text alternative");
    }
}

async fn scores(browser: &Browser) -> Vec<String> {
    let mut shown = Vec::new();
    for cell in browser.find_all("index-score").await {
        shown.push(cell.text().await.expect("score text"));
    }
    shown
}

async fn set_weight(browser: &Browser, component: &str, weight: u8) {
    let id = format!("weight-{component}");
    let input = browser.find(&id).await;
    input.clear().await.expect("clear");
    input.send_keys(&weight.to_string()).await.expect("type");
    // A number field that did not clear would hold e.g. "3040", which the browser refuses to submit silently.
    let typed = input.prop("value").await.expect("value");
    assert_eq!(typed.as_deref(), Some(weight.to_string().as_str()), "[data-testid={id}] holds what was typed");
}

#[tokio::test]
async fn the_dashboard_keeps_its_filters_in_the_url_loads_its_charts_and_explains_every_score() {
    journey("dashboard", |browser| async move {
        browser.sign_in("peninjau.kaltim").await;
        browser.follow("dashboard-link").await;
        // 36 OPDs: the first page of 25, the summary above it.
        browser.wait_for_count("index-row", 25).await;
        browser.wait_for_count("child-row", 2).await;

        // Narrow to Bontang's second quarter through the form: the filters land in the address.
        let filters = browser.find("dashboard-filters").await;
        let node = filters.find(Locator::Css("select[name=org_unit]")).await.expect("area picker");
        node.find(Locator::XPath(".//option[contains(., 'Bontang')]"))
            .await
            .expect("Bontang")
            .click()
            .await
            .expect("pick");
        filters
            .find(Locator::Css("select[name=quarter]"))
            .await
            .expect("quarter")
            .select_by_value("2")
            .await
            .expect("Q2");
        filters.find(Locator::Css("button[type=submit]")).await.expect("apply").click().await.expect("apply");
        let shared = browser.wait_for_path("the filters reach the address", |p| p.contains("quarter=2")).await;
        browser.open(&shared).await;
        browser.wait_for_count("index-row", 25).await;
        let first = scores(&browser).await;

        // A colleague opening the shared link sees the same view; the next page holds Bontang's other 3 OPDs.
        browser.open(&shared).await;
        browser.wait_for_count("index-row", 25).await;
        assert_eq!(scores(&browser).await, first, "{shared} shows the same scores again");
        browser.follow("next-page").await;
        browser.wait_for_path("the page reaches the address", |p| p.contains("setelah=")).await;
        browser.wait_for_count("index-row", 3).await;
        browser.open(&shared).await;
        browser.wait_for_count("index-row", 25).await;
        charts_load(&browser).await;

        // An explanation opens and names the components and what was lost.
        let explain = browser.find("index-explain").await;
        explain.find(Locator::Css("summary")).await.expect("summary").click().await.expect("open");
        let open =
            browser.client().execute("return document.querySelector('[data-testid=index-explain]').open;", vec![]);
        assert_eq!(open.await.expect("read open"), serde_json::json!(true), "the explanation opened");
        let text = explain.text().await.expect("explanation");
        for component in ["Kelembagaan", "Aktivitas terdokumentasi", "Pelaporan"] {
            assert!(text.contains(component), "the explanation names {component}: {text}");
        }

        // Weights that do not add up are refused and kept in the form; right ones make version 1.
        browser
            .find("weights-form")
            .await
            .find(Locator::Css("summary"))
            .await
            .expect("summary")
            .click()
            .await
            .expect("open");
        set_weight(&browser, "institution", 40).await;
        set_weight(&browser, "results", 5).await;
        browser.find("weights-submit").await.click().await.expect("save");
        browser.wait_for_text("summary-item", "Jumlah bobot harus 100; sekarang 110.").await;
        let kept = browser.find("weight-institution").await.prop("value").await.expect("value");
        assert_eq!(kept.as_deref(), Some("40"), "a refused change keeps what was typed");
        set_weight(&browser, "activity", 25).await;
        browser.find("weights-submit").await.click().await.expect("save");
        browser.wait_for_text("weights-saved", "Bobot versi 1 disimpan; indeks dihitung ulang.").await;
        browser.open(&shared).await;
        let versions = browser.find("index-versions").await.text().await.expect("versions");
        assert!(versions.contains("bobot versi 1"), "the dashboard names the weights it uses: {versions}");
        browser.sign_out().await;

        // The OPD head: their own OPD only, no weights form.
        browser.sign_in("kepala.dlh").await;
        browser.follow("dashboard-link").await;
        browser.wait_for_count("index-row", 1).await;
        let opd = browser.find("index-row").await.text().await.expect("row");
        assert!(opd.contains("Dinas Lingkungan Hidup"), "{opd}");
        assert!(browser.find_all("weights-form").await.is_empty(), "an OPD head cannot change the weights");
        charts_load(&browser).await;
    })
    .await;
}
