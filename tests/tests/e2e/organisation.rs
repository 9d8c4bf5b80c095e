//! Keeping the structure up to date through the browser: the city's bureau adds an agency, and an OPD head forms
//! a KBK and seats a member.

use std::time::Duration;
use tests::browser::journey;

#[tokio::test]
async fn the_bureau_adds_an_agency_and_an_opd_head_forms_a_kbk_with_a_member() {
    journey("organisation", |browser| async move {
        browser.sign_in("peninjau.bontang").await;
        browser.follow("org-link").await;
        browser.find("unit-parent").await.select_by_label("64.74 · Pemerintah Kota Bontang").await.expect("parent");
        browser.find("unit-kind").await.select_by_value("badan").await.expect("kind");
        browser.type_into("unit-code", "64.74.BRIDA").await;
        browser.type_into("unit-name", "Badan Riset dan Inovasi Daerah").await;
        browser.find("unit-add").await.click().await.expect("add");
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while !browser.attributes("org-row", "data-code").await.contains(&"64.74.BRIDA".to_owned()) {
            assert!(tokio::time::Instant::now() < deadline, "the new agency never appeared in the tree");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        browser.sign_out().await;

        browser.sign_in("kepala.dlh").await;
        browser.follow("opd-link").await;
        browser.type_into("kbk-name", "Bersih Pantai").await;
        browser.type_into("kbk-work-unit", "Bidang Pengelolaan Sampah").await;
        browser.find("kbk-form-submit").await.click().await.expect("form the KBK");
        browser.find("manage-kbk").await;
        assert!(browser.path().await.starts_with("/kbk/"), "the new KBK's page opens");
        browser.hydrated("the new KBK's page").await;
        browser.find("seat-user").await.select_by_index(1).await.expect("pick a staff member");
        browser.find("seat-submit").await.click().await.expect("seat");
        browser.wait_for_count("manage-member", 1).await;
    })
    .await;
}
