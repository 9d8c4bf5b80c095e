//! Documented actions (kegiatan): logged by KBK members, verified or returned by the KBK's ketua or fasilitator
//! (decision 4). Lists are keyset pages, so their cost does not grow with history.

use super::{evidence, groups};
use crate::{
    ServiceError, ServiceResult,
    access::{
        Actor,
        reach::{self, InOpd},
    },
    audit::{self, AuditEntry, RequestMeta},
    dashboard::{standing, tally},
    entity::{action_value, kbk, kbk_action, value},
    keyset,
    programme::{selection, year},
    workflow,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use domain::{
    access::Action,
    field::{FieldProblem, Problem},
    ids::{ActionId, KbkId, OrgUnitId, UserId, ValueId},
    kbk::{ActionInput, ActionRow, ActionValue, ActionView, dated_outside_entry_quarter, parse_action},
    locale::Locale,
    org::Timezone,
    programme::Quarter,
    text::parse_text,
    workflow::{ReviewState, Step, Subject},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
    sea_query::{Expr, ExprTrait, Query},
};
use std::collections::HashMap;
use uuid::Uuid;

fn state_of(row: &kbk_action::Model) -> ServiceResult<ReviewState> {
    parse_state(&row.state)
}

fn parse_state(stored: &str) -> ServiceResult<ReviewState> {
    stored.parse().map_err(|_| ServiceError::Invalid(format!("stored action has state {stored:?}")))
}

fn count(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

#[derive(FromQueryResult)]
struct LinkedValue {
    action_id: Uuid,
    value_id: Uuid,
    code: String,
    name: String,
}

/// The values each of `actions` lives, in code order, read with their codes and names in one query.
async fn values_of(db: &impl ConnectionTrait, actions: &[Uuid]) -> ServiceResult<HashMap<Uuid, Vec<ActionValue>>> {
    let query = Query::select()
        .column((action_value::Entity, action_value::Column::ActionId))
        .column((action_value::Entity, action_value::Column::ValueId))
        .column((value::Entity, value::Column::Code))
        .column((value::Entity, value::Column::Name))
        .from(action_value::Entity)
        .inner_join(
            value::Entity,
            Expr::col((value::Entity, value::Column::Id)).equals((action_value::Entity, action_value::Column::ValueId)),
        )
        .and_where(Expr::col((action_value::Entity, action_value::Column::ActionId)).is_in(actions.iter().copied()))
        .to_owned();
    let mut by_action: HashMap<Uuid, Vec<ActionValue>> = HashMap::new();
    for link in LinkedValue::find_by_statement(db.get_database_backend().build(&query)).all(db).await? {
        let value = ActionValue { id: ValueId::from_uuid(link.value_id), code: link.code, name: link.name };
        by_action.entry(link.action_id).or_default().push(value);
    }
    for values in by_action.values_mut() {
        values.sort_by(|a, b| domain::catalogue::compare_codes(&a.code, &b.code));
    }
    Ok(by_action)
}

/// Builds the views of `rows` in four queries, whatever their number, or three when they all belong to `known`.
async fn views(
    db: &impl ConnectionTrait,
    rows: Vec<kbk_action::Model>,
    known: Option<&kbk::Model>,
) -> ServiceResult<Vec<ActionView>> {
    let ids: Vec<Uuid> = rows.iter().map(|row| row.id).collect();
    let mut by_action = values_of(db, &ids).await?;
    let kbks: HashMap<Uuid, String> = match known {
        Some(group) if rows.iter().all(|row| row.kbk_id == group.id) => HashMap::from([(group.id, group.name.clone())]),
        _ => kbk::Entity::find()
            .select_only()
            .column(kbk::Column::Id)
            .column(kbk::Column::Name)
            .filter(kbk::Column::Id.is_in(rows.iter().map(|row| row.kbk_id)))
            .into_tuple::<(Uuid, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect(),
    };
    let authors = crate::access::names::of(db, rows.iter().map(|row| row.author_id)).await?;
    let mut files = evidence::views_for_actions(db, &ids).await?;
    rows.into_iter()
        .map(|row| {
            let values = by_action.remove(&row.id).unwrap_or_default();
            Ok(ActionView {
                id: ActionId::from_uuid(row.id),
                kbk_id: KbkId::from_uuid(row.kbk_id),
                kbk_name: kbks.get(&row.kbk_id).cloned().unwrap_or_default(),
                opd_id: OrgUnitId::from_uuid(row.opd_id),
                author_id: UserId::from_uuid(row.author_id),
                author_name: authors.get(&row.author_id).cloned().unwrap_or_default(),
                state: state_of(&row)?,
                dated_outside_entry_quarter: dated_outside_entry_quarter(row.started_on, row.entered_on),
                evidence: files.remove(&row.id).unwrap_or_default(),
                title: row.title,
                kind: row
                    .kind
                    .parse()
                    .map_err(|err: domain::org::UnknownVariant| ServiceError::Invalid(err.to_string()))?,
                started_on: row.started_on,
                ended_on: row.ended_on,
                location: row.location,
                values,
                description: row.description,
                participants: count(row.participants),
                attendees: count(row.attendees),
                result: row.result,
                indicator: row.indicator,
                target: row.target,
                realisation: row.realisation,
                return_reason: row.return_reason,
                entered_at: row.created_at,
            })
        })
        .collect()
}

async fn view(db: &impl ConnectionTrait, row: kbk_action::Model) -> ServiceResult<ActionView> {
    views(db, vec![row], None).await?.pop().ok_or(ServiceError::NotFound)
}

/// Which actions of a KBK to list.
#[derive(Clone, Debug, Default)]
pub struct ActionFilter {
    /// Only this year (with `quarter`: that quarter of it).
    pub year: Option<domain::programme::ProgrammeYear>,
    /// Only this quarter of `year` (ignored without a year).
    pub quarter: Option<Quarter>,
    /// Only actions living this value.
    pub value: Option<ValueId>,
    /// Only this state.
    pub state: Option<ReviewState>,
}

/// Where a page of actions ends: the last row's activity date and id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// Activity date of the last row.
    pub started_on: NaiveDate,
    /// Id of the last row.
    pub id: Uuid,
}

impl Cursor {
    /// The cursor after `action`.
    pub fn after(action: &ActionView) -> Self {
        Self { started_on: action.started_on, id: action.id.into_uuid() }
    }

    /// The opaque text form: `2026-11-20.0193...`.
    pub fn encode(self) -> String {
        format!("{}.{}", self.started_on, self.id)
    }

    /// Reads the text form back.
    pub fn decode(raw: &str) -> Option<Self> {
        let (date, id) = raw.split_once('.')?;
        Some(Self { started_on: date.parse().ok()?, id: id.parse().ok()? })
    }
}

/// A page of the KBK's actions, newest activity first.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    kbk: KbkId,
    filter: &ActionFilter,
    after: Option<Cursor>,
    limit: u64,
) -> ServiceResult<Vec<ActionView>> {
    let (group, _) = groups::visible(db, actor, kbk).await?;
    views(db, page(&group, filter, after, limit).all(db).await?, Some(&group)).await
}

/// The first `limit` actions of `group`, a KBK the caller has already been shown (`groups::visible`), as its
/// page's table lists them: one statement, only the listed columns.
pub async fn rows_in(db: &impl ConnectionTrait, group: &kbk::Model, limit: u64) -> ServiceResult<Vec<ActionRow>> {
    use kbk_action::Column as C;
    let rows = page(group, &ActionFilter::default(), None, limit)
        .select_only()
        .columns([C::Id, C::Title, C::StartedOn, C::State])
        .into_tuple::<(Uuid, String, NaiveDate, String)>()
        .all(db)
        .await?;
    rows.into_iter()
        .map(|(id, title, started_on, state)| {
            Ok(ActionRow { id: ActionId::from_uuid(id), title, started_on, state: parse_state(&state)? })
        })
        .collect()
}

/// The query of a keyset page of `group`'s actions, newest activity first.
fn page(
    group: &kbk::Model,
    filter: &ActionFilter,
    after: Option<Cursor>,
    limit: u64,
) -> sea_orm::Select<kbk_action::Entity> {
    let mut query = kbk_action::Entity::find()
        .filter(kbk_action::Column::KbkId.eq(group.id))
        .order_by_desc(kbk_action::Column::StartedOn)
        .order_by_desc(kbk_action::Column::Id)
        .limit(limit);
    let span = match (filter.year.map(domain::programme::ProgrammeYear::get), filter.quarter) {
        (Some(year), Some(quarter)) => quarter.start(year).zip(quarter.end(year)),
        (Some(year), None) => NaiveDate::from_ymd_opt(year, 1, 1).zip(NaiveDate::from_ymd_opt(year, 12, 31)),
        _ => None,
    };
    if let Some((start, end)) = span {
        query = query.filter(kbk_action::Column::StartedOn.between(start, end));
    }
    if let Some(state) = filter.state {
        query = query.filter(kbk_action::Column::State.eq(state.as_str()));
    }
    if let Some(value) = filter.value {
        let living = Query::select()
            .column(action_value::Column::ActionId)
            .from(action_value::Entity)
            .and_where(action_value::Column::ValueId.eq(value.into_uuid()))
            .to_owned();
        query = query.filter(kbk_action::Column::Id.in_subquery(living));
    }
    if let Some(cursor) = after {
        query = query.filter(keyset::after(
            (kbk_action::Column::StartedOn, kbk_action::Column::Id),
            (cursor.started_on, cursor.id),
            keyset::Order::Descending,
        ));
    }
    query
}

/// The action with its KBK, if the actor may see them.
pub(crate) async fn visible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: ActionId,
) -> ServiceResult<(kbk_action::Model, kbk::Model, crate::entity::org_unit::Model)> {
    let (row, shown) = shown(db, actor, id).await?;
    Ok((row, shown.row, shown.opd))
}

/// The action with its KBK, OPD and Pemda time zone, if the actor may see them.
async fn shown(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: ActionId,
) -> ServiceResult<(kbk_action::Model, InOpd<kbk::Model>)> {
    let row = kbk_action::Entity::find_by_id(id.into_uuid()).one(db).await?.ok_or(ServiceError::NotFound)?;
    let shown = groups::shown(db, actor, KbkId::from_uuid(row.kbk_id)).await?;
    Ok((row, shown))
}

/// One action.
pub async fn get(db: &DatabaseConnection, actor: &Actor, id: ActionId) -> ServiceResult<ActionView> {
    let (row, _, _) = visible(db, actor, id).await?;
    view(db, row).await
}

/// One action with its Pemda's time zone, in which its dates are days (for its page).
pub async fn for_page(db: &DatabaseConnection, actor: &Actor, id: ActionId) -> ServiceResult<(ActionView, Timezone)> {
    let (row, shown) = shown(db, actor, id).await?;
    Ok((view(db, row).await?, shown.timezone))
}

/// Checks the actor sits in the KBK (and may log actions in its OPD).
pub(crate) async fn require_member(
    db: &impl ConnectionTrait,
    actor: &Actor,
    group: &kbk::Model,
    path: &str,
) -> ServiceResult<()> {
    reach::require(actor, Action::LogAction, path)?;
    if groups::seat_of(db, actor, group.id).await?.is_none() {
        return Err(ServiceError::Forbidden("Hanya anggota KBK ini yang mencatat kegiatannya.".into()));
    }
    if !group.active {
        return Err(ServiceError::Conflict("KBK ini nonaktif.".into()));
    }
    Ok(())
}

/// Parses the action against the OPD's approved values for the activity's year.
async fn parse(
    db: &impl ConnectionTrait,
    group: &kbk::Model,
    input: ActionInput,
    now: DateTime<Utc>,
) -> ServiceResult<ActionInput> {
    let today = year::pemda_today(db, group.pemda_id, now).await?;
    let chosen = selection::approved_values(db, group.opd_id, input.started_on.year()).await?;
    parse_action(input, today, &chosen).map_err(|problems| {
        let problems = problems.into_iter().map(|p| FieldProblem::new(p.field(), Problem::Action(p))).collect();
        ServiceError::Fields(problems)
    })
}

async fn write_values(txn: &impl ConnectionTrait, action: Uuid, values: &[ValueId]) -> ServiceResult<()> {
    action_value::Entity::delete_many().filter(action_value::Column::ActionId.eq(action)).exec(txn).await?;
    for value in values {
        action_value::ActiveModel { action_id: Set(action), value_id: Set(value.into_uuid()) }.insert(txn).await?;
    }
    Ok(())
}

fn clamp(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

fn apply(model: &mut kbk_action::ActiveModel, input: &ActionInput) {
    model.title = Set(input.title.clone());
    model.kind = Set(input.kind.as_str().to_owned());
    model.started_on = Set(input.started_on);
    model.ended_on = Set(input.ended_on);
    model.location = Set(input.location.clone());
    model.description = Set(input.description.clone());
    model.participants = Set(clamp(input.participants));
    model.attendees = Set(clamp(input.attendees));
    model.result = Set(input.result.clone());
    model.indicator = Set(input.indicator.clone());
    model.target = Set(input.target.clone());
    model.realisation = Set(input.realisation.clone());
}

fn entry<'a>(actor: &'a Actor, action: &'a str, row: &kbk_action::Model) -> AuditEntry<'a> {
    AuditEntry::by(actor, action, "action", row.id, row.pemda_id)
}

/// Logs an action of the KBK as a draft (any active member).
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    kbk: KbkId,
    input: ActionInput,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<ActionView> {
    let (group, unit) = groups::visible(db, actor, kbk).await?;
    require_member(db, actor, &group, &unit.path).await?;
    let input = parse(db, &group, input, now).await?;
    let entered_on = year::pemda_today(db, group.pemda_id, now).await?;
    let txn = db.begin().await?;
    let mut model = kbk_action::ActiveModel {
        id: Set(Uuid::now_v7()),
        pemda_id: Set(group.pemda_id),
        opd_id: Set(group.opd_id),
        kbk_id: Set(group.id),
        author_id: Set(actor.user_id.into_uuid()),
        state: Set(ReviewState::Draft.as_str().to_owned()),
        return_reason: Set(None),
        entered_on: Set(entered_on),
        submitted_at: Set(None),
        decided_at: Set(None),
        decided_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    apply(&mut model, &input);
    let row = model.insert(&txn).await?;
    write_values(&txn, row.id, &input.value_ids).await?;
    let created = view(&txn, row.clone()).await?;
    let mut audit_entry = entry(actor, "action.create", &row);
    audit_entry.after = serde_json::to_value(&created).ok();
    audit::record(&txn, audit_entry, meta, now).await?;
    txn.commit().await?;
    Ok(created)
}

/// Moves the action by `step` inside `txn`, guarding against a concurrent change, and audits it.
async fn transition(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    row: kbk_action::Model,
    step: Step,
    change: impl FnOnce(&mut kbk_action::ActiveModel),
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<ActionView> {
    let from = state_of(&row)?;
    let to = workflow::next::<kbk_action::Entity>(from, step)?;
    let before = view(txn, row.clone()).await?;
    let mut model: kbk_action::ActiveModel = row.clone().into();
    model.state = Set(to.as_str().to_owned());
    model.updated_at = Set(now);
    change(&mut model);
    workflow::claim(txn, row.id, from, model).await?;
    let stored = kbk_action::Entity::find_by_id(row.id).one(txn).await?.ok_or(ServiceError::NotFound)?;
    if to == ReviewState::Accepted {
        tally::action_verified(txn, &stored).await?;
        standing::refresh(txn, &[stored.opd_id], &[stored.started_on.year()]).await?;
    }
    let after = view(txn, stored).await?;
    let action = workflow::audit_action::<kbk_action::Entity>(step);
    let mut audit_entry = entry(actor, &action, &row);
    audit_entry.before = serde_json::to_value(&before).ok();
    audit_entry.after = serde_json::to_value(&after).ok();
    audit::record(txn, audit_entry, meta, now).await?;
    Ok(after)
}

fn require_author(actor: &Actor, row: &kbk_action::Model) -> ServiceResult<()> {
    if row.author_id == actor.user_id.into_uuid() {
        Ok(())
    } else {
        Err(ServiceError::Forbidden("Hanya pencatat kegiatan ini yang dapat mengubah atau mengajukannya.".into()))
    }
}

/// Changes a draft or returned action (its author).
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: ActionId,
    input: ActionInput,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<ActionView> {
    let (row, group, unit) = visible(db, actor, id).await?;
    require_member(db, actor, &group, &unit.path).await?;
    require_author(actor, &row)?;
    state_of(&row)?
        .after(Step::Edit, Subject::Action)
        .map_err(|err| ServiceError::Conflict(err.message(Locale::Id)))?;
    let input = parse(db, &group, input, now).await?;
    let txn = db.begin().await?;
    write_values(&txn, row.id, &input.value_ids).await?;
    let updated = transition(&txn, actor, row, Step::Edit, |model| apply(model, &input), meta, now).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Hands the action to the KBK's verifiers (its author); it needs at least one evidence file.
pub async fn submit(
    db: &DatabaseConnection,
    actor: &Actor,
    id: ActionId,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<ActionView> {
    let (row, group, unit) = visible(db, actor, id).await?;
    require_member(db, actor, &group, &unit.path).await?;
    require_author(actor, &row)?;
    state_of(&row)?
        .after(Step::Submit, Subject::Action)
        .map_err(|err| ServiceError::Conflict(err.message(Locale::Id)))?;
    if evidence::count_for_action(db, &row).await? == 0 {
        return Err(ServiceError::Invalid(
            "Lampirkan paling sedikit satu bukti dukung (foto, daftar hadir, notulen) sebelum mengajukan.".into(),
        ));
    }
    let txn = db.begin().await?;
    let submitted = transition(&txn, actor, row, Step::Submit, |m| m.submitted_at = Set(Some(now)), meta, now).await?;
    txn.commit().await?;
    Ok(submitted)
}

/// A verifier's decision on a submitted action.
#[derive(Clone, Debug)]
pub enum Verdict {
    /// Verified: it may go into a report.
    Verify,
    /// Returned to its author with a reason.
    Return(String),
}

/// Verifies or returns a submitted action (the KBK's ketua or fasilitator, never its own author).
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    id: ActionId,
    verdict: Verdict,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<ActionView> {
    let (row, group, unit) = visible(db, actor, id).await?;
    reach::require(actor, Action::VerifyAction, &unit.path)?;
    if !groups::seat_of(db, actor, group.id).await?.is_some_and(|seat| seat.verifies()) {
        return Err(ServiceError::Forbidden(
            "Hanya Ketua atau Fasilitator KBK ini yang memverifikasi kegiatannya.".into(),
        ));
    }
    if row.author_id == actor.user_id.into_uuid() {
        return Err(ServiceError::Forbidden("Kegiatan yang Anda catat sendiri diverifikasi oleh orang lain.".into()));
    }
    let (step, reason) = match verdict {
        Verdict::Verify => (Step::Accept, None),
        Verdict::Return(reason) => {
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
