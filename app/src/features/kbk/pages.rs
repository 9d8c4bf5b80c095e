//! `/kbk/{id}` (a KBK: members, SK, actions, and the form to log one) and `/kegiatan/{id}` (an action with its
//! evidence, submission and verification).

use super::{
    api::{ActionPage, KbkPage, LogAction, ReviewAction, SubmitAction, load_action, load_kbk},
    manage::{KbkManagement, ManageKbk},
    upload::EvidenceUpload,
};
use crate::components::raw_text::PageTitle;
use crate::components::table::TableFrame;
use crate::islands::island_hydrated;
use crate::{
    components::{
        forms::{ErrorSummary, Field, FieldMessage, FormState, failure, form_errors, saved},
        history::HistoryPanel,
        status::ErrorPanel,
    },
    features::programme::text::use_text,
    i18n::{use_locale, use_messages},
    routes,
};
use domain::{
    kbk::{ActionKind, ActionRow},
    time::{format_camera_time, format_date, format_instant},
    workflow::{ReviewState, Subject},
};
use leptos::prelude::*;

fn action_state(state: ReviewState) -> impl IntoView {
    let locale = use_locale();
    view! {
        <span class=format!("badge state-{}", state.as_str()) data-testid="state">
            {state.label(Subject::Action, locale)}
        </span>
    }
}

/// A KBK with its actions (`id` from the path).
#[island(lazy)]
pub fn KbkPageView(id: String) -> impl IntoView {
    island_hydrated();
    let m = use_messages();
    let log = ServerAction::<LogAction>::new();
    let manage = KbkManagement::default();
    let uploaded = RwSignal::new(0_u32);
    let on_upload = Callback::new(move |()| uploaded.update(|n| *n += 1));
    let logged = saved(log);
    let page =
        Resource::new(move || (id.clone(), logged.get(), manage.versions(), uploaded.get()), |(id, ..)| load_kbk(id));
    view! {
        {form_errors(manage.errors())}
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Kbk page log manage on_upload /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Kbk(page: KbkPage, log: ServerAction<LogAction>, manage: KbkManagement, on_upload: Callback<()>) -> impl IntoView {
    let t = use_text();
    let locale = use_locale();
    let kbk = page.kbk;
    let members = kbk
        .members
        .iter()
        .filter(|m| m.active)
        .map(|m| view! { <li>{m.name.clone()} <span class="muted">" · " {m.role.label(locale)}</span></li> })
        .collect_view();
    let decree = kbk.decree.as_ref().map_or_else(
        || t.decree_missing.to_owned(),
        |d| format!("{} {} · {}", t.decree, d.number, format_date(d.date, locale)),
    );
    let warning = kbk.size_warning.clone().map(|w| view! { <p class="notice" data-testid="size-warning">{w}</p> });
    let actions = if page.actions.is_empty() {
        view! { <p class="muted">{t.actions_none}</p> }.into_any()
    } else {
        let rows = page.actions.iter().map(action_row).collect_view();
        view! {
            <TableFrame label=t.actions>
                <table class="data" data-testid="actions-table">
                    <tbody>{rows}</tbody>
                </table>
            </TableFrame>
        }
        .into_any()
    };
    let form = page.may_log.then(|| log_form(&page.values, page.today, kbk.id.to_string(), log));
    let management = page.may_manage.then(|| {
        let (kbk, candidates) = (kbk.clone(), page.candidates.clone());
        view! { <ManageKbk kbk candidates actions=manage on_upload /> }
    });
    view! {
        <PageTitle text=kbk.name.clone() />
        <p class="muted">
            <a href=routes::opd(kbk.opd_id)>{kbk.opd_name.clone()}</a>
        </p>
        <h1>"KBK " {kbk.name.clone()}</h1>
        <p class="lead">{kbk.work_unit.clone()} " · " {decree}</p>
        {warning}
        <div class="grid-2">
            <section class="card">
                <h2>{(t.members)(kbk.members.iter().filter(|m| m.active).count())}</h2>
                <ul class="plain">{members}</ul>
            </section>
            <section class="card" id="kegiatan">
                <h2>{t.actions}</h2>
                {actions}
            </section>
        </div>
        {form}
        {management}
        <HistoryPanel events=page.history timezone=page.timezone />
    }
}

fn action_row(action: &ActionRow) -> impl IntoView + use<> {
    let locale = use_locale();
    view! {
        <tr data-testid="action-row">
            <td>{format_date(action.started_on, locale)}</td>
            <td>
                <a href=routes::action(action.id)>{action.title.clone()}</a>
            </td>
            <td>{action_state(action.state)}</td>
        </tr>
    }
}

fn log_form(
    values: &[domain::kbk::ActionValue],
    today: chrono::NaiveDate,
    kbk: String,
    log: ServerAction<LogAction>,
) -> impl IntoView + use<> {
    let t = use_text();
    let locale = use_locale();
    if values.is_empty() {
        return view! { <p class="notice">{t.no_approved_values}</p> }.into_any();
    }
    let kinds = ActionKind::ALL
        .into_iter()
        .map(|kind| view! { <option value=kind.as_str()>{kind.label(locale)}</option> })
        .collect_view();
    let boxes = values
        .iter()
        .map(|value| {
            view! {
                <label class="check">
                    <input type="checkbox" name=format!("fields[values][v{}]", value.id) data-testid="action-value" />
                    {format!("{} {}", value.code, value.name)}
                </label>
            }
        })
        .collect_view();
    let form = FormState::new("action", log);
    form.register("values", t.values_lived);
    view! {
        <section class="card">
            <h2>{t.log_action}</h2>
            <ErrorSummary form />
            <ActionForm
                action=log
                attr:class="grid-form"
                attr:data-testid="log-action"
                {..form.checks()}
            >
                <input type="hidden" name="kbk" value=kbk />
                <Field form name="title" label=t.title wide=true>
                    <input {..form.control("title")} name="fields[title]" required maxlength="200" data-testid="action-title" />
                </Field>
                <Field form name="kind" label=t.kind>
                    <select {..form.control("kind")} name="fields[kind]">{kinds}</select>
                </Field>
                <Field form name="started_on" label=t.date>
                    <input {..form.control("started_on")} type="date" name="fields[started_on]" required max=today.to_string() data-testid="action-date" />
                </Field>
                <Field form name="ended_on" label=t.end_date>
                    <input {..form.control("ended_on")} type="date" name="fields[ended_on]" max=today.to_string() />
                </Field>
                <Field form name="location" label=t.location>
                    <input {..form.control("location")} name="fields[location]" required maxlength="200" data-testid="action-location" />
                </Field>
                <Field form name="participants" label=t.participants>
                    <input {..form.control("participants")} type="number" min="0" step="1" inputmode="numeric" name="fields[participants]" required data-testid="action-participants" />
                </Field>
                <Field form name="attendees" label=t.attendees>
                    <input {..form.control("attendees")} type="number" min="0" step="1" inputmode="numeric" name="fields[attendees]" required data-testid="action-attendees" />
                </Field>
                <fieldset class="wide" tabindex="-1" {..form.control("values")}>
                    <legend>{t.values_lived}</legend>
                    <FieldMessage form name="values" />
                    {boxes}
                </fieldset>
                <Field form name="description" label=t.description wide=true>
                    <textarea {..form.control("description")} name="fields[description]" required rows="3" maxlength="5000" data-testid="action-description"></textarea>
                </Field>
                <Field form name="result" label=t.result wide=true>
                    <textarea {..form.control("result")} name="fields[result]" rows="2" maxlength="5000"></textarea>
                </Field>
                <button class="button" type="submit" data-testid="action-save">
                    {t.log_action}
                </button>
            </ActionForm>
        </section>
    }
    .into_any()
}

/// One action with its evidence (`id` from the path).
#[island(lazy)]
pub fn ActionPageView(id: String) -> impl IntoView {
    island_hydrated();
    let m = use_messages();
    let submit = ServerAction::<SubmitAction>::new();
    let review = ServerAction::<ReviewAction>::new();
    let uploaded = RwSignal::new(0_u32);
    let done = [saved(submit), saved(review)];
    let page =
        Resource::new(move || (id.clone(), done.map(|done| done.get()), uploaded.get()), |(id, ..)| load_action(id));
    let on_upload = Callback::new(move |()| uploaded.update(|n| *n += 1));
    view! {
        {form_errors(vec![failure(submit)])}
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Action page submit review on_upload /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Action(
    page: ActionPage,
    submit: ServerAction<SubmitAction>,
    review: ServerAction<ReviewAction>,
    on_upload: Callback<()>,
) -> impl IntoView {
    let t = use_text();
    let locale = use_locale();
    let timezone = page.timezone;
    let action = page.action;
    let id = action.id.to_string();
    let values = action.values.iter().map(|v| format!("{} {}", v.code, v.name)).collect::<Vec<_>>().join(", ");
    let date = match action.ended_on {
        Some(end) => format!("{} – {}", format_date(action.started_on, locale), format_date(end, locale)),
        None => format_date(action.started_on, locale),
    };
    let flag = action
        .dated_outside_entry_quarter
        .then(|| view! { <p class="notice" data-testid="outside-quarter">{t.outside_quarter}</p> });
    let reason = action
        .return_reason
        .clone()
        .filter(|_| action.state == ReviewState::Returned)
        .map(|r| view! { <p class="notice" data-testid="return-reason">{t.returned_because} ": " {r}</p> });
    let evidence = if action.evidence.is_empty() {
        view! { <p class="muted" data-testid="evidence-none">{t.evidence_none}</p> }.into_any()
    } else {
        action
            .evidence
            .iter()
            .map(|file| {
                let href = format!("/api/v1/evidence/{}", file.id);
                let thumbnail = file.has_thumbnail.then(|| {
                    view! {
                        <a href=href.clone() rel="external" aria-hidden="true" tabindex="-1">
                            <img class="thumb" src=format!("{href}/thumbnail") alt="" loading="lazy" data-testid="thumbnail" />
                        </a>
                    }
                });
                let taken = file.taken_at.map(|taken| {
                    view! {
                        <span data-testid="photo-taken">" · " {t.photo_taken} " " {format_camera_time(taken, timezone, locale)}</span>
                    }
                });
                view! {
                    <li data-testid="evidence">
                        {thumbnail}
                        <div>
                            <a href=href.clone() rel="external">{file.file_name.clone()}</a>
                            <span class="muted">
                                " · " {file.media_type.clone()} " · " {format!("{} KB", file.size.div_ceil(1024))} {taken}
                            </span>
                            <br />
                            <code class="hash" data-testid="evidence-sha256">{file.sha256.clone()}</code>
                        </div>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    let editing = page.may_edit.then(|| {
        let id = id.clone();
        view! {
            <EvidenceUpload path=format!("/api/v1/actions/{}/evidence", action.id) on_done=on_upload />
            <ActionForm action=submit>
                <input type="hidden" name="action" value=id />
                <button class="button" type="submit" data-testid="action-submit">
                    {t.submit}
                </button>
            </ActionForm>
        }
    });
    let verifying = page.may_verify.then(|| {
        let (verify_id, return_id) = (id.clone(), id.clone());
        let form = FormState::new("return", review);
        view! {
            <section class="card grid-2" data-testid="verify-form">
                <ActionForm action=review>
                    <input type="hidden" name="action" value=verify_id />
                    <input type="hidden" name="decision" value="verify" />
                    <button class="button" type="submit" data-testid="action-verify">
                        {t.verify}
                    </button>
                </ActionForm>
                <ActionForm
                    action=review
                    attr:class="grid-form"
                    {..form.checks()}
                >
                    <ErrorSummary form />
                    <input type="hidden" name="action" value=return_id />
                    <input type="hidden" name="decision" value="return" />
                    <Field form name="reason" label=t.return_reason wide=true>
                        <textarea {..form.control("reason")} name="reason" rows="2" required maxlength="1000" data-testid="action-return-reason"></textarea>
                    </Field>
                    <button class="button secondary" type="submit" data-testid="action-return">
                        {t.return_}
                    </button>
                </ActionForm>
            </section>
        }
    });
    view! {
        <PageTitle text=action.title.clone() />
        <p class="muted">
            <a href=routes::kbk(action.kbk_id)>"KBK " {action.kbk_name.clone()}</a>
        </p>
        <h1>{action.title.clone()}</h1>
        {action_state(action.state)}
        {reason}
        {flag}
        <dl class="facts">
            <dt>{t.kind}</dt>
            <dd>{action.kind.label(locale)}</dd>
            <dt>{t.date}</dt>
            <dd>{date}</dd>
            <dt>{t.location}</dt>
            <dd>{action.location.clone()}</dd>
            <dt>{t.values_lived}</dt>
            <dd>{values}</dd>
            <dt>{t.attendees}</dt>
            <dd>{format!("{} / {}", action.attendees, action.participants)}</dd>
            <dt>{t.author}</dt>
            <dd>{action.author_name.clone()}</dd>
            <dt>{t.entered}</dt>
            <dd>{format_instant(action.entered_at, page.timezone, locale)}</dd>
        </dl>
        <p>{action.description.clone()}</p>
        {action.result.clone().map(|r| view! { <p><strong>{t.result} ": "</strong> {r}</p> })}
        <section class="card">
            <h2>{t.evidence}</h2>
            <ul class="plain evidence">{evidence}</ul>
            {editing}
        </section>
        {verifying}
        <HistoryPanel events=page.history timezone=page.timezone />
    }
}
