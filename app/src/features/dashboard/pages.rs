//! The dashboard page, summary first: the filters held in the URL (a plain GET form, so a link reproduces the
//! view), headline figures with their change since the quarter before, one row per Pemda below, the stages,
//! the OPDs that need attention, then every OPD a page at a time (order and page in the URL too), the index
//! weights, and the charts with their downloads.

use super::{
    api::{SetIndexWeights, load_dashboard},
    text::{Text, use_text},
};
use crate::components::raw_text::PageTitle;
use crate::components::table::TableFrame;
use crate::islands::island_hydrated;
use crate::{
    components::{
        forms::{ErrorSummary, Field, FormState},
        status::ErrorPanel,
    },
    i18n::{Locale, use_locale},
    routes,
};
use domain::{
    dashboard::{
        Band, Component, Shortfall,
        chart::{ChartKind, format_number},
        overview::{Headline, NodeRow, OpdOrder, OpdPage, OpdRow, Overview, Tally},
        score,
        view::{Frame, Stage, WeightsVersion},
    },
    ids::OrgUnitId,
    org::OrgKind,
    workflow::{ReviewState, Subject},
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
    let saved = param("bobot").as_deref().and_then(SavedWeights::parse);
    let data = Resource::new(
        move || {
            let filters = (param("org_unit"), param("year"), param("quarter"), param("opd_type"));
            (filters, param("urut"), param("setelah"))
        },
        |((org_unit, year, quarter, opd_type), order, after)| {
            load_dashboard(org_unit, year, quarter, opd_type, order, after)
        },
    );
    view! {
        <PageTitle text=t.title />
        <h1>{t.title}</h1>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(overview) => view! { <Board overview saved /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The resolved filters as a query string, for chart, sort and page links.
fn filter_query(frame: &Frame) -> String {
    let mut query = format!("org_unit={}&year={}&quarter={}", frame.org_unit_id, frame.year, frame.quarter);
    if let Some(kind) = frame.opd_type {
        query.push_str(&format!("&opd_type={}", kind.as_str()));
    }
    query
}

#[component]
fn Board(overview: Overview, saved: Option<SavedWeights>) -> impl IntoView {
    let t = use_text();
    let query = filter_query(&overview.frame);
    let node = overview.frame.org_unit_id;
    let weights = overview.weights.clone();
    view! {
        {summary(overview)}
        <WeightsSection weights node saved />
        <section aria-labelledby="charts-title">
            <h2 id="charts-title">{t.charts_title}</h2>
            {ChartKind::ALL.into_iter().map(|kind| view! { <Chart kind query=query.clone() /> }).collect_view()}
        </section>
    }
}

/// Everything above the weights: the filters, the figures and the tables, nearly all of the page's HTML (at
/// province size about 100 KB, a fifth of the page's server time). On the server that HTML is a pure function of
/// the overview and the reader's language, so it is rendered once per distinct overview and language
/// (`crate::html_memo`) and reused while the data stays the same.
fn summary(overview: Overview) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        static SUMMARIES: crate::html_memo::HtmlMemo<(Locale, Overview)> = crate::html_memo::HtmlMemo::new(32);
        let html = SUMMARIES.get_or_render((use_locale(), overview), |(_, overview)| {
            view! { <Summary overview=overview.clone() /> }.to_html()
        });
        view! { <div inner_html=html></div> }
    }
    #[cfg(not(feature = "ssr"))]
    view! { <Summary overview /> }
}

#[component]
fn Summary(overview: Overview) -> impl IntoView {
    let t = use_text();
    let frame = overview.frame.clone();
    let query = filter_query(&frame);
    let empty = (overview.headline.current.opds == 0).then(|| view! { <p class="muted">{t.no_opds}</p> });
    let weights = overview.weights;
    view! {
        <Filters frame=frame.clone() />
        {empty}
        <Figures headline=overview.headline.clone() />
        <Children rows=overview.children frame />
        <FunnelSection tally=overview.headline.current />
        <Attention rows=overview.attention weights=weights.clone() />
        <OpdTable page=overview.page weights query />
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

/// A change since the quarter before, in words.
fn change(delta: f64) -> &'static str {
    if delta > 0.0 {
        "\u{25b2}"
    } else if delta < 0.0 {
        "\u{25bc}"
    } else {
        ""
    }
}

/// One headline figure: a share of the OPDs, or the average index, with its change.
#[component]
fn Figure(
    label: &'static str,
    value: String,
    detail: String,
    delta: Option<f64>,
    testid: &'static str,
) -> impl IntoView {
    let t = use_text();
    let moved = delta.map(|d| match d {
        d if d.abs() < 0.05 => t.same.to_owned(),
        d => format!("{} {}", change(d), (t.change)(d)),
    });
    view! {
        <section class="card" data-testid=testid>
            <h2>{label}</h2>
            <p class="text-2xl">{value}</p>
            <p class="muted">{detail}</p>
            <p class="muted">{moved}</p>
        </section>
    }
}

#[component]
fn Figures(headline: Headline) -> impl IntoView {
    let t = use_text();
    let locale = use_locale();
    let (now, before) = (&headline.current, &headline.previous);
    let share = |tally: &Tally, n: u32| tally.percent(n).map(f64::from);
    let percent = |tally: &Tally, n: u32| tally.percent(n).map(|p| format!("{p}%")).unwrap_or_else(|| "–".into());
    let moved = |a: Option<f64>, b: Option<f64>| a.zip(b).map(|(a, b)| a - b);
    let band = now.band().map(|band| band.label(locale)).unwrap_or_default();
    let not_due = (!headline.due).then(|| view! { <p class="muted">{t.not_due}</p> });
    view! {
        {not_due}
        <div class="cards">
            <Figure
                label=t.on_time
                value=percent(now, now.on_time)
                detail=(t.of_opds)(now.on_time, now.opds)
                delta=moved(share(now, now.on_time), share(before, before.on_time))
                testid="figure-on-time"
            />
            <Figure
                label=t.accepted
                value=percent(now, now.accepted)
                detail=(t.of_opds)(now.accepted, now.opds)
                delta=moved(share(now, now.accepted), share(before, before.accepted))
                testid="figure-accepted"
            />
            <Figure
                label=t.average
                value=now.average().map(format_number).unwrap_or_else(|| "–".into())
                detail=band.to_owned()
                delta=moved(now.average(), before.average())
                testid="figure-average"
            />
        </div>
    }
}

/// A tally's cells: OPDs, submitted, on time, accepted (with shares) and the average index.
fn tally_cells(tally: &Tally, locale: Locale) -> impl IntoView + use<> {
    let cell = |n: u32| {
        let percent = tally.percent(n).map(|p| format!(" ({p}%)")).unwrap_or_default();
        view! { <td class="number">{n} {percent}</td> }
    };
    let band = tally.band();
    view! {
        <td class="number">{tally.opds}</td>
        {cell(tally.submitted)}
        {cell(tally.on_time)}
        {cell(tally.accepted)}
        <td class="number">{tally.average().map(format_number)}</td>
        <td>{band.map(|band| view! { <span class=band_class(band)>{band.label(locale)}</span> })}</td>
    }
}

fn band_class(band: Band) -> String {
    format!("band band-{band:?}").to_lowercase()
}

#[component]
fn Children(rows: Vec<NodeRow>, frame: Frame) -> impl IntoView {
    let t = use_text();
    let locale = use_locale();
    if rows.is_empty() {
        return ().into_any();
    }
    let body = rows
        .iter()
        .map(|row| {
            let name = match row.id {
                Some(id) => {
                    let here = Frame { org_unit_id: id, ..frame.clone() };
                    view! { <a href=format!("{}?{}", routes::DASHBOARD, filter_query(&here))>{row.name.clone()}</a> }
                        .into_any()
                }
                None => view! { <span>{(t.own_opds)(&row.name)}</span> }.into_any(),
            };
            view! { <tr data-testid="child-row"><th scope="row">{name}</th>{tally_cells(&row.tally, locale)}</tr> }
        })
        .collect_view();
    view! {
        <section aria-labelledby="children-title">
            <h2 id="children-title">{t.rollup}</h2>
            <TableFrame label=t.rollup><table class="data" data-testid="children-table">
                <thead>
                    <tr>
                        <th>{t.pemda}</th><th>{t.opds}</th><th>{t.submitted}</th><th>{t.on_time}</th>
                        <th>{t.accepted}</th><th>{t.score}</th><th>{t.band}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table></TableFrame>
        </section>
    }
    .into_any()
}

#[component]
fn FunnelSection(tally: Tally) -> impl IntoView {
    let t = use_text();
    let locale = use_locale();
    let total = tally.opds.max(1);
    let steps = Stage::ALL
        .into_iter()
        .map(|stage| {
            let reached = tally.reached(stage);
            view! {
                <li data-testid="funnel-step">
                    <span>{stage.label(locale)}</span>
                    <meter min="0" max=total value=reached aria-hidden="true"></meter>
                    <strong>{reached} " / " {tally.opds}</strong>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="funnel-title">
            <h2 id="funnel-title">{t.funnel_title}</h2>
            <ol class="funnel">{steps}</ol>
        </section>
    }
}

/// Where a shortfall is put right.
fn shortfall_link(row: &OpdRow, shortfall: Shortfall, t: &'static Text) -> Option<(String, &'static str)> {
    match shortfall {
        Shortfall::ValuesNotApproved | Shortfall::ValuesNotLived { .. } => {
            Some((routes::opd_values(row.opd_id), t.open_values))
        }
        Shortfall::NotOnTime | Shortfall::NotAccepted { .. } => match row.report_id {
            Some(report) => Some((routes::report(report), t.open_report)),
            None => Some((routes::opd_reports(row.opd_id), t.no_report)),
        },
        Shortfall::TooFewActions { .. } | Shortfall::ResultsMissing { .. } if row.report_id.is_some() => {
            row.report_id.map(|report| (routes::report(report), t.open_report))
        }
        Shortfall::NoDecree
        | Shortfall::NoActiveKbk
        | Shortfall::TooFewActions { .. }
        | Shortfall::ResultsMissing { .. } => Some((routes::opd(row.opd_id), t.open_opd)),
    }
}

/// The weights an OPD's Pemda scores with (the defaults if none are in view).
fn weights_of(weights: &[(String, WeightsVersion)], pemda: OrgUnitId) -> domain::dashboard::Weights {
    weights.iter().find(|(_, w)| w.pemda_id == pemda).map(|(_, w)| w.weights).unwrap_or_default()
}

/// A disclosure with what each component of the OPD's index gave and what cost the rest.
fn explanation(
    row: &OpdRow,
    weights: domain::dashboard::Weights,
    t: &'static Text,
    locale: Locale,
) -> impl IntoView + use<> {
    let parts = score(&row.facts, weights)
        .parts
        .into_iter()
        .map(|part| {
            let why = part
                .shortfalls
                .iter()
                .map(|s| {
                    let link = shortfall_link(row, *s, t).map(|(href, label)| view! { " " <a href=href>{label}</a> });
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
    view! {
        <details data-testid="index-explain">
            <summary>{t.explain}</summary>
            <table>
                <thead><tr><th>{t.component}</th><th>{t.points}</th><th>{t.why}</th></tr></thead>
                <tbody>{parts}</tbody>
            </table>
        </details>
    }
}

/// The rows of an OPD table.
// The words come in as values: looking up context once per cell of a long table widens a race in Leptos' SSR
// owner cleanup (a render thread deadlocked in `use_context` under load, leptos-rs/leptos#4673's kind).
fn opd_rows(
    rows: Vec<OpdRow>,
    weights: &[(String, WeightsVersion)],
    testid: &'static str,
    t: &'static Text,
    locale: Locale,
) -> impl IntoView + use<> {
    rows.into_iter()
        .map(|row| {
            let state = row.state.map_or(t.no_report, |s: ReviewState| s.label(Subject::Report, locale));
            let report = match row.report_id {
                Some(id) => view! { <a href=routes::report(id)>{state}</a> }.into_any(),
                None => view! { <span class="muted">{state}</span> }.into_any(),
            };
            let due = row.due_on.map(|d| domain::time::format_date(d, locale));
            let stage = row.stage.map_or(t.all_done, |stage| stage.label(locale));
            let explained = explanation(&row, weights_of(weights, row.pemda_id), t, locale);
            view! {
                <tr data-testid=testid>
                    <td><a href=routes::opd(row.opd_id)>{row.opd_name.clone()}</a></td>
                    <td>{row.pemda_name.clone()}</td>
                    <td class="number" data-testid="index-score">{format_number(row.score)}</td>
                    <td><span class=band_class(row.band)>{row.band.label(locale)}</span></td>
                    <td>{report}<br /><span class="muted">{t.due} " " {due}</span></td>
                    <td>{stage}</td>
                    <td class="number">{row.days}</td>
                    <td>{explained}</td>
                </tr>
            }
        })
        .collect_view()
}

#[component]
fn OpdHead() -> impl IntoView {
    let t = use_text();
    view! {
        <thead>
            <tr>
                <th>{t.opd}</th><th>{t.pemda}</th><th>{t.score}</th><th>{t.band}</th><th>{t.state}</th>
                <th>{t.stage}</th><th>{t.days}</th><th>{t.explain}</th>
            </tr>
        </thead>
    }
}

#[component]
fn Attention(rows: Vec<OpdRow>, weights: Vec<(String, WeightsVersion)>) -> impl IntoView {
    let t = use_text();
    if rows.is_empty() {
        return ().into_any();
    }
    view! {
        <section aria-labelledby="attention-title">
            <h2 id="attention-title">{t.attention_title}</h2>
            <TableFrame label=t.attention_title><table class="data" data-testid="attention-table">
                <OpdHead />
                <tbody>{opd_rows(rows, &weights, "attention-row", t, use_locale())}</tbody>
            </table></TableFrame>
        </section>
    }
    .into_any()
}

#[component]
fn OpdTable(page: OpdPage, weights: Vec<(String, WeightsVersion)>, query: String) -> impl IntoView {
    let t = use_text();
    let order_key = page.order.key();
    let orders = OpdOrder::ALL
        .into_iter()
        .zip(t.orders)
        .map(|(order, label)| {
            let href = format!("{}?{query}&urut={}", routes::DASHBOARD, order.key());
            let current = (order == page.order).then_some("page");
            view! { <li><a href=href aria-current=current>{label}</a></li> }
        })
        .collect_view();
    let next = page.next.clone().map(|after| {
        let href = format!("{}?{query}&urut={order_key}&setelah={after}", routes::DASHBOARD);
        view! { <a href=href rel="next" data-testid="next-page">{t.next_page}</a> }
    });
    let first = (!page.first).then(|| {
        let href = format!("{}?{query}&urut={order_key}", routes::DASHBOARD);
        view! { <a href=href data-testid="first-page">{t.first_page}</a> }
    });
    let shown = page.rows.len();
    view! {
        <section aria-labelledby="opds-title">
            <h2 id="opds-title">{t.opds_title}</h2>
            <nav aria-label=t.order><ul class="inline-list">{orders}</ul></nav>
            <p class="count" data-testid="opds-count">{(t.showing)(shown, page.total)}</p>
            <TableFrame label=t.opds_title><table class="data" data-testid="index-table">
                <OpdHead />
                <tbody>{opd_rows(page.rows, &weights, "index-row", t, use_locale())}</tbody>
            </table></TableFrame>
            <nav class="pager" aria-label=t.pager>{first} {next}</nav>
        </section>
    }
}

/// A weights version just saved (`?bobot={pemda}.{version}`): the page reloads after a save, so that every score
/// follows the new weights, and names the saved version in its Pemda's form.
#[derive(Clone, Copy, Debug, PartialEq)]
struct SavedWeights {
    pemda: OrgUnitId,
    version: u32,
}

impl SavedWeights {
    fn parse(value: &str) -> Option<Self> {
        let (pemda, version) = value.split_once('.')?;
        Some(SavedWeights { pemda: pemda.parse().ok()?, version: version.parse().ok()? })
    }
}

/// The weights every Pemda in view scores with, and the form for those of the node in view if it is a Pemda the
/// caller may set them for. One form, not one per Pemda in view: a national view holds some forty Pemdas, and a
/// Pemda's weights are changed from its own dashboard, where its scores are.
#[component]
fn WeightsSection(
    weights: Vec<(String, WeightsVersion)>,
    node: OrgUnitId,
    saved: Option<SavedWeights>,
) -> impl IntoView {
    let t = use_text();
    let versions =
        weights.iter().map(|(name, w)| view! { <li>{(t.weights_version)(name, w.version)}</li> }).collect_view();
    let elsewhere = weights
        .iter()
        .any(|(_, w)| w.editable && w.pemda_id != node)
        .then(|| view! { <p class="muted" data-testid="weights-elsewhere">{t.weights_elsewhere}</p> });
    let forms = weights
        .iter()
        .filter(|(_, w)| w.editable && w.pemda_id == node)
        .map(|(name, w)| {
            let saved = saved.filter(|s| s.pemda == w.pemda_id).map(|s| s.version);
            view! { <WeightsForm version=w.clone() pemda_name=name.clone() saved /> }
        })
        .collect_view();
    view! {
        <section aria-labelledby="weights-title">
            <h2 id="weights-title">{t.weights_title}</h2>
            <ul class="muted" data-testid="index-versions">{versions}</ul>
            {forms}
            {elsewhere}
        </section>
    }
}

/// A Peninjau's form for new index weights of one Pemda, filled with those in force; `saved` is the version this
/// form has just saved.
#[island]
fn WeightsForm(version: WeightsVersion, pemda_name: String, saved: Option<u32>) -> impl IntoView {
    island_hydrated();
    let t = use_text();
    let locale = use_locale();
    let pemda = version.pemda_id;
    let action = ServerAction::<SetIndexWeights>::new();
    let form = FormState::new(format!("weights-{pemda}"), action);
    Effect::new(move |_| {
        if let Some(Ok(saved)) = action.value().get() {
            reload_with_saved(SavedWeights { pemda: saved.pemda_id, version: saved.version });
        }
    });
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
    let open = saved.is_some();
    let saved =
        saved.map(|version| view! { <p role="status" data-testid="weights-saved">{(t.weights_saved)(version)}</p> });
    view! {
        // Open after a save, so the outcome shows beside the scores it changed.
        <details class="card" id=format!("weights-{pemda}") data-testid="weights-form" open=open>
            <summary>{(t.weights_change)(&pemda_name)}</summary>
            {saved}
            <ErrorSummary form />
            <ActionForm action attr:class="grid-form" {..form.checks()}>
                <input type="hidden" name="pemda" value=version.pemda_id.to_string() />
                {inputs}
                <p class="muted">{t.weights_hint}</p>
                <button class="button" type="submit" data-testid="weights-submit">{t.weights_save}</button>
            </ActionForm>
        </details>
    }
}

/// Loads the dashboard again with `saved` in its URL (the same filters and page), at the saved form.
fn reload_with_saved(saved: SavedWeights) {
    #[cfg(feature = "hydrate")]
    {
        let location = window().location();
        let search = location.search().unwrap_or_default();
        let mut query: Vec<String> = search
            .trim_start_matches('?')
            .split('&')
            .filter(|pair| !pair.is_empty() && !pair.starts_with("bobot="))
            .map(str::to_owned)
            .collect();
        query.push(format!("bobot={}.{}", saved.pemda, saved.version));
        let path = location.pathname().unwrap_or_default();
        // Nothing to recover if the browser refuses: the form stays as it was, saved.
        let _ = location.set_href(&format!("{path}?{}#weights-{}", query.join("&"), saved.pemda));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = saved;
}

#[component]
fn Chart(kind: ChartKind, query: String) -> impl IntoView {
    let t = use_text();
    let locale = use_locale();
    let slug = kind.slug();
    let title = kind.title(locale);
    let testid = format!("chart-{slug}");
    let wide = kind == ChartKind::Heatmap;
    view! {
        <figure class="chart" class:wide=wide data-testid=testid>
            <figcaption>{title}</figcaption>
            <div class="chart-frame" role="region" aria-label=title tabindex="0">
                <img src=routes::dashboard_chart(slug, "svg", &query) alt=(t.chart_alt)(title) loading="lazy" />
            </div>
            <p>
                <a href=routes::dashboard_chart(slug, "svg", &query) download>{t.download_svg}</a>
                " · "
                <a href=routes::dashboard_chart(slug, "csv", &query) download>{t.download_csv}</a>
            </p>
        </figure>
    }
}
