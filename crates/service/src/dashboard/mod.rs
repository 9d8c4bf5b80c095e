//! The compliance dashboard: reporting rates, the lifecycle funnel, the index with its explanation, and the
//! charts, for any node the caller may see. Reads a fixed number of queries over per-quarter tallies, never
//! the actions themselves, so its cost does not grow with history.

mod charts;
mod compliance;
mod facts;
mod frame;
pub mod index;
pub mod overview;
mod progress;
pub mod standing;
pub mod svg;
pub mod tally;
pub mod weights;

use crate::{ServiceResult, access::Actor};
use chrono::{DateTime, Utc};
use domain::{
    dashboard::{
        chart::{ChartKind, ChartTable},
        view::{Compliance, DashboardQuery, Funnel, ReportingRates},
    },
    ids::OrgUnitId,
    locale::Locale,
};
use facts::YearData;
use frame::Scope;
use sea_orm::DatabaseConnection;

async fn load(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &DashboardQuery,
    now: DateTime<Utc>,
) -> ServiceResult<(Scope, YearData)> {
    let scope = frame::resolve(db, actor, query, now).await?;
    let data = YearData::load(db, &scope.opd_ids(), &scope.pemda_ids(), scope.frame.year).await?;
    Ok((scope, data))
}

/// The reporting-rate table.
pub async fn reporting_rates(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &DashboardQuery,
    now: DateTime<Utc>,
) -> ServiceResult<ReportingRates> {
    let (scope, data) = load(db, actor, query, now).await?;
    progress::rates(db, scope, &data).await
}

/// The lifecycle funnel.
pub async fn funnel(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &DashboardQuery,
    now: DateTime<Utc>,
) -> ServiceResult<Funnel> {
    let (scope, data) = load(db, actor, query, now).await?;
    Ok(progress::funnel(scope, &data))
}

/// The index per OPD with its explanation.
pub async fn compliance(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &DashboardQuery,
    now: DateTime<Utc>,
) -> ServiceResult<Compliance> {
    let (scope, data) = load(db, actor, query, now).await?;
    Ok(compliance::compliance(scope, &data))
}

/// The numbers of one chart.
pub async fn chart(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &DashboardQuery,
    kind: ChartKind,
    locale: Locale,
    now: DateTime<Utc>,
) -> ServiceResult<ChartTable> {
    if kind == ChartKind::Index {
        // Every OPD below the node, read from their standings rather than recomputed.
        return index::locate(db, actor, query, now).await?.table(db, locale).await;
    }
    let (scope, data) = load(db, actor, query, now).await?;
    charts::table(db, &scope, &data, kind, &compared(query), locale).await
}

fn compared(query: &DashboardQuery) -> Vec<uuid::Uuid> {
    query.compared().into_iter().map(OrgUnitId::into_uuid).collect()
}
