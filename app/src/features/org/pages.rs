//! `/organisasi` (the tree the caller administers, with a form to add a node) and `/organisasi/{id}` (one node:
//! rename, move, deactivate, a Pemda's programme-year settings, and the node's history).

use super::{
    api::{
        AddUnit, ChangeUnit, ConfigureYear, OrgAdmin, SetUnitActive, UnitPage, YearSettings, load_org_admin, load_unit,
    },
    text::use_text,
};
use crate::components::raw_text::PageTitle;
use crate::components::table::TableFrame;
use crate::islands::island_hydrated;
use crate::{
    components::{
        forms::{ErrorSummary, Field, FieldMessage, FormState, failure, form_errors, saved, unit_options},
        history::HistoryPanel,
        status::ErrorPanel,
    },
    i18n::{use_locale, use_messages},
    routes,
};
use domain::{
    org::{OrgKind, OrgTreeNode, OrgUnitView, Timezone},
    programme::Quarter,
};
use leptos::prelude::*;

/// The tree the caller administers.
#[island(lazy)]
pub fn OrgAdminPage() -> impl IntoView {
    island_hydrated();
    let m = use_messages();
    let t = use_text();
    let add = ServerAction::<AddUnit>::new();
    let added = saved(add);
    let page = Resource::new(move || added.get(), |_| load_org_admin());
    view! {
        <PageTitle text=t.title />
        <h1>{t.title}</h1>
        <p class="lead">{t.lead}</p>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <OrgTree page add /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Depth-first rows of the forest, each with its depth.
fn rows(forest: Vec<OrgTreeNode>, depth: usize, out: &mut Vec<(usize, OrgUnitView)>) {
    for node in forest {
        out.push((depth, node.unit));
        rows(node.children, depth + 1, out);
    }
}

fn kind_options(selected: Option<OrgKind>) -> impl IntoView {
    let locale = use_locale();
    OrgKind::ALL
        .into_iter()
        .map(|kind| {
            view! {
                <option value=kind.as_str() selected=Some(kind) == selected>
                    {kind.label(locale)}
                </option>
            }
        })
        .collect_view()
}

fn timezone_options(selected: Option<Timezone>) -> impl IntoView {
    let t = use_text();
    let zones = [Timezone::Wib, Timezone::Wita, Timezone::Wit];
    view! {
        <option value="" selected=selected.is_none()>
            {t.timezone_hint}
        </option>
        {zones
            .into_iter()
            .map(|tz| {
                view! {
                    <option value=tz.abbreviation() selected=Some(tz) == selected>
                        {tz.abbreviation()}
                    </option>
                }
            })
            .collect_view()}
    }
}

fn status_label(active: bool) -> &'static str {
    let t = use_text();
    if active { t.active } else { t.inactive }
}

/// Deepest indentation the stylesheet draws (`.tree-cell[data-depth]`); deeper nodes line up with it.
const MAX_INDENT: usize = 8;

#[component]
fn OrgTree(page: OrgAdmin, add: ServerAction<AddUnit>) -> impl IntoView {
    let form = FormState::new("unit", add);
    let t = use_text();
    let locale = use_locale();
    let parents = unit_options(page.units.iter().filter(|unit| unit.active));
    let root = page.may_add_root.then(|| view! { <option value="">{t.root}</option> });
    let mut flat = Vec::new();
    rows(OrgTreeNode::forest(page.units), 0, &mut flat);
    let body = flat
        .into_iter()
        .map(|(depth, unit)| {
            view! {
                <tr data-testid="org-row" data-code=unit.code.clone() class:inactive=!unit.active>
                    // Indented by a class per depth: the CSP refuses inline styles.
                    <td class="tree-cell" data-depth=depth.min(MAX_INDENT)>
                        <a href=routes::org_unit(unit.id)>{unit.name.clone()}</a>
                    </td>
                    <td>
                        <code>{unit.code.clone()}</code>
                    </td>
                    <td>{unit.kind.label(locale)}</td>
                    <td>{status_label(unit.active)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableFrame label=t.title>
            <table class="data" data-testid="org-table">
                <thead>
                    <tr>
                        <th>{t.name}</th>
                        <th>{t.code}</th>
                        <th>{t.kind}</th>
                        <th>{t.status}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </TableFrame>
        <section class="card">
            <h2>{t.add_title}</h2>
            <ErrorSummary form />
            <ActionForm
                action=add
                attr:class="grid-form"
                {..form.checks()}
            >
                <Field form name="parent_id" label=t.parent>
                    <select {..form.control("parent_id")} name="fields[parent_id]" data-testid="unit-parent">
                        {root}
                        {parents}
                    </select>
                </Field>
                <Field form name="kind" label=t.kind>
                    <select {..form.control("kind")} name="fields[kind]" data-testid="unit-kind">
                        {kind_options(Some(OrgKind::Dinas))}
                    </select>
                </Field>
                <Field form name="code" label=t.code>
                    <input {..form.control("code")} name="fields[code]" required maxlength="40" data-testid="unit-code" />
                </Field>
                <Field form name="name" label=t.name>
                    <input {..form.control("name")} name="fields[name]" required maxlength="200" data-testid="unit-name" />
                </Field>
                <Field form name="timezone" label=t.timezone>
                    <select {..form.control("timezone")} name="fields[timezone]">{timezone_options(None)}</select>
                </Field>
                <button class="button" type="submit" data-testid="unit-add">
                    {t.add}
                </button>
            </ActionForm>
        </section>
    }
}

/// One node (`id` from the path), showing the programme year `tahun` of the query.
#[island(lazy)]
pub fn OrgUnitPageView(id: String, tahun: Option<String>) -> impl IntoView {
    island_hydrated();
    let m = use_messages();
    let change = ServerAction::<ChangeUnit>::new();
    let toggle = ServerAction::<SetUnitActive>::new();
    let year = ServerAction::<ConfigureYear>::new();
    let done = [saved(change), saved(toggle), saved(year)];
    let page = Resource::new(
        move || {
            let tahun = tahun.as_deref().and_then(|y| y.parse::<domain::programme::ProgrammeYear>().ok());
            let versions = done.map(|done| done.get());
            (id.clone(), tahun, versions)
        },
        |(id, tahun, _)| load_unit(id, tahun),
    );
    view! {
        {form_errors(vec![failure(toggle)])}
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Unit page change toggle year /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Unit(
    page: UnitPage,
    change: ServerAction<ChangeUnit>,
    toggle: ServerAction<SetUnitActive>,
    year: ServerAction<ConfigureYear>,
) -> impl IntoView {
    let t = use_text();
    let locale = use_locale();
    let unit = page.unit;
    let id = unit.id.to_string();
    let opd_link = (!unit.kind.is_pemda())
        .then(|| view! { <a class="button secondary" href=routes::opd(unit.id)>{t.open_opd}</a> });
    let parent = page.parent.map(|parent| {
        view! {
            <span>
                " · " {t.parent} ": " <a href=routes::org_unit(parent.id)>{parent.name}</a>
            </span>
        }
    });
    let targets = if page.move_targets.is_empty() {
        view! { <p class="muted">{t.no_targets}</p> }.into_any()
    } else {
        let options = unit_options(&page.move_targets);
        let id = id.clone();
        view! {
            <ActionForm action=change attr:class="inline-form">
                <input type="hidden" name="id" value=id />
                <label class="inline-label">
                    <span class="visually-hidden">{t.move_title}</span>
                    <select name="parent_id" data-testid="unit-move-target">{options}</select>
                </label>
                <button class="button" type="submit" data-testid="unit-move">
                    {t.move_button}
                </button>
            </ActionForm>
        }
        .into_any()
    };
    let (toggle_label, toggle_hint) =
        if unit.active { (t.deactivate, Some(t.deactivate_hint)) } else { (t.activate, None) };
    let timezone = unit.kind.is_pemda().then(|| {
        view! {
            <label>
                {t.timezone}
                <select name="timezone">{timezone_options(unit.timezone)}</select>
            </label>
        }
    });
    let id_edit = id.clone();
    let change_form = FormState::new("unit", change);
    let settings = page.year.map(|settings| view! { <YearForm settings year /> });
    view! {
        <PageTitle text=unit.name.clone() />
        <h1>{unit.name.clone()}</h1>
        <p class="muted" data-testid="unit-summary">
            {unit.kind.label(locale)} " · " <code>{unit.code.clone()}</code> " · "
            <span data-testid="unit-status">{status_label(unit.active)}</span> {parent}
        </p>
        {opd_link}
        <div class="cards">
            <section class="card">
                <h2>{t.edit_title}</h2>
                <ErrorSummary form=change_form />
                <ActionForm
                    action=change
                    attr:class="grid-form"
                    {..change_form.checks()}
                >
                    <input type="hidden" name="id" value=id_edit />
                    <Field form=change_form name="name" label=t.name>
                        <input {..change_form.control("name")} name="name" required maxlength="200" value=unit.name.clone() data-testid="unit-rename" />
                    </Field>
                    <Field form=change_form name="kind" label=t.kind>
                        <select {..change_form.control("kind")} name="kind">{kind_options(Some(unit.kind))}</select>
                    </Field>
                    {timezone}
                    <button class="button" type="submit" data-testid="unit-save">
                        {t.save}
                    </button>
                </ActionForm>
            </section>
            <section class="card">
                <h2>{t.move_title}</h2>
                {targets}
                <ActionForm action=toggle>
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="active" value=(!unit.active).to_string() />
                    <p class="muted">{toggle_hint}</p>
                    <button class="button secondary" type="submit" data-testid="unit-toggle">
                        {toggle_label}
                    </button>
                </ActionForm>
            </section>
        </div>
        {settings}
        <HistoryPanel events=page.history timezone=page.timezone />
    }
}

#[component]
fn YearForm(settings: YearSettings, year: ServerAction<ConfigureYear>) -> impl IntoView {
    let t = use_text();
    let form = FormState::new("year", year);
    form.register("frameworks", t.frameworks);
    let locale = use_locale();
    let rules = settings.rules;
    let frameworks = settings
        .frameworks
        .into_iter()
        .map(|framework| {
            let checked = rules.framework_ids.contains(&framework.id);
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        name=format!("fields[frameworks][f{}]", framework.id)
                        checked=checked
                        data-testid="year-framework"
                    />
                    {framework.name.get(locale).to_owned()}
                </label>
            }
        })
        .collect_view();
    let due = Quarter::ALL
        .into_iter()
        .zip(rules.due_dates.clone())
        .enumerate()
        .map(|(index, (quarter, day))| {
            let name = ["due_q1", "due_q2", "due_q3", "due_q4"][index];
            view! {
                <Field form name label=(t.due_date)(quarter.roman())>
                    <input {..form.control(name)} type="date" name=format!("fields[{name}]") value=day.to_string() required />
                </Field>
            }
        })
        .collect_view();
    let other = rules.year + 1;
    view! {
        <section class="card" data-testid="year-settings">
            <h2>{(t.year_title)(rules.year)}</h2>
            <ErrorSummary form />
            <ActionForm action=year attr:class="grid-form" {..form.checks()}>
                <input type="hidden" name="fields[pemda]" value=rules.pemda_id.to_string() />
                <input type="hidden" name="fields[year]" value=rules.year.to_string() />
                <label class="check">
                    <input type="checkbox" name="fields[active]" checked=rules.active data-testid="year-active" />
                    {t.year_active}
                </label>
                <fieldset tabindex="-1" {..form.control("frameworks")}>
                    <legend>{t.frameworks}</legend>
                    <FieldMessage form name="frameworks" />
                    {frameworks}
                </fieldset>
                <Field form name="min_values" label=t.min_values>
                    <input {..form.control("min_values")} type="number" name="fields[min_values]" min="1" max="17" required value=rules.min_values.to_string() />
                </Field>
                <Field form name="max_values" label=t.max_values>
                    <input
                        {..form.control("max_values")}
                        type="number"
                        name="fields[max_values]"
                        min="1"
                        max="17"
                        required
                        value=rules.max_values.to_string()
                        data-testid="year-max-values"
                    />
                </Field>
                <Field form name="min_behaviours" label=t.min_behaviours>
                    <input
                        {..form.control("min_behaviours")}
                        type="number"
                        name="fields[min_behaviours]"
                        min="1"
                        max="3"
                        required
                        value=rules.min_behaviours.to_string()
                    />
                </Field>
                {due}
                <button class="button" type="submit" data-testid="year-save">
                    {t.save}
                </button>
            </ActionForm>
            <a href=format!("{}?tahun={other}", routes::org_unit(rules.pemda_id))>{(t.other_year)(other)}</a>
        </section>
    }
}
