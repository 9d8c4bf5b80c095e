//! Server functions of the KBK and action pages.

use crate::error::AppError;
use domain::{
    kbk::{ActionRow, ActionValue, ActionView, KbkView},
    org::Timezone,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the KBK page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KbkPage {
    /// The KBK with its members.
    pub kbk: KbkView,
    /// Its newest actions.
    pub actions: Vec<ActionRow>,
    /// The OPD's approved values of the year (what actions may live).
    pub values: Vec<ActionValue>,
    /// Whether the caller logs actions here (a member).
    pub may_log: bool,
    /// Whether the caller manages the KBK (Kepala or Admin OPD).
    pub may_manage: bool,
    /// For managers: the OPD's users who may take a seat.
    pub candidates: Vec<domain::account::UserView>,
    /// Today in the Pemda's zone (the latest activity date).
    pub today: chrono::NaiveDate,
    /// The KBK's changes (details, SK, seats), newest first.
    pub history: Vec<domain::account::AuditEventView>,
    /// Zone to show times in (the OPD's Pemda's).
    pub timezone: Timezone,
}

/// Everything the action page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPage {
    /// The action.
    pub action: ActionView,
    /// Whether the caller may add evidence and submit (the author, while editable).
    pub may_edit: bool,
    /// Whether the caller verifies it (ketua or fasilitator of its KBK, not the author, while submitted).
    pub may_verify: bool,
    /// Zone to show times in.
    pub timezone: Timezone,
    /// The action's changes, newest first.
    pub history: Vec<domain::account::AuditEventView>,
}

/// A new action as typed into the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionFields {
    /// Title.
    pub title: String,
    /// Kind (storage form).
    pub kind: String,
    /// Activity date, `YYYY-MM-DD`.
    pub started_on: String,
    /// End date, if several days.
    pub ended_on: Option<String>,
    /// Location.
    pub location: String,
    /// Description.
    pub description: String,
    /// Participants.
    pub participants: String,
    /// Attendees.
    pub attendees: String,
    /// Result.
    pub result: Option<String>,
    /// Ticked values: `v` + value id -> "on" (the prefix keeps `serde_qs` from reading a digit-led id as an
    /// array index).
    #[serde(default)]
    pub values: BTreeMap<String, String>,
}

/// The KBK page.
#[server(prefix = "/fn", endpoint = "kbk/page")]
pub async fn load_kbk(id: String) -> Result<KbkPage, AppError> {
    use crate::ssr::{fail, require_actor, services};
    use chrono::Datelike;
    use service::{
        kbk::{actions, groups},
        programme::selection,
    };
    let actor = require_actor()?;
    let services = services()?;
    let db = &services.db;
    let Ok(kbk_id) = id.parse() else { return fail(AppError::NotFound) };
    // Shown once, then every part is read for the KBK and OPD already shown.
    let shown = groups::shown(db, &actor, kbk_id).await.or_else(fail)?;
    let (group, unit, timezone) = (shown.row, shown.opd, shown.timezone);
    let items = actions::rows_in(db, &group, 50).await.or_else(fail)?;
    let kbk = groups::view_in(db, group, &unit).await.or_else(fail)?;
    let today = timezone.local(services.clock.now()).date_naive();
    let values = selection::approved_action_values(db, unit.id, today.year()).await.or_else(fail)?;
    let seated = kbk.seat_of(actor.user_id).is_some();
    let may_log = seated && kbk.active && actor.may(domain::access::Action::LogAction);
    let may_manage = service::access::reach::require(&actor, domain::access::Action::ManageKbk, &unit.path).is_ok();
    let candidates =
        if may_manage { groups::candidates_in(db, &actor, &unit).await.or_else(fail)? } else { Vec::new() };
    let history = service::audit::history(db, "kbk", &id, 50).await.or_else(fail)?;
    Ok(KbkPage { kbk, actions: items, values, may_log, may_manage, candidates, today, history, timezone })
}

/// The typed form as an action; every field that is not a date, number or kind where one is due is named.
#[cfg(feature = "ssr")]
fn parse_fields(fields: ActionFields) -> Result<domain::kbk::ActionInput, AppError> {
    use domain::field::{Problem, Problems};
    let mut problems = Problems::default();
    let date = |raw: &str| chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d");
    let count = |raw: &str| raw.trim().parse::<u32>();
    let kind = problems.check("kind", fields.kind.parse(), |_| Problem::NotAnOption);
    let started_on = problems.check("started_on", date(&fields.started_on), |_| Problem::NotADate);
    let ended_on = match fields.ended_on.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(raw) => problems.check("ended_on", date(raw).map(Some), |_| Problem::NotADate),
        None => Some(None),
    };
    let participants = problems.check("participants", count(&fields.participants), |_| Problem::NotAWholeNumber);
    let attendees = problems.check("attendees", count(&fields.attendees), |_| Problem::NotAWholeNumber);
    let (Some(kind), Some(started_on), Some(ended_on), Some(participants), Some(attendees)) =
        (kind, started_on, ended_on, participants, attendees)
    else {
        return Err(AppError::Fields(problems.into_vec()));
    };
    Ok(domain::kbk::ActionInput {
        title: fields.title,
        kind,
        started_on,
        ended_on,
        location: fields.location,
        value_ids: fields.values.keys().filter_map(|key| key.strip_prefix('v')?.parse().ok()).collect(),
        description: fields.description,
        participants,
        attendees,
        result: fields.result,
        indicator: None,
        target: None,
        realisation: None,
    })
}

/// Logs an action of the KBK and opens its page (to attach evidence).
#[server(prefix = "/fn", endpoint = "kbk/log-action")]
pub async fn log_action(kbk: String, fields: ActionFields) -> Result<ActionView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(kbk_id) = kbk.parse() else { return fail(AppError::NotFound) };
    let input = match parse_fields(fields) {
        Ok(input) => input,
        Err(error) => return fail(error),
    };
    let now = services.clock.now();
    let action =
        service::kbk::actions::create(&services.db, &actor, kbk_id, input, &request_meta(), now).await.or_else(fail)?;
    leptos_axum::redirect(&crate::routes::action(action.id));
    Ok(action)
}

/// The action page.
#[server(prefix = "/fn", endpoint = "kbk/action")]
pub async fn load_action(id: String) -> Result<ActionPage, AppError> {
    use crate::ssr::{fail, require_actor, services};
    use domain::workflow::ReviewState;
    use service::kbk::{actions, groups};
    let actor = require_actor()?;
    let services = services()?;
    let db = &services.db;
    let Ok(action_id) = id.parse() else { return fail(AppError::NotFound) };
    let (action, timezone) = actions::for_page(db, &actor, action_id).await.or_else(fail)?;
    let seat = groups::seat_of(db, &actor, action.kbk_id.into_uuid()).await.or_else(fail)?;
    let is_author = action.author_id == actor.user_id;
    let may_edit = is_author && action.state.is_editable();
    let may_verify = !is_author && action.state == ReviewState::Submitted && seat.is_some_and(|s| s.verifies());
    let history = service::audit::history(db, "action", &id, 50).await.or_else(fail)?;
    Ok(ActionPage { action, may_edit, may_verify, timezone, history })
}

/// Submits the action for verification.
#[server(prefix = "/fn", endpoint = "kbk/submit-action")]
pub async fn submit_action(action: String) -> Result<ActionView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(id) = action.parse() else { return fail(AppError::NotFound) };
    service::kbk::actions::submit(&services.db, &actor, id, &request_meta(), services.clock.now()).await.or_else(fail)
}

/// Verifies (`decision = "verify"`) or returns (`"return"`, with `reason`) a submitted action.
#[server(prefix = "/fn", endpoint = "kbk/review-action")]
pub async fn review_action(action: String, decision: String, reason: Option<String>) -> Result<ActionView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    use service::kbk::actions::{Verdict, decide};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(id) = action.parse() else { return fail(AppError::NotFound) };
    let verdict = if decision == "verify" { Verdict::Verify } else { Verdict::Return(reason.unwrap_or_default()) };
    decide(&services.db, &actor, id, verdict, &request_meta(), services.clock.now()).await.or_else(fail)
}
