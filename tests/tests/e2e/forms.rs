//! Bad submissions through the browser, on the action, KBK, value-selection, report-return and user forms: the
//! page answers in its own language with a summary that links to each field and a message at each field, marked
//! for assistive technology, and nothing typed is lost. First what the browser's constraints catch (its own
//! English bubbles are replaced), then what only the server can judge.

use fantoccini::Locator;
use tests::browser::{Browser, Screen, journey};

/// Waits for the summary above the form of `prefix` to list exactly `expected` (field, summary item), then
/// checks each: a summary link to the field, the message at the field, `aria-invalid` and `aria-describedby` on it;
/// that the summary took the focus; and that axe finds nothing with the errors shown.
async fn expect_problems(browser: &Browser, prefix: &str, expected: &[(&str, &str)]) {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
    let listed = loop {
        let mut listed = Vec::new();
        for item in browser.client().find_all(Locator::Css("[data-testid=error-summary] li")).await.expect("items") {
            listed.push(item.text().await.unwrap_or_default());
        }
        let wanted: Vec<String> = expected.iter().map(|(_, message)| (*message).to_owned()).collect();
        if listed == wanted {
            break listed;
        }
        assert!(tokio::time::Instant::now() < deadline, "the summary lists {listed:?}, expected {wanted:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(listed.len(), expected.len());
    for (field, message) in expected {
        let id = format!("{prefix}-{field}");
        let link = browser
            .client()
            .find(Locator::Css(&format!("[data-testid=error-summary] a[href='#{id}']")))
            .await
            .unwrap_or_else(|err| panic!("the summary has no link to #{id}: {err}"));
        assert_eq!(link.text().await.expect("link text"), *message);
        let control = browser.client().find(Locator::Id(&id)).await.expect("the field");
        assert_eq!(control.attr("aria-invalid").await.expect("aria-invalid").as_deref(), Some("true"), "{id}");
        let described = control.attr("aria-describedby").await.expect("aria-describedby").unwrap_or_default();
        assert_eq!(described, format!("{id}-error"));
        let shown = browser.client().find(Locator::Id(&described)).await.expect("the field's message");
        let text = shown.text().await.expect("message text");
        let at_field = text.trim_start_matches("Kesalahan:").trim_start_matches("Error:").trim();
        // The summary's item reads alone: it is the field's message, or the field's label and then its message.
        assert!(
            !at_field.is_empty() && message.ends_with(at_field),
            "#{described} reads {text:?}, the summary {message:?}"
        );
    }
    let focused: String = browser
        .client()
        .execute("return document.activeElement.dataset.testid || '';", vec![])
        .await
        .expect("read the focus")
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(focused, "error-summary", "the summary takes the focus");
    let violations = browser.accessibility_violations().await;
    assert!(violations.is_empty(), "axe, with the {prefix} form's errors shown:\n{}", violations.join("\n"));
}

#[tokio::test]
async fn every_form_answers_a_bad_submission_with_a_summary_and_field_messages_and_keeps_what_was_typed() {
    journey("bad submissions", |browser| async move {
        // The action form: the browser's constraints first, then the server's rules.
        browser.sign_in("anggota.dlh").await;
        browser.follow("kbk-link").await;
        browser.type_into("action-title", "Apel nilai disiplin").await;
        browser.find("action-save").await.click().await.expect("save");
        expect_problems(
            &browser,
            "action",
            &[
                ("started_on", "Tanggal kegiatan wajib diisi."),
                ("location", "Lokasi wajib diisi."),
                ("participants", "Jumlah peserta wajib diisi."),
                ("attendees", "Jumlah hadir wajib diisi."),
                ("description", "Uraian wajib diisi."),
            ],
        )
        .await;
        assert_eq!(browser.value_of("action-title").await, "Apel nilai disiplin");
        browser.screenshot("form-errors-action", Screen::Desktop).await;
        let yesterday = (chrono::Utc::now() - chrono::Duration::days(1)).date_naive();
        browser.set_value("action-date", &yesterday.to_string()).await;
        browser.type_into("action-location", "Halaman kantor DLH").await;
        browser.type_into("action-participants", "10").await;
        browser.type_into("action-attendees", "12").await;
        browser.type_into("action-description", "Apel pagi dengan pembacaan komitmen.").await;
        browser.find("action-save").await.click().await.expect("save");
        expect_problems(
            &browser,
            "action",
            &[
                ("attendees", "Jumlah hadir tidak boleh melebihi jumlah peserta."),
                ("values", "Pilih paling sedikit satu nilai yang diterapkan."),
            ],
        )
        .await;
        assert_eq!(browser.value_of("action-title").await, "Apel nilai disiplin");
        assert_eq!(browser.value_of("action-attendees").await, "12");
        assert_eq!(browser.value_of("action-description").await, "Apel pagi dengan pembacaan komitmen.");
        browser.assert_clean("after the action form's refusals").await;
        browser.sign_out().await;

        // The KBK form, on the OPD's home.
        browser.sign_in("kepala.dlh").await;
        browser.follow("opd-link").await;
        browser.type_into("kbk-work-unit", "Bidang Pengelolaan Sampah").await;
        browser.find("kbk-form-submit").await.click().await.expect("form the KBK");
        expect_problems(&browser, "kbk", &[("name", "Nama KBK wajib diisi.")]).await;
        browser.type_into("kbk-name", "Bersih Pantai").await;
        browser.type_into("kbk-sk-number", "800/12/DLH").await;
        browser.find("kbk-form-submit").await.click().await.expect("form the KBK");
        expect_problems(
            &browser,
            "kbk",
            &[("sk_date", "Isi nomor dan tanggal SK bersama-sama, atau kosongkan keduanya.")],
        )
        .await;
        assert_eq!(browser.value_of("kbk-work-unit").await, "Bidang Pengelolaan Sampah");
        assert_eq!(browser.value_of("kbk-sk-number").await, "800/12/DLH");

        // The value-selection form, for next year.
        browser.follow("open-selection").await;
        browser.follow("next-year").await;
        browser.type_into("choice-reason", "Perlu dibiasakan di seluruh bidang.").await;
        browser.find("choice-add").await.click().await.expect("add");
        expect_problems(
            &browser,
            "choice",
            &[
                ("value_id", "Pilih nilai."),
                ("description", "Perilaku utama wajib diisi."),
                ("target", "Target terukur wajib diisi."),
            ],
        )
        .await;
        browser.find("choice-value").await.select_by_index(3).await.expect("pick a value");
        browser.type_into("choice-behaviour", "Apel pagi tepat waktu").await;
        browser.type_into("choice-target", "semua pegawai").await;
        browser.find("choice-add").await.click().await.expect("add");
        expect_problems(
            &browser,
            "choice",
            &[("target", "Nilai ke-1: target harus terukur; sertakan angka (mis. 95% atau 2 kali sebulan).")],
        )
        .await;
        assert_eq!(browser.value_of("choice-reason").await, "Perlu dibiasakan di seluruh bidang.");
        assert_eq!(browser.value_of("choice-behaviour").await, "Apel pagi tepat waktu");

        // The Kepala submits the third quarter's report so that the bureau can try to return it.
        browser.follow("opd-link").await;
        browser.follow("open-reports").await;
        let report = browser.href_at("[data-quarter='3'] [data-testid=open-report]").await;
        browser.open(&report).await;
        browser.find("report-submit").await.click().await.expect("submit");
        browser.wait_for_text("state", "Diajukan").await;
        browser.sign_out().await;

        // The report-return form.
        browser.sign_in("peninjau.kaltim").await;
        browser.open(&report).await;
        browser.find("report-return").await.click().await.expect("return");
        expect_problems(&browser, "return", &[("reason", "Yang harus diperbaiki wajib diisi.")]).await;
        browser.type_into("return-reason", "   ").await;
        browser.find("report-return").await.click().await.expect("return");
        expect_problems(&browser, "return", &[("reason", "Yang harus diperbaiki: Wajib diisi.")]).await;
        browser.sign_out().await;

        // The user form.
        browser.sign_in("admin.dlh").await;
        browser.open("/pengguna").await;
        browser.type_into("new-full-name", "Rahmat Hidayat").await;
        browser.type_into("new-password", "pendek").await;
        browser.find("new-submit").await.click().await.expect("save");
        expect_problems(
            &browser,
            "user",
            &[("username", "Nama pengguna wajib diisi."), ("password", "Kata sandi paling sedikit 10 karakter.")],
        )
        .await;
        browser.type_into("new-username", "r h").await;
        browser.find("new-password").await.clear().await.expect("clear");
        browser.type_into("new-password", "sandi-notulis-1").await;
        browser.find("new-submit").await.click().await.expect("save");
        let username = "Nama pengguna 3-32 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.";
        expect_problems(&browser, "user", &[("username", username)]).await;
        assert_eq!(browser.value_of("new-full-name").await, "Rahmat Hidayat");
        assert_eq!(browser.value_of("new-username").await, "r h");

        // In English, the browser's findings and the server's rules both answer in English.
        browser.follow("lang-en").await;
        browser.wait_for_path("back on the users page", |path| path == "/pengguna").await;
        browser.type_into("new-username", "r h").await;
        browser.type_into("new-password", "sandi-notulis-1").await;
        browser.find("new-submit").await.click().await.expect("save");
        expect_problems(&browser, "user", &[("full_name", "Full name is required.")]).await;
        browser.type_into("new-full-name", "Rahmat Hidayat").await;
        browser.find("new-submit").await.click().await.expect("save");
        let english = "A username has 3-32 characters: lower-case letters, digits, dots, underscores or hyphens.";
        expect_problems(&browser, "user", &[("username", english)]).await;
    })
    .await;
}
