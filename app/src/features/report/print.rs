//! `/laporan/{id}/cetak`: the official report as a page made for paper, with the same blocks as the PDF.

use super::{api::load_report_document, text::use_text};
use crate::components::raw_text::PageTitle;
use crate::islands::island_hydrated;
use crate::{components::status::ErrorPanel, i18n::use_messages, routes};
use domain::report::document::{Block, ReportDocument, TITLE, Table};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The stylesheet's class for a column's share of the width, to the nearest 5% (the CSP refuses inline styles).
fn width_class(width: u32, total: u32) -> String {
    let percent = width * 100 / total;
    format!("w-{}", ((percent + 2) / 5 * 5).clamp(5, 100))
}

fn table(table: Table) -> impl IntoView {
    let total: u32 = table.widths.iter().map(|w| u32::from(*w)).sum::<u32>().max(1);
    let mono = table.mono;
    view! {
        <table class="document-table">
            <colgroup>
                {table.widths.iter().map(|w| view! { <col class=width_class(u32::from(*w), total) /> }).collect_view()}
            </colgroup>
            <thead><tr>{table.header.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
            <tbody>
                {table.rows.into_iter().map(|row| view! {
                    <tr>{row.into_iter().enumerate().map(|(col, cell)| view! {
                        <td class:mono=mono == Some(col)>{cell}</td>
                    }).collect_view()}</tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn block(block: Block) -> AnyView {
    match block {
        Block::Title(lines) => view! {
            <header class="document-title">
                {lines.into_iter().enumerate().map(|(n, line)| if n == 0 {
                    view! { <h1>{line}</h1> }.into_any()
                } else {
                    view! { <p>{line}</p> }.into_any()
                }).collect_view()}
            </header>
        }
        .into_any(),
        Block::Heading(text) => view! { <h2>{text}</h2> }.into_any(),
        Block::Subheading(text) => view! { <h3>{text}</h3> }.into_any(),
        Block::Fields(fields) => view! {
            <dl class="document-fields">
                {fields.into_iter().map(|(label, value)| view! { <dt>{label}</dt> <dd>{value}</dd> }).collect_view()}
            </dl>
        }
        .into_any(),
        Block::Paragraph(text) => view! { <p class="document-text">{text}</p> }.into_any(),
        Block::Table(t) => table(t).into_any(),
        Block::Signature { place_date, office, name, nip } => view! {
            <div class="document-signature">
                <p>{place_date}</p>
                <p>{office}</p>
                <p class="signature-space"></p>
                <p><strong>{name}</strong></p>
                <p>{nip}</p>
            </div>
        }
        .into_any(),
    }
}

/// The button that opens the browser's print dialog: an island, because the page's CSP forbids inline handlers.
#[island]
fn PrintButton() -> impl IntoView {
    island_hydrated();
    let t = use_text();
    // Nothing to recover if the browser refuses: the dialog simply does not open.
    let print = |_| {
        let _ = window().print();
    };
    view! { <button type="button" class="button" data-testid="print" on:click=print>{t.print}</button> }
}

fn document(doc: ReportDocument) -> impl IntoView {
    let t = use_text();
    let id = doc.report.summary.id;
    let title = format!("{TITLE} - {} - {}", doc.report.summary.opd_name, doc.period());
    view! {
        <PageTitle text=title />
        <nav class="no-print document-actions">
            <a href=routes::report(id)>{t.back_to_report}</a>
            " · "
            <a href=format!("/api/v1/reports/{id}/export.pdf") rel="external">{t.export_pdf}</a>
            " "
            <PrintButton />
        </nav>
        <article class="document" data-testid="report-document">
            {doc.blocks().into_iter().map(block).collect_view()}
        </article>
    }
}

/// The print page of a report.
#[component]
pub fn ReportPrintPage() -> impl IntoView {
    let m = use_messages();
    let params = use_params_map();
    let doc = Resource::new(move || params.read().get("id").unwrap_or_default(), load_report_document);
    view! {
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match doc.await {
                    Ok(doc) => document(doc).into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
