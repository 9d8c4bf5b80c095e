//! An OPD's year at a glance: selection, KBKs, actions per approved value this quarter, the next due date and
//! what is missing. A fixed number of queries, whatever the OPD's history.

use super::{selection, year};
use crate::{
    ServiceResult,
    entity::{action_value, kbk_action, org_unit},
    kbk::groups,
};
use chrono::{DateTime, Datelike, Utc};
use domain::{
    ids::OrgUnitId,
    programme::{OpdYearView, Quarter, ValueActivity, YearFacts, gaps, next_due},
    workflow::ReviewState,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, FromQueryResult,
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

#[derive(FromQueryResult)]
struct PerState {
    state: String,
    count: i64,
}

/// The OPD's actions waiting for verification and returned to their authors, in one grouped query.
async fn awaiting_and_returned(db: &impl ConnectionTrait, opd: Uuid) -> ServiceResult<(u32, u32)> {
    let (submitted, returned) = (ReviewState::Submitted.as_str(), ReviewState::Returned.as_str());
    let query = Query::select()
        .column(kbk_action::Column::State)
        .expr_as(Func::count(Expr::col(kbk_action::Column::Id)), "count")
        .from(kbk_action::Entity)
        .and_where(kbk_action::Column::OpdId.eq(opd))
        .and_where(kbk_action::Column::State.is_in([submitted, returned]))
        .group_by_col(kbk_action::Column::State)
        .to_owned();
    let rows = PerState::find_by_statement(db.get_database_backend().build(&query)).all(db).await?;
    let count = |state: &str| {
        rows.iter().find(|row| row.state == state).map_or(0, |row| u32::try_from(row.count).unwrap_or(u32::MAX))
    };
    Ok((count(submitted), count(returned)))
}

/// The current year at a glance of `unit`, an OPD the caller has already been shown (`reach::visible_opd`).
pub async fn year_of(
    db: &DatabaseConnection,
    unit: &org_unit::Model,
    now: DateTime<Utc>,
) -> ServiceResult<OpdYearView> {
    let calendar = year::calendar(db, unit.pemda_id, now).await?;
    let (today, year) = (calendar.today, calendar.year);
    let quarter = if today.year() == year { Quarter::of(today) } else { Quarter::ALL[0] };
    let selection = selection::of_unit_in(db, unit, year).await?;
    let kbks = groups::of_unit(db, unit).await?;
    let (start, end) = quarter.start(year).zip(quarter.end(year)).unwrap_or((today, today));
    let counts = actions_per_value(db, unit.id, start, end).await?;
    // The values actions can be logged against: those of the year's approved selection.
    let approved = selection.as_ref().filter(|s| s.state == ReviewState::Accepted).map_or(&[][..], |s| &s.choices);
    let mut activity: Vec<ValueActivity> = approved
        .iter()
        .map(|choice| ValueActivity {
            value_id: choice.value_id,
            code: choice.value_code.clone(),
            name: choice.value_name.clone(),
            actions: counts.get(&choice.value_id.into_uuid()).copied().unwrap_or(0),
        })
        .collect();
    activity.sort_by(|a, b| domain::catalogue::compare_codes(&a.code, &b.code));
    let (awaiting, returned) = awaiting_and_returned(db, unit.id).await?;
    let facts = YearFacts {
        selection: selection.as_ref().map(|s| (s.state, s.return_reason.clone())),
        kbks: kbks.iter().filter(|k| k.active).map(|k| (k.name.clone(), k.decree.is_some())).collect(),
        actions_per_value: activity.iter().map(|a| (format!("{} {}", a.code, a.name), a.actions)).collect(),
        awaiting,
        returned,
    };
    Ok(OpdYearView {
        opd_id: OrgUnitId::from_uuid(unit.id),
        opd_name: unit.name.clone(),
        pemda_name: calendar.pemda_name,
        year,
        quarter,
        selection,
        kbks,
        activity,
        next_due: next_due(&calendar.due_dates, today),
        gaps: gaps(&facts),
    })
}
