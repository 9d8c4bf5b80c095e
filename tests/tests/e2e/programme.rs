//! The programme year through the browser: the Kepala OPD chooses values, the bureau approves them, a member
//! logs an action with a photo, and the ketua verifies it.

use sha2::{Digest, Sha256};
use tests::browser::journey;

#[tokio::test]
async fn values_are_chosen_and_approved_then_an_action_with_a_photo_is_logged_and_verified() {
    journey("programme year", |browser| async move {
        // The Kepala OPD chooses next year's values: this year's are approved and locked already.
        browser.sign_in("kepala.dlh").await;
        browser.follow("opd-link").await;
        browser.follow("open-selection").await;
        browser.find("locked").await;
        browser.follow("next-year").await;
        for (n, index) in [3_usize, 9, 20].into_iter().enumerate() {
            browser.find("choice-value").await.select_by_index(index).await.expect("pick a value");
            browser.type_into("choice-reason", "Perlu dibiasakan di seluruh bidang.").await;
            browser.type_into("choice-behaviour", "Apel pagi tepat waktu").await;
            browser.type_into("choice-target", "95% pegawai hadir tepat waktu").await;
            browser.find("choice-add").await.click().await.expect("add");
            browser.wait_for_count("choice", n + 1).await;
        }
        browser.find("selection-submit").await.click().await.expect("submit");
        browser.wait_for_text("state", "Diajukan").await;
        let selection_page = browser.path().await;
        browser.sign_out().await;

        // The province's bureau approves it; it is locked from then on.
        browser.sign_in("peninjau.kaltim").await;
        browser.follow("review-link").await;
        browser.wait_for_count("review-item", 1).await;
        browser.open(&selection_page).await;
        browser.find("review-approve").await.click().await.expect("approve");
        browser.wait_for_text("state", "Disetujui").await;
        browser.find("locked").await;
        browser.sign_out().await;

        // A member logs this week's action with a photo, from their KBK: the header's first place for them.
        browser.sign_in("anggota.dlh").await;
        browser.follow("kbk-link").await;
        let yesterday = (chrono::Utc::now() - chrono::Duration::days(1)).date_naive();
        browser.type_into("action-title", "Apel nilai disiplin").await;
        browser.set_value("action-date", &yesterday.to_string()).await;
        browser.type_into("action-location", "Halaman kantor DLH").await;
        browser.type_into("action-participants", "40").await;
        browser.type_into("action-attendees", "38").await;
        browser.find("action-value").await.click().await.expect("tick a value");
        browser.type_into("action-description", "Apel pagi dengan pembacaan komitmen disiplin.").await;
        browser.find("action-save").await.click().await.expect("save");
        browser.find("upload-form").await;
        let action_page = browser.wait_for_path("the new action's page opens", |p| p.starts_with("/kegiatan/")).await;
        browser.open(&action_page).await;
        let photo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../crates/service/data/demo/evidence/foto-kegiatan.jpg")
            .canonicalize()
            .expect("the demo photo");
        browser.find("upload-input").await.send_keys(&photo.display().to_string()).await.expect("choose the file");
        browser.find("upload-submit").await.click().await.expect("upload");
        browser.wait_for_count("evidence", 1).await;
        let expected = hex::encode(Sha256::digest(std::fs::read(&photo).expect("read the photo")));
        browser.wait_for_text("evidence-sha256", &expected).await;
        browser.find("action-submit").await.click().await.expect("submit");
        browser.wait_for_text("state", "Diajukan").await;
        browser.sign_out().await;

        // The ketua verifies it.
        browser.sign_in("ketua.dlh").await;
        browser.open(&action_page).await;
        browser.find("action-verify").await.click().await.expect("verify");
        browser.wait_for_text("state", "Diverifikasi").await;
    })
    .await;
}
