//! `/opd/{id}` (the OPD's year at a glance), `/opd/{id}/nilai` (its value selection) and `/tinjauan` (the
//! bureau's review queue).

use super::{
    api::{
        AddChoice, RemoveChoice, ReviewSelection, SelectionPage, SubmitSelection, load_opd_year, load_review_queue,
        load_selection,
    },
    text::use_text,
};
use crate::components::raw_text::PageTitle;
use crate::components::table::TableFrame;
use crate::islands::island_hydrated;
use crate::{
    components::{
        forms::{ErrorSummary, Field, FormState, failure, form_errors, saved},
        history::HistoryPanel,
        status::ErrorPanel,
    },
    features::kbk::manage::FormKbk,
    i18n::{use_locale, use_messages},
    routes,
};
use domain::{
    programme::{Gap, OpdYearView, SelectionView},
    time::format_date,
    workflow::{ReviewState, Subject},
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

pub(crate) fn state_badge(state: ReviewState, subject: Subject) -> impl IntoView + use<> {
    let locale = use_locale();
    view! {
        <span class=format!("badge state-{}", state.as_str()) data-testid="state">
            {state.label(subject, locale)}
        </span>
    }
}

/// The OPD's year at a glance.
#[component]
pub fn OpdHomePage() -> impl IntoView {
    let m = use_messages();
    let params = use_params_map();
    let year = Resource::new(move || params.read().get("id").unwrap_or_default(), load_opd_year);
    view! {
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match year.await {
                    Ok(home) => view! { <OpdYear year=home.year may_form_kbk=home.may_form_kbk /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OpdYear(year: OpdYearView, may_form_kbk: bool) -> impl IntoView {
    let t = use_text();
    let locale = use_locale();
    let opd = year.opd_id;
    let selection = match &year.selection {
        Some(selection) => {
            let values = selection
                .choices
                .iter()
                .map(|c| view! { <li>{format!("{} {}", c.value_code, c.value_name)}</li> })
                .collect_view();
            view! {
                {state_badge(selection.state, Subject::Selection)}
                <ul class="plain">{values}</ul>
            }
            .into_any()
        }
        None => view! { <p class="muted">{t.values_none}</p> }.into_any(),
    };
    let kbks = if year.kbks.is_empty() {
        view! { <p class="muted">{t.kbks_none}</p> }.into_any()
    } else {
        year.kbks
            .iter()
            .map(|kbk| {
                let members = kbk.members.iter().filter(|m| m.active).count();
                let decree = kbk.decree.as_ref().map_or_else(
                    || t.decree_missing.to_owned(),
                    |d| format!("{} {} ({})", t.decree, d.number, format_date(d.date, locale)),
                );
                view! {
                    <li data-testid="kbk">
                        <a href=routes::kbk(kbk.id)>{kbk.name.clone()}</a>
                        <span class="muted">" · " {(t.members)(members)} " · " {decree}</span>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    let activity = if year.activity.is_empty() {
        view! { <p class="muted">{t.activity_none}</p> }.into_any()
    } else {
        let rows = year
            .activity
            .iter()
            .map(|a| {
                view! {
                    <tr data-testid="activity-row">
                        <td>{format!("{} {}", a.code, a.name)}</td>
                        <td class="number">{a.actions}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <TableFrame label=(t.activity_title)(&year.quarter.label(locale))><table class="data">
                <tbody>{rows}</tbody>
            </table></TableFrame>
        }
        .into_any()
    };
    let due = year.next_due.map(|(quarter, date)| {
        view! {
            <p data-testid="next-due">
                {t.next_due} ": " <strong>{quarter.label(locale)} " · " {format_date(date, locale)}</strong>
            </p>
        }
    });
    let gaps = if year.gaps.is_empty() {
        view! { <p data-testid="missing-none">{t.missing_none}</p> }.into_any()
    } else {
        year.gaps
            .iter()
            .map(|gap| {
                let href = match gap {
                    Gap::NoKbk => format!("{}#bentuk-kbk", routes::opd(opd)),
                    Gap::NoDecree { kbk } => year
                        .kbks
                        .iter()
                        .find(|k| &k.name == kbk)
                        .map_or_else(|| routes::opd(opd), |k| routes::kbk(k.id)),
                    _ => routes::opd_values(opd),
                };
                view! {
                    <li data-testid="missing">
                        <a href=href>{gap.message(locale)}</a>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <PageTitle text=year.opd_name.clone() />
        <p class="muted">{year.pemda_name.clone()}</p>
        <h1>{year.opd_name.clone()}</h1>
        <p class="lead">{(t.opd_year)(year.year)}</p>
        {due}
        <p>
            <a class="button secondary" href=routes::opd_reports(opd) data-testid="open-reports">
                {crate::features::report::text::use_text().nav_reports}
            </a>
        </p>
        <div class="grid-2">
            <section class="card" data-testid="missing-list">
                <h2>{t.missing_title}</h2>
                <ul class="plain">{gaps}</ul>
            </section>
            <section class="card">
                <h2>{t.values}</h2>
                {selection}
                <a class="button secondary" href=routes::opd_values(opd) data-testid="open-selection">
                    {t.open_selection}
                </a>
            </section>
            <section class="card">
                <h2>{t.kbks}</h2>
                <ul class="plain">{kbks}</ul>
            </section>
            <section class="card">
                <h2>{(t.activity_title)(&year.quarter.label(locale))}</h2>
                {activity}
            </section>
        </div>
        {may_form_kbk.then(|| view! { <div id="bentuk-kbk"><FormKbk opd /></div> })}
    }
}

/// The OPD's value selection (`id` from the path, the year `tahun` of the query): choose (Kepala OPD), review
/// (Peninjau), or read.
#[island(lazy)]
pub fn SelectionPageView(id: String, tahun: Option<String>) -> impl IntoView {
    island_hydrated();
    let m = use_messages();
    let add = ServerAction::<AddChoice>::new();
    let remove = ServerAction::<RemoveChoice>::new();
    let submit = ServerAction::<SubmitSelection>::new();
    let review = ServerAction::<ReviewSelection>::new();
    let done = [saved(add), saved(remove), saved(submit), saved(review)];
    let versions = move || done.map(|done| done.get());
    let year = tahun.as_deref().and_then(|y| y.parse::<domain::programme::ProgrammeYear>().ok());
    let opd = StoredValue::new(id);
    let page = Resource::new(move || (opd.get_value(), year, versions()), |(opd, year, _)| load_selection(opd, year));
    view! {
        {form_errors(vec![failure(remove), failure(submit)])}
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Selection page opd=opd.get_value() add remove submit review /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Selection(
    page: SelectionPage,
    opd: String,
    add: ServerAction<AddChoice>,
    remove: ServerAction<RemoveChoice>,
    submit: ServerAction<SubmitSelection>,
    review: ServerAction<ReviewSelection>,
) -> impl IntoView {
    let t = use_text();
    let year = page.rules.year;
    let state = page.selection.as_ref().map(|s| s.state);
    let editable = page.may_choose && state.is_none_or(ReviewState::is_editable);
    let chosen: Vec<String> =
        page.selection.iter().flat_map(|s| s.choices.iter().map(|c| c.value_id.to_string())).collect();
    let header = page.selection.as_ref().map(|s| {
        let reason = s.return_reason.clone().filter(|_| s.state == ReviewState::Returned).map(|reason| {
            view! {
                <p class="notice" data-testid="return-reason">
                    {t.returned_because} ": " {reason}
                </p>
            }
        });
        view! {
            {state_badge(s.state, Subject::Selection)}
            {reason}
        }
    });
    let choices =
        page.selection.as_ref().map(|s| s.choices.iter().map(|c| choice_card(c, s, editable, remove)).collect_view());
    let add_form = editable.then(|| {
        let form = FormState::new("choice", add);
        let options = page
            .offered
            .iter()
            .filter(|v| !chosen.contains(&v.id))
            .map(|v| view! { <option value=v.id.clone()>{format!("{} {} ({})", v.code, v.name, v.pair)}</option> })
            .collect_view();
        view! {
            <section class="card">
                <h2>{t.add_value}</h2>
                <ErrorSummary form />
                <ActionForm
                    action=add
                    attr:class="grid-form"
                    attr:data-testid="add-choice"
                    {..form.checks()}
                >
                    <input type="hidden" name="opd" value=opd />
                    <input type="hidden" name="year" value=year.to_string() />
                    <Field form name="value_id" label=t.choose_value wide=true>
                        <select {..form.control("value_id")} name="value" required data-testid="choice-value">
                            <option value="">"—"</option>
                            {options}
                        </select>
                    </Field>
                    <Field form name="reason" label=t.reason wide=true>
                        <textarea {..form.control("reason")} name="reason" required rows="2" maxlength="1000" data-testid="choice-reason"></textarea>
                    </Field>
                    <Field form name="description" label=t.behaviour>
                        <input {..form.control("description")} name="behaviour" required maxlength="300" data-testid="choice-behaviour" />
                    </Field>
                    <Field form name="target" label=t.target>
                        <input {..form.control("target")} name="target" required maxlength="300" placeholder=t.target_hint data-testid="choice-target" />
                    </Field>
                    <button class="button" type="submit" data-testid="choice-add">
                        {t.add_value}
                    </button>
                </ActionForm>
            </section>
        }
    });
    let submit_form = (editable && page.selection.is_some()).then(|| {
        let id = page.selection.as_ref().map(|s| s.id.to_string()).unwrap_or_default();
        view! {
            <ActionForm action=submit>
                <input type="hidden" name="selection" value=id />
                <button class="button" type="submit" data-testid="selection-submit">
                    {t.submit}
                </button>
            </ActionForm>
        }
    });
    let reviewable = page.selection.as_ref().filter(|s| page.may_review && s.state == ReviewState::Submitted);
    let review_form = reviewable.map(|s| (s.id.to_string(), s.id.to_string())).map(|(approve_id, return_id)| {
        let form = FormState::new("return", review);
        view! {
            <section class="card grid-2" data-testid="review-form">
                <ActionForm action=review>
                    <input type="hidden" name="selection" value=approve_id />
                    <input type="hidden" name="decision" value="approve" />
                    <button class="button" type="submit" data-testid="review-approve">
                        {t.approve}
                    </button>
                </ActionForm>
                <ActionForm
                    action=review
                    attr:class="grid-form"
                    {..form.checks()}
                >
                    <ErrorSummary form />
                    <input type="hidden" name="selection" value=return_id />
                    <input type="hidden" name="decision" value="return" />
                    <Field form name="reason" label=t.return_reason wide=true>
                        <textarea {..form.control("reason")} name="reason" rows="2" required maxlength="1000" data-testid="review-reason"></textarea>
                    </Field>
                    <button class="button secondary" type="submit" data-testid="review-return">
                        {t.return_}
                    </button>
                </ActionForm>
            </section>
        }
    });
    let locked =
        (state == Some(ReviewState::Accepted)).then(|| view! { <p class="muted" data-testid="locked">{t.locked}</p> });
    let next_year = page
        .selection
        .as_ref()
        .filter(|_| page.may_choose && state == Some(ReviewState::Accepted) && page.next.is_none())
        .map(|s| {
            let href = format!("{}?tahun={}", routes::opd_values(s.opd_id), year + 1);
            view! {
                <a class="button secondary" href=href data-testid="next-year">
                    {(t.start_next_year)(year + 1)}
                </a>
            }
        });
    view! {
        <PageTitle text=(t.selection_title)(year) />
        <p class="muted">{page.opd_name.clone()}</p>
        <h1>{(t.selection_title)(year)}</h1>
        <p>{(t.selection_limits)(page.rules.min_values, page.rules.max_values)}</p>
        {header}
        <div class="choices" data-testid="choices">{choices}</div>
        {locked}
        {next_year}
        {submit_form}
        {review_form}
        {add_form}
        <HistoryPanel events=page.history timezone=page.timezone />
    }
}

fn choice_card(
    choice: &domain::programme::ChoiceView,
    selection: &SelectionView,
    editable: bool,
    remove: ServerAction<RemoveChoice>,
) -> impl IntoView + use<> {
    let t = use_text();
    let (selection_id, value_id) = (selection.id.to_string(), choice.value_id.to_string());
    let behaviours = choice
        .behaviours
        .iter()
        .map(|b| view! { <li>{b.description.clone()} " — " <em>{b.target.clone()}</em></li> })
        .collect_view();
    let remove_form = editable.then(|| {
        view! {
            <ActionForm action=remove>
                <input type="hidden" name="selection" value=selection_id />
                <input type="hidden" name="value" value=value_id />
                <button type="submit" class="link-button">
                    {t.remove}
                </button>
            </ActionForm>
        }
    });
    view! {
        <article class="card choice" data-testid="choice" data-code=choice.value_code.clone()>
            <h2>{format!("{} {}", choice.value_code, choice.value_name)}</h2>
            <p class="muted">{choice.pair_name.clone().unwrap_or_default()}</p>
            <p>{choice.reason.clone()}</p>
            <ul>{behaviours}</ul>
            {remove_form}
        </article>
    }
}

/// Submitted selections waiting for the bureau.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let m = use_messages();
    let t = use_text();
    let queue = Resource::new(|| (), |_| load_review_queue());
    let r = crate::features::report::text::use_text();
    view! {
        <PageTitle text=t.review_title />
        <h1>{t.review_title}</h1>
        <crate::features::report::pages::Inbox />
        <h2>{r.selections_title}</h2>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(items) if items.is_empty() => view! { <p class="muted">{t.review_empty}</p> }.into_any(),
                    Ok(items) => {
                        items
                            .into_iter()
                            .map(|s| {
                                let values =
                                    s.choices.iter().map(|c| c.value_code.clone()).collect::<Vec<_>>().join(", ");
                                view! {
                                    <article class="card" data-testid="review-item">
                                        <h2>
                                            <a href=routes::opd_values(s.opd_id)>{s.opd_name.clone()}</a>
                                        </h2>
                                        <p>{s.year} " · " {values}</p>
                                    </article>
                                }
                            })
                            .collect_view()
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
