//! A quarterly report through the browser: the Kepala OPD submits it, the province's bureau returns it with a
//! code, the OPD sees why and a notification, fixes and resubmits, the bureau reads the change list and
//! accepts, and the report is locked.

use tests::browser::journey;

#[tokio::test]
async fn a_report_is_submitted_returned_resubmitted_with_a_change_list_and_accepted() {
    journey("quarterly report", |browser| async move {
        browser.sign_in("kepala.dlh").await;
        browser.follow("opd-link").await;
        browser.follow("open-reports").await;
        browser.wait_for_count("quarter-row", 4).await;
        let report = browser.href_at("[data-quarter='3'] [data-testid=open-report]").await;
        browser.open(&report).await;
        browser.find("checks-ok").await;
        browser.find("report-submit").await.click().await.expect("submit");
        browser.wait_for_text("state", "Diajukan").await;
        browser.sign_out().await;

        browser.sign_in("peninjau.kaltim").await;
        browser.follow("review-link").await;
        browser.find("inbox-item").await;
        browser.open(&report).await;
        browser.find("return-code-select").await.select_by_value("evidence_mismatch").await.expect("pick a code");
        browser.type_into("return-reason", "Lengkapi daftar hadir bertanda tangan.").await;
        browser.find("report-return").await.click().await.expect("return");
        browser.wait_for_text("state", "Dikembalikan").await;
        browser.sign_out().await;

        browser.sign_in("kepala.dlh").await;
        browser.find("unread-count").await;
        browser.open(&report).await;
        browser.wait_for_text("return-text", "Lengkapi daftar hadir bertanda tangan.").await;
        browser.set_value("follow-up", "Daftar hadir bertanda tangan dilampirkan untuk setiap kegiatan.").await;
        browser.find("report-save").await.click().await.expect("save");
        browser.wait_for_text("state", "Draf").await;
        browser.find("report-submit").await.click().await.expect("resubmit");
        browser.wait_for_text("state", "Diajukan").await;
        browser.sign_out().await;

        browser.sign_in("peninjau.kaltim").await;
        browser.open(&report).await;
        browser.find("narrative-changed").await;
        browser.find("unchanged").await;
        browser.find("report-accept").await.click().await.expect("accept");
        browser.wait_for_text("state", "Diterima").await;
        browser.sign_out().await;

        browser.sign_in("kepala.dlh").await;
        browser.open(&report).await;
        browser.find("locked").await;
        assert!(browser.find_all("report-form").await.is_empty(), "an accepted report offers no edit form");

        // The print page lays out the official report, ending with the evidence index and the signature.
        browser.follow("print-page").await;
        let document = browser.find("report-document").await.text().await.expect("the document's text");
        for part in [
            "LAPORAN PELAKSANAAN BUDAYA KERJA",
            "B. Kelompok Budaya Kerja",
            "F. Indeks Bukti",
            "Kepala Dinas Lingkungan Hidup",
        ] {
            assert!(document.contains(part), "the print page shows {part:?}:\n{document}");
        }
        browser.find("print").await;
    })
    .await;
}
