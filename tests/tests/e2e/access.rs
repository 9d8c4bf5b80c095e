//! Journeys through signing in and out.

use tests::browser::journey;

#[tokio::test]
async fn a_demo_user_signs_in_sees_their_name_and_signs_out() {
    journey("sign in and out", |browser| async move {
        browser.open("/masuk").await;
        browser.type_into("username", "kepala.dlh").await;
        browser.type_into("password", "budaya-demo").await;
        browser.find("sign-in-submit").await.click().await.expect("submit");
        browser.wait_for_text("current-user", "Ir. Heru Santoso, M.T.").await;

        browser.find("sign-out").await.click().await.expect("sign out");
        browser.find("sign-in-link").await;
        browser.open("/").await;
        assert!(browser.find_all("current-user").await.is_empty(), "signed out for good");
    })
    .await;
}

#[tokio::test]
async fn a_wrong_password_shows_one_message_and_signs_nobody_in() {
    journey("wrong password", |browser| async move {
        browser.open("/masuk").await;
        browser.type_into("username", "kepala.dlh").await;
        browser.type_into("password", "bukan-sandinya").await;
        browser.find("sign-in-submit").await.click().await.expect("submit");
        browser.wait_for_text("sign-in-error", "Nama pengguna atau kata sandi salah.").await;
        assert!(browser.find_all("current-user").await.is_empty());
    })
    .await;
}
