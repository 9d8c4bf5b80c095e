//! Lays the official report out on A4 pages. The standard PDF fonts need no font files and every PDF reader has
//! them; their glyph widths (from printpdf's metrics) drive the line breaking.

use domain::report::document::{Block, ReportDocument, TITLE, Table};
use printpdf::{
    BuiltinFont, Color, Line, LinePoint, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point,
    Pt, Rect, Rgb, TextItem,
};
use std::sync::LazyLock;

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 50.0;
const RIGHT: f32 = PAGE_W - 50.0;
const TOP: f32 = PAGE_H - 56.0;
const BOTTOM: f32 = 60.0;
const BODY: f32 = 10.0;
const CELL: f32 = 8.5;
const MONO: f32 = 6.5;
const PAD: f32 = 3.0;

/// A standard font and its glyph widths.
struct Face {
    font: BuiltinFont,
    metrics: Option<ParsedFont>,
}

impl Face {
    fn new(font: BuiltinFont) -> Self {
        Self { font, metrics: font.get_parsed_font() }
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let Some(metrics) = &self.metrics else {
            return text.chars().count() as f32 * 0.6 * size;
        };
        let em = f32::from(metrics.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|c| {
                let glyph = metrics.lookup_glyph_index(u32::from(c));
                u32::from(glyph.and_then(|g| metrics.get_glyph_width(g)).unwrap_or(metrics.units_per_em / 2))
            })
            .sum();
        units as f32 / em * size
    }
}

struct Faces {
    regular: Face,
    bold: Face,
    mono: Face,
}

static FACES: LazyLock<Faces> = LazyLock::new(|| Faces {
    regular: Face::new(BuiltinFont::Helvetica),
    bold: Face::new(BuiltinFont::HelveticaBold),
    mono: Face::new(BuiltinFont::Courier),
});

/// Breaks `text` into lines no wider than `max`: at spaces where it can, inside a word where it must. Line
/// breaks in the text are kept.
fn wrap(face: &Face, text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if face.width(&candidate, size) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if face.width(&line, size) > max && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                }
            }
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

fn grey(level: f32) -> Color {
    Color::Rgb(Rgb::new(level, level, level, None))
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false }
}

/// Pages being filled top to bottom.
struct Writer {
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    y: f32,
}

impl Writer {
    fn new() -> Self {
        Self { pages: Vec::new(), ops: Vec::new(), y: TOP }
    }

    fn text(&mut self, face: &Face, size: f32, x: f32, y: f32, text: &str) {
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::Builtin(face.font), size: Pt(size) },
            Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(y) } },
            Op::ShowText { items: vec![TextItem::Text(text.to_owned())] },
            Op::EndTextSection,
        ]);
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32)) {
        self.ops.push(Op::DrawLine {
            line: Line { points: vec![point(from.0, from.1), point(to.0, to.1)], is_closed: false },
        });
    }

    fn shade(&mut self, x: f32, y: f32, width: f32, height: f32) {
        self.ops.extend([
            Op::SetFillColor { col: grey(0.9) },
            Op::DrawRectangle { rectangle: Rect::from_xywh(Pt(x), Pt(y), Pt(width), Pt(height)) },
            Op::SetFillColor { col: grey(0.0) },
        ]);
    }

    fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.ops));
        self.y = TOP;
    }

    /// Starts a new page unless `height` still fits on this one.
    fn room(&mut self, height: f32) {
        if self.y - height < BOTTOM && self.y < TOP {
            self.new_page();
        }
    }

    /// Wrapped lines at `x`, up to `max` wide, breaking pages between lines.
    fn lines(&mut self, face: &Face, size: f32, x: f32, max: f32, text: &str) {
        let leading = size * 1.35;
        for line in wrap(face, text, size, max) {
            self.room(leading);
            self.y -= leading;
            self.text(face, size, x, self.y + size * 0.25, &line);
        }
    }

    fn block(&mut self, block: &Block) {
        let faces = &*FACES;
        match block {
            Block::Title(lines) => {
                for (n, line) in lines.iter().enumerate() {
                    let (face, size) = if n == 0 { (&faces.bold, 14.0) } else { (&faces.bold, 11.5) };
                    for part in wrap(face, line, size, RIGHT - LEFT) {
                        self.y -= size * 1.4;
                        let x = (PAGE_W - face.width(&part, size)) / 2.0;
                        self.text(face, size, x, self.y, &part);
                    }
                }
                self.y -= 10.0;
                self.line((LEFT, self.y), (RIGHT, self.y));
                self.y -= 4.0;
            }
            Block::Heading(text) => {
                self.room(70.0);
                self.y -= 12.0;
                self.lines(&faces.bold, 11.5, LEFT, RIGHT - LEFT, text);
                self.y -= 3.0;
            }
            Block::Subheading(text) => {
                self.room(55.0);
                self.y -= 6.0;
                self.lines(&faces.bold, BODY, LEFT, RIGHT - LEFT, text);
                self.y -= 2.0;
            }
            Block::Fields(fields) => {
                let value_x = LEFT + 120.0;
                for (label, value) in fields {
                    self.room(BODY * 1.35);
                    let top = self.y;
                    self.text(&faces.regular, BODY, LEFT, top - BODY * 1.1, label);
                    self.text(&faces.regular, BODY, value_x - 8.0, top - BODY * 1.1, ":");
                    self.lines(&faces.regular, BODY, value_x, RIGHT - value_x, value);
                }
            }
            Block::Paragraph(text) => {
                self.lines(&faces.regular, BODY, LEFT, RIGHT - LEFT, text);
                self.y -= 3.0;
            }
            Block::Table(table) => self.table(table),
            Block::Signature { place_date, office, name, nip } => {
                self.room(130.0);
                let x = LEFT + (RIGHT - LEFT) * 0.55;
                let max = RIGHT - x;
                self.y -= 24.0;
                self.lines(&faces.regular, BODY, x, max, place_date);
                self.lines(&faces.regular, BODY, x, max, office);
                self.y -= 54.0;
                self.lines(&faces.bold, BODY, x, max, name);
                if !nip.is_empty() {
                    self.lines(&faces.regular, BODY, x, max, nip);
                }
            }
        }
    }

    fn table(&mut self, table: &Table) {
        let faces = &*FACES;
        let total: f32 = table.widths.iter().map(|w| f32::from(*w)).sum::<f32>().max(1.0);
        let widths: Vec<f32> = table.widths.iter().map(|w| f32::from(*w) / total * (RIGHT - LEFT)).collect();
        let cell = |col: usize, text: &str, header: bool| {
            let (face, size) = match (header, table.mono == Some(col)) {
                (true, _) => (&faces.bold, CELL),
                (false, true) => (&faces.mono, MONO),
                (false, false) => (&faces.regular, CELL),
            };
            (face, size, wrap(face, text, size, widths[col] - 2.0 * PAD))
        };
        let row_height = |cells: &[(&Face, f32, Vec<String>)]| {
            cells.iter().map(|(_, _, lines)| lines.len() as f32 * CELL * 1.3).fold(0.0, f32::max) + 2.0 * PAD
        };
        let header: Vec<_> = table.header.iter().enumerate().map(|(col, text)| cell(col, text, true)).collect();
        let header_height = row_height(&header);
        self.y -= 4.0;
        self.room(header_height + CELL * 3.0);
        self.row(&widths, &header, header_height, true);
        for values in &table.rows {
            let cells: Vec<_> = values.iter().enumerate().map(|(col, text)| cell(col, text, false)).collect();
            let height = row_height(&cells);
            if self.y - height < BOTTOM {
                self.new_page();
                self.row(&widths, &header, header_height, true);
            }
            self.row(&widths, &cells, height, false);
        }
        self.y -= 4.0;
    }

    fn row(&mut self, widths: &[f32], cells: &[(&Face, f32, Vec<String>)], height: f32, header: bool) {
        let top = self.y;
        let bottom = top - height;
        if header {
            self.shade(LEFT, bottom, RIGHT - LEFT, height);
        }
        self.line((LEFT, top), (RIGHT, top));
        self.line((LEFT, bottom), (RIGHT, bottom));
        let mut x = LEFT;
        self.line((x, top), (x, bottom));
        for (width, (face, size, lines)) in widths.iter().zip(cells) {
            for (n, line) in lines.iter().enumerate() {
                let baseline = top - PAD - CELL * 1.3 * (n as f32 + 1.0) + CELL * 0.3;
                self.text(face, *size, x + PAD, baseline, line);
            }
            x += width;
            self.line((x, top), (x, bottom));
        }
        self.y = bottom;
    }

    /// The finished pages, each with a footer naming the report and the page.
    fn finish(mut self, footer: &str) -> Vec<PdfPage> {
        if !self.ops.is_empty() || self.pages.is_empty() {
            self.pages.push(std::mem::take(&mut self.ops));
        }
        let count = self.pages.len();
        let faces = &*FACES;
        let pages = std::mem::take(&mut self.pages);
        pages
            .into_iter()
            .enumerate()
            .map(|(n, mut ops)| {
                let mut writer = Writer::new();
                let page = format!("Halaman {} dari {count}", n + 1);
                writer.ops.push(Op::SetFillColor { col: grey(0.35) });
                writer.line((LEFT, BOTTOM - 18.0), (RIGHT, BOTTOM - 18.0));
                writer.text(&faces.regular, 7.5, LEFT, BOTTOM - 30.0, footer);
                writer.text(&faces.regular, 7.5, RIGHT - faces.regular.width(&page, 7.5), BOTTOM - 30.0, &page);
                ops.extend(writer.ops);
                PdfPage::new(printpdf::Mm::from(Pt(PAGE_W)), printpdf::Mm::from(Pt(PAGE_H)), ops)
            })
            .collect()
    }
}

/// The official report as a PDF file.
pub(crate) fn render(document: &ReportDocument) -> Vec<u8> {
    let mut writer = Writer::new();
    for block in document.blocks() {
        writer.block(&block);
    }
    let footer = format!("{TITLE} - {} - {}", document.report.summary.opd_name, document.period());
    let pages = writer.finish(&footer);
    let mut pdf = PdfDocument::new(&format!("{TITLE} {} {}", document.report.summary.opd_name, document.period()));
    pdf.metadata.info.author = document.report.summary.opd_name.clone();
    pdf.metadata.info.creator = "Budaya".to_owned();
    pdf.with_pages(pages).save(&PdfSaveOptions::default(), &mut Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_stay_within_the_width_and_keep_every_word() {
        let face = &FACES.regular;
        let text = "Apel pagi dilaksanakan tepat waktu setiap hari Senin dengan kehadiran seluruh pegawai dinas";
        let lines = wrap(face, text, 10.0, 120.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|line| face.width(line, 10.0) <= 120.0), "{lines:?}");
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_inside_and_loses_no_character() {
        let face = &FACES.mono;
        let hash = "a".repeat(64);
        let lines = wrap(face, &hash, 10.0, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), hash);
    }

    #[test]
    fn line_breaks_in_the_text_are_kept() {
        assert_eq!(wrap(&FACES.regular, "satu\ndua", 10.0, 400.0), vec!["satu", "dua"]);
    }

    #[test]
    fn the_standard_fonts_have_glyph_widths_so_lines_are_measured_not_guessed() {
        let face = &FACES.regular;
        assert!(face.metrics.is_some());
        assert!(face.width("W", 10.0) > face.width("i", 10.0));
    }

    #[test]
    fn a_sha256_fits_on_one_line_of_the_evidence_index() {
        let widths = domain::report::document::EVIDENCE_WIDTHS.map(f32::from);
        let column = widths[4] / widths.iter().sum::<f32>() * (RIGHT - LEFT) - 2.0 * PAD;
        assert_eq!(wrap(&FACES.mono, &"f".repeat(64), MONO, column).len(), 1);
    }
}
