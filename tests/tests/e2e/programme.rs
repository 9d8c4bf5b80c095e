//! The programme year through the browser: the Kepala OPD chooses values, the bureau approves them, a member
//! logs an action with a photo, and the ketua verifies it.

use fantoccini::Locator;
use sha2::{Digest, Sha256};
use std::time::Duration;
use tests::browser::{Browser, journey};

async fn sign_in(browser: &Browser, username: &str) {
    browser.open("/masuk").await;
    browser.type_into("username", username).await;
    browser.type_into("password", "budaya-demo").await;
    browser.find("sign-in-submit").await.click().await.expect("submit");
    browser.find("sign-out").await;
}

async fn sign_out(browser: &Browser) {
    browser.find("sign-out").await.click().await.expect("sign out");
    browser.find("sign-in-link").await;
}

/// Waits until `count` elements carry `data-testid="{id}"`.
async fn wait_for_count(browser: &Browser, id: &str, count: usize) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while browser.find_all(id).await.len() != count {
        assert!(tokio::time::Instant::now() < deadline, "[data-testid={id}] never reached {count}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Follows the link with `data-testid="{id}"` and waits for the new page to hydrate.
async fn follow(browser: &Browser, id: &str) {
    let href = browser.find(id).await.attr("href").await.expect("read href").expect("a link");
    browser.open(&href).await;
}

async fn current_path(browser: &Browser) -> String {
    let url = browser.client().current_url().await.expect("url");
    format!("{}{}", url.path(), url.query().map(|q| format!("?{q}")).unwrap_or_default())
}

#[tokio::test]
async fn values_are_chosen_and_approved_then_an_action_with_a_photo_is_logged_and_verified() {
    journey("programme year", |browser| async move {
        // The Kepala OPD chooses next year's values: this year's are approved and locked already.
        sign_in(&browser, "kepala.dlh").await;
        follow(&browser, "opd-link").await;
        follow(&browser, "open-selection").await;
        browser.find("locked").await;
        follow(&browser, "next-year").await;
        for (n, index) in [3_usize, 9, 20].into_iter().enumerate() {
            browser.find("choice-value").await.select_by_index(index).await.expect("pick a value");
            browser.type_into("choice-reason", "Perlu dibiasakan di seluruh bidang.").await;
            browser.type_into("choice-behaviour", "Apel pagi tepat waktu").await;
            browser.type_into("choice-target", "95% pegawai hadir tepat waktu").await;
            browser.find("choice-add").await.click().await.expect("add");
            wait_for_count(&browser, "choice", n + 1).await;
        }
        browser.find("selection-submit").await.click().await.expect("submit");
        browser.wait_for_text("state", "Diajukan").await;
        let selection_page = current_path(&browser).await;
        sign_out(&browser).await;

        // The province's bureau approves it; it is locked from then on.
        sign_in(&browser, "peninjau.kaltim").await;
        follow(&browser, "review-link").await;
        wait_for_count(&browser, "review-item", 1).await;
        browser.open(&selection_page).await;
        browser.find("review-approve").await.click().await.expect("approve");
        browser.wait_for_text("state", "Disetujui").await;
        browser.find("locked").await;
        sign_out(&browser).await;

        // A member logs this week's action with a photo.
        sign_in(&browser, "anggota.dlh").await;
        follow(&browser, "opd-link").await;
        let kbk = browser.client().find(Locator::Css("[data-testid=kbk] a")).await.expect("the KBK link");
        let href = kbk.attr("href").await.expect("href").expect("a link");
        browser.open(&href).await;
        let yesterday = (chrono::Utc::now() - chrono::Duration::days(1)).date_naive();
        browser.type_into("action-title", "Apel nilai disiplin").await;
        browser
            .client()
            .execute(
                "document.querySelector('[data-testid=action-date]').value = arguments[0];",
                vec![serde_json::json!(yesterday.to_string())],
            )
            .await
            .expect("set the date");
        browser.type_into("action-location", "Halaman kantor DLH").await;
        browser.type_into("action-participants", "40").await;
        browser.type_into("action-attendees", "38").await;
        browser.find("action-value").await.click().await.expect("tick a value");
        browser.type_into("action-description", "Apel pagi dengan pembacaan komitmen disiplin.").await;
        browser.find("action-save").await.click().await.expect("save");
        browser.find("upload-form").await;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while !current_path(&browser).await.starts_with("/kegiatan/") {
            assert!(tokio::time::Instant::now() < deadline, "the new action's page did not open");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let action_page = current_path(&browser).await;
        browser.open(&action_page).await;
        let photo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../crates/service/data/demo/evidence/foto-kegiatan.jpg")
            .canonicalize()
            .expect("the demo photo");
        browser.find("upload-input").await.send_keys(&photo.display().to_string()).await.expect("choose the file");
        browser.find("upload-submit").await.click().await.expect("upload");
        wait_for_count(&browser, "evidence", 1).await;
        let expected = hex::encode(Sha256::digest(std::fs::read(&photo).expect("read the photo")));
        browser.wait_for_text("evidence-sha256", &expected).await;
        browser.find("action-submit").await.click().await.expect("submit");
        browser.wait_for_text("state", "Diajukan").await;
        sign_out(&browser).await;

        // The ketua verifies it.
        sign_in(&browser, "ketua.dlh").await;
        browser.open(&action_page).await;
        browser.find("action-verify").await.click().await.expect("verify");
        browser.wait_for_text("state", "Diverifikasi").await;
    })
    .await;
}
