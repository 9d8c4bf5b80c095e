//! UI strings of the dashboard, in both languages.

use crate::i18n::{Locale, use_locale};

/// Strings of the dashboard.
pub struct Text {
    pub title: &'static str,
    pub node: &'static str,
    pub year: &'static str,
    pub quarter: &'static str,
    pub opd_type: &'static str,
    pub all_types: &'static str,
    pub apply: &'static str,
    pub share_hint: &'static str,
    pub weights_title: &'static str,
    pub average: &'static str,
    pub weights_version: fn(&str, u32) -> String,
    pub weights_change: fn(&str) -> String,
    pub weights_hint: &'static str,
    pub weights_elsewhere: &'static str,
    pub weights_save: &'static str,
    pub weights_saved: fn(u32) -> String,
    pub opd: &'static str,
    pub pemda: &'static str,
    pub score: &'static str,
    pub band: &'static str,
    pub explain: &'static str,
    pub component: &'static str,
    pub points: &'static str,
    pub why: &'static str,
    pub full_marks: &'static str,
    pub open_report: &'static str,
    pub open_values: &'static str,
    pub open_opd: &'static str,
    pub no_report: &'static str,
    pub rollup: &'static str,
    pub submitted: &'static str,
    pub on_time: &'static str,
    pub accepted: &'static str,
    pub state: &'static str,
    pub due: &'static str,
    pub not_due: &'static str,
    pub funnel_title: &'static str,
    pub stage: &'static str,
    pub days: &'static str,
    pub all_done: &'static str,
    pub charts_title: &'static str,
    pub chart_alt: fn(&str) -> String,
    pub download_svg: &'static str,
    pub download_csv: &'static str,
    pub no_opds: &'static str,
    pub opds: &'static str,
    pub of_opds: fn(u32, u32) -> String,
    pub change: fn(f64) -> String,
    pub same: &'static str,
    pub own_opds: fn(&str) -> String,
    pub attention_title: &'static str,
    pub opds_title: &'static str,
    pub order: &'static str,
    pub orders: [&'static str; 3],
    pub showing: fn(usize, u32) -> String,
    pub next_page: &'static str,
    pub first_page: &'static str,
    pub pager: &'static str,
}

const ID: Text = Text {
    title: "Dasbor Kepatuhan Budaya Kerja",
    node: "Wilayah",
    year: "Tahun",
    quarter: "Triwulan",
    opd_type: "Jenis OPD",
    all_types: "Semua jenis",
    apply: "Terapkan",
    share_hint: "Alamat halaman ini menyimpan filter; bagikan untuk menunjukkan tampilan yang sama.",
    weights_title: "Bobot indeks yang dipakai",
    average: "Rata-rata",
    weights_version: |pemda, version| {
        if version == 0 {
            format!("{pemda}: bobot bawaan (versi 0)")
        } else {
            format!("{pemda}: bobot versi {version}")
        }
    },
    weights_change: |pemda| format!("Ubah bobot indeks {pemda}"),
    weights_hint: "Jumlah kelima bobot harus 100. Setiap perubahan menjadi versi baru, tercatat di jejak audit, dan \
                   langsung dipakai untuk semua OPD Pemda ini.",
    weights_elsewhere: "Bobot Pemda lain diubah dari dasbor Pemda itu: pilih Pemda tersebut di tabel atau di pilihan \
                        unit.",
    weights_save: "Simpan bobot",
    weights_saved: |version| format!("Bobot versi {version} disimpan; indeks dihitung ulang."),
    opd: "OPD",
    pemda: "Pemda",
    score: "Indeks",
    band: "Kategori",
    explain: "Rincian",
    component: "Komponen",
    points: "Poin",
    why: "Kekurangan",
    full_marks: "Penuh",
    open_report: "Buka laporan",
    open_values: "Buka pilihan nilai",
    open_opd: "Buka halaman OPD",
    no_report: "Laporan triwulan ini belum dibuat.",
    rollup: "Per Pemda",
    submitted: "Diajukan",
    on_time: "Laporan tepat waktu",
    accepted: "Laporan diterima",
    state: "Laporan",
    due: "Batas",
    not_due: "Triwulan ini belum berakhir; laporannya belum jatuh tempo.",
    funnel_title: "Tahapan OPD triwulan ini",
    stage: "Tertahan di tahap",
    days: "Hari",
    all_done: "Semua tahap tercapai",
    charts_title: "Grafik",
    chart_alt: |title| format!("{title}. Angka lengkapnya ada di unduhan CSV."),
    download_svg: "Unduh SVG",
    download_csv: "Unduh CSV",
    no_opds: "Tidak ada OPD dalam tampilan ini.",
    opds: "OPD",
    of_opds: |part, total| format!("{part} dari {total} OPD"),
    change: |delta| {
        if delta > 0.0 {
            format!("naik {} dari triwulan sebelumnya", domain::dashboard::chart::format_number(delta))
        } else {
            format!("turun {} dari triwulan sebelumnya", domain::dashboard::chart::format_number(-delta))
        }
    },
    same: "sama dengan triwulan sebelumnya",
    own_opds: |name| format!("OPD {name} sendiri"),
    attention_title: "Perlu perhatian lebih dulu",
    opds_title: "Semua OPD",
    order: "Urutkan",
    orders: ["Indeks terendah", "Indeks tertinggi", "Nama"],
    showing: |shown, total| format!("Menampilkan {shown} dari {total} OPD."),
    next_page: "Halaman berikutnya",
    first_page: "Kembali ke halaman pertama",
    pager: "Halaman daftar OPD",
};

const EN: Text = Text {
    title: "Work Culture Compliance Dashboard",
    node: "Area",
    year: "Year",
    quarter: "Quarter",
    opd_type: "Agency type",
    all_types: "All types",
    apply: "Apply",
    share_hint: "This page's address holds the filters; share it to show the same view.",
    weights_title: "Index weights in use",
    average: "Average",
    weights_version: |pemda, version| {
        if version == 0 {
            format!("{pemda}: default weights (version 0)")
        } else {
            format!("{pemda}: weights version {version}")
        }
    },
    weights_change: |pemda| format!("Change the index weights of {pemda}"),
    weights_hint: "The five weights must add up to 100. Every change becomes a new version, is recorded in the \
                   audit trail and applies at once to every agency of this government.",
    weights_elsewhere: "Another government's weights are changed from its own dashboard: choose it in the table or \
                        in the unit picker.",
    weights_save: "Save weights",
    weights_saved: |version| format!("Weights version {version} saved; the index is recomputed."),
    opd: "Agency",
    pemda: "Government",
    score: "Index",
    band: "Band",
    explain: "Details",
    component: "Component",
    points: "Points",
    why: "Shortfalls",
    full_marks: "Full",
    open_report: "Open the report",
    open_values: "Open the value selection",
    open_opd: "Open the agency page",
    no_report: "No report started for this quarter.",
    rollup: "Per government",
    submitted: "Submitted",
    on_time: "Reports on time",
    accepted: "Reports accepted",
    state: "Report",
    due: "Due",
    not_due: "This quarter has not ended; its report is not due yet.",
    funnel_title: "Agencies' stages this quarter",
    stage: "Stuck at",
    days: "Days",
    all_done: "Every stage reached",
    charts_title: "Charts",
    chart_alt: |title| format!("{title}. The full numbers are in the CSV download."),
    download_svg: "Download SVG",
    download_csv: "Download CSV",
    no_opds: "No agency in this view.",
    opds: "Agencies",
    of_opds: |part, total| format!("{part} of {total} agencies"),
    change: |delta| {
        if delta > 0.0 {
            format!("up {} on the quarter before", domain::dashboard::chart::format_number(delta))
        } else {
            format!("down {} on the quarter before", domain::dashboard::chart::format_number(-delta))
        }
    },
    same: "the same as the quarter before",
    own_opds: |name| format!("{name}'s own agencies"),
    attention_title: "Needing attention first",
    opds_title: "All agencies",
    order: "Order",
    orders: ["Lowest index", "Highest index", "Name"],
    showing: |shown, total| format!("Showing {shown} of {total} agencies."),
    next_page: "Next page",
    first_page: "Back to the first page",
    pager: "Pages of the agency list",
};

/// The dashboard's strings in the request's language.
pub fn use_text() -> &'static Text {
    match use_locale() {
        Locale::Id => &ID,
        Locale::En => &EN,
    }
}
