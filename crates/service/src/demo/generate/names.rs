//! Words the generated province is made of: agencies as a Pemda has them, people's names, action titles.

use domain::{kbk::ActionKind, org::OrgKind};

/// The agencies of a Pemda, in the order they are generated; beyond the list, names repeat with a number.
pub(super) const AGENCIES: [(OrgKind, &str); 46] = [
    (OrgKind::Dinas, "Dinas Pendidikan"),
    (OrgKind::Dinas, "Dinas Kesehatan"),
    (OrgKind::Dinas, "Dinas Pekerjaan Umum dan Penataan Ruang"),
    (OrgKind::Dinas, "Dinas Perumahan dan Kawasan Permukiman"),
    (OrgKind::Dinas, "Dinas Sosial"),
    (OrgKind::Dinas, "Dinas Tenaga Kerja"),
    (OrgKind::Dinas, "Dinas Lingkungan Hidup"),
    (OrgKind::Dinas, "Dinas Kependudukan dan Pencatatan Sipil"),
    (OrgKind::Dinas, "Dinas Pemberdayaan Masyarakat dan Desa"),
    (OrgKind::Dinas, "Dinas Perhubungan"),
    (OrgKind::Dinas, "Dinas Komunikasi dan Informatika"),
    (OrgKind::Dinas, "Dinas Koperasi dan Usaha Kecil Menengah"),
    (OrgKind::Dinas, "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    (OrgKind::Dinas, "Dinas Kepemudaan dan Olahraga"),
    (OrgKind::Dinas, "Dinas Perpustakaan dan Kearsipan"),
    (OrgKind::Dinas, "Dinas Kelautan dan Perikanan"),
    (OrgKind::Dinas, "Dinas Pariwisata"),
    (OrgKind::Dinas, "Dinas Pertanian"),
    (OrgKind::Dinas, "Dinas Perindustrian dan Perdagangan"),
    (OrgKind::Dinas, "Dinas Ketahanan Pangan"),
    (OrgKind::Dinas, "Dinas Pemadam Kebakaran"),
    (OrgKind::Dinas, "Dinas Kebudayaan"),
    (OrgKind::Dinas, "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
    (OrgKind::Dinas, "Dinas Pengendalian Penduduk dan Keluarga Berencana"),
    (OrgKind::Dinas, "Dinas Energi dan Sumber Daya Mineral"),
    (OrgKind::Dinas, "Dinas Kehutanan"),
    (OrgKind::Dinas, "Dinas Peternakan dan Kesehatan Hewan"),
    (OrgKind::Dinas, "Dinas Perkebunan"),
    (OrgKind::Badan, "Badan Perencanaan Pembangunan Daerah"),
    (OrgKind::Badan, "Badan Kepegawaian Daerah"),
    (OrgKind::Badan, "Badan Pengelolaan Keuangan dan Aset Daerah"),
    (OrgKind::Badan, "Badan Pendapatan Daerah"),
    (OrgKind::Badan, "Badan Penanggulangan Bencana Daerah"),
    (OrgKind::Badan, "Badan Kesatuan Bangsa dan Politik"),
    (OrgKind::Badan, "Badan Pengembangan Sumber Daya Manusia"),
    (OrgKind::Badan, "Badan Riset dan Inovasi Daerah"),
    (OrgKind::Inspektorat, "Inspektorat Daerah"),
    (OrgKind::SekretariatDprd, "Sekretariat DPRD"),
    (OrgKind::SatuanPolisiPamongPraja, "Satuan Polisi Pamong Praja"),
    (OrgKind::Rsud, "Rumah Sakit Umum Daerah"),
    (OrgKind::Dinas, "Dinas Arsip Daerah"),
    (OrgKind::Dinas, "Dinas Statistik Daerah"),
    (OrgKind::Dinas, "Dinas Tanaman Pangan dan Hortikultura"),
    (OrgKind::Dinas, "Dinas Sumber Daya Air"),
    (OrgKind::Dinas, "Dinas Bina Marga"),
    (OrgKind::Dinas, "Dinas Cipta Karya"),
];

pub(super) const REGIONS: [&str; 12] = [
    "Sungai Lestari",
    "Tanjung Harapan",
    "Bukit Permai",
    "Muara Jaya",
    "Teluk Indah",
    "Padang Makmur",
    "Gunung Sejahtera",
    "Lembah Hijau",
    "Pesisir Timur",
    "Danau Biru",
    "Kuala Raya",
    "Rimba Sentosa",
];

pub(super) const GIVEN: [&str; 16] = [
    "Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gita", "Hendra", "Indah", "Joko", "Kartika", "Lestari", "Made",
    "Nur", "Putri", "Rahmat",
];

pub(super) const FAMILY: [&str; 12] = [
    "Santoso",
    "Wijaya",
    "Lubis",
    "Siregar",
    "Nugroho",
    "Pratama",
    "Hidayat",
    "Saputra",
    "Rahayu",
    "Kusuma",
    "Simanjuntak",
    "Halim",
];

/// Action titles per kind: what a KBK of any agency does.
pub(super) const ACTIONS: [(ActionKind, &str); 9] = [
    (ActionKind::PertemuanRutin, "Rapat rutin KBK"),
    (ActionKind::Sosialisasi, "Sosialisasi nilai budaya kerja"),
    (ActionKind::Apel, "Apel pagi dan ikrar nilai"),
    (ActionKind::Bimtek, "Bimbingan teknis pelayanan prima"),
    (ActionKind::AksiPerbaikan, "Aksi perbaikan alur layanan"),
    (ActionKind::Kebersihan5r, "Gerakan 5R ruang kerja"),
    (ActionKind::LayananInovasi, "Uji coba inovasi layanan"),
    (ActionKind::PenghargaanRoleModel, "Penghargaan pegawai teladan"),
    (ActionKind::LainLain, "Kegiatan budaya kerja"),
];

/// `name` in its `round`th pass through a list: as it is the first time, then with the pass's number.
fn numbered(name: &str, round: usize) -> String {
    match round {
        0 => name.to_owned(),
        round => format!("{name} {}", round + 1),
    }
}

/// The region of province `index`; beyond the list, names repeat with a number.
pub(super) fn region(index: usize) -> String {
    numbered(REGIONS[index % REGIONS.len()], index / REGIONS.len())
}

/// The agency at `index` in a Pemda: its kind and name.
pub(super) fn agency(index: usize) -> (OrgKind, String) {
    let (kind, name) = AGENCIES[index % AGENCIES.len()];
    (kind, numbered(name, index / AGENCIES.len()))
}
