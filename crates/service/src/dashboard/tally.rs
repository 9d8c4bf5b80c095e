//! The counts the dashboard reads, kept by the writes they summarise: verifying an action adds it to its
//! quarter (and to each of its values); accepting a report counts its actions, reopening uncounts them. Every
//! function here runs inside the caller's transaction, so a count is never ahead of or behind its data.

use crate::{
    ServiceError, ServiceResult,
    entity::{action_tally, action_value, kbk_action, report, report_submission, value_tally},
};
use chrono::{Datelike, NaiveDate};
use domain::{programme::Quarter, report::changes::Snapshot, workflow::ReviewState};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait, OnConflict},
};
use std::collections::HashMap;
use uuid::Uuid;

/// Where a count belongs: an OPD's quarter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    pub(crate) pemda: Uuid,
    pub(crate) opd: Uuid,
    pub(crate) year: i32,
    pub(crate) quarter: i16,
}

impl Key {
    fn of_action(row: &kbk_action::Model) -> Self {
        Self { pemda: row.pemda_id, opd: row.opd_id, year: row.started_on.year(), quarter: quarter(row.started_on) }
    }

    fn of_report(row: &report::Model) -> Self {
        Self { pemda: row.pemda_id, opd: row.opd_id, year: row.year, quarter: row.quarter }
    }
}

fn quarter(date: NaiveDate) -> i16 {
    i16::from(Quarter::of(date).number())
}

/// Whether the action records what it achieved against its target.
fn has_result(row: &kbk_action::Model) -> bool {
    row.realisation.as_deref().is_some_and(|text| !text.trim().is_empty())
}

/// Adds to the quarter's counts (`verified` and `counted` are deltas; `set_counted` replaces counted ones).
async fn add_action_counts(
    txn: &impl ConnectionTrait,
    key: Key,
    verified: (i32, i32),
    counted: Option<(i32, i32)>,
) -> ServiceResult<()> {
    use action_tally::Column as C;
    let (counted_n, counted_r) = counted.unwrap_or((0, 0));
    let row = action_tally::ActiveModel {
        opd_id: Set(key.opd),
        year: Set(key.year),
        quarter: Set(key.quarter),
        pemda_id: Set(key.pemda),
        verified: Set(verified.0),
        verified_with_result: Set(verified.1),
        counted: Set(counted_n),
        counted_with_result: Set(counted_r),
    };
    let mut on_conflict = OnConflict::columns([C::OpdId, C::Year, C::Quarter]);
    on_conflict
        .value(C::Verified, Expr::col((action_tally::Entity, C::Verified)).add(verified.0))
        .value(C::VerifiedWithResult, Expr::col((action_tally::Entity, C::VerifiedWithResult)).add(verified.1));
    if counted.is_some() {
        on_conflict.value(C::Counted, counted_n).value(C::CountedWithResult, counted_r);
    }
    action_tally::Entity::insert(row).on_conflict(on_conflict.to_owned()).exec_without_returning(txn).await?;
    Ok(())
}

async fn add_value_count(
    txn: &impl ConnectionTrait,
    key: Key,
    value: Uuid,
    verified: i32,
    counted: Option<i32>,
) -> ServiceResult<()> {
    use value_tally::Column as C;
    let row = value_tally::ActiveModel {
        opd_id: Set(key.opd),
        year: Set(key.year),
        quarter: Set(key.quarter),
        value_id: Set(value),
        pemda_id: Set(key.pemda),
        verified: Set(verified),
        counted: Set(counted.unwrap_or(0)),
    };
    let mut on_conflict = OnConflict::columns([C::OpdId, C::Year, C::Quarter, C::ValueId]);
    on_conflict.value(C::Verified, Expr::col((value_tally::Entity, C::Verified)).add(verified));
    if let Some(counted) = counted {
        on_conflict.value(C::Counted, counted);
    }
    value_tally::Entity::insert(row).on_conflict(on_conflict.to_owned()).exec_without_returning(txn).await?;
    Ok(())
}

async fn values_of(txn: &impl ConnectionTrait, actions: &[Uuid]) -> ServiceResult<Vec<action_value::Model>> {
    Ok(action_value::Entity::find()
        .filter(action_value::Column::ActionId.is_in(actions.iter().copied()))
        .all(txn)
        .await?)
}

/// Counts a just-verified action in its quarter and under each of its values.
pub(crate) async fn action_verified(txn: &impl ConnectionTrait, row: &kbk_action::Model) -> ServiceResult<()> {
    let key = Key::of_action(row);
    add_action_counts(txn, key, (1, i32::from(has_result(row))), None).await?;
    for link in values_of(txn, &[row.id]).await? {
        add_value_count(txn, key, link.value_id, 1, None).await?;
    }
    Ok(())
}

/// Verified actions of one OPD's quarter added in bulk (the data generator): `verified` of them, `with_result`
/// recording a result, and per value how many live it. The same counts [`action_verified`] keeps one at a time.
pub(crate) async fn verified_in_bulk(
    txn: &impl ConnectionTrait,
    key: Key,
    verified: i32,
    with_result: i32,
    per_value: &HashMap<Uuid, i32>,
) -> ServiceResult<()> {
    add_action_counts(txn, key, (verified, with_result), None).await?;
    for (value, n) in per_value {
        add_value_count(txn, key, *value, *n, None).await?;
    }
    Ok(())
}

/// Sets the quarter's counted actions to those of `snapshot`, the submission the report was accepted with.
pub(crate) async fn report_accepted(
    txn: &impl ConnectionTrait,
    row: &report::Model,
    snapshot: &Snapshot,
) -> ServiceResult<()> {
    let ids: Vec<Uuid> = snapshot.actions.iter().map(|a| a.id.into_uuid()).collect();
    let actions = kbk_action::Entity::find().filter(kbk_action::Column::Id.is_in(ids.iter().copied())).all(txn).await?;
    let with_result = actions.iter().filter(|a| has_result(a)).count();
    let key = Key::of_report(row);
    add_action_counts(txn, key, (0, 0), Some((count(actions.len()), count(with_result)))).await?;
    uncount_values(txn, key).await?;
    let mut per_value: HashMap<Uuid, usize> = HashMap::new();
    for link in values_of(txn, &ids).await? {
        *per_value.entry(link.value_id).or_default() += 1;
    }
    for (value, n) in per_value {
        add_value_count(txn, key, value, 0, Some(count(n))).await?;
    }
    Ok(())
}

/// Uncounts the quarter of a report that is no longer accepted.
pub(crate) async fn report_reopened(txn: &impl ConnectionTrait, row: &report::Model) -> ServiceResult<()> {
    let key = Key::of_report(row);
    add_action_counts(txn, key, (0, 0), Some((0, 0))).await?;
    uncount_values(txn, key).await
}

async fn uncount_values(txn: &impl ConnectionTrait, key: Key) -> ServiceResult<()> {
    value_tally::Entity::update_many()
        .col_expr(value_tally::Column::Counted, Expr::value(0))
        .filter(value_tally::Column::OpdId.eq(key.opd))
        .filter(value_tally::Column::Year.eq(key.year))
        .filter(value_tally::Column::Quarter.eq(key.quarter))
        .exec(txn)
        .await?;
    Ok(())
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Recomputes every count from the actions and reports themselves: for repairs (`budaya rebuild-tallies`) and
/// to prove the kept counts right. Reads all history, so it is never on a request's path.
pub async fn rebuild(txn: &impl ConnectionTrait) -> ServiceResult<()> {
    value_tally::Entity::delete_many().exec(txn).await?;
    action_tally::Entity::delete_many().exec(txn).await?;
    let verified = kbk_action::Entity::find()
        .filter(kbk_action::Column::State.eq(ReviewState::Accepted.as_str()))
        .all(txn)
        .await?;
    for row in &verified {
        action_verified(txn, row).await?;
    }
    let accepted =
        report::Entity::find().filter(report::Column::State.eq(ReviewState::Accepted.as_str())).all(txn).await?;
    for row in &accepted {
        let submission = report_submission::Entity::find()
            .filter(report_submission::Column::ReportId.eq(row.id))
            .filter(report_submission::Column::Revision.eq(row.revision))
            .one(txn)
            .await?
            .ok_or_else(|| ServiceError::Invalid(format!("accepted report {} has no submission", row.id)))?;
        let snapshot: Snapshot = serde_json::from_str(&submission.snapshot)
            .map_err(|err| ServiceError::Invalid(format!("stored snapshot: {err}")))?;
        report_accepted(txn, row, &snapshot).await?;
    }
    Ok(())
}
