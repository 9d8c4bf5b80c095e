//! `/opd/{id}/laporan` (the OPD's quarters), `/laporan/{id}` (one report: edit, submit, review, extensions,
//! activity) and the reviewer's inbox shown on `/tinjauan`.

use super::{
    api::{
        DecideExtension, ReportPage, RequestExtension, ReviewReport, SaveReport, StartReport, SubmitReport, load_inbox,
        load_opd_reports, load_report,
    },
    text::{Text, use_text},
};
use crate::components::raw_text::{PageTitle, TextArea};
use crate::components::table::TableFrame;
use crate::islands::island_hydrated;
use crate::{
    components::{
        forms::{ErrorSummary, Field, FormState, failure, form_errors, reload_on_success},
        status::ErrorPanel,
    },
    features::programme::pages::state_badge,
    i18n::{use_locale, use_messages},
    routes,
};
use domain::{
    locale::Locale,
    programme::Quarter,
    report::{
        Narrative, ReturnCode,
        changes::{ReportChanges, SnapshotAction},
        view::{ExtensionState, OpdReports, ReportAction, ReportSummary, ReportView},
    },
    time::{format_date, format_instant},
    workflow::{ReviewState, Subject},
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

fn quarter_label(n: u8, locale: Locale) -> String {
    Quarter::try_from(n).map(|q| q.label(locale)).unwrap_or_default()
}

/// Late, overdue and extended marks of a report or quarter.
fn marks(summary: &ReportSummary, t: &'static Text) -> impl IntoView + use<> {
    view! {
        {summary.late.then(|| view! { <span class="badge state-returned" data-testid="late">{t.late}</span> })}
        {summary.overdue.then(|| view! { <span class="badge state-returned" data-testid="overdue">{t.overdue}</span> })}
        {summary.extended.then(|| view! { <span class="badge" data-testid="extended">{t.extended}</span> })}
    }
}

/// The OPD's four quarters of a year.
#[component]
pub fn OpdReportsPage() -> impl IntoView {
    let m = use_messages();
    let params = use_params_map();
    let query = use_query_map();
    let start = ServerAction::<StartReport>::new();
    let page = Resource::new(
        move || {
            let year = query.read().get("tahun").and_then(|y| y.parse::<domain::programme::ProgrammeYear>().ok());
            (params.read().get("id").unwrap_or_default(), year)
        },
        |(opd, year)| load_opd_reports(opd, year),
    );
    view! {
        {form_errors(vec![failure(start)])}
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(reports) => view! { <Quarters reports start /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Quarters(reports: OpdReports, start: ServerAction<StartReport>) -> impl IntoView {
    let t = use_text();
    let locale = use_locale();
    let (opd, year, may_submit) = (reports.opd_id, reports.year, reports.may_submit);
    let rows = reports
        .quarters
        .into_iter()
        .map(|slot| {
            let state = match &slot.report {
                Some(report) => view! { {state_badge(report.state, Subject::Report)} {marks(report, t)} }.into_any(),
                None if slot.overdue => view! {
                    <span class="muted">{t.not_started}</span>
                    " "
                    <span class="badge state-returned" data-testid="overdue">{t.overdue}</span>
                }
                .into_any(),
                None => view! { <span class="muted">{t.not_started}</span> }.into_any(),
            };
            let act = match &slot.report {
                Some(report) => {
                    view! { <a href=routes::report(report.id) data-testid="open-report">{t.open}</a> }.into_any()
                }
                None if slot.open && may_submit => view! {
                    <ActionForm action=start>
                        <input type="hidden" name="opd" value=opd.to_string() />
                        <input type="hidden" name="year" value=year.to_string() />
                        <input type="hidden" name="quarter" value=slot.quarter.to_string() />
                        <button class="button" type="submit" data-testid="start-report">{t.start}</button>
                    </ActionForm>
                }
                .into_any(),
                None if !slot.open => view! { <span class="muted">{t.not_yet}</span> }.into_any(),
                None => ().into_any(),
            };
            view! {
                <tr data-testid="quarter-row" data-quarter=slot.quarter>
                    <td>{quarter_label(slot.quarter, locale)}</td>
                    <td>{format_date(slot.due_on, locale)}</td>
                    <td>{state}</td>
                    <td>{act}</td>
                </tr>
            }
        })
        .collect_view();
    let other_year = |year: i32| format!("{}?tahun={year}", routes::opd_reports(opd));
    view! {
        <PageTitle text=(t.reports_title)(year) />
        <p class="muted"><a href=routes::opd(opd)>{reports.opd_name}</a></p>
        <h1>{(t.reports_title)(year)}</h1>
        <p>
            <a href=other_year(year - 1)>{format!("← {}", year - 1)}</a>
            " · "
            <a href=other_year(year + 1)>{format!("{} →", year + 1)}</a>
        </p>
        <TableFrame label=(t.reports_title)(year)><table class="data" data-testid="quarters">
            <thead>
                <tr><th>{t.quarter}</th><th>{t.due}</th><th>{t.state}</th><th><span class="visually-hidden">{use_messages().column_actions}</span></th></tr>
            </thead>
            <tbody>{rows}</tbody>
        </table></TableFrame>
    }
}

/// One report: what it holds, what blocks it, and the steps the caller may take. Rendered on the server; each
/// step is a form island that loads the page again once it succeeds.
#[component]
pub fn ReportPageView() -> impl IntoView {
    let m = use_messages();
    let params = use_params_map();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), load_report);
    view! {
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Report page /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Report(page: ReportPage) -> impl IntoView {
    let t = use_text();
    let locale = use_locale();
    let report = &page.report;
    let s = &report.summary;
    let id = s.id.to_string();
    let exports = id.clone();
    let title = (t.report_title)(&quarter_label(s.quarter, locale), s.year);
    let note = report.return_note.as_ref().map(|note| {
        let heading = note.code.map_or(t.reopened_note, |_| t.returned_note);
        let code = note.code.map(|c| view! { <strong data-testid="return-code">{c.label(locale)}</strong> ": " });
        view! {
            <div class="notice" data-testid="return-note">
                <p>
                    {heading} " · " {note.by_name.clone()} " · " {format_instant(note.at, page.timezone, locale)}
                </p>
                <p>{code} <span data-testid="return-text">{note.text.clone()}</span></p>
            </div>
        }
    });
    let checks = (s.state.is_editable()).then(|| {
        let items = if report.checks.is_empty() {
            view! { <li data-testid="checks-ok">{t.checks_ok}</li> }.into_any()
        } else {
            report
                .checks
                .iter()
                .map(|c| view! { <li data-testid="check">{c.message(locale)}</li> })
                .collect_view()
                .into_any()
        };
        view! {
            <section class="card" data-testid="checks">
                <h2>{t.checks_title}</h2>
                <ul class="plain">{items}</ul>
            </section>
        }
    });
    let changes = page.changes.since_revision.map(|n| changes_panel(&page.changes, n, t));
    let locked =
        (s.state == ReviewState::Accepted).then(|| view! { <p class="muted" data-testid="locked">{t.locked}</p> });
    let edit = page.may_edit.then(|| edit_form(report, locale));
    let submit = page.may_edit.then(|| view! { <SubmitForm report=id.clone() /> });
    let review = (page.may_review && s.state == ReviewState::Submitted).then(|| {
        let comments = report.included_actions().into_iter().map(|a| (a.id.to_string(), a.title.clone())).collect();
        view! { <ReviewForms report=id.clone() comments /> }
    });
    let reopen = (page.may_review && s.state == ReviewState::Accepted).then(|| view! { <ReopenForm report=id /> });
    let extensions = extensions_panel(&page, t);
    let feed = report
        .events
        .iter()
        .map(|e| {
            view! {
                <li data-testid="event" data-kind=e.kind.clone()>
                    <span class="muted">{format_instant(e.at, page.timezone, locale)}</span>
                    " · " <strong>{(t.feed_kind)(&e.kind)}</strong> " · " {e.actor_name.clone()}
                    {e.text.clone().map(|text| view! { " — " {text} })}
                </li>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=title.clone() />
        <p class="muted"><a href=routes::opd_reports(s.opd_id)>{s.opd_name.clone()}</a> " · " {s.pemda_name.clone()}</p>
        <h1>{title}</h1>
        <p>
            {state_badge(s.state, Subject::Report)} " " {marks(s, t)} " "
            <span>{t.due} ": " <strong data-testid="due">{format_date(s.due_on, locale)}</strong></span>
            {(s.revision > 0).then(|| view! { " · " <span class="muted">{(t.revision)(s.revision)}</span> })}
        </p>
        <p class="exports">
            <a href=format!("/api/v1/reports/{exports}/export.pdf") rel="external" data-testid="export-pdf">{t.export_pdf}</a>
            " · "
            <a href=routes::report_print(s.id) data-testid="print-page">{t.print_page}</a>
            " · "
            <a href=format!("/api/v1/reports/{exports}/export.xlsx") rel="external" data-testid="export-xlsx">{t.export_xlsx}</a>
            " · "
            <a href=format!("/api/v1/reports/{exports}/export.csv") rel="external" data-testid="export-csv">{t.export_csv}</a>
            " · "
            <a href=format!("/api/v1/reports/{exports}/evidence.zip") rel="external" data-testid="export-zip">{t.export_zip}</a>
        </p>
        {note}
        {locked}
        {changes}
        {checks}
        {sections(report, t, locale)}
        {narrative(report, t)}
        {edit}
        {submit}
        {review}
        {reopen}
        {extensions}
        <section class="card">
            <h2>{t.feed_title}</h2>
            <ul class="history" data-testid="feed">{feed}</ul>
        </section>
    }
}

fn titles(list: &[SnapshotAction]) -> String {
    list.iter().map(|a| a.title.clone()).collect::<Vec<_>>().join(", ")
}

fn changes_panel(changes: &ReportChanges, since: u32, t: &'static Text) -> impl IntoView + use<> {
    let locale = use_locale();
    let line = |label: &'static str, list: &[SnapshotAction], testid: &'static str| {
        (!list.is_empty()).then(|| view! { <li data-testid=testid><strong>{label}</strong> ": " {titles(list)}</li> })
    };
    let narrative = (!changes.narrative_changed.is_empty()).then(|| {
        let sections = changes.narrative_changed.iter().map(|s| s.label(locale)).collect::<Vec<_>>().join(", ");
        view! { <li data-testid="narrative-changed"><strong>{t.narrative_changed}</strong> ": " {sections}</li> }
    });
    let nothing = changes.is_empty().then(|| view! { <li>{t.no_changes}</li> });
    view! {
        <section class="card" data-testid="changes">
            <h2>{(t.changes_title)(since)}</h2>
            <ul class="plain">
                {line(t.added, &changes.added, "added")}
                {line(t.removed, &changes.removed, "removed")}
                {line(t.changed, &changes.changed, "changed")}
                {narrative}
                {nothing}
                <li class="muted" data-testid="unchanged">{(t.already_reviewed)(changes.unchanged.len())}</li>
            </ul>
        </section>
    }
}

fn action_row(action: &ReportAction, t: &'static Text, locale: Locale) -> impl IntoView + use<> {
    let excluded = action.excluded.then(|| view! { " " <span class="badge">{t.excluded}</span> });
    let comment = action.comment.clone().map(|c| view! { <p class="notice" data-testid="action-comment">{c}</p> });
    view! {
        <tr data-testid="report-action">
            <td>{format_date(action.started_on, locale)}</td>
            <td><a href=routes::action(action.id)>{action.title.clone()}</a> {excluded} {comment}</td>
            <td>{action.kbk_name.clone()}</td>
            <td class="number">{action.attendees}</td>
            <td class="number">{action.evidence_count}</td>
        </tr>
    }
}

fn sections(report: &ReportView, t: &'static Text, locale: Locale) -> impl IntoView + use<> {
    let items = report
        .sections
        .iter()
        .map(|section| {
            let body = if section.actions.is_empty() {
                view! { <p class="muted">{t.no_actions}</p> }.into_any()
            } else {
                let rows = section.actions.iter().map(|a| action_row(a, t, locale)).collect_view();
                view! {
                    <TableFrame label=format!("{} {}", section.code, section.name)><table class="data">
                        <thead>
                            <tr><th>{t.date}</th><th>{t.action}</th><th>{t.kbk}</th><th>{t.attendees}</th><th>{t.evidence}</th></tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table></TableFrame>
                }
                .into_any()
            };
            view! {
                <article data-testid="value-section" data-code=section.code.clone()>
                    <h3>{format!("{} {}", section.code, section.name)}</h3>
                    {body}
                </article>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{t.actions_per_value}</h2>
            {items}
        </section>
    }
}

fn narrative(report: &ReportView, t: &'static Text) -> impl IntoView + use<> {
    let locale = use_locale();
    let n = &report.narrative;
    let parts = [
        (domain::report::NarrativeSection::Achievements, n.achievements.clone()),
        (domain::report::NarrativeSection::Obstacles, n.obstacles.clone()),
        (domain::report::NarrativeSection::FollowUp, n.follow_up.clone()),
    ]
    .into_iter()
    .map(|(section, text)| view! { <dt>{section.label(locale)}</dt> <dd>{text}</dd> })
    .collect_view();
    view! {
        <section class="card" data-testid="narrative">
            <h2>{t.narrative}</h2>
            <dl class="facts">{parts}</dl>
        </section>
    }
}

/// What the report form starts from: the narrative and, per action, whether it is left out.
fn edit_form(report: &ReportView, locale: Locale) -> impl IntoView + use<> {
    let mut seen = Vec::new();
    let actions = report
        .sections
        .iter()
        .flat_map(|s| &s.actions)
        .filter(|a| {
            let first = !seen.contains(&a.id);
            seen.push(a.id);
            first
        })
        .map(|a| (a.id.to_string(), format!("{} · {}", format_date(a.started_on, locale), a.title), a.excluded))
        .collect();
    view! { <EditForm report=report.summary.id.to_string() narrative=report.narrative.clone() actions /> }
}

/// The narrative and the actions left out; `actions` are (id, label, left out).
#[island]
fn EditForm(report: String, narrative: Narrative, actions: Vec<(String, String, bool)>) -> impl IntoView {
    island_hydrated();
    let t = use_text();
    let locale = use_locale();
    let save = ServerAction::<SaveReport>::new();
    reload_on_success(save);
    let excludes = actions
        .into_iter()
        .map(|(id, label, excluded)| {
            view! {
                <label class="check">
                    <input type="checkbox" name=format!("fields[excluded][a{id}]") checked=excluded />
                    {label}
                </label>
            }
        })
        .collect_view();
    let area = |name: &'static str, label: &'static str, value: String, testid: &'static str| {
        view! {
            <label class="wide">
                {label}
                <TextArea value=value attr:name=name attr:rows="4" attr:maxlength="4000" attr:data-testid=testid />
            </label>
        }
    };
    use domain::report::NarrativeSection as S;
    let areas = (
        area("fields[achievements]", S::Achievements.label(locale), narrative.achievements, "achievements"),
        area("fields[obstacles]", S::Obstacles.label(locale), narrative.obstacles, "obstacles"),
        area("fields[follow_up]", S::FollowUp.label(locale), narrative.follow_up, "follow-up"),
    );
    view! {
        {form_errors(vec![failure(save)])}
        <section class="card">
            <ActionForm action=save attr:class="grid-form" attr:data-testid="report-form">
                <input type="hidden" name="report" value=report />
                {areas}
                <fieldset class="wide">
                    <legend>{t.exclude}</legend>
                    {excludes}
                </fieldset>
                <button class="button secondary" type="submit" data-testid="report-save">{t.save}</button>
            </ActionForm>
        </section>
    }
}

/// Submits the report for review.
#[island]
fn SubmitForm(report: String) -> impl IntoView {
    island_hydrated();
    let t = use_text();
    let submit = ServerAction::<SubmitReport>::new();
    reload_on_success(submit);
    view! {
        {form_errors(vec![failure(submit)])}
        <ActionForm action=submit>
            <input type="hidden" name="report" value=report />
            <button class="button" type="submit" data-testid="report-submit">{t.submit}</button>
        </ActionForm>
    }
}

/// The reviewer's two answers to a submitted report: accept, or return with a code, a reason and comments on
/// its actions (`comments` are the included actions' ids and titles).
#[island]
fn ReviewForms(report: String, comments: Vec<(String, String)>) -> impl IntoView {
    island_hydrated();
    let t = use_text();
    let locale = use_locale();
    let review = ServerAction::<ReviewReport>::new();
    reload_on_success(review);
    let codes = ReturnCode::ALL
        .into_iter()
        .map(|c| view! { <option value=c.as_str()>{c.label(locale)}</option> })
        .collect_view();
    let comments = comments
        .into_iter()
        .map(|(id, title)| {
            view! {
                <label class="wide">
                    {format!("{} {}", t.comment_on, title)}
                    <input name=format!("comments[c{id}]") data-testid="comment" />
                </label>
            }
        })
        .collect_view();
    let accept_id = report.clone();
    let form = FormState::new("return", review);
    view! {
        <ErrorSummary form />
        <section class="card grid-2" data-testid="review-form">
            <ActionForm action=review>
                <input type="hidden" name="report" value=accept_id />
                <input type="hidden" name="decision" value="accept" />
                <button class="button" type="submit" data-testid="report-accept">{t.accept}</button>
            </ActionForm>
            <ActionForm
                action=review
                attr:class="grid-form"
                {..form.checks()}
            >
                <input type="hidden" name="report" value=report />
                <input type="hidden" name="decision" value="return" />
                <Field form name="code" label=t.return_code wide=true>
                    <select {..form.control("code")} name="code" required data-testid="return-code-select">
                        {codes}
                    </select>
                </Field>
                <Field form name="reason" label=t.return_reason wide=true>
                    <textarea {..form.control("reason")} name="reason" rows="2" required maxlength="2000" data-testid="return-reason"></textarea>
                </Field>
                {comments}
                <button class="button secondary" type="submit" data-testid="report-return">{t.return_}</button>
            </ActionForm>
        </section>
    }
}

/// Reopens an accepted report, with a reason.
#[island]
fn ReopenForm(report: String) -> impl IntoView {
    island_hydrated();
    let t = use_text();
    let review = ServerAction::<ReviewReport>::new();
    reload_on_success(review);
    let form = FormState::new("reopen", review);
    view! {
        <section class="card">
            <ErrorSummary form />
            <ActionForm
                action=review
                attr:class="grid-form"
                attr:data-testid="reopen-form"
                {..form.checks()}
            >
                <input type="hidden" name="report" value=report />
                <input type="hidden" name="decision" value="reopen" />
                <Field form name="reason" label=t.reopen_reason wide=true>
                    <textarea {..form.control("reason")} name="reason" rows="2" required maxlength="2000" data-testid="reopen-reason"></textarea>
                </Field>
                <button class="button secondary" type="submit" data-testid="reopen">{t.reopen}</button>
            </ActionForm>
        </section>
    }
}

fn extensions_panel(page: &ReportPage, t: &'static Text) -> impl IntoView + use<> {
    let locale = use_locale();
    let report = &page.report;
    let pending = report.extensions.iter().any(|e| e.state == ExtensionState::Pending);
    let report_id = report.summary.id.to_string();
    let ask = (page.may_edit && report.summary.revision == 0 && !pending)
        .then(move || view! { <AskExtension report=report_id /> });
    let items = report
        .extensions
        .iter()
        .map(|e| {
            let decide = (page.may_review && e.state == ExtensionState::Pending)
                .then(|| view! { <DecideExtension extension=e.id.to_string() /> });
            let granted = e.granted_to.map(|d| view! { " → " <strong>{format_date(d, locale)}</strong> });
            view! {
                <li data-testid="extension">
                    <span class="badge">{(t.extension_state)(e.state)}</span> {granted} " · "
                    {e.requested_by_name.clone()} ": " {e.reason.clone()}
                    {e.note.clone().map(|n| view! { <p class="muted">{n}</p> })}
                    {decide}
                </li>
            }
        })
        .collect_view();
    (ask.is_some() || !report.extensions.is_empty()).then(|| {
        view! {
            <section class="card">
                <h2>{t.extension_title}</h2>
                <ul class="plain">{items}</ul>
                {ask}
            </section>
        }
    })
}

/// Asks for a later due date, with a reason.
#[island]
fn AskExtension(report: String) -> impl IntoView {
    island_hydrated();
    let t = use_text();
    let ask = ServerAction::<RequestExtension>::new();
    reload_on_success(ask);
    let form = FormState::new("extension", ask);
    view! {
        <ErrorSummary form />
        <ActionForm
            action=ask
            attr:class="grid-form"
            attr:data-testid="extension-form"
            {..form.checks()}
        >
            <input type="hidden" name="report" value=report />
            <Field form name="reason" label=t.extension_reason wide=true>
                <textarea {..form.control("reason")} name="reason" rows="2" required maxlength="1000" data-testid="extension-reason"></textarea>
            </Field>
            <button class="button secondary" type="submit" data-testid="extension-ask">{t.extension_ask}</button>
        </ActionForm>
    }
}

/// The reviewer's answer to a pending extension: grant to a new due date, or refuse with a note. Each form has
/// its own action, so that one's errors never show at the other.
#[island]
fn DecideExtension(extension: String) -> impl IntoView {
    island_hydrated();
    let t = use_text();
    let (decide, refuse) = (ServerAction::<DecideExtension>::new(), ServerAction::<DecideExtension>::new());
    reload_on_success(decide);
    reload_on_success(refuse);
    let (grant, refusal) = (FormState::new("grant", decide), FormState::new("refuse", refuse));
    let refuse_id = extension.clone();
    view! {
        <div class="grid-2">
            <ActionForm
                action=decide
                attr:class="grid-form"
                attr:data-testid="extension-grant-form"
                {..grant.checks()}
            >
                <ErrorSummary form=grant />
                <input type="hidden" name="extension" value=extension />
                <input type="hidden" name="decision" value="grant" />
                <Field form=grant name="due_on" label=t.extension_new_due>
                    <input {..grant.control("due_on")} type="date" name="due_on" required data-testid="extension-due" />
                </Field>
                <Field form=grant name="note" label=t.extension_note>
                    <input {..grant.control("note")} name="note" maxlength="1000" />
                </Field>
                <button class="button" type="submit" data-testid="extension-grant">{t.extension_grant}</button>
            </ActionForm>
            <ActionForm
                action=refuse
                attr:class="grid-form"
                attr:data-testid="extension-refuse-form"
                {..refusal.checks()}
            >
                <ErrorSummary form=refusal />
                <input type="hidden" name="extension" value=refuse_id />
                <input type="hidden" name="decision" value="refuse" />
                <Field form=refusal name="note" label=t.extension_note>
                    <input {..refusal.control("note")} name="note" required maxlength="1000" data-testid="extension-note" />
                </Field>
                <button class="button secondary" type="submit" data-testid="extension-refuse">
                    {t.extension_refuse}
                </button>
            </ActionForm>
        </div>
    }
}

/// Submitted reports waiting for the caller, oldest first, with counts per Pemda (shown on `/tinjauan`).
#[component]
pub fn Inbox() -> impl IntoView {
    let m = use_messages();
    let t = use_text();
    let locale = use_locale();
    let inbox = Resource::new(|| (), |_| load_inbox());
    view! {
        <h2>{t.inbox_title}</h2>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match inbox.await {
                    Ok(queue) if queue.items.is_empty() => view! { <p class="muted" data-testid="inbox-empty">{t.inbox_empty}</p> }.into_any(),
                    Ok(queue) => {
                        let counts = queue
                            .per_pemda
                            .iter()
                            .map(|p| view! { <li data-testid="pemda-count">{p.pemda_name.clone()} ": " <strong>{p.waiting}</strong></li> })
                            .collect_view();
                        let rows = queue
                            .items
                            .iter()
                            .map(|r| {
                                let submitted = r.submitted_at.map(|at| format_date(at.date_naive(), locale)).unwrap_or_default();
                                view! {
                                    <tr data-testid="inbox-item">
                                        <td><a href=routes::report(r.id)>{r.opd_name.clone()}</a></td>
                                        <td>{format!("{} {}", quarter_label(r.quarter, locale), r.year)}</td>
                                        <td>{submitted}</td>
                                        <td>{marks(r, t)} {(r.revision > 1).then(|| view! { " " <span class="muted">{(t.revision)(r.revision)}</span> })}</td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        view! {
                            <ul class="plain">{counts}</ul>
                            <TableFrame label=t.inbox_title><table class="data" data-testid="inbox">
                                <thead><tr><th>"OPD"</th><th>{t.quarter}</th><th>{t.submitted_at}</th><th><span class="visually-hidden">{m.column_notes}</span></th></tr></thead>
                                <tbody>{rows}</tbody>
                            </table></TableFrame>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
