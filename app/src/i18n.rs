//! The UI's languages: which locale a request speaks, and every UI string in both languages.
//!
//! The locale is fixed for a page view: the server reads it from the language cookie and writes it into
//! `<html lang>`, and the browser reads it back from there when hydrating, so both render the same text.
//! `Messages` is a struct rather than a key lookup so a missing translation fails to compile.

pub use domain::locale::Locale;
use leptos::prelude::*;

/// Name of the cookie that remembers the chosen language.
pub const COOKIE: &str = "budaya_lang";

/// The value of cookie `name` in one `Cookie` request header, if set and not empty.
pub fn cookie_in_header<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie, value)| *cookie == name && !value.is_empty())
        .map(|(_, value)| value)
}

/// The locale chosen in a `Cookie` request header, if any.
pub fn locale_from_cookie_header(header: &str) -> Option<Locale> {
    cookie_in_header(header, COOKIE).and_then(Locale::from_tag)
}

/// The locale of the current request (server) or page (browser); Indonesian unless the user chose otherwise.
pub fn request_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get_all(http::header::COOKIE)
                    .iter()
                    .find_map(|header| header.to_str().ok().and_then(locale_from_cookie_header))
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|tag| Locale::from_tag(&tag))
            .unwrap_or_default()
    }
}

/// Makes the request's locale available to every component below.
pub fn provide_locale_context() {
    provide_context(request_locale());
}

/// The locale provided by [`crate::App`]. An island hydrates without the server's context, so in the browser it
/// reads the page's `<html lang>`, which the server wrote from the same choice.
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_else(request_locale)
}

/// The UI strings of the current locale.
pub fn use_messages() -> &'static Messages {
    messages(use_locale())
}

/// The UI strings of `locale`.
pub fn messages(locale: Locale) -> &'static Messages {
    match locale {
        Locale::Id => &ID,
        Locale::En => &EN,
    }
}

/// Every UI string. Functions build the strings that carry numbers or user input.
pub struct Messages {
    pub app_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_values: &'static str,
    pub nav_api: &'static str,
    pub nav_menu: &'static str,
    pub nav_more_label: &'static str,
    pub nav_reports: &'static str,
    pub nav_kbk: &'static str,
    pub nav_opd: &'static str,
    pub nav_review: &'static str,
    pub nav_dashboard: &'static str,
    pub nav_org: &'static str,
    pub nav_style_guide: &'static str,
    pub column_actions: &'static str,
    pub column_notes: &'static str,
    pub table: &'static str,
    pub nav_actions: &'static str,
    pub language: &'static str,
    pub footer_basis: &'static str,
    pub loading: &'static str,
    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub home_steps_title: &'static str,
    pub home_steps: [(&'static str, &'static str); 4],
    pub home_values_title: &'static str,
    pub home_values_body: &'static str,
    pub home_values_link: &'static str,
    pub home_regions_title: &'static str,
    pub home_regions_empty: &'static str,
    pub home_region_agencies: fn(usize) -> String,
    pub values_title: &'static str,
    pub values_framework: &'static str,
    pub values_search_label: &'static str,
    pub values_search_placeholder: &'static str,
    pub values_search_submit: &'static str,
    pub values_showing: fn(usize, usize) -> String,
    pub values_no_match: fn(&str) -> String,
    pub values_pair: &'static str,
    pub values_indicators: &'static str,
    pub values_counts: fn(u32, u32) -> String,
    pub values_single_count: fn(u32) -> String,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub error_title: &'static str,
    pub error_reference: &'static str,
    pub error_not_found: &'static str,
    pub error_unauthenticated: &'static str,
    pub error_too_many: fn(u64) -> String,
    pub error_wrong_credentials: &'static str,
    pub error_malformed: fn(&str) -> String,
    pub error_too_large: fn(u64) -> String,
    pub error_unsupported_media_type: &'static str,
    pub form_problems: &'static str,
    pub form_error_prefix: &'static str,
    pub field_required: fn(&str) -> String,
    pub field_choose: fn(&str) -> String,
    pub field_format: fn(&str) -> String,
    pub field_whole: fn(&str) -> String,
    pub field_at_least: fn(&str, &str) -> String,
    pub field_at_most: fn(&str, &str) -> String,
    pub field_not_after: fn(&str, &str) -> String,
    pub field_too_short: fn(&str, &str) -> String,
    pub field_invalid: fn(&str) -> String,
    pub nav_sign_in: &'static str,
    pub nav_sign_out: &'static str,
    pub sign_in_title: &'static str,
    pub sign_in_lead: &'static str,
    pub sign_in_username: &'static str,
    pub sign_in_password: &'static str,
    pub sign_in_submit: &'static str,
    pub nav_audit: &'static str,
    pub nav_users: &'static str,
    pub users_title: &'static str,
    pub users_name: &'static str,
    pub users_roles: &'static str,
    pub users_role: &'static str,
    pub users_unit: &'static str,
    pub users_status: &'static str,
    pub users_active: &'static str,
    pub users_inactive: &'static str,
    pub users_activate: &'static str,
    pub users_deactivate: &'static str,
    pub users_new: &'static str,
    pub users_create: &'static str,
    pub tokens_title: &'static str,
    pub tokens_lead: &'static str,
    pub tokens_name: &'static str,
    pub tokens_create: &'static str,
    pub tokens_copy_now: &'static str,
    pub tokens_prefix: &'static str,
    pub tokens_created: &'static str,
    pub tokens_last_used: &'static str,
    pub tokens_revoked: &'static str,
    pub users_grant: &'static str,
    pub users_revoke: &'static str,
    pub users_reset: &'static str,
    pub users_reset_hint: &'static str,
    pub users_reset_done: &'static str,
    pub users_new_password: &'static str,
    pub history_title: &'static str,
    pub audit_title: &'static str,
    pub audit_when: &'static str,
    pub audit_actor: &'static str,
    pub audit_action: &'static str,
    pub audit_object: &'static str,
    pub audit_client: &'static str,
    pub audit_filter: &'static str,
    pub audit_empty: &'static str,
    pub audit_older: &'static str,
    pub error_internal: &'static str,
    pub error_transport: &'static str,
}

static ID: Messages = Messages {
    app_tagline: "Pemantauan Program Budaya Kerja",
    skip_to_content: "Langsung ke isi",
    nav_label: "Navigasi utama",
    nav_home: "Beranda",
    nav_values: "Katalog Nilai",
    nav_api: "API",
    nav_menu: "Menu",
    nav_more_label: "Tautan lain",
    nav_reports: "Laporan",
    nav_kbk: "KBK saya",
    nav_opd: "OPD saya",
    nav_review: "Tinjauan",
    nav_dashboard: "Dasbor",
    nav_org: "Organisasi",
    nav_style_guide: "Gaya tampilan",
    column_actions: "Tindakan",
    column_notes: "Catatan",
    table: "tabel",
    nav_actions: "Kegiatan",
    language: "Bahasa",
    footer_basis: "Berdasarkan KepMenPAN Nomor 25/KEP/M.PAN/04/2002 dan PermenPAN-RB Nomor 39 Tahun 2012.",
    loading: "Memuat…",
    home_title: "Budaya kerja yang terdokumentasi dan ada laporannya",
    home_lead: "Budaya membantu setiap perangkat daerah menjalankan program budaya kerja: memilih nilai, membentuk \
                Kelompok Budaya Kerja (KBK), mencatat kegiatan beserta bukti dukungnya, dan menyampaikan laporan \
                triwulan kepada Biro Organisasi.",
    home_steps_title: "Alur program",
    home_steps: [
        ("Pilih nilai", "Kepala OPD memilih nilai dasar budaya kerja untuk tahun berjalan."),
        ("Bentuk KBK", "KBK ditetapkan dengan SK Kepala OPD, lengkap dengan susunan anggotanya."),
        ("Catat kegiatan", "Anggota KBK mencatat kegiatan dengan foto, notulen dan daftar hadir."),
        ("Laporkan", "OPD menyusun laporan triwulan; Biro Organisasi meninjau dan memantau kepatuhan."),
    ],
    home_values_title: "Katalog nilai",
    home_values_body: "17 pasang (34) nilai dasar budaya kerja aparatur negara menurut KepMenPAN 25/2002, serta \
                       nilai dasar ASN BerAKHLAK.",
    home_values_link: "Buka katalog nilai",
    home_regions_title: "Pemerintah daerah",
    home_regions_empty: "Belum ada pemerintah daerah. Jalankan `budaya seed-demo` untuk data contoh.",
    home_region_agencies: |n| format!("{n} perangkat daerah dan unit"),
    values_title: "Katalog Nilai Budaya Kerja",
    values_framework: "Kerangka nilai",
    values_search_label: "Cari nilai",
    values_search_placeholder: "Nama, nomor, atau perilaku, mis. kecepatan",
    values_search_submit: "Cari",
    values_showing: |shown, total| format!("Menampilkan {shown} dari {total} nilai"),
    values_no_match: |query| format!("Tidak ada nilai yang cocok dengan “{query}”."),
    values_pair: "Pasangan",
    values_indicators: "Contoh indikator perilaku",
    values_counts: |pairs, values| format!("{pairs} pasang, {values} nilai"),
    values_single_count: |values| format!("{values} nilai"),
    not_found_title: "Halaman tidak ditemukan",
    not_found_body: "Alamat yang Anda buka tidak ada atau sudah dipindahkan.",
    back_home: "Kembali ke beranda",
    form_problems: "Ada yang perlu diperbaiki",
    form_error_prefix: "Kesalahan:",
    field_required: |label| format!("{label} wajib diisi."),
    field_choose: |label| format!("Pilih {}.", label.to_lowercase()),
    field_format: |label| format!("{label} tidak valid; periksa formatnya."),
    field_whole: |label| format!("{label} harus bilangan bulat."),
    field_at_least: |label, min| format!("{label} paling sedikit {min}."),
    field_at_most: |label, max| format!("{label} paling banyak {max}."),
    field_not_after: |label, date| format!("{label} tidak boleh setelah {date}."),
    field_too_short: |label, min| format!("{label} paling sedikit {min} karakter."),
    field_invalid: |label| format!("{label} tidak valid."),
    error_title: "Terjadi kesalahan",
    error_reference: "Kode rujukan",
    error_not_found: "Data yang diminta tidak ditemukan.",
    error_unauthenticated: "Silakan masuk terlebih dahulu.",
    error_too_many: |seconds| format!("Terlalu banyak percobaan. Coba lagi dalam {seconds} detik."),
    error_wrong_credentials: "Nama pengguna atau kata sandi salah.",
    error_malformed: |detail| format!("Permintaan tidak dapat dibaca: {detail}"),
    error_too_large: |kb| format!("Permintaan terlalu besar: paling banyak {kb} KB."),
    error_unsupported_media_type: "Jenis isi permintaan tidak diterima: kirim application/json.",
    nav_sign_in: "Masuk",
    nav_sign_out: "Keluar",
    sign_in_title: "Masuk ke Budaya",
    sign_in_lead: "Gunakan akun yang diberikan oleh Biro/Bagian Organisasi atau admin OPD Anda.",
    sign_in_username: "Nama pengguna",
    sign_in_password: "Kata sandi",
    sign_in_submit: "Masuk",
    nav_audit: "Jejak Audit",
    nav_users: "Pengguna",
    users_title: "Pengguna",
    users_name: "Nama lengkap",
    users_roles: "Peran",
    users_role: "Peran",
    users_unit: "Unit organisasi",
    users_status: "Status",
    users_active: "Aktif",
    users_inactive: "Nonaktif",
    users_activate: "Aktifkan",
    users_deactivate: "Nonaktifkan",
    users_new: "Tambah pengguna",
    users_create: "Simpan pengguna",
    tokens_title: "Token API",
    tokens_lead: "Token untuk aplikasi lain yang memakai REST API Budaya atas nama Anda: kirim sebagai Authorization: Bearer <token>. Token hanya ditampilkan sekali.",
    tokens_name: "Nama token",
    tokens_create: "Buat token",
    tokens_copy_now: "Salin token ini sekarang; token tidak akan ditampilkan lagi.",
    tokens_prefix: "Awalan",
    tokens_created: "Dibuat",
    tokens_last_used: "Terakhir dipakai",
    tokens_revoked: "Dicabut",
    users_grant: "Berikan peran",
    users_revoke: "Cabut",
    users_reset: "Atur ulang kata sandi",
    users_reset_hint: "Sesi pengguna ini berakhir dan ia masuk dengan kata sandi baru.",
    users_reset_done: "Kata sandi sudah diganti.",
    users_new_password: "Kata sandi baru",
    history_title: "Riwayat",
    audit_title: "Jejak Audit",
    audit_when: "Waktu",
    audit_actor: "Pelaku",
    audit_action: "Tindakan",
    audit_object: "Objek",
    audit_client: "Alamat klien",
    audit_filter: "Saring",
    audit_empty: "Tidak ada kejadian yang cocok dengan saringan ini.",
    audit_older: "Lebih lama",
    error_internal: "Permintaan tidak dapat diproses. Sebutkan kode rujukan ini saat menghubungi admin.",
    error_transport: "Server tidak dapat dihubungi. Periksa koneksi Anda lalu coba lagi.",
};

static EN: Messages = Messages {
    app_tagline: "Work-Culture Programme Tracker",
    skip_to_content: "Skip to content",
    nav_label: "Main navigation",
    nav_home: "Home",
    nav_values: "Value Catalogue",
    nav_api: "API",
    nav_menu: "Menu",
    nav_more_label: "More links",
    nav_reports: "Reports",
    nav_kbk: "My KBK",
    nav_opd: "My agency",
    nav_review: "Review",
    nav_dashboard: "Dashboard",
    nav_org: "Organisation",
    nav_style_guide: "Style guide",
    column_actions: "Actions",
    column_notes: "Notes",
    table: "table",
    nav_actions: "Actions",
    language: "Language",
    footer_basis: "Based on KepMenPAN No. 25/KEP/M.PAN/04/2002 and PermenPAN-RB No. 39 of 2012.",
    loading: "Loading…",
    home_title: "Work culture, documented and reported",
    home_lead: "Budaya helps every regional agency run its work-culture programme: choose values, form a \
                work-culture group (KBK), log actions with their evidence, and submit quarterly reports to the \
                Organisation Bureau.",
    home_steps_title: "How the programme runs",
    home_steps: [
        ("Choose values", "The head of the agency chooses the core work-culture values for the year."),
        ("Form the KBK", "The KBK is set up by the head's decree, with its members and roles."),
        ("Log actions", "KBK members log actions with photos, minutes and attendance lists."),
        ("Report", "The agency compiles quarterly reports; the bureau reviews them and watches compliance."),
    ],
    home_values_title: "Value catalogue",
    home_values_body: "The 17 pairs (34) of core work-culture values of KepMenPAN 25/2002, and the BerAKHLAK core \
                       values of the civil service.",
    home_values_link: "Open the value catalogue",
    home_regions_title: "Regional governments",
    home_regions_empty: "No regional government yet. Run `budaya seed-demo` for demo data.",
    home_region_agencies: |n| format!("{n} agencies and units"),
    values_title: "Work-Culture Value Catalogue",
    values_framework: "Framework",
    values_search_label: "Search values",
    values_search_placeholder: "Name, number or behaviour, e.g. speed",
    values_search_submit: "Search",
    values_showing: |shown, total| format!("Showing {shown} of {total} values"),
    values_no_match: |query| format!("No value matches “{query}”."),
    values_pair: "Pair",
    values_indicators: "Example behaviour indicators",
    values_counts: |pairs, values| format!("{pairs} pairs, {values} values"),
    values_single_count: |values| format!("{values} values"),
    not_found_title: "Page not found",
    not_found_body: "The address you opened does not exist or has moved.",
    back_home: "Back to the home page",
    form_problems: "There is a problem",
    form_error_prefix: "Error:",
    field_required: |label| format!("{label} is required."),
    field_choose: |label| format!("Choose the {}.", label.to_lowercase()),
    field_format: |label| format!("{label} is not valid; check its format."),
    field_whole: |label| format!("{label} must be a whole number."),
    field_at_least: |label, min| format!("{label} must be at least {min}."),
    field_at_most: |label, max| format!("{label} must be at most {max}."),
    field_not_after: |label, date| format!("{label} cannot be after {date}."),
    field_too_short: |label, min| format!("{label} needs at least {min} characters."),
    field_invalid: |label| format!("{label} is not valid."),
    error_title: "Something went wrong",
    error_reference: "Reference",
    error_not_found: "The requested data was not found.",
    error_unauthenticated: "Please sign in first.",
    error_too_many: |seconds| format!("Too many attempts. Try again in {seconds} seconds."),
    error_wrong_credentials: "Wrong username or password.",
    error_malformed: |detail| format!("The request could not be read: {detail}"),
    error_too_large: |kb| format!("The request is too large: at most {kb} KB."),
    error_unsupported_media_type: "The request's content type is not accepted: send application/json.",
    nav_sign_in: "Sign in",
    nav_sign_out: "Sign out",
    sign_in_title: "Sign in to Budaya",
    sign_in_lead: "Use the account given to you by the Organisation Bureau or your agency's admin.",
    sign_in_username: "Username",
    sign_in_password: "Password",
    sign_in_submit: "Sign in",
    nav_audit: "Audit Trail",
    nav_users: "Users",
    users_title: "Users",
    users_name: "Full name",
    users_roles: "Roles",
    users_role: "Role",
    users_unit: "Org unit",
    users_status: "Status",
    users_active: "Active",
    users_inactive: "Inactive",
    users_activate: "Activate",
    users_deactivate: "Deactivate",
    users_new: "Add a user",
    users_create: "Save user",
    tokens_title: "API tokens",
    tokens_lead: "Tokens for other applications using the Budaya REST API on your behalf: send as Authorization: Bearer <token>. A token is shown only once.",
    tokens_name: "Token name",
    tokens_create: "Create token",
    tokens_copy_now: "Copy this token now; it will not be shown again.",
    tokens_prefix: "Prefix",
    tokens_created: "Created",
    tokens_last_used: "Last used",
    tokens_revoked: "Revoked",
    users_grant: "Grant role",
    users_revoke: "Revoke",
    users_reset: "Reset password",
    users_reset_hint: "Their sessions end; they sign in with the new password.",
    users_reset_done: "The password was changed.",
    users_new_password: "New password",
    history_title: "History",
    audit_title: "Audit Trail",
    audit_when: "When",
    audit_actor: "Actor",
    audit_action: "Action",
    audit_object: "Object",
    audit_client: "Client address",
    audit_filter: "Filter",
    audit_empty: "No event matches these filters.",
    audit_older: "Older",
    error_internal: "The request could not be processed. Quote this reference when contacting the administrator.",
    error_transport: "The server could not be reached. Check your connection and try again.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_cookie_is_found_among_other_cookies() {
        assert_eq!(locale_from_cookie_header("a=1; budaya_lang=en; b=2"), Some(Locale::En));
        assert_eq!(locale_from_cookie_header("budaya_lang=id"), Some(Locale::Id));
    }

    #[test]
    fn an_unknown_or_missing_language_cookie_chooses_nothing() {
        assert_eq!(locale_from_cookie_header("budaya_lang=fr"), None);
        assert_eq!(locale_from_cookie_header("other=en"), None);
        assert_eq!(locale_from_cookie_header(""), None);
    }

    #[test]
    fn both_languages_say_the_same_things_differently() {
        assert_ne!(ID.nav_values, EN.nav_values);
        assert_ne!((ID.values_showing)(3, 34), (EN.values_showing)(3, 34));
        assert!((ID.values_showing)(3, 34).contains("34"));
    }
}
