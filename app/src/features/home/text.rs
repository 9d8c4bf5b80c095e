//! UI strings of the signed-in home page (the to-do), in both languages.

use crate::i18n::{Locale, use_locale};

/// Strings of the to-do.
pub struct Text {
    pub title: &'static str,
    pub lead: &'static str,
    pub nothing: &'static str,
    pub urgent: &'static str,
    pub places: &'static str,
    pub choose_values: fn(i32) -> String,
    pub values_submitted: fn(i32) -> String,
    pub values_returned: fn(i32) -> String,
    pub report_due: fn(u8, i32, &str) -> String,
    pub report_overdue: fn(u8, i32, &str) -> String,
    pub report_returned: fn(u8, i32) -> String,
    pub actions_returned: fn(u64) -> String,
    pub actions_draft: fn(u64) -> String,
    pub actions_to_verify: fn(u64) -> String,
    pub reports_to_review: fn(u64) -> String,
    pub selections_to_review: fn(u64) -> String,
}

const ID: Text = Text {
    title: "Pekerjaan Anda",
    lead: "Yang jatuh tempo, menunggu Anda, atau dikembalikan kepada Anda.",
    nothing: "Tidak ada yang menunggu Anda saat ini.",
    urgent: "Segera",
    places: "Tempat kerja Anda",
    choose_values: |year| format!("Pilih nilai budaya kerja OPD untuk tahun {year} dan ajukan untuk disetujui."),
    values_submitted: |year| format!("Pilihan nilai tahun {year} sedang ditinjau Biro Organisasi."),
    values_returned: |year| format!("Pilihan nilai tahun {year} dikembalikan: perbaiki dan ajukan lagi."),
    report_due: |q, year, due| format!("Laporan triwulan {q} tahun {year} jatuh tempo {due}."),
    report_overdue: |q, year, due| format!("Laporan triwulan {q} tahun {year} terlambat (jatuh tempo {due})."),
    report_returned: |q, year| format!("Laporan triwulan {q} tahun {year} dikembalikan: perbaiki dan ajukan lagi."),
    actions_returned: |n| format!("{n} kegiatan Anda dikembalikan untuk diperbaiki."),
    actions_draft: |n| format!("{n} kegiatan Anda masih draf dan belum diajukan."),
    actions_to_verify: |n| format!("{n} kegiatan KBK menunggu verifikasi Anda."),
    reports_to_review: |n| format!("{n} laporan menunggu tinjauan Anda."),
    selections_to_review: |n| format!("{n} pilihan nilai menunggu tinjauan Anda."),
};

const EN: Text = Text {
    title: "Your work",
    lead: "What is due, waiting for you, or returned to you.",
    nothing: "Nothing is waiting for you now.",
    urgent: "Urgent",
    places: "Your places",
    choose_values: |year| format!("Choose the agency's work-culture values for {year} and submit them for approval."),
    values_submitted: |year| format!("The values chosen for {year} are being reviewed by the bureau."),
    values_returned: |year| format!("The values chosen for {year} were returned: correct and submit them again."),
    report_due: |q, year, due| format!("The report for Q{q} {year} is due on {due}."),
    report_overdue: |q, year, due| format!("The report for Q{q} {year} is overdue (due on {due})."),
    report_returned: |q, year| format!("The report for Q{q} {year} was returned: correct and submit it again."),
    actions_returned: |n| format!("{n} of your actions were returned for correction."),
    actions_draft: |n| format!("{n} of your actions are drafts, not submitted yet."),
    actions_to_verify: |n| format!("{n} KBK actions are waiting for your verification."),
    reports_to_review: |n| format!("{n} reports are waiting for your review."),
    selections_to_review: |n| format!("{n} value selections are waiting for your review."),
};

/// The strings in the page's language.
pub fn use_text() -> &'static Text {
    match use_locale() {
        Locale::Id => &ID,
        Locale::En => &EN,
    }
}
