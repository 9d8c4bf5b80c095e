//! Work queues: an OPD's year quarter by quarter, and the reviewer's inbox of submitted reports.

use super::summary::{Calendar, overdue, summaries, summary};
use crate::{
    ServiceError, ServiceResult,
    access::{Actor, reach},
    entity::report,
    keyset,
    programme::year,
};
use chrono::{DateTime, Utc};
use domain::{
    access::Action,
    ids::OrgUnitId,
    programme::{ProgrammeYear, Quarter},
    report::view::{OpdReports, PemdaQueue, QuarterSlot, ReviewQueue},
    workflow::ReviewState,
};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

/// The OPD's four quarters of `year` (the Pemda's active year if `None`), or the one asked for.
pub async fn for_opd(
    db: &DatabaseConnection,
    actor: &Actor,
    opd: OrgUnitId,
    year: Option<ProgrammeYear>,
    quarter: Option<Quarter>,
    now: DateTime<Utc>,
) -> ServiceResult<OpdReports> {
    let unit = reach::visible_opd(db, actor, opd).await?;
    let year = match year {
        Some(year) => year.get(),
        None => year::active_year(db, unit.pemda_id, now).await?,
    };
    let rows = report::Entity::find()
        .filter(report::Column::OpdId.eq(unit.id))
        .filter(report::Column::Year.eq(year))
        .all(db)
        .await?;
    let calendar = Calendar::load(db, &[(unit.id, unit.pemda_id, year)]).await?;
    let zone = calendar.zone(unit.pemda_id);
    let today = zone.local(now).date_naive();
    let mut quarters = Vec::new();
    for q in Quarter::ALL.into_iter().filter(|q| quarter.is_none_or(|wanted| wanted == *q)) {
        let row = rows.iter().find(|r| r.quarter == i16::from(q.number()));
        let report = row.map(|row| summary(&calendar, row, now)).transpose()?;
        let due_on = match &report {
            Some(report) => report.due_on,
            None => calendar.due(unit.pemda_id, year, q).unwrap_or_default(),
        };
        quarters.push(QuarterSlot {
            quarter: q.number(),
            due_on,
            open: q.start(year).is_some_and(|start| start <= today),
            overdue: report.as_ref().map_or_else(|| overdue(false, due_on, zone, now), |r| r.overdue),
            report,
        });
    }
    let may_submit = actor.scope(Action::SubmitReport).is_some_and(|scope| scope.covers(&unit.path)) && unit.active;
    Ok(OpdReports { opd_id: opd, opd_name: unit.name, year, quarters, may_submit })
}

/// The subtree condition of the actor's review reach over reports' OPDs.
fn within_reach(actor: &Actor) -> ServiceResult<Option<Condition>> {
    let scope = actor
        .scope(Action::ReviewReport)
        .ok_or_else(|| ServiceError::Forbidden("Hanya Peninjau yang meninjau laporan.".into()))?;
    if scope.is_install_wide() {
        return Ok(None);
    }
    Ok(Some(Condition::all().add(report::Column::OpdId.in_subquery(scope.unit_ids()))))
}

/// Encodes the keyset cursor of the inbox: the submission time and id of the last report shown.
fn cursor(row: &report::Model) -> String {
    format!("{}_{}", row.submitted_at.map(|t| t.timestamp_micros()).unwrap_or_default(), row.id)
}

fn parse_cursor(raw: &str) -> ServiceResult<(DateTime<Utc>, Uuid)> {
    let bad = || ServiceError::Invalid("Kursor halaman tidak valid.".into());
    let (micros, id) = raw.split_once('_').ok_or_else(bad)?;
    let at = micros.parse().ok().and_then(DateTime::from_timestamp_micros).ok_or_else(bad)?;
    Ok((at, id.parse().map_err(|_| bad())?))
}

/// Submitted reports waiting for the actor (a Peninjau or Administrator), oldest submission first, `limit` at a
/// time after `after`, with the number waiting per Pemda.
pub async fn review_queue(
    db: &DatabaseConnection,
    actor: &Actor,
    after: Option<&str>,
    limit: u64,
    now: DateTime<Utc>,
) -> ServiceResult<ReviewQueue> {
    let reach = within_reach(actor)?;
    let waiting = || {
        let mut query = report::Entity::find().filter(report::Column::State.eq(ReviewState::Submitted.as_str()));
        if let Some(reach) = reach.clone() {
            query = query.filter(reach);
        }
        query
    };
    let mut page = waiting();
    if let Some(after) = after {
        let (at, id) = parse_cursor(after)?;
        page = page.filter(keyset::after(
            (report::Column::SubmittedAt, report::Column::Id),
            (at, id),
            keyset::Order::Ascending,
        ));
    }
    let limit = limit.clamp(1, 200);
    let mut rows = page
        .order_by_asc(report::Column::SubmittedAt)
        .order_by_asc(report::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let next_after = (rows.len() as u64 > limit).then(|| {
        rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        rows.last().map(cursor)
    });
    let counts: Vec<(Uuid, i64)> = waiting()
        .select_only()
        .column(report::Column::PemdaId)
        .column_as(report::Column::Id.count(), "waiting")
        .group_by(report::Column::PemdaId)
        .into_tuple()
        .all(db)
        .await?;
    let names = crate::org::names::of(db, counts.iter().map(|c| c.0), None).await?;
    let mut per_pemda: Vec<PemdaQueue> = counts
        .into_iter()
        .map(|(pemda, waiting)| PemdaQueue {
            pemda_id: OrgUnitId::from_uuid(pemda),
            pemda_name: names.get(&pemda).cloned().unwrap_or_default(),
            waiting: u64::try_from(waiting).unwrap_or(0),
        })
        .collect();
    per_pemda.sort_by(|a, b| a.pemda_name.cmp(&b.pemda_name));
    Ok(ReviewQueue { items: summaries(db, &rows, now).await?, per_pemda, next_after: next_after.flatten() })
}
