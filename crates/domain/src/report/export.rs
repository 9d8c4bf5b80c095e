//! A report's actions as a table (CSV, later XLSX) and its evidence package's manifest.

use crate::{ids::ActionId, kbk::ActionKind, locale::Locale};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One action of a report under one of its values: a row of the CSV and XLSX exports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportRow {
    /// Value code, e.g. "8.2".
    pub value_code: String,
    /// Value name.
    pub value_name: String,
    /// The action.
    pub action_id: ActionId,
    /// Its date.
    pub started_on: NaiveDate,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: ActionKind,
    /// Its KBK.
    pub kbk: String,
    /// People who attended.
    pub attendees: u32,
    /// Evidence files.
    pub evidence: u32,
}

/// The header of the table, in Indonesian (the official language of the report).
pub const HEADER: [&str; 8] = ["Kode nilai", "Nilai", "Tanggal", "Kegiatan", "Jenis", "KBK", "Hadir", "Bukti"];

impl ExportRow {
    /// The row's cells, in [`HEADER`] order.
    pub fn cells(&self) -> [String; 8] {
        [
            self.value_code.clone(),
            self.value_name.clone(),
            self.started_on.to_string(),
            self.title.clone(),
            self.kind.label(Locale::Id).to_owned(),
            self.kbk.clone(),
            self.attendees.to_string(),
            self.evidence.to_string(),
        ]
    }
}

/// Quotes a CSV field when it holds a separator, a quote or a line break (RFC 4180), and defuses a leading
/// `=`, `+`, `-` or `@` that a spreadsheet would run as a formula.
fn field(raw: &str) -> String {
    let safe = if raw.starts_with(['=', '+', '-', '@']) { format!("'{raw}") } else { raw.to_owned() };
    if safe.contains([',', '"', '\n', '\r']) { format!("\"{}\"", safe.replace('"', "\"\"")) } else { safe }
}

/// The rows as CSV with a header line, CRLF line ends.
pub fn csv(rows: &[ExportRow]) -> String {
    let line = |cells: &[String]| cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(",") + "\r\n";
    let header: Vec<String> = HEADER.iter().map(|h| (*h).to_owned()).collect();
    std::iter::once(line(&header)).chain(rows.iter().map(|row| line(&row.cells()))).collect()
}

/// One file of an evidence package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// Its path inside the ZIP.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256, hex.
    pub sha256: String,
    /// The action it documents.
    pub action_id: ActionId,
    /// That action's title.
    pub action: String,
}

/// A name safe inside a ZIP on every system: no directories, no control or reserved characters.
pub fn zip_name(raw: &str) -> String {
    let cleaned: String =
        raw.chars()
            .map(|c| {
                if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                    '_'
                } else {
                    c
                }
            })
            .collect();
    let trimmed = cleaned.trim_matches(['.', ' ']);
    if trimmed.is_empty() { "berkas".to_owned() } else { trimmed.chars().take(120).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn row(title: &str) -> ExportRow {
        ExportRow {
            value_code: "8.2".into(),
            value_name: "Kecepatan".into(),
            action_id: ActionId::from_uuid(Uuid::from_u128(1)),
            started_on: NaiveDate::from_ymd_opt(2026, 8, 17).expect("date"),
            title: title.into(),
            kind: ActionKind::Apel,
            kbk: "Cepat Tepat".into(),
            attendees: 38,
            evidence: 2,
        }
    }

    #[test]
    fn csv_quotes_separators_and_quotes_and_defuses_formulas() {
        let text = csv(&[row("Apel \"disiplin\", pagi"), row("=HYPERLINK(\"x\")")]);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], "Kode nilai,Nilai,Tanggal,Kegiatan,Jenis,KBK,Hadir,Bukti");
        assert!(lines[1].contains(",\"Apel \"\"disiplin\"\", pagi\","), "{}", lines[1]);
        assert!(lines[2].contains(",\"'=HYPERLINK(\"\"x\"\")\","), "{}", lines[2]);
        assert_eq!(lines.len(), 4, "header, two rows, and the empty remainder after the last CRLF");
    }

    #[test]
    fn zip_names_lose_directories_and_reserved_characters() {
        assert_eq!(zip_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(zip_name("foto: apel?.jpg"), "foto_ apel_.jpg");
        assert_eq!(zip_name(" .. "), "berkas");
    }
}
