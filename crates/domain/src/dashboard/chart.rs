//! The dashboard's charts as data: one table per chart that the SVG is drawn from, the CSV is written from and
//! the page shows as the chart's text alternative, so the three can never disagree.

use crate::locale::Locale;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// The charts the dashboard draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ChartKind {
    /// The index per OPD, sorted, coloured by band.
    Index,
    /// Verified actions per OPD and chosen value.
    Heatmap,
    /// The index across the year's quarters: the average and the OPDs asked for.
    Trend,
    /// OPDs' report states per quarter, stacked.
    ReportStates,
    /// How many OPDs chose each value.
    ValueAdoption,
    /// Median days from submission to decision, per reviewer.
    ReviewTurnaround,
}

impl ChartKind {
    /// Every chart, in the order of the page.
    pub const ALL: [ChartKind; 6] = [
        ChartKind::Index,
        ChartKind::Heatmap,
        ChartKind::Trend,
        ChartKind::ReportStates,
        ChartKind::ValueAdoption,
        ChartKind::ReviewTurnaround,
    ];

    /// Its name in URLs (`/dashboard/charts/{slug}.svg`).
    pub const fn slug(self) -> &'static str {
        match self {
            ChartKind::Index => "index",
            ChartKind::Heatmap => "heatmap",
            ChartKind::Trend => "trend",
            ChartKind::ReportStates => "report-states",
            ChartKind::ValueAdoption => "value-adoption",
            ChartKind::ReviewTurnaround => "review-turnaround",
        }
    }

    /// Its title.
    pub const fn title(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (ChartKind::Index, Locale::Id) => "Indeks kepatuhan per OPD",
            (ChartKind::Index, Locale::En) => "Compliance index per agency",
            (ChartKind::Heatmap, Locale::Id) => "Kegiatan terverifikasi per OPD dan nilai",
            (ChartKind::Heatmap, Locale::En) => "Verified actions per agency and value",
            (ChartKind::Trend, Locale::Id) => "Tren indeks per triwulan",
            (ChartKind::Trend, Locale::En) => "Index trend per quarter",
            (ChartKind::ReportStates, Locale::Id) => "Status laporan per triwulan",
            (ChartKind::ReportStates, Locale::En) => "Report states per quarter",
            (ChartKind::ValueAdoption, Locale::Id) => "Jumlah OPD yang memilih tiap nilai",
            (ChartKind::ValueAdoption, Locale::En) => "Agencies choosing each value",
            (ChartKind::ReviewTurnaround, Locale::Id) => "Median hari peninjauan per peninjau",
            (ChartKind::ReviewTurnaround, Locale::En) => "Median review days per reviewer",
        }
    }
}

/// Not one of the charts.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no chart is called {0:?}")]
pub struct UnknownChart(pub String);

impl FromStr for ChartKind {
    type Err = UnknownChart;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ChartKind::ALL.into_iter().find(|kind| kind.slug() == s).ok_or_else(|| UnknownChart(s.to_owned()))
    }
}

/// A chart's numbers: rows (bars, OPDs, quarters, reviewers) by columns (series).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChartTable {
    /// Which chart.
    pub kind: ChartKind,
    /// Its title, with the view it shows.
    pub title: String,
    /// The heading of the row labels.
    pub row_heading: String,
    /// The series.
    pub columns: Vec<String>,
    /// One label and one number per column for each row.
    pub rows: Vec<ChartRow>,
}

/// One row of a chart's table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChartRow {
    /// What the row is (an OPD, a quarter, a value, a reviewer).
    pub label: String,
    /// Its numbers, one per column; `None` where there is nothing to plot.
    pub values: Vec<Option<f64>>,
}

impl ChartTable {
    /// The table as CSV (RFC 4180, with a header), numbers as plotted.
    pub fn csv(&self) -> String {
        let mut out = String::new();
        let header = std::iter::once(self.row_heading.as_str()).chain(self.columns.iter().map(String::as_str));
        out.push_str(&csv_record(header.map(str::to_owned)));
        for row in &self.rows {
            let cells = row.values.iter().map(|v| v.map(format_number).unwrap_or_default());
            out.push_str(&csv_record(std::iter::once(row.label.clone()).chain(cells)));
        }
        out
    }

    /// The text alternative: the title and every row with its numbers.
    pub fn summary(&self) -> String {
        let rows: Vec<String> = self
            .rows
            .iter()
            .map(|row| {
                let cells: Vec<String> = self
                    .columns
                    .iter()
                    .zip(&row.values)
                    .filter_map(|(column, value)| value.map(|v| format!("{column} {}", format_number(v))))
                    .collect();
                format!("{}: {}", row.label, cells.join(", "))
            })
            .collect();
        format!("{}. {}", self.title, rows.join("; "))
    }

    /// The largest number in the table (0 when empty).
    pub fn max(&self) -> f64 {
        self.rows.iter().flat_map(|row| row.values.iter().flatten()).fold(0.0, |a, b| a.max(*b))
    }
}

/// A number as the CSV and the text alternative print it: integers without a decimal point.
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 { format!("{value:.0}") } else { format!("{value:.1}") }
}

/// One CSV record (with its line end), names quoted and formulas defused.
pub fn csv_record(cells: impl Iterator<Item = String>) -> String {
    let quoted: Vec<String> = cells
        .map(|cell| {
            // A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
            let cell = if cell.starts_with(['=', '+', '-', '@']) && cell.parse::<f64>().is_err() {
                format!("'{cell}")
            } else {
                cell
            };
            if cell.contains([',', '"', '\n', '\r']) { format!("\"{}\"", cell.replace('"', "\"\"")) } else { cell }
        })
        .collect();
    let mut record = quoted.join(",");
    record.push_str("\r\n");
    record
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chart_is_found_by_its_slug_and_nothing_else_is() {
        for kind in ChartKind::ALL {
            assert_eq!(kind.slug().parse::<ChartKind>(), Ok(kind));
        }
        assert!("../index".parse::<ChartKind>().is_err());
    }

    #[test]
    fn the_csv_quotes_names_defuses_formulas_and_prints_the_plotted_numbers() {
        let table = ChartTable {
            kind: ChartKind::Index,
            title: "t".into(),
            row_heading: "OPD".into(),
            columns: vec!["Indeks".into()],
            rows: vec![
                ChartRow { label: "Dinas \"A\", Kota".into(), values: vec![Some(67.5)] },
                ChartRow { label: "=HYPERLINK(1)".into(), values: vec![Some(100.0)] },
                ChartRow { label: "C".into(), values: vec![None] },
            ],
        };
        assert_eq!(table.csv(), "OPD,Indeks\r\n\"Dinas \"\"A\"\", Kota\",67.5\r\n'=HYPERLINK(1),100\r\nC,\r\n");
        assert_eq!(table.max(), 100.0);
    }
}
