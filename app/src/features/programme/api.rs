//! Server functions of the OPD home, the value selection and the review queue.

use crate::error::AppError;
use domain::programme::{OpdYearView, ProgrammeYear, ProgrammeYearView, SelectionView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A value offered for selection, with its pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueOption {
    /// Value id.
    pub id: String,
    /// Code, e.g. `8.2`.
    pub code: String,
    /// Name.
    pub name: String,
    /// The pair's name.
    pub pair: String,
}

/// Everything the value selection page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectionPage {
    /// The shown selection's changes, newest first.
    pub history: Vec<domain::account::AuditEventView>,
    /// Zone to show times in (the OPD's Pemda's).
    pub timezone: domain::org::Timezone,
    /// The OPD's name.
    pub opd_name: String,
    /// The Pemda's rules of the year shown.
    pub rules: ProgrammeYearView,
    /// The selection of that year, if started.
    pub selection: Option<SelectionView>,
    /// The selection of the next year, if started.
    pub next: Option<SelectionView>,
    /// Values that may be chosen.
    pub offered: Vec<ValueOption>,
    /// Whether the caller chooses values here (Kepala OPD).
    pub may_choose: bool,
    /// Whether the caller reviews selections here (Peninjau).
    pub may_review: bool,
}

/// The OPD home: the year at a glance, and whether the caller forms KBKs here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpdHome {
    /// The year at a glance.
    pub year: OpdYearView,
    /// Whether the caller forms KBKs in this OPD (Kepala or Admin OPD, while the OPD is active).
    pub may_form_kbk: bool,
}

/// The OPD's year at a glance.
#[server(prefix = "/fn", endpoint = "programme/opd")]
pub async fn load_opd_year(opd: String) -> Result<OpdHome, AppError> {
    use crate::ssr::{fail, require_actor, services};
    use domain::access::Action;
    use service::access::reach;
    let actor = require_actor()?;
    let services = services()?;
    let db = &services.db;
    let Ok(opd) = opd.parse() else { return fail(AppError::NotFound) };
    let unit = reach::visible_opd(db, &actor, opd).await.or_else(fail)?;
    let year = service::programme::overview::year_of(db, &unit, services.clock.now()).await.or_else(fail)?;
    let may_form_kbk = unit.active && reach::require(&actor, Action::ManageKbk, &unit.path).is_ok();
    Ok(OpdHome { year, may_form_kbk })
}

/// The value selection page of an OPD for `year` (the active year if absent).
#[server(prefix = "/fn", endpoint = "programme/selection")]
pub async fn load_selection(opd: String, year: Option<ProgrammeYear>) -> Result<SelectionPage, AppError> {
    use crate::ssr::{fail, require_actor, services};
    use domain::access::Action;
    use service::programme::{selection, year as years};
    let actor = require_actor()?;
    let services = services()?;
    let db = &services.db;
    let Ok(opd_id) = opd.parse() else { return fail(AppError::NotFound) };
    let unit = service::access::reach::visible_opd(db, &actor, opd_id).await.or_else(fail)?;
    let active = years::active_year(db, unit.pemda_id, services.clock.now()).await.or_else(fail)?;
    let shown = year.map(ProgrammeYear::get).filter(|y| *y == active || *y == active + 1).unwrap_or(active);
    let rules = years::rules(db, unit.pemda_id, shown).await.or_else(fail)?;
    let all = selection::list_for_opd(db, &actor, opd_id).await.or_else(fail)?;
    let mut offered = Vec::new();
    for framework in &rules.framework_ids {
        let detail = service::catalogue::get_framework(db, *framework).await.or_else(fail)?;
        for pair in detail.pairs {
            offered.extend(pair.values.into_iter().map(|value| ValueOption {
                id: value.id.to_string(),
                code: value.code,
                name: value.name.id,
                pair: pair.name.id.clone(),
            }));
        }
    }
    let covers = |action| actor.scope(action).is_some_and(|scope| scope.covers(&unit.path));
    let selection = all.iter().find(|s| s.year == shown).cloned();
    let history = match &selection {
        Some(selection) => {
            service::audit::history(db, "value_selection", &selection.id.to_string(), 50).await.or_else(fail)?
        }
        None => Vec::new(),
    };
    let timezone = service::programme::year::pemda_timezone(db, unit.pemda_id).await.or_else(fail)?;
    Ok(SelectionPage {
        opd_name: unit.name.clone(),
        selection,
        history,
        timezone,
        next: all.iter().find(|s| s.year == shown + 1).cloned(),
        rules,
        offered,
        may_choose: covers(Action::ChooseValues),
        may_review: covers(Action::ReviewValues),
    })
}

/// Adds one value (with its reason and one key behaviour) to the OPD's selection of `year`, starting the
/// selection if there is none.
#[server(prefix = "/fn", endpoint = "programme/add-choice")]
pub async fn add_choice(
    opd: String,
    year: ProgrammeYear,
    value: String,
    reason: String,
    behaviour: String,
    target: String,
) -> Result<SelectionView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    use domain::programme::{ChoiceInput, KeyBehaviour};
    use service::programme::selection;
    let actor = require_actor()?;
    let services = services()?;
    let db = &services.db;
    let (Ok(opd_id), Ok(value_id)) = (opd.parse(), value.parse()) else {
        let problem = domain::field::FieldProblem::new("value_id", domain::field::Problem::NotAnOption);
        return fail(AppError::Fields(vec![problem]));
    };
    let choice = ChoiceInput { value_id, reason, behaviours: vec![KeyBehaviour { description: behaviour, target }] };
    let now = services.clock.now();
    let existing =
        selection::list_for_opd(db, &actor, opd_id).await.or_else(fail)?.into_iter().find(|s| s.year == year.get());
    match existing {
        None => {
            selection::create(db, &actor, opd_id, Some(year), vec![choice], &request_meta(), now).await.or_else(fail)
        }
        Some(current) => {
            let mut choices: Vec<ChoiceInput> = current
                .choices
                .into_iter()
                .map(|c| ChoiceInput { value_id: c.value_id, reason: c.reason, behaviours: c.behaviours })
                .collect();
            choices.push(choice);
            selection::update(db, &actor, current.id, choices, &request_meta(), now).await.or_else(fail)
        }
    }
}

/// Removes one value from a draft or returned selection.
#[server(prefix = "/fn", endpoint = "programme/remove-choice")]
pub async fn remove_choice(selection: String, value: String) -> Result<SelectionView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    use domain::programme::ChoiceInput;
    use service::programme::selection as selections;
    let actor = require_actor()?;
    let services = services()?;
    let Ok(id) = selection.parse() else { return fail(AppError::NotFound) };
    let current = selections::get(&services.db, &actor, id).await.or_else(fail)?;
    let choices = current
        .choices
        .into_iter()
        .filter(|c| c.value_id.to_string() != value)
        .map(|c| ChoiceInput { value_id: c.value_id, reason: c.reason, behaviours: c.behaviours })
        .collect();
    selections::update(&services.db, &actor, id, choices, &request_meta(), services.clock.now()).await.or_else(fail)
}

/// Submits a selection to the bureau.
#[server(prefix = "/fn", endpoint = "programme/submit")]
pub async fn submit_selection(selection: String) -> Result<SelectionView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(id) = selection.parse() else { return fail(AppError::NotFound) };
    service::programme::selection::submit(&services.db, &actor, id, &request_meta(), services.clock.now())
        .await
        .or_else(fail)
}

/// Approves (`decision = "approve"`) or returns (`"return"`, with `reason`) a submitted selection.
#[server(prefix = "/fn", endpoint = "programme/review")]
pub async fn review_selection(
    selection: String,
    decision: String,
    reason: Option<String>,
) -> Result<SelectionView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    use service::programme::selection::{Decision, decide};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(id) = selection.parse() else { return fail(AppError::NotFound) };
    let decision = match decision.as_str() {
        "approve" => Decision::Approve,
        _ => Decision::Return(reason.unwrap_or_default()),
    };
    decide(&services.db, &actor, id, decision, &request_meta(), services.clock.now()).await.or_else(fail)
}

/// Submitted selections in the caller's review reach.
#[server(prefix = "/fn", endpoint = "programme/review-queue")]
pub async fn load_review_queue() -> Result<Vec<SelectionView>, AppError> {
    use crate::ssr::{fail, require_actor, services};
    use domain::workflow::ReviewState;
    let actor = require_actor()?;
    let services = services()?;
    service::programme::selection::list_for_review(&services.db, &actor, Some(ReviewState::Submitted), None)
        .await
        .or_else(fail)
}
