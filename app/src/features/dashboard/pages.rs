//! The dashboard page: filters held in the URL (a plain GET form, so a link reproduces the view), the index
//! with its explanation, reporting rates, the funnel, and the charts with their data tables and downloads.

use super::{
    api::{SetIndexWeights, load_dashboard},
    text::use_text,
};
use crate::components::raw_text::PageTitle;
use crate::components::table::TableFrame;
use crate::{
    components::{
        forms::{ErrorSummary, Field, FormState},
        status::ErrorPanel,
    },
    i18n::use_locale,
    routes,
};
use domain::{
    dashboard::{
        Component, Shortfall,
        chart::{ChartKind, ChartTable, format_number},
        view::{Compliance, Dashboard, Frame, Funnel, OpdScore, RateRow, RateTotals, ReportingRates, WeightsVersion},
    },
    ids::OrgUnitId,
    org::OrgKind,
    workflow::Subject,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The compliance dashboard.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let t = use_text();
    let m = crate::i18n::use_messages();
    let query = use_query_map();
    let param = move |name: &str| query.with(|q| q.get(name));
    let set_weights = ServerAction::<SetIndexWeights>::new();
    // Reload after a saved change only: a refused one keeps the form as the user typed it.
    let saved = move || set_weights.value().with(|v| v.as_ref().and_then(|r| r.as_ref().ok()).map(|w| w.version));
    let data = Resource::new(
        move || (param("org_unit"), param("year"), param("quarter"), param("opd_type"), saved()),
        |(org_unit, year, quarter, opd_type, _)| load_dashboard(org_unit, year, quarter, opd_type),
    );
    view! {
        <PageTitle text=t.title />
        <h1>{t.title}</h1>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(dashboard) => {
                        // Sort links keep the filters exactly as the URL has them.
                        let mut kept = query.get_untracked();
                        kept.remove("urut");
                        let base = kept.to_query_string();
                        view! { <Board dashboard sort=param("urut") base set_weights /> }.into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The resolved filters as a query string, for chart links and sort links.
fn filter_query(frame: &Frame) -> String {
    let mut query = format!("org_unit={}&year={}&quarter={}", frame.org_unit_id, frame.year, frame.quarter);
    if let Some(kind) = frame.opd_type {
        query.push_str(&format!("&opd_type={}", kind.as_str()));
    }
    query
}

#[component]
fn Board(
    dashboard: Dashboard,
    sort: Option<String>,
    base: String,
    set_weights: ServerAction<SetIndexWeights>,
) -> impl IntoView {
    let t = use_text();
    let frame = dashboard.compliance.frame.clone();
    let query = filter_query(&frame);
    let empty = dashboard.compliance.opds.is_empty().then(|| view! { <p class="muted">{t.no_opds}</p> });
    view! {
        <Filters frame=frame.clone() />
        {empty}
        <IndexSection compliance=dashboard.compliance set_weights />
        <RatesSection rates=dashboard.rates sort base />
        <FunnelSection funnel=dashboard.funnel />
        <section aria-labelledby="charts-title">
            <h2 id="charts-title">{t.charts_title}</h2>
            {dashboard.charts.into_iter().map(|table| view! { <Chart table query=query.clone() /> }).collect_view()}
        </section>
    }
}

#[component]
fn Filters(frame: Frame) -> impl IntoView {
    let t = use_text();
    let locale = use_locale();
    let nodes = frame
        .nodes
        .iter()
        .map(|node| {
            let indent = "\u{a0}\u{a0}".repeat(usize::from(node.depth));
            let selected = node.id == frame.org_unit_id;
            view! { <option value=node.id.to_string() selected=selected>{indent}{node.name.clone()}</option> }
        })
        .collect_view();
    let quarters = (1..=4u8)
        .map(|q| view! { <option value=q.to_string() selected=q == frame.quarter>{q}</option> })
        .collect_view();
    let kinds = OrgKind::ALL
        .into_iter()
        .filter(|kind| !kind.is_pemda() && !matches!(kind, OrgKind::Biro | OrgKind::Kelurahan | OrgKind::Uptd))
        .map(|kind| {
            let selected = frame.opd_type == Some(kind);
            view! { <option value=kind.as_str() selected=selected>{kind.label(locale)}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action=routes::DASHBOARD class="filters" data-testid="dashboard-filters">
            <label>{t.node} <select name="org_unit">{nodes}</select></label>
            <label>{t.year} <input type="number" name="year" min="2000" max="2100" value=frame.year /></label>
            <label>{t.quarter} <select name="quarter">{quarters}</select></label>
            <label>
                {t.opd_type}
                <select name="opd_type">
                    <option value="">{t.all_types}</option>
                    {kinds}
                </select>
            </label>
            <button type="submit">{t.apply}</button>
        </form>
        <p class="muted">{t.share_hint}</p>
    }
}

/// Where a shortfall is put right.
fn shortfall_link(score: &OpdScore, shortfall: Shortfall) -> Option<(String, &'static str)> {
    let t = use_text();
    match shortfall {
        Shortfall::ValuesNotApproved | Shortfall::ValuesNotLived { .. } => {
            Some((routes::opd_values(score.opd_id), t.open_values))
        }
        Shortfall::NotOnTime | Shortfall::NotAccepted { .. } => match score.report_id {
            Some(report) => Some((routes::report(report), t.open_report)),
            None => Some((routes::opd_reports(score.opd_id), t.no_report)),
        },
        Shortfall::TooFewActions { .. } | Shortfall::ResultsMissing { .. } if score.report_id.is_some() => {
            score.report_id.map(|report| (routes::report(report), t.open_report))
        }
        Shortfall::NoDecree
        | Shortfall::NoActiveKbk
        | Shortfall::TooFewActions { .. }
        | Shortfall::ResultsMissing { .. } => Some((routes::opd(score.opd_id), t.open_opd)),
    }
}

#[component]
fn IndexSection(compliance: Compliance, set_weights: ServerAction<SetIndexWeights>) -> impl IntoView {
    let t = use_text();
    let locale = use_locale();
    let names: std::collections::HashMap<_, _> =
        compliance.opds.iter().map(|o| (o.pemda_id, o.pemda_name.clone())).collect();
    let versions = compliance
        .weights
        .iter()
        .filter_map(|w| names.get(&w.pemda_id).map(|name| view! { <li>{(t.weights_version)(name, w.version)}</li> }))
        .collect_view();
    // Every Pemda's form sends the one action; the last sender shows its answer.
    let sender = RwSignal::new(None);
    let forms = compliance
        .weights
        .iter()
        .filter(|w| w.editable)
        .filter_map(|w| {
            names.get(&w.pemda_id).map(|name| {
                view! { <WeightsForm version=w.clone() pemda_name=name.clone() action=set_weights sender /> }
            })
        })
        .collect_view();
    let average = compliance.average.map(|a| view! { <p>{t.average} ": " <strong>{format_number(a)}</strong></p> });
    let rows = compliance
        .opds
        .into_iter()
        .map(|score| {
            let parts = score
                .score
                .parts
                .iter()
                .map(|part| {
                    let why = part
                        .shortfalls
                        .iter()
                        .map(|s| {
                            let link =
                                shortfall_link(&score, *s).map(|(href, label)| view! { " " <a href=href>{label}</a> });
                            view! { <li>{s.message(locale)} {link}</li> }
                        })
                        .collect_view();
                    let lost = part.shortfalls.is_empty().then_some(t.full_marks);
                    view! {
                        <tr>
                            <td>{part.component.label(locale)}</td>
                            <td class="number">{format_number(part.points)} " / " {part.weight}</td>
                            <td>{lost}<ul>{why}</ul></td>
                        </tr>
                    }
                })
                .collect_view();
            let band = score.score.band;
            view! {
                <tr data-testid="index-row">
                    <td><a href=routes::opd(score.opd_id)>{score.opd_name.clone()}</a></td>
                    <td>{score.pemda_name.clone()}</td>
                    <td class="number" data-testid="index-score">{format_number(score.score.total)}</td>
                    <td><span class=format!("band band-{band:?}").to_lowercase()>{band.label(locale)}</span></td>
                    <td>
                        <details data-testid="index-explain">
                            <summary>{t.explain}</summary>
                            <table>
                                <thead><tr><th>{t.component}</th><th>{t.points}</th><th>{t.why}</th></tr></thead>
                                <tbody>{parts}</tbody>
                            </table>
                        </details>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="index-title">
            <h2 id="index-title">{t.index_title}</h2>
            {average}
            <ul class="muted" data-testid="index-versions">{versions}</ul>
            {forms}
            <TableFrame label=t.index_title><table class="data" data-testid="index-table">
                <thead>
                    <tr><th>{t.opd}</th><th>{t.pemda}</th><th>{t.score}</th><th>{t.band}</th><th>{t.explain}</th></tr>
                </thead>
                <tbody>{rows}</tbody>
            </table></TableFrame>
        </section>
    }
}

/// A Peninjau's form for new index weights of one Pemda, filled with those in force.
#[component]
fn WeightsForm(
    version: WeightsVersion,
    pemda_name: String,
    action: ServerAction<SetIndexWeights>,
    sender: RwSignal<Option<OrgUnitId>>,
) -> impl IntoView {
    let t = use_text();
    let locale = use_locale();
    let pemda = version.pemda_id;
    let form =
        FormState::new(format!("weights-{pemda}"), action).sharing(Signal::derive(move || sender.get() == Some(pemda)));
    let inputs = Component::ALL
        .into_iter()
        .map(|component| {
            view! {
                <Field form name=component.key() label=component.label(locale)>
                    <input
                        {..form.control(component.key())}
                        type="number"
                        name=component.key()
                        min="0"
                        max="100"
                        step="1"
                        required
                        value=component.weight(version.weights)
                        data-testid=format!("weight-{}", component.key())
                    />
                </Field>
            }
        })
        .collect_view();
    // The action is shared by the forms of every Pemda in view: a saved version belongs to one of them.
    let saved_here = move || {
        action.value().with(|v| v.as_ref().and_then(|r| r.as_ref().ok()).filter(|w| w.pemda_id == pemda).cloned())
    };
    let open = action.value().with_untracked(|v| matches!(v, Some(Ok(w)) if w.pemda_id == pemda));
    let saved = move || {
        saved_here().map(|w| view! { <p role="status" data-testid="weights-saved">{(t.weights_saved)(w.version)}</p> })
    };
    view! {
        // Stays open after a save, so the outcome shows once the scores reload.
        <details class="card" data-testid="weights-form" open=open>
            <summary>{(t.weights_change)(&pemda_name)}</summary>
            {saved}
            <ErrorSummary form />
            <ActionForm action attr:class="grid-form" {..form.checks()} on:submit=move |_| sender.set(Some(pemda))>
                <input type="hidden" name="pemda" value=version.pemda_id.to_string() />
                {inputs}
                <p class="muted">{t.weights_hint}</p>
                <button class="button" type="submit" data-testid="weights-submit">{t.weights_save}</button>
            </ActionForm>
        </details>
    }
}

/// The rate rows in the order asked for by `sort` (problems first for the yes/no columns).
fn sorted(mut rows: Vec<RateRow>, sort: Option<&str>) -> Vec<RateRow> {
    match sort {
        Some("diajukan") => rows.sort_by_key(|r| (r.submitted, r.opd_name.clone(), r.quarter)),
        Some("tepat") => rows.sort_by_key(|r| (r.on_time, r.opd_name.clone(), r.quarter)),
        Some("diterima") => rows.sort_by_key(|r| (r.accepted, r.opd_name.clone(), r.quarter)),
        Some("pemda") => rows.sort_by_key(|r| (r.pemda_name.clone(), r.opd_name.clone(), r.quarter)),
        _ => rows.sort_by_key(|r| (r.opd_name.clone(), r.quarter)),
    }
    rows
}

fn totals_cells(totals: &RateTotals) -> impl IntoView + use<> {
    let cell = |n: u32| {
        let percent = totals.percent(n).map(|p| format!(" ({p}%)")).unwrap_or_default();
        view! { <td class="number">{n} {percent}</td> }
    };
    view! {
        <td class="number">{totals.expected}</td>
        {cell(totals.submitted)}
        {cell(totals.on_time)}
        {cell(totals.accepted)}
    }
}

#[component]
fn RatesSection(rates: ReportingRates, sort: Option<String>, base: String) -> impl IntoView {
    let t = use_text();
    let locale = use_locale();
    let yes_no = move |b: bool| if b { t.yes } else { t.no };
    let header = move |key: &'static str, label: &'static str| {
        let separator = if base.is_empty() { '?' } else { '&' };
        let href = format!("{}{base}{separator}urut={key}", routes::DASHBOARD);
        view! { <th><a href=href>{label}</a></th> }
    };
    let rollup = rates
        .per_pemda
        .iter()
        .map(|p| view! { <tr data-testid="rate-pemda"><td>{p.pemda_name.clone()}</td>{totals_cells(&p.totals)}</tr> })
        .collect_view();
    let rows = sorted(rates.rows, sort.as_deref())
        .into_iter()
        .map(|r| {
            let state = r.state.map(|s| s.label(Subject::Report, locale)).unwrap_or(t.no_report);
            let state = match r.report_id {
                Some(id) => view! { <a href=routes::report(id)>{state}</a> }.into_any(),
                None => view! { <span class="muted">{state}</span> }.into_any(),
            };
            let outcome = move |b: bool| if r.expected { yes_no(b) } else { t.not_due };
            view! {
                <tr data-testid="rate-row">
                    <td>{r.opd_name.clone()}</td>
                    <td>{r.pemda_name.clone()}</td>
                    <td class="number">{r.quarter}</td>
                    <td>{domain::time::format_date(r.due_on, locale)}</td>
                    <td>{state}</td>
                    <td>{outcome(r.submitted)}</td>
                    <td>{outcome(r.on_time)}</td>
                    <td>{outcome(r.accepted)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="rates-title">
            <h2 id="rates-title">{t.rates_title}</h2>
            <TableFrame label=t.rollup><table class="data" data-testid="rates-rollup">
                <caption>{t.rollup}</caption>
                <thead>
                    <tr><th>{t.pemda}</th><th>{t.expected}</th><th>{t.submitted}</th><th>{t.on_time}</th><th>{t.accepted}</th></tr>
                </thead>
                <tbody>{rollup}</tbody>
                <tfoot><tr><th>{t.total}</th>{totals_cells(&rates.total)}</tr></tfoot>
            </table></TableFrame>
            <TableFrame label=t.rates_title><table class="data" data-testid="rates-table">
                <thead>
                    <tr>
                        {header("opd", t.opd)}
                        {header("pemda", t.pemda)}
                        <th>{t.quarter}</th>
                        <th>{t.due}</th>
                        <th>{t.state}</th>
                        {header("diajukan", t.submitted)}
                        {header("tepat", t.on_time)}
                        {header("diterima", t.accepted)}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table></TableFrame>
        </section>
    }
}

#[component]
fn FunnelSection(funnel: Funnel) -> impl IntoView {
    let t = use_text();
    let locale = use_locale();
    let total = funnel.opds.max(1);
    let steps = funnel
        .steps
        .iter()
        .map(|step| {
            view! {
                <li data-testid="funnel-step">
                    <span>{step.stage.label(locale)}</span>
                    <meter min="0" max=total value=step.reached aria-hidden="true"></meter>
                    <strong>{step.reached} " / " {funnel.opds}</strong>
                </li>
            }
        })
        .collect_view();
    let stuck = funnel
        .stuck
        .iter()
        .map(|s| {
            let stage = s.stage.map_or(t.all_done, |stage| stage.label(locale));
            view! {
                <tr>
                    <td><a href=routes::opd(s.opd_id)>{s.opd_name.clone()}</a></td>
                    <td>{stage}</td>
                    <td class="number">{s.days}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="funnel-title">
            <h2 id="funnel-title">{t.funnel_title}</h2>
            <ol class="funnel">{steps}</ol>
            <TableFrame label=t.stuck_title><table class="data" data-testid="stuck-table">
                <caption>{t.stuck_title}</caption>
                <thead><tr><th>{t.opd}</th><th>{t.stage}</th><th>{t.days}</th></tr></thead>
                <tbody>{stuck}</tbody>
            </table></TableFrame>
        </section>
    }
}

#[component]
fn Chart(table: ChartTable, query: String) -> impl IntoView {
    let t = use_text();
    let slug = table.kind.slug();
    let alt = table.summary();
    let head = table.columns.iter().map(|c| view! { <th>{c.clone()}</th> }).collect_view();
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let cells =
                row.values.iter().map(|v| view! { <td class="number">{v.map(format_number)}</td> }).collect_view();
            view! { <tr><th>{row.label.clone()}</th>{cells}</tr> }
        })
        .collect_view();
    let testid = format!("chart-{slug}");
    let heatmap = (table.kind == ChartKind::Heatmap).then_some("wide");
    view! {
        <figure class="chart" class:wide=heatmap.is_some() data-testid=testid>
            <figcaption>{table.title.clone()}</figcaption>
            <div class="chart-frame" role="region" aria-label=table.title.clone() tabindex="0">
                <img src=routes::dashboard_chart(slug, "svg", &query) alt=alt loading="lazy" />
            </div>
            <p>
                <a href=routes::dashboard_chart(slug, "svg", &query) download>{t.download_svg}</a>
                " · "
                <a href=routes::dashboard_chart(slug, "csv", &query) download>{t.download_csv}</a>
            </p>
            <details>
                <summary>{t.data_table}</summary>
                <TableFrame label=table.title.clone()><table class="data">
                    <thead><tr><th>{table.row_heading.clone()}</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table></TableFrame>
            </details>
        </figure>
    }
}
