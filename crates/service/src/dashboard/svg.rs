//! Drawing a chart's table as SVG with plotters, on the server. Text goes through plotters' SVG backend, which
//! escapes it, so an OPD or reviewer named `<script>` stays text. The SVG carries its title and a text summary
//! for screen readers; the page and the CSV carry the full table.

use crate::{ServiceError, ServiceResult};
use domain::dashboard::{
    Band,
    chart::{ChartKind, ChartTable, format_number},
};
use plotters::{
    chart::{MeshStyle, SeriesLabelStyle},
    coord::{
        CoordTranslate, Shift,
        ranged1d::{SegmentValue, ValueFormatter},
    },
    prelude::*,
};

const WIDTH: u32 = 900;
const FONT: &str = "sans-serif";
/// Label size as plotters takes it (it writes `font-size` as this / 1.24: 16.1 units). The page never shows a
/// chart narrower than 43rem (it scrolls instead), so a label is at least 16.1 * 688 / 900 = 12.3 CSS pixels.
const LABEL: u32 = 20;
/// The longest row or column label drawn; the page's table and the CSV carry the full names.
const LABEL_CHARS: usize = 32;
/// Colours of the bands (Baik, Cukup, Kurang, Sangat Kurang): green to red, distinguishable in greyscale too.
const BAND_COLOURS: [RGBColor; 4] =
    [RGBColor(26, 127, 55), RGBColor(154, 103, 0), RGBColor(207, 92, 21), RGBColor(164, 14, 38)];
/// Series colours (report states, trend lines).
const SERIES: [RGBColor; 6] = [
    RGBColor(110, 119, 129),
    RGBColor(84, 174, 255),
    RGBColor(9, 105, 218),
    RGBColor(207, 92, 21),
    RGBColor(26, 127, 55),
    RGBColor(130, 80, 223),
];

fn band_colour(score: f64) -> RGBColor {
    match Band::of(score) {
        Band::Baik => BAND_COLOURS[0],
        Band::Cukup => BAND_COLOURS[1],
        Band::Kurang => BAND_COLOURS[2],
        Band::SangatKurang => BAND_COLOURS[3],
    }
}

fn failed(err: impl std::fmt::Display) -> ServiceError {
    ServiceError::Render(err.to_string())
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The chart of `table` as an SVG document.
pub fn render(table: &ChartTable) -> ServiceResult<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height(table))).into_drawing_area();
        root.fill(&WHITE).map_err(failed)?;
        match table.kind {
            ChartKind::Index => bars(&root, table, 100.0, band_colour)?,
            ChartKind::ValueAdoption | ChartKind::ReviewTurnaround => {
                bars(&root, table, table.max().max(1.0) * 1.1, |_| SERIES[2])?;
            }
            ChartKind::ReportStates => stacked(&root, table)?,
            ChartKind::Trend => lines(&root, table)?,
            ChartKind::Heatmap => grid(&root, table)?,
        }
        root.present().map_err(failed)?;
    }
    // Plotters writes no title; add one and an accessible name right after the opening tag.
    let open_end = svg.find('>').ok_or_else(|| failed("no svg element"))?;
    let title = xml_escape(&table.title);
    let label = format!(" role=\"img\" aria-label=\"{}\"", xml_escape(&table.summary()));
    svg.insert_str(open_end + 1, &format!("\n<title>{title}</title>"));
    svg.insert_str(open_end, &label);
    Ok(svg)
}

type Canvas<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// `label` as drawn: cut at [`LABEL_CHARS`] with an ellipsis.
fn short(label: &str, chars: usize) -> String {
    if label.chars().count() <= chars {
        label.to_owned()
    } else {
        format!("{}…", label.chars().take(chars - 1).collect::<String>().trim_end())
    }
}

/// The height of the drawing: bar charts and the grid grow with their rows, the others are fixed.
fn height(table: &ChartTable) -> u32 {
    let rows = u32::try_from(table.rows.len().max(1)).unwrap_or(u32::MAX / 32);
    match table.kind {
        ChartKind::Index | ChartKind::ValueAdoption | ChartKind::ReviewTurnaround => 80 + 30 * rows,
        ChartKind::Heatmap => 220 + 30 * rows,
        ChartKind::Trend | ChartKind::ReportStates => 420,
    }
}

/// A chart on the canvas with label areas of the given sizes (x, y). No caption: the page shows the title
/// above the chart, and the SVG carries it as its `<title>`.
fn chart_on<'a, 'b>(root: &'a Canvas<'b>, label_areas: (u32, u32)) -> ChartBuilder<'a, 'b, SVGBackend<'b>> {
    let mut builder = ChartBuilder::on(root);
    builder.margin(16).x_label_area_size(label_areas.0).y_label_area_size(label_areas.1);
    builder
}

/// Labels a segmented axis: each segment's centre gets its label, the segment edges none.
fn at_centre(labels: Vec<String>) -> impl Fn(&SegmentValue<usize>) -> String {
    move |v| match v {
        SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
        _ => String::new(),
    }
}

fn row_labels(table: &ChartTable) -> Vec<String> {
    table.rows.iter().map(|r| short(&r.label, LABEL_CHARS)).collect()
}

/// Grid lines: the major ones, light; no minor ones.
const GRID: RGBColor = RGBColor(224, 224, 224);

/// Every chart's axes: labels at [`LABEL`], light major grid lines, no minor ones.
fn styled<'m, 'a, 'b, X, Y, XT, YT, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB>
where
    X: Ranged<ValueType = XT> + ValueFormatter<XT>,
    Y: Ranged<ValueType = YT> + ValueFormatter<YT>,
{
    mesh.label_style((FONT, LABEL)).bold_line_style(GRID).light_line_style(TRANSPARENT)
}

/// Every legend: labels at [`LABEL`] on white, framed.
fn legend<'m, 'a, 'b, DB: DrawingBackend + 'a, CT: CoordTranslate>(
    labels: &'m mut SeriesLabelStyle<'a, 'b, DB, CT>,
) -> &'m mut SeriesLabelStyle<'a, 'b, DB, CT> {
    labels.label_font((FONT, LABEL)).background_style(WHITE).border_style(BLACK)
}

/// Horizontal bars of the first column, one per row, with the value printed at the end of each bar.
fn bars(root: &Canvas<'_>, table: &ChartTable, x_max: f64, colour: impl Fn(f64) -> RGBColor) -> ServiceResult<()> {
    let n = table.rows.len().max(1);
    let mut chart =
        chart_on(root, (36, 330)).build_cartesian_2d(0.0..x_max, (0..n).into_segmented()).map_err(failed)?;
    styled(&mut chart.configure_mesh())
        .disable_y_mesh()
        .axis_desc_style((FONT, LABEL))
        .y_labels(n)
        .y_label_formatter(&at_centre(row_labels(table)))
        .x_desc(table.columns.first().cloned().unwrap_or_default())
        .draw()
        .map_err(failed)?;
    let values: Vec<(usize, f64)> = table
        .rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.values.first().copied().flatten().map(|v| (i, v)))
        .collect();
    chart
        .draw_series(values.iter().map(|&(i, v)| {
            Rectangle::new([(0.0, SegmentValue::Exact(i)), (v, SegmentValue::Exact(i + 1))], colour(v).filled())
        }))
        .map_err(failed)?;
    chart
        .draw_series(
            values.iter().map(|&(i, v)| {
                Text::new(format!(" {}", format_number(v)), (v, SegmentValue::CenterOf(i)), (FONT, LABEL))
            }),
        )
        .map_err(failed)?;
    Ok(())
}

/// Vertical stacked bars: one bar per row, one segment per column, with a legend.
fn stacked(root: &Canvas<'_>, table: &ChartTable) -> ServiceResult<()> {
    let n = table.rows.len().max(1);
    let top = table.rows.iter().map(|r| r.values.iter().flatten().sum::<f64>()).fold(1.0, f64::max);
    let mut chart =
        chart_on(root, (40, 56)).build_cartesian_2d((0..n).into_segmented(), 0.0..top * 1.15).map_err(failed)?;
    styled(&mut chart.configure_mesh())
        .disable_x_mesh()
        .x_labels(n)
        .x_label_formatter(&at_centre(row_labels(table)))
        .draw()
        .map_err(failed)?;
    for (c, column) in table.columns.iter().enumerate() {
        let colour = SERIES[c % SERIES.len()];
        let segments: Vec<(usize, f64, f64)> = table
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let below: f64 = row.values.iter().take(c).flatten().sum();
                (i, below, below + row.values.get(c).copied().flatten().unwrap_or(0.0))
            })
            .filter(|(_, from, to)| to > from)
            .collect();
        chart
            .draw_series(segments.into_iter().map(|(i, from, to)| {
                Rectangle::new([(SegmentValue::Exact(i), from), (SegmentValue::Exact(i + 1), to)], colour.filled())
            }))
            .map_err(failed)?
            .label(column.clone())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], colour.filled()));
    }
    legend(&mut chart.configure_series_labels()).draw().map_err(failed)?;
    Ok(())
}

/// One line per column across the rows (quarters), 0-100, with a legend.
fn lines(root: &Canvas<'_>, table: &ChartTable) -> ServiceResult<()> {
    let n = table.rows.len().max(1);
    let mut chart = chart_on(root, (40, 56)).build_cartesian_2d((0..n).into_segmented(), 0.0..100.0).map_err(failed)?;
    styled(&mut chart.configure_mesh())
        .x_labels(n)
        .x_label_formatter(&at_centre(row_labels(table)))
        .draw()
        .map_err(failed)?;
    for (c, column) in table.columns.iter().enumerate() {
        let colour = SERIES[(c + 2) % SERIES.len()];
        let points: Vec<(SegmentValue<usize>, f64)> = table
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, row)| row.values.get(c).copied().flatten().map(|v| (SegmentValue::CenterOf(i), v)))
            .collect();
        let style = ShapeStyle::from(&colour).stroke_width(if c == 0 { 3 } else { 2 });
        chart
            .draw_series(LineSeries::new(points.clone(), style))
            .map_err(failed)?
            .label(column.clone())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], style));
        chart.draw_series(points.into_iter().map(|p| Circle::new(p, 3, colour.filled()))).map_err(failed)?;
    }
    legend(&mut chart.configure_series_labels()).position(SeriesLabelPosition::LowerRight).draw().map_err(failed)?;
    Ok(())
}

/// A grid of rows by columns, darker for more; cells without a number (a value the OPD did not choose) stay
/// blank. Every cell prints its number, so the colour is never the only carrier.
fn grid(root: &Canvas<'_>, table: &ChartTable) -> ServiceResult<()> {
    let (rows, cols) = (table.rows.len().max(1), table.columns.len().max(1));
    let max = table.max().max(1.0);
    let mut chart = chart_on(root, (190, 330))
        .build_cartesian_2d((0..cols).into_segmented(), (0..rows).into_segmented())
        .map_err(failed)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(cols)
        .y_labels(rows)
        .label_style((FONT, LABEL))
        .x_label_formatter(&at_centre(table.columns.iter().map(|c| short(c, 18)).collect()))
        .y_label_formatter(&at_centre(row_labels(table)))
        .x_label_style((FONT, LABEL).into_font().transform(FontTransform::Rotate90))
        .draw()
        .map_err(failed)?;
    let cells: Vec<(usize, usize, f64)> = table
        .rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| row.values.iter().enumerate().filter_map(move |(c, v)| v.map(|v| (r, c, v))))
        .collect();
    chart
        .draw_series(cells.iter().map(|&(r, c, v)| {
            let shade = 235.0 - 200.0 * (v / max);
            let shade = u8::try_from(shade.clamp(0.0, 255.0) as u32).unwrap_or(0);
            Rectangle::new(
                [
                    (SegmentValue::Exact(c), SegmentValue::Exact(r)),
                    (SegmentValue::Exact(c + 1), SegmentValue::Exact(r + 1)),
                ],
                RGBColor(shade, shade.saturating_add(10), 255).filled(),
            )
        }))
        .map_err(failed)?;
    chart
        .draw_series(cells.iter().map(|&(r, c, v)| {
            let colour = if v / max > 0.5 { WHITE } else { BLACK };
            Text::new(
                format_number(v),
                (SegmentValue::CenterOf(c), SegmentValue::CenterOf(r)),
                (FONT, LABEL).into_font().color(&colour),
            )
        }))
        .map_err(failed)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::dashboard::chart::ChartRow;

    #[test]
    fn long_names_are_cut_with_an_ellipsis_and_short_ones_kept() {
        assert_eq!(short("Dinas Lingkungan Hidup", LABEL_CHARS), "Dinas Lingkungan Hidup");
        let long = "Dinas Kependudukan dan Pencatatan Sipil Kota Bontang";
        let drawn = short(long, LABEL_CHARS);
        assert_eq!(drawn.chars().count(), LABEL_CHARS);
        assert!(drawn.ends_with('…') && long.starts_with(drawn.trim_end_matches('…')));
    }

    #[test]
    fn names_are_drawn_as_text_never_as_markup() {
        let table = ChartTable {
            kind: ChartKind::Index,
            title: "Indeks <b>".into(),
            row_heading: "OPD".into(),
            columns: vec!["Indeks".into()],
            rows: vec![ChartRow { label: "<script>alert(1)</script> & \"Dinas\"".into(), values: vec![Some(80.0)] }],
        };
        let svg = render(&table).expect("drawn");
        assert!(!svg.contains("<script") && !svg.contains("<b>"), "{svg}");
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"), "{svg}");
        assert!(svg.contains("<title>Indeks &lt;b&gt;</title>"), "{svg}");
        assert!(!svg.contains(">\nIndeks &lt;b&gt;\n</text>"), "the title is the SVG's, not drawn again: {svg}");
        assert!(svg.contains("fill=\"#1A7F37\"") || svg.contains("fill=\"#1a7f37\""), "a Baik bar is green: {svg}");
    }
}
