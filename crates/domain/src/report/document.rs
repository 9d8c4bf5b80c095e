//! The official report, "Laporan Pelaksanaan Budaya Kerja" (domain brief, section 7): what it says, as a list
//! of blocks that the PDF on the server and the print page in the browser both lay out, so the two never differ.

use super::{NarrativeSection, view::ReportView};
use crate::{
    ids::ActionId,
    kbk::KbkView,
    locale::Locale,
    programme::{ChoiceView, Quarter},
    time::{format_date, format_long_date},
    workflow::Subject,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The document's title.
pub const TITLE: &str = "Laporan Pelaksanaan Budaya Kerja";

/// Relative column widths of the evidence index: No, action, file, size, SHA-256 (wide enough for 64 hex digits
/// on one line of the PDF).
pub const EVIDENCE_WIDTHS: [u16; 5] = [4, 20, 18, 9, 56];

/// One evidence file of an included action, as the evidence index lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceEntry {
    /// The action it documents.
    pub action_id: ActionId,
    /// That action's title.
    pub action: String,
    /// The file's name as uploaded.
    pub file_name: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the stored bytes, hex.
    pub sha256: String,
}

/// Who signs the report: the Kepala OPD.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    /// Full name.
    pub name: String,
    /// Civil servant number, when known.
    pub nip: Option<String>,
}

/// Everything the official report shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDocument {
    /// The report: identity, state, narrative and the actions per value.
    pub report: ReportView,
    /// The OPD's code.
    pub opd_code: String,
    /// The OPD's active KBKs with their members.
    pub kbks: Vec<KbkView>,
    /// The values the OPD chose for the year, with their key behaviours.
    pub values: Vec<ChoiceView>,
    /// The included actions' evidence files.
    pub evidence: Vec<EvidenceEntry>,
    /// The Kepala OPD, if one is appointed.
    pub signer: Option<Signer>,
    /// The day the document was produced, in the Pemda's zone.
    pub produced_on: NaiveDate,
}

/// A table: relative column widths, a header and rows of cells. `mono` names the column of fingerprints, set in
/// a fixed-width font so that they can be compared character by character.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Relative widths, one per column.
    pub widths: Vec<u16>,
    /// Column headings.
    pub header: Vec<String>,
    /// The rows, each with one cell per column.
    pub rows: Vec<Vec<String>>,
    /// The column set in a fixed-width font, if any.
    pub mono: Option<usize>,
}

/// One block of the document, in reading order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// The centred title lines at the top.
    Title(Vec<String>),
    /// A numbered chapter heading, e.g. "A. Identitas Perangkat Daerah".
    Heading(String),
    /// A heading inside a chapter.
    Subheading(String),
    /// Label and value pairs.
    Fields(Vec<(String, String)>),
    /// Running text; line breaks are kept.
    Paragraph(String),
    /// A table.
    Table(Table),
    /// The signature block: place and date, the office, the signer's name and NIP.
    Signature {
        /// e.g. "Samarinda, 23 November 2026".
        place_date: String,
        /// e.g. "Kepala Dinas Lingkungan Hidup".
        office: String,
        /// The signer's name, or a line to write it on.
        name: String,
        /// e.g. "NIP. 19750101 200003 1 001", or empty.
        nip: String,
    },
}

const NONE: &str = "-";

fn or_none(text: &str) -> String {
    if text.trim().is_empty() { NONE.to_owned() } else { text.to_owned() }
}

/// A size as people read it, e.g. `1,2 MB` or `830 KB`.
pub fn size_label(bytes: u64) -> String {
    const KB: u64 = 1024;
    if bytes < KB * KB {
        format!("{} KB", bytes.div_ceil(KB).max(1))
    } else {
        let tenths = (bytes * 10).div_ceil(KB * KB);
        format!("{},{} MB", tenths / 10, tenths % 10)
    }
}

impl ReportDocument {
    fn quarter(&self) -> Option<Quarter> {
        Quarter::try_from(self.report.summary.quarter).ok()
    }

    /// "Triwulan III Tahun 2026".
    pub fn period(&self) -> String {
        let quarter = self.quarter().map(|q| q.label(Locale::Id)).unwrap_or_default();
        format!("{quarter} Tahun {}", self.report.summary.year)
    }

    /// The blocks of the document, in reading order.
    pub fn blocks(&self) -> Vec<Block> {
        let summary = &self.report.summary;
        let mut blocks = vec![Block::Title(vec![
            TITLE.to_uppercase(),
            summary.opd_name.to_uppercase(),
            summary.pemda_name.to_uppercase(),
            self.period().to_uppercase(),
        ])];
        blocks.push(Block::Heading("A. Identitas Perangkat Daerah".into()));
        blocks.push(Block::Fields(self.identity()));
        blocks.push(Block::Heading("B. Kelompok Budaya Kerja".into()));
        self.roster(&mut blocks);
        blocks.push(Block::Heading("C. Nilai yang Dipilih dan Perilaku Utama".into()));
        self.values(&mut blocks);
        blocks.push(Block::Heading("D. Kegiatan per Nilai".into()));
        self.actions(&mut blocks);
        blocks.push(Block::Heading("E. Uraian".into()));
        let narrative = &self.report.narrative;
        for (section, text) in [
            (NarrativeSection::Achievements, &narrative.achievements),
            (NarrativeSection::Obstacles, &narrative.obstacles),
            (NarrativeSection::FollowUp, &narrative.follow_up),
        ] {
            blocks.push(Block::Subheading(section.label(Locale::Id).to_owned()));
            blocks.push(Block::Paragraph(or_none(text)));
        }
        blocks.push(Block::Heading("F. Indeks Bukti".into()));
        self.evidence_index(&mut blocks);
        blocks.push(self.signature());
        blocks
    }

    fn identity(&self) -> Vec<(String, String)> {
        let summary = &self.report.summary;
        let span = match self.quarter().and_then(|q| q.start(summary.year).zip(q.end(summary.year))) {
            Some((start, end)) => format!(" ({} - {})", format_date(start, Locale::Id), format_date(end, Locale::Id)),
            None => String::new(),
        };
        let mut state = summary.state.label(Subject::Report, Locale::Id).to_owned();
        if summary.late {
            state.push_str(" (terlambat)");
        }
        let submitted =
            summary.submitted_at.map_or_else(|| NONE.to_owned(), |at| format_date(at.date_naive(), Locale::Id));
        let due = format!(
            "{}{}",
            format_date(summary.due_on, Locale::Id),
            if summary.extended { " (diperpanjang)" } else { "" }
        );
        [
            ("Perangkat Daerah", summary.opd_name.clone()),
            ("Kode", or_none(&self.opd_code)),
            ("Pemerintah Daerah", summary.pemda_name.clone()),
            ("Periode", format!("{}{span}", self.period())),
            ("Batas waktu", due),
            ("Diserahkan", submitted),
            ("Status", state),
            ("Revisi", summary.revision.to_string()),
        ]
        .into_iter()
        .map(|(label, value)| (label.to_owned(), value))
        .collect()
    }

    fn roster(&self, blocks: &mut Vec<Block>) {
        if self.kbks.is_empty() {
            blocks.push(Block::Paragraph("Belum ada KBK yang aktif.".into()));
        }
        for kbk in &self.kbks {
            blocks.push(Block::Subheading(format!("{} ({})", kbk.name, kbk.work_unit)));
            let decree = kbk.decree.as_ref().map_or_else(
                || "belum ada".to_owned(),
                |sk| format!("{}, {}", sk.number, format_date(sk.date, Locale::Id)),
            );
            blocks.push(Block::Fields(vec![("SK KBK".into(), decree)]));
            let rows = kbk
                .members
                .iter()
                .filter(|m| m.active)
                .enumerate()
                .map(|(n, m)| {
                    vec![
                        (n + 1).to_string(),
                        m.name.clone(),
                        m.nip.clone().unwrap_or_else(|| NONE.to_owned()),
                        m.role.label(Locale::Id).to_owned(),
                    ]
                })
                .collect();
            blocks.push(Block::Table(Table {
                widths: vec![4, 40, 28, 20],
                header: ["No", "Nama", "NIP", "Peran"].map(str::to_owned).to_vec(),
                rows,
                mono: None,
            }));
        }
    }

    fn values(&self, blocks: &mut Vec<Block>) {
        if self.values.is_empty() {
            blocks.push(Block::Paragraph("Belum ada nilai yang disetujui untuk tahun ini.".into()));
        }
        for choice in &self.values {
            let pair = choice.pair_name.as_ref().map(|p| format!(" - pasangan {p}")).unwrap_or_default();
            blocks.push(Block::Subheading(format!("{} {}{pair}", choice.value_code, choice.value_name)));
            blocks.push(Block::Fields(vec![("Alasan".into(), or_none(&choice.reason))]));
            let rows = choice
                .behaviours
                .iter()
                .enumerate()
                .map(|(n, b)| vec![(n + 1).to_string(), b.description.clone(), b.target.clone()])
                .collect();
            blocks.push(Block::Table(Table {
                widths: vec![4, 52, 40],
                header: ["No", "Perilaku utama", "Target"].map(str::to_owned).to_vec(),
                rows,
                mono: None,
            }));
        }
    }

    fn actions(&self, blocks: &mut Vec<Block>) {
        for section in &self.report.sections {
            blocks.push(Block::Subheading(format!("{} {}", section.code, section.name)));
            let included: Vec<_> = section.actions.iter().filter(|a| !a.excluded).collect();
            if included.is_empty() {
                blocks.push(Block::Paragraph("Belum ada kegiatan terverifikasi untuk nilai ini.".into()));
                continue;
            }
            let rows = included
                .iter()
                .enumerate()
                .map(|(n, a)| {
                    vec![
                        (n + 1).to_string(),
                        format_date(a.started_on, Locale::Id),
                        a.title.clone(),
                        a.kind.label(Locale::Id).to_owned(),
                        a.kbk_name.clone(),
                        a.attendees.to_string(),
                        a.evidence_count.to_string(),
                    ]
                })
                .collect();
            blocks.push(Block::Table(Table {
                widths: vec![4, 13, 36, 17, 16, 7, 7],
                header: ["No", "Tanggal", "Kegiatan", "Jenis", "KBK", "Hadir", "Bukti"].map(str::to_owned).to_vec(),
                rows,
                mono: None,
            }));
        }
    }

    fn evidence_index(&self, blocks: &mut Vec<Block>) {
        if self.evidence.is_empty() {
            blocks.push(Block::Paragraph("Tidak ada berkas bukti.".into()));
            return;
        }
        blocks.push(Block::Paragraph(
            "Sidik jari SHA-256 setiap berkas sama dengan berkas dalam paket bukti (evidence.zip) dan di Budaya; \
             berkas yang diubah sesudahnya tidak akan cocok."
                .into(),
        ));
        let rows = self
            .evidence
            .iter()
            .enumerate()
            .map(|(n, e)| {
                vec![(n + 1).to_string(), e.action.clone(), e.file_name.clone(), size_label(e.size), e.sha256.clone()]
            })
            .collect();
        blocks.push(Block::Table(Table {
            widths: EVIDENCE_WIDTHS.to_vec(),
            header: ["No", "Kegiatan", "Berkas", "Ukuran", "SHA-256"].map(str::to_owned).to_vec(),
            rows,
            mono: Some(4),
        }));
    }

    fn signature(&self) -> Block {
        let summary = &self.report.summary;
        // "Pemerintah Kota Bontang" signs in "Bontang".
        let name = summary.pemda_name.trim_start_matches("Pemerintah ");
        let place = ["Provinsi ", "Kabupaten ", "Kota "].iter().fold(name, |n, kind| n.trim_start_matches(kind));
        Block::Signature {
            place_date: format!("{place}, {}", format_long_date(self.produced_on, Locale::Id)),
            office: format!("Kepala {}", summary.opd_name),
            name: self
                .signer
                .as_ref()
                .map_or_else(|| "(.................................)".to_owned(), |s| s.name.clone()),
            nip: self.signer.as_ref().and_then(|s| s.nip.as_ref()).map(|nip| format!("NIP. {nip}")).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_kilobytes_below_a_megabyte_and_in_tenths_of_megabytes_above() {
        assert_eq!(size_label(0), "1 KB");
        assert_eq!(size_label(1500), "2 KB");
        assert_eq!(size_label(1024 * 1024), "1,0 MB");
        assert_eq!(size_label(1024 * 1024 * 5 / 2), "2,5 MB");
    }
}
