//! Journeys through the value catalogue.

use tests::browser::journey;

#[tokio::test]
async fn typing_in_the_catalogue_search_filters_the_values_in_the_browser() {
    journey("catalogue search", |browser| async move {
        browser.open("/nilai").await;
        assert_eq!(browser.html_lang().await, "id");
        browser.wait_for_text("value-count", "Menampilkan 34 dari 34 nilai").await;
        assert_eq!(browser.find_all("pair").await.len(), 17);

        browser.type_into("search", "kecepatan").await;

        browser.wait_for_text("value-count", "Menampilkan 1 dari 34 nilai").await;
        assert_eq!(browser.attributes("value", "data-code").await, ["8.2"]);
        assert_eq!(browser.attributes("pair", "data-pair").await, ["8"]);
    })
    .await;
}

#[tokio::test]
async fn a_search_without_a_match_says_so_and_clearing_it_brings_every_value_back() {
    journey("catalogue no match", |browser| async move {
        browser.open("/nilai").await;
        browser.type_into("search", "zzz").await;
        browser.wait_for_text("value-count", "Menampilkan 0 dari 34 nilai").await;
        assert!(browser.find("no-match").await.text().await.unwrap_or_default().contains("zzz"));

        browser.find("search").await.clear().await.expect("clear the search box");
        browser.type_into("search", " ").await;
        browser.wait_for_text("value-count", "Menampilkan 34 dari 34 nilai").await;
    })
    .await;
}

#[tokio::test]
async fn switching_to_english_keeps_the_page_and_translates_it() {
    journey("language switch", |browser| async move {
        browser.open("/nilai").await;
        browser.find("lang-en").await.click().await.expect("click EN");
        browser.open("/nilai").await;
        assert_eq!(browser.html_lang().await, "en");
        browser.wait_for_text("value-count", "Showing 34 of 34 values").await;
    })
    .await;
}
