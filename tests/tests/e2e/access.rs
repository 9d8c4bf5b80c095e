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
        browser.wait_for_text("summary-item", "Nama pengguna atau kata sandi salah.").await;
        assert!(browser.find_all("current-user").await.is_empty());
    })
    .await;
}

#[tokio::test]
async fn an_opd_admin_adds_a_member_who_then_appears_in_the_list() {
    journey("add a user", |browser| async move {
        browser.open("/masuk").await;
        browser.type_into("username", "admin.dlh").await;
        browser.type_into("password", "budaya-demo").await;
        browser.find("sign-in-submit").await.click().await.expect("submit");
        browser.find("users-link").await.click().await.expect("open users");
        browser.open("/pengguna").await;
        assert_eq!(browser.find_all("user-row").await.len(), 4);

        browser.type_into("new-username", "notulis.dlh").await;
        browser.type_into("new-full-name", "Rahmat Hidayat").await;
        browser.type_into("new-nip", "199001012015031002").await;
        browser.type_into("new-password", "sandi-notulis-1").await;
        browser.find("new-submit").await.click().await.expect("save");

        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
        while browser.find_all("user-row").await.len() < 5 {
            assert!(tokio::time::Instant::now() < deadline, "the new user did not appear");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(browser.attributes("user-row", "data-username").await.contains(&"notulis.dlh".to_owned()));
    })
    .await;
}

#[tokio::test]
async fn every_demo_user_signs_in_through_the_browser() {
    journey("every demo user", |browser| async move {
        let users = [
            ("admin", "Administrator Budaya"),
            ("peninjau.kaltim", "Rina Wulandari, S.Sos., M.AP."),
            ("pimpinan.kaltim", "Dr. H. Ahmad Fauzi, M.Si."),
            ("peninjau.bontang", "Muhammad Rizal, S.IP."),
            ("kepala.dlh", "Ir. Heru Santoso, M.T."),
            ("admin.dlh", "Siti Aminah, A.Md."),
            ("ketua.dlh", "Andi Saputra, S.T."),
            ("anggota.dlh", "Dewi Lestari, S.Si."),
            ("kepala.disdukcapil", "Drs. Bambang Wijaya, M.M."),
            ("anggota.disdukcapil", "Nur Hidayah, S.Kom."),
        ];
        for (username, full_name) in users {
            browser.open("/masuk").await;
            browser.type_into("username", username).await;
            browser.type_into("password", "budaya-demo").await;
            browser.find("sign-in-submit").await.click().await.expect("submit");
            browser.wait_for_text("current-user", full_name).await;
            browser.find("sign-out").await.click().await.expect("sign out");
            browser.find("sign-in-link").await;
        }
    })
    .await;
}
