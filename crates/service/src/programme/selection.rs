//! An OPD's value selection for a programme year: drafted and submitted by the Kepala OPD, approved or returned
//! by a Peninjau, locked once approved (decision 2).

use super::year;
use crate::{
    ServiceError, ServiceResult,
    access::{Actor, reach},
    audit::{self, AuditEntry, RequestMeta},
    dashboard::standing,
    entity::{org_unit, selection_choice, value, value_pair, value_selection},
    workflow,
};
use chrono::{DateTime, Utc};
use domain::{
    access::Action,
    field::Problem,
    ids::{OrgUnitId, SelectionId, UserId, ValueId},
    locale::Locale,
    programme::{
        ChoiceInput, ChoiceView, KeyBehaviour, ProgrammeYear, SelectionView, check_submittable, parse_choices,
    },
    text::parse_text,
    workflow::{ReviewState, Step, Subject},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, Order,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
    sea_query::{Expr, ExprTrait, Query, SelectStatement},
};
use std::collections::HashMap;
use uuid::Uuid;

fn state_of(row: &value_selection::Model) -> ServiceResult<ReviewState> {
    row.state.parse().map_err(|_| ServiceError::Invalid(format!("stored selection has state {:?}", row.state)))
}

/// A chosen value with what its view shows of the value and its pair.
#[derive(FromQueryResult)]
struct ChoiceRow {
    selection_id: Uuid,
    reason: String,
    behaviours: String,
    value_id: Uuid,
    code: String,
    name: String,
    pair_name: Option<String>,
}

/// The choices of `selections` in position order, each with its value and pair, in one query.
async fn choices_of(db: &impl ConnectionTrait, selections: &[Uuid]) -> ServiceResult<Vec<ChoiceRow>> {
    use selection_choice::Column as C;
    let query = Query::select()
        .column((selection_choice::Entity, C::SelectionId))
        .column((selection_choice::Entity, C::Reason))
        .column((selection_choice::Entity, C::Behaviours))
        .expr_as(Expr::col((value::Entity, value::Column::Id)), "value_id")
        .column((value::Entity, value::Column::Code))
        .column((value::Entity, value::Column::Name))
        .expr_as(Expr::col((value_pair::Entity, value_pair::Column::Name)), "pair_name")
        .from(selection_choice::Entity)
        .inner_join(
            value::Entity,
            Expr::col((value::Entity, value::Column::Id)).equals((selection_choice::Entity, C::ValueId)),
        )
        .left_join(
            value_pair::Entity,
            Expr::col((value_pair::Entity, value_pair::Column::Id)).equals((value::Entity, value::Column::PairId)),
        )
        .and_where(Expr::col((selection_choice::Entity, C::SelectionId)).is_in(selections.iter().copied()))
        .order_by((selection_choice::Entity, C::Position), Order::Asc)
        .to_owned();
    Ok(ChoiceRow::find_by_statement(db.get_database_backend().build(&query)).all(db).await?)
}

/// Builds the views of `rows` in two queries, whatever their number, or one when they all belong to `known`.
async fn views(
    db: &impl ConnectionTrait,
    rows: Vec<value_selection::Model>,
    known: Option<&org_unit::Model>,
) -> ServiceResult<Vec<SelectionView>> {
    let ids: Vec<Uuid> = rows.iter().map(|row| row.id).collect();
    let choices = choices_of(db, &ids).await?;
    let opds = crate::org::names::of(db, rows.iter().map(|row| row.opd_id), known).await?;
    let mut by_selection: HashMap<Uuid, Vec<ChoiceView>> = HashMap::new();
    for choice in choices {
        let behaviours: Vec<KeyBehaviour> = serde_json::from_str(&choice.behaviours)
            .map_err(|err| ServiceError::Invalid(format!("stored behaviours are not JSON: {err}")))?;
        by_selection.entry(choice.selection_id).or_default().push(ChoiceView {
            value_id: ValueId::from_uuid(choice.value_id),
            value_code: choice.code,
            value_name: choice.name,
            pair_name: choice.pair_name,
            reason: choice.reason,
            behaviours,
        });
    }
    rows.into_iter()
        .map(|row| {
            Ok(SelectionView {
                id: SelectionId::from_uuid(row.id),
                opd_id: OrgUnitId::from_uuid(row.opd_id),
                opd_name: opds.get(&row.opd_id).cloned().unwrap_or_default(),
                year: row.year,
                state: state_of(&row)?,
                return_reason: row.return_reason.clone(),
                choices: by_selection.remove(&row.id).unwrap_or_default(),
                submitted_at: row.submitted_at,
                decided_at: row.decided_at,
                decided_by: row.decided_by.map(UserId::from_uuid),
            })
        })
        .collect()
}

async fn view(db: &impl ConnectionTrait, row: value_selection::Model) -> ServiceResult<SelectionView> {
    views(db, vec![row], None).await?.pop().ok_or(ServiceError::NotFound)
}

/// Every selection of the OPD, newest year first.
pub async fn list_for_opd(db: &DatabaseConnection, actor: &Actor, opd: OrgUnitId) -> ServiceResult<Vec<SelectionView>> {
    of_unit(db, &reach::visible_opd(db, actor, opd).await?).await
}

/// Every selection of an OPD the caller has already been shown, newest year first.
pub(crate) async fn of_unit(db: &DatabaseConnection, unit: &org_unit::Model) -> ServiceResult<Vec<SelectionView>> {
    let rows = value_selection::Entity::find()
        .filter(value_selection::Column::OpdId.eq(unit.id))
        .order_by_desc(value_selection::Column::Year)
        .all(db)
        .await?;
    views(db, rows, Some(unit)).await
}

/// The OPD's selection of `year`, if it has one (an OPD the caller has already been shown).
pub(crate) async fn of_unit_in(
    db: &impl ConnectionTrait,
    unit: &org_unit::Model,
    year: i32,
) -> ServiceResult<Option<SelectionView>> {
    let row = value_selection::Entity::find()
        .filter(value_selection::Column::OpdId.eq(unit.id))
        .filter(value_selection::Column::Year.eq(year))
        .one(db)
        .await?;
    Ok(match row {
        Some(row) => views(db, vec![row], Some(unit)).await?.pop(),
        None => None,
    })
}

/// The selection and its OPD, if the actor may see them.
async fn visible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: SelectionId,
) -> ServiceResult<(value_selection::Model, org_unit::Model)> {
    let row = value_selection::Entity::find_by_id(id.into_uuid()).one(db).await?.ok_or(ServiceError::NotFound)?;
    let unit = reach::visible_opd(db, actor, OrgUnitId::from_uuid(row.opd_id)).await?;
    Ok((row, unit))
}

/// One selection.
pub async fn get(db: &DatabaseConnection, actor: &Actor, id: SelectionId) -> ServiceResult<SelectionView> {
    let (row, unit) = visible(db, actor, id).await?;
    views(db, vec![row], Some(&unit)).await?.pop().ok_or(ServiceError::NotFound)
}

/// The selections in the actor's review reach waiting in `state` (all states if `None`), OPD by OPD.
pub async fn list_for_review(
    db: &DatabaseConnection,
    actor: &Actor,
    state: Option<ReviewState>,
    year: Option<ProgrammeYear>,
) -> ServiceResult<Vec<SelectionView>> {
    let scope = actor
        .scope(Action::ReviewValues)
        .ok_or_else(|| ServiceError::Forbidden("Hanya Peninjau yang meninjau pilihan nilai.".into()))?;
    let mut query = value_selection::Entity::find().order_by_desc(value_selection::Column::Year).limit(500);
    if !scope.is_install_wide() {
        query = query.filter(value_selection::Column::OpdId.in_subquery(scope.unit_ids()));
    }
    if let Some(state) = state {
        query = query.filter(value_selection::Column::State.eq(state.as_str()));
    }
    if let Some(year) = year {
        query = query.filter(value_selection::Column::Year.eq(year.get()));
    }
    let mut found = views(db, query.all(db).await?, None).await?;
    found.sort_by(|a, b| (b.year, &a.opd_name).cmp(&(a.year, &b.opd_name)));
    Ok(found)
}

fn invalid(err: impl std::fmt::Display) -> ServiceError {
    ServiceError::Invalid(err.to_string())
}

/// Parses choices against the OPD's year: limits, behaviours, and values from the year's frameworks only.
async fn parse(
    db: &impl ConnectionTrait,
    pemda_id: Uuid,
    year: i32,
    choices: Vec<ChoiceInput>,
) -> ServiceResult<Vec<ChoiceInput>> {
    let rules = year::rules(db, pemda_id, year).await?;
    let frameworks: Vec<Uuid> = rules.framework_ids.iter().map(|id| id.into_uuid()).collect();
    let offered: Vec<Uuid> = value::Entity::find()
        .filter(value::Column::Id.is_in(choices.iter().map(|c| c.value_id.into_uuid())))
        .filter(value::Column::FrameworkId.is_in(frameworks))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.id)
        .collect();
    parse_choices(choices, &rules, |id| offered.contains(&id.into_uuid()))
        .map_err(|e| ServiceError::field(e.field(), Problem::Choice(e)))
}

async fn write_choices(txn: &impl ConnectionTrait, selection: Uuid, choices: &[ChoiceInput]) -> ServiceResult<()> {
    selection_choice::Entity::delete_many()
        .filter(selection_choice::Column::SelectionId.eq(selection))
        .exec(txn)
        .await?;
    for (position, choice) in choices.iter().enumerate() {
        selection_choice::ActiveModel {
            id: Set(Uuid::now_v7()),
            selection_id: Set(selection),
            value_id: Set(choice.value_id.into_uuid()),
            position: Set(i16::try_from(position).unwrap_or(i16::MAX)),
            reason: Set(choice.reason.clone()),
            behaviours: Set(serde_json::to_string(&choice.behaviours).map_err(invalid)?),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

fn audit_entry<'a>(actor: &'a Actor, action: &'a str, row: &value_selection::Model) -> AuditEntry<'a> {
    AuditEntry::by(actor, action, "value_selection", row.id, row.pemda_id)
}

/// Starts the OPD's selection for `year` (the Pemda's active year if `None`), as a draft.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    opd: OrgUnitId,
    year: Option<ProgrammeYear>,
    choices: Vec<ChoiceInput>,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<SelectionView> {
    let unit = reach::opd_for(db, actor, opd, Action::ChooseValues).await?;
    let active = year::active_year(db, unit.pemda_id, now).await?;
    let year = year.map_or(active, ProgrammeYear::get);
    if year != active && year != active + 1 {
        return Err(invalid(format!(
            "Nilai dipilih untuk tahun berjalan ({active}) atau tahun berikutnya ({}).",
            active + 1
        )));
    }
    let choices = parse(db, unit.pemda_id, year, choices).await?;
    let existing = value_selection::Entity::find()
        .filter(value_selection::Column::OpdId.eq(unit.id))
        .filter(value_selection::Column::Year.eq(year))
        .one(db)
        .await?;
    if existing.is_some() {
        return Err(ServiceError::Conflict(format!("Pilihan nilai tahun {year} sudah ada; ubahlah yang itu.")));
    }
    let txn = db.begin().await?;
    let row = value_selection::ActiveModel {
        id: Set(Uuid::now_v7()),
        pemda_id: Set(unit.pemda_id),
        opd_id: Set(unit.id),
        year: Set(year),
        state: Set(ReviewState::Draft.as_str().to_owned()),
        return_reason: Set(None),
        submitted_at: Set(None),
        decided_at: Set(None),
        decided_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    write_choices(&txn, row.id, &choices).await?;
    let created = view(&txn, row.clone()).await?;
    let mut entry = audit_entry(actor, "value_selection.create", &row);
    entry.after = serde_json::to_value(&created).ok();
    audit::record(&txn, entry, meta, now).await?;
    txn.commit().await?;
    Ok(created)
}

/// Applies `step` to the selection inside `txn`: checks the state allows it and that nobody changed it since
/// it was read, then stores the new state with `change` applied and writes the audit entry.
async fn transition(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    row: value_selection::Model,
    step: Step,
    change: impl FnOnce(&mut value_selection::ActiveModel),
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<SelectionView> {
    let from = state_of(&row)?;
    let to = workflow::next::<value_selection::Entity>(from, step)?;
    let before = view(txn, row.clone()).await?;
    let mut model: value_selection::ActiveModel = row.clone().into();
    model.state = Set(to.as_str().to_owned());
    model.updated_at = Set(now);
    change(&mut model);
    workflow::claim(txn, row.id, from, model).await?;
    let stored = value_selection::Entity::find_by_id(row.id).one(txn).await?.ok_or(ServiceError::NotFound)?;
    standing::refresh(txn, &[stored.opd_id], &[stored.year]).await?;
    let after = view(txn, stored).await?;
    let action = workflow::audit_action::<value_selection::Entity>(step);
    let mut entry = audit_entry(actor, &action, &row);
    entry.before = serde_json::to_value(&before).ok();
    entry.after = serde_json::to_value(&after).ok();
    audit::record(txn, entry, meta, now).await?;
    Ok(after)
}

/// Replaces the choices of a draft or returned selection (which becomes a draft again).
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: SelectionId,
    choices: Vec<ChoiceInput>,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<SelectionView> {
    let (row, unit) = visible(db, actor, id).await?;
    reach::require(actor, Action::ChooseValues, &unit.path)?;
    state_of(&row)?
        .after(Step::Edit, Subject::Selection)
        .map_err(|err| ServiceError::Conflict(err.message(Locale::Id)))?;
    let choices = parse(db, row.pemda_id, row.year, choices).await?;
    let txn = db.begin().await?;
    write_choices(&txn, row.id, &choices).await?;
    let updated = transition(&txn, actor, row, Step::Edit, |_| {}, meta, now).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Hands a draft or returned selection to the bureau; it needs at least the Pemda's minimum of values.
pub async fn submit(
    db: &DatabaseConnection,
    actor: &Actor,
    id: SelectionId,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<SelectionView> {
    let (row, unit) = visible(db, actor, id).await?;
    reach::require(actor, Action::ChooseValues, &unit.path)?;
    let rules = year::rules(db, row.pemda_id, row.year).await?;
    let chosen =
        selection_choice::Entity::find().filter(selection_choice::Column::SelectionId.eq(row.id)).all(db).await?.len();
    state_of(&row)?
        .after(Step::Submit, Subject::Selection)
        .map_err(|err| ServiceError::Conflict(err.message(Locale::Id)))?;
    check_submittable(chosen, &rules).map_err(|err| invalid(err.message(Locale::Id)))?;
    let txn = db.begin().await?;
    let submitted = transition(&txn, actor, row, Step::Submit, |m| m.submitted_at = Set(Some(now)), meta, now).await?;
    txn.commit().await?;
    Ok(submitted)
}

/// The reviewer's decision on a submitted selection.
#[derive(Clone, Debug)]
pub enum Decision {
    /// Approve: the selection is locked for the year.
    Approve,
    /// Return to the OPD with a reason.
    Return(String),
}

/// Approves or returns a submitted selection (Peninjau of the OPD's subtree).
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    id: SelectionId,
    decision: Decision,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<SelectionView> {
    let (row, unit) = visible(db, actor, id).await?;
    reach::require(actor, Action::ReviewValues, &unit.path)?;
    let (step, reason) = match decision {
        Decision::Approve => (Step::Accept, None),
        Decision::Return(reason) => {
            let reason = parse_text(&reason, domain::programme::MAX_REASON)
                .map_err(|err| ServiceError::field("reason", Problem::Text(err)))?;
            (Step::Return, Some(reason))
        }
    };
    let txn = db.begin().await?;
    let decided = transition(
        &txn,
        actor,
        row,
        step,
        |model| {
            model.return_reason = Set(reason);
            model.decided_at = Set(Some(now));
            model.decided_by = Set(Some(actor.user_id.into_uuid()));
        },
        meta,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(decided)
}

/// The values of the OPD's approved selection for `year` (what actions may be linked to), in one statement.
pub async fn approved_values(db: &impl ConnectionTrait, opd: Uuid, year: i32) -> ServiceResult<Vec<ValueId>> {
    let rows = db.query_all(&approved_choices(opd, year)).await?;
    rows.iter().map(|row| Ok(ValueId::from_uuid(row.try_get_by_index::<Uuid>(0)?))).collect()
}

/// The values of the OPD's approved selection for `year` as an action shows them (code and name, by code), in
/// one statement: the KBK page offers them in its log form.
pub async fn approved_action_values(
    db: &impl ConnectionTrait,
    opd: Uuid,
    year: i32,
) -> ServiceResult<Vec<domain::kbk::ActionValue>> {
    crate::catalogue::action_values(db, value::Column::Id.in_subquery(approved_choices(opd, year))).await
}

/// The value ids chosen in the OPD's accepted selection for `year`.
fn approved_choices(opd: Uuid, year: i32) -> SelectStatement {
    let accepted = Query::select()
        .column(value_selection::Column::Id)
        .from(value_selection::Entity)
        .and_where(value_selection::Column::OpdId.eq(opd))
        .and_where(value_selection::Column::Year.eq(year))
        .and_where(value_selection::Column::State.eq(ReviewState::Accepted.as_str()))
        .to_owned();
    Query::select()
        .column(selection_choice::Column::ValueId)
        .from(selection_choice::Entity)
        .and_where(selection_choice::Column::SelectionId.in_subquery(accepted))
        .to_owned()
}
