//! An OPD's year at a glance: selection, KBKs, actions per approved value this quarter, the next due date and
//! what is missing. A fixed number of queries, whatever the OPD's history.

use super::{selection, year};
use crate::{
    ServiceResult,
    entity::{action_value, kbk_action, org_unit, value},
    kbk::groups,
};
use chrono::{DateTime, Datelike, Utc};
use domain::{
    ids::{OrgUnitId, ValueId},
    programme::{OpdYearView, Quarter, ValueActivity, YearFacts, gaps},
    workflow::ReviewState,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter,
    sea_query::{Expr, ExprTrait, Func, Query},
};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(FromQueryResult)]
struct PerValue {
    value_id: Uuid,
    count: i64,
}

/// Actions per value of the OPD with an activity date in `[start, end]`, in one grouped query.
async fn actions_per_value(
    db: &impl ConnectionTrait,
    opd: Uuid,
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
) -> ServiceResult<HashMap<Uuid, u32>> {
    let query = Query::select()
        .column((action_value::Entity, action_value::Column::ValueId))
        .expr_as(Func::count(Expr::col((action_value::Entity, action_value::Column::ActionId))), "count")
        .from(action_value::Entity)
        .inner_join(
            kbk_action::Entity,
            Expr::col((kbk_action::Entity, kbk_action::Column::Id))
                .equals((action_value::Entity, action_value::Column::ActionId)),
        )
        .and_where(Expr::col((kbk_action::Entity, kbk_action::Column::OpdId)).eq(opd))
        .and_where(Expr::col((kbk_action::Entity, kbk_action::Column::StartedOn)).between(start, end))
        .group_by_col((action_value::Entity, action_value::Column::ValueId))
        .to_owned();
    let rows = PerValue::find_by_statement(db.get_database_backend().build(&query)).all(db).await?;
    Ok(rows.into_iter().map(|row| (row.value_id, u32::try_from(row.count).unwrap_or(u32::MAX))).collect())
}

async fn count_in_state(db: &impl ConnectionTrait, opd: Uuid, state: ReviewState) -> ServiceResult<u32> {
    let count = kbk_action::Entity::find()
        .filter(kbk_action::Column::OpdId.eq(opd))
        .filter(kbk_action::Column::State.eq(state.as_str()))
        .count(db)
        .await?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

/// The current year at a glance of `unit`, an OPD the caller has already been shown (`reach::visible_opd`).
pub async fn year_of(
    db: &DatabaseConnection,
    unit: &org_unit::Model,
    now: DateTime<Utc>,
) -> ServiceResult<OpdYearView> {
    let today = year::pemda_today(db, unit.pemda_id, now).await?;
    let year = year::active_year(db, unit.pemda_id, now).await?;
    let rules = year::rules(db, unit.pemda_id, year).await?;
    let quarter = if today.year() == year { Quarter::of(today) } else { Quarter::ALL[0] };
    let selection = selection::of_unit(db, unit).await?.into_iter().find(|s| s.year == year);
    let kbks = groups::of_unit(db, unit).await?;
    let approved: Vec<ValueId> = selection::approved_values(db, unit.id, year).await?;
    let (start, end) = quarter.start(year).zip(quarter.end(year)).unwrap_or((today, today));
    let counts = actions_per_value(db, unit.id, start, end).await?;
    let names: HashMap<Uuid, value::Model> = value::Entity::find()
        .filter(value::Column::Id.is_in(approved.iter().map(|id| id.into_uuid())))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let mut activity: Vec<ValueActivity> = approved
        .iter()
        .filter_map(|id| names.get(&id.into_uuid()))
        .map(|row| ValueActivity {
            value_id: ValueId::from_uuid(row.id),
            code: row.code.clone(),
            name: row.name.clone(),
            actions: counts.get(&row.id).copied().unwrap_or(0),
        })
        .collect();
    activity.sort_by(|a, b| domain::catalogue::compare_codes(&a.code, &b.code));
    let facts = YearFacts {
        selection: selection.as_ref().map(|s| (s.state, s.return_reason.clone())),
        kbks: kbks.iter().filter(|k| k.active).map(|k| (k.name.clone(), k.decree.is_some())).collect(),
        actions_per_value: activity.iter().map(|a| (format!("{} {}", a.code, a.name), a.actions)).collect(),
        awaiting: count_in_state(db, unit.id, ReviewState::Submitted).await?,
        returned: count_in_state(db, unit.id, ReviewState::Returned).await?,
    };
    let pemda_name =
        org_unit::Entity::find_by_id(unit.pemda_id).one(db).await?.map(|pemda| pemda.name).unwrap_or_default();
    Ok(OpdYearView {
        opd_id: OrgUnitId::from_uuid(unit.id),
        opd_name: unit.name.clone(),
        pemda_name,
        year,
        quarter,
        selection,
        kbks,
        activity,
        next_due: rules.next_due(today),
        gaps: gaps(&facts),
    })
}
