//! Forming and keeping a KBK (Kepala OPD or Admin OPD): its details and SK, its members and their seats, and
//! deactivation. The server functions and the forms that call them.

use super::upload::EvidenceUpload;
use crate::islands::island_hydrated;
use crate::{
    components::forms::{ErrorSummary, Field, FormState, failure, saved},
    error::AppError,
    features::programme::text::use_text,
    i18n::use_locale,
};
use domain::{
    account::UserView,
    ids::OrgUnitId,
    kbk::{KbkRole, KbkView},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A KBK's details as typed into the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KbkFields {
    /// Name.
    pub name: String,
    /// Work unit.
    pub work_unit: String,
    /// SK number; empty when not decreed yet.
    pub sk_number: String,
    /// SK date (`YYYY-MM-DD`); empty when not decreed yet.
    pub sk_date: String,
}

#[cfg(feature = "ssr")]
fn parse_kbk(fields: KbkFields) -> Result<domain::kbk::KbkInput, AppError> {
    let sk_date = match fields.sk_date.trim() {
        "" => None,
        raw => Some(raw.parse().map_err(|_| {
            AppError::Fields(vec![domain::field::FieldProblem::new("sk_date", domain::field::Problem::NotADate)])
        })?),
    };
    let sk_number = Some(fields.sk_number).filter(|number| !number.trim().is_empty());
    Ok(domain::kbk::KbkInput { name: fields.name, work_unit: fields.work_unit, sk_number, sk_date })
}

/// Forms a KBK in the OPD and opens its page (to seat members and upload the SK).
#[server(prefix = "/fn", endpoint = "kbk/form")]
pub async fn form_kbk(opd: String, fields: KbkFields) -> Result<KbkView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(opd) = opd.parse() else { return fail(AppError::NotFound) };
    let input = parse_kbk(fields).or_else(fail)?;
    let now = services.clock.now();
    let kbk =
        service::kbk::groups::create(&services.db, &actor, opd, input, &request_meta(), now).await.or_else(fail)?;
    leptos_axum::redirect(&crate::routes::kbk(kbk.id));
    Ok(kbk)
}

/// Saves a KBK's details and SK number and date.
#[server(prefix = "/fn", endpoint = "kbk/save")]
pub async fn save_kbk(kbk: String, fields: KbkFields) -> Result<KbkView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(id) = kbk.parse() else { return fail(AppError::NotFound) };
    let input = parse_kbk(fields).or_else(fail)?;
    let now = services.clock.now();
    service::kbk::groups::update(&services.db, &actor, id, input, None, &request_meta(), now).await.or_else(fail)
}

/// Deactivates or reactivates a KBK (never deleted: its actions stay).
#[server(prefix = "/fn", endpoint = "kbk/set-active")]
pub async fn set_kbk_active(kbk: String, active: bool) -> Result<KbkView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let db = &services.db;
    let Ok(id) = kbk.parse() else { return fail(AppError::NotFound) };
    let current = service::kbk::groups::get(db, &actor, id).await.or_else(fail)?;
    let input = domain::kbk::KbkInput {
        name: current.name,
        work_unit: current.work_unit,
        sk_number: current.decree.as_ref().map(|d| d.number.clone()),
        sk_date: current.decree.as_ref().map(|d| d.date),
    };
    let now = services.clock.now();
    service::kbk::groups::update(db, &actor, id, input, Some(active), &request_meta(), now).await.or_else(fail)
}

/// Seats a member: one of the OPD's users (`user`), or an outsider by `name` and `nip`.
#[server(prefix = "/fn", endpoint = "kbk/seat")]
pub async fn seat_member(
    kbk: String,
    user: String,
    name: String,
    nip: String,
    role: String,
) -> Result<KbkView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(id) = kbk.parse() else { return fail(AppError::NotFound) };
    let Ok(role) = role.parse::<KbkRole>() else {
        return fail(AppError::Fields(vec![domain::field::FieldProblem::new(
            "role",
            domain::field::Problem::NotAnOption,
        )]));
    };
    let filled = |raw: String| Some(raw.trim().to_owned()).filter(|value| !value.is_empty());
    let user_id = match filled(user) {
        Some(raw) => Some(raw.parse().or_else(|_| fail(AppError::NotFound))?),
        None => None,
    };
    let input = domain::kbk::MemberInput { user_id, name: filled(name), nip: filled(nip), role };
    let now = services.clock.now();
    service::kbk::groups::add_member(&services.db, &actor, id, input, &request_meta(), now).await.or_else(fail)
}

/// Ends a member's seat.
#[server(prefix = "/fn", endpoint = "kbk/unseat")]
pub async fn unseat_member(kbk: String, member: String) -> Result<KbkView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let (Ok(id), Ok(member)) = (kbk.parse(), member.parse()) else { return fail(AppError::NotFound) };
    let now = services.clock.now();
    service::kbk::groups::remove_member(&services.db, &actor, id, member, &request_meta(), now).await.or_else(fail)
}

/// The fields of a KBK's details, filled from `kbk` when editing.
fn detail_fields(form: FormState, kbk: Option<&KbkView>) -> impl IntoView + use<> {
    let t = use_text();
    let name = kbk.map(|k| k.name.clone()).unwrap_or_default();
    let work_unit = kbk.map(|k| k.work_unit.clone()).unwrap_or_default();
    let number = kbk.and_then(|k| k.decree.as_ref()).map(|d| d.number.clone()).unwrap_or_default();
    let date = kbk.and_then(|k| k.decree.as_ref()).map(|d| d.date.to_string()).unwrap_or_default();
    view! {
        <Field form name="name" label=t.kbk_name>
            <input {..form.control("name")} name="fields[name]" required maxlength="200" value=name data-testid="kbk-name" />
        </Field>
        <Field form name="work_unit" label=t.work_unit>
            <input {..form.control("work_unit")} name="fields[work_unit]" required maxlength="200" value=work_unit data-testid="kbk-work-unit" />
        </Field>
        <Field form name="sk_number" label=t.sk_number>
            <input {..form.control("sk_number")} name="fields[sk_number]" maxlength="100" value=number data-testid="kbk-sk-number" />
        </Field>
        <Field form name="sk_date" label=t.sk_date>
            <input {..form.control("sk_date")} type="date" name="fields[sk_date]" value=date data-testid="kbk-sk-date" />
        </Field>
    }
}

/// The "form a KBK" card of the OPD home; the new KBK's page opens once it is formed.
#[island]
pub fn FormKbk(opd: OrgUnitId) -> impl IntoView {
    island_hydrated();
    let t = use_text();
    let action = ServerAction::<FormKbk>::new();
    let form = FormState::new("kbk", action);
    view! {
        <section class="card" data-testid="form-kbk">
            <h2>{t.form_kbk}</h2>
            <ErrorSummary form />
            <ActionForm
                action
                attr:class="grid-form"
                {..form.checks()}
            >
                <input type="hidden" name="opd" value=opd.to_string() />
                {detail_fields(form, None)}
                <button class="button" type="submit" data-testid="kbk-form-submit">
                    {t.form_kbk}
                </button>
            </ActionForm>
        </section>
    }
}

/// The management actions of the KBK page, created by the page so that its data reloads after each and their
/// errors outlive the reload.
#[derive(Clone, Copy)]
pub struct KbkManagement {
    save: ServerAction<SaveKbk>,
    seat: ServerAction<SeatMember>,
    unseat: ServerAction<UnseatMember>,
    toggle: ServerAction<SetKbkActive>,
    done: [Memo<usize>; 4],
}

impl Default for KbkManagement {
    fn default() -> Self {
        let (save, seat, unseat, toggle) =
            (ServerAction::new(), ServerAction::new(), ServerAction::new(), ServerAction::new());
        Self { save, seat, unseat, toggle, done: [saved(save), saved(seat), saved(unseat), saved(toggle)] }
    }
}

impl KbkManagement {
    /// Changes whenever one of them succeeds (a key for the page's data; a refusal keeps the forms as typed).
    pub fn versions(&self) -> [usize; 4] {
        self.done.map(|done| done.get())
    }

    /// The errors of the buttons without a form of fields, for the page's error line.
    pub fn errors(&self) -> Vec<Signal<Option<AppError>>> {
        vec![failure(self.unseat), failure(self.toggle)]
    }
}

/// The KBK page's management card: details and SK, members and seats, deactivation.
#[component]
pub fn ManageKbk(
    kbk: KbkView,
    candidates: Vec<UserView>,
    actions: KbkManagement,
    #[prop(into)] on_upload: Callback<()>,
) -> impl IntoView {
    let t = use_text();
    let locale = use_locale();
    let KbkManagement { save, seat, unseat, toggle, .. } = actions;
    let details_form = FormState::new("kbk", save);
    let seat_form = FormState::new("seat", seat);
    let id = kbk.id.to_string();
    let seated: Vec<_> = kbk.members.iter().filter(|m| m.active).filter_map(|m| m.user_id).collect();
    let people = candidates
        .into_iter()
        .filter(|user| !seated.contains(&user.id))
        .map(|user| view! { <option value=user.id.to_string()>{format!("{} ({})", user.full_name, user.username)}</option> })
        .collect_view();
    let roles = KbkRole::ALL
        .into_iter()
        .map(|role| view! { <option value=role.as_str() selected=role == KbkRole::Anggota>{role.label(locale)}</option> })
        .collect_view();
    let members = kbk
        .members
        .iter()
        .filter(|m| m.active)
        .map(|member| {
            let (kbk, member_id) = (id.clone(), member.id.to_string());
            view! {
                <li data-testid="manage-member">
                    {member.name.clone()} <span class="muted">" · " {member.role.label(locale)}</span>
                    <ActionForm action=unseat attr:class="inline-form">
                        <input type="hidden" name="kbk" value=kbk />
                        <input type="hidden" name="member" value=member_id />
                        <button type="submit" class="link-button" data-testid="unseat">
                            {t.unseat}
                        </button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    let toggle_label = if kbk.active { t.deactivate_kbk } else { t.activate_kbk };
    let next_active = (!kbk.active).to_string();
    let details = detail_fields(details_form, Some(&kbk));
    let decree_upload = format!("/api/v1/kbks/{id}/decree");
    let (id_save, id_seat, id_toggle) = (id.clone(), id.clone(), id);
    view! {
        <section class="card" data-testid="manage-kbk">
            <h2>{t.manage_kbk}</h2>
            <ErrorSummary form=details_form />
            <ActionForm
                action=save
                attr:class="grid-form"
                {..details_form.checks()}
            >
                <input type="hidden" name="kbk" value=id_save />
                {details}
                <button class="button" type="submit" data-testid="kbk-save">
                    {t.save}
                </button>
            </ActionForm>
            <h3>{t.sk_scan}</h3>
            <EvidenceUpload path=decree_upload on_done=on_upload />
            <h3>{t.members_title}</h3>
            <ul class="plain">{members}</ul>
            <ErrorSummary form=seat_form />
            <ActionForm
                action=seat
                attr:class="grid-form"
                {..seat_form.checks()}
            >
                <input type="hidden" name="kbk" value=id_seat />
                <Field form=seat_form name="user" label=t.seat_user>
                    <select {..seat_form.control("user")} name="user" data-testid="seat-user">
                        <option value="">{t.seat_outsider}</option>
                        {people}
                    </select>
                </Field>
                <Field form=seat_form name="name" label=t.outsider_name>
                    <input {..seat_form.control("name")} name="name" maxlength="200" />
                </Field>
                <Field form=seat_form name="nip" label="NIP">
                    <input {..seat_form.control("nip")} name="nip" inputmode="numeric" maxlength="18" />
                </Field>
                <Field form=seat_form name="role" label=t.seat_role>
                    <select {..seat_form.control("role")} name="role" data-testid="seat-role">{roles}</select>
                </Field>
                <button class="button" type="submit" data-testid="seat-submit">
                    {t.seat}
                </button>
            </ActionForm>
            <ActionForm action=toggle>
                <input type="hidden" name="kbk" value=id_toggle />
                <input type="hidden" name="active" value=next_active />
                <button class="button secondary" type="submit" data-testid="kbk-toggle">
                    {toggle_label}
                </button>
            </ActionForm>
        </section>
    }
}
