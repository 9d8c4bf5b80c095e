//! Reporting rates (expected / submitted / on time / accepted per OPD and quarter, rolled up per Pemda) and the
//! lifecycle funnel with where each OPD is stuck.

use super::{facts::YearData, frame::Scope};
use crate::{ServiceResult, report::summary::Calendar};
use domain::{
    dashboard::view::{Funnel, FunnelStep, PemdaRates, RateRow, RateTotals, ReportingRates, Stage, StuckOpd},
    ids::{OrgUnitId, ReportId},
    workflow::ReviewState,
};
use sea_orm::ConnectionTrait;
use std::collections::BTreeMap;

/// The reporting-rate table of the scope.
pub(crate) async fn rates(db: &impl ConnectionTrait, scope: Scope, data: &YearData) -> ServiceResult<ReportingRates> {
    let keys: Vec<_> = scope.opds.iter().map(|o| (o.id, o.pemda_id, data.year())).collect();
    let calendar = Calendar::load(db, &keys).await?;
    let mut rows = Vec::new();
    for opd in &scope.opds {
        let today = scope.today(opd.pemda_id);
        for quarter in scope.quarters() {
            let report = data.report(opd.id, quarter);
            let year_due = calendar.due(opd.pemda_id, data.year(), quarter).unwrap_or_default();
            let submitted = report.is_some_and(|r| r.first_submitted_at.is_some());
            rows.push(RateRow {
                opd_id: OrgUnitId::from_uuid(opd.id),
                opd_name: opd.name.clone(),
                pemda_id: OrgUnitId::from_uuid(opd.pemda_id),
                pemda_name: scope.pemda_name(opd.pemda_id),
                quarter: quarter.number(),
                due_on: report.and_then(|r| r.extended_to).unwrap_or(year_due),
                expected: quarter.end(data.year()).is_some_and(|end| end < today),
                report_id: report.map(|r| ReportId::from_uuid(r.id)),
                state: report.and_then(|r| r.state.parse().ok()),
                submitted,
                on_time: submitted && report.is_some_and(|r| !r.late),
                accepted: report.is_some_and(|r| r.state == ReviewState::Accepted.as_str()),
            });
        }
    }
    let mut per_pemda: BTreeMap<(String, OrgUnitId), RateTotals> = BTreeMap::new();
    let mut total = RateTotals::default();
    for row in &rows {
        per_pemda.entry((row.pemda_name.clone(), row.pemda_id)).or_default().add(row);
        total.add(row);
    }
    let per_pemda = per_pemda
        .into_iter()
        .map(|((pemda_name, pemda_id), totals)| PemdaRates { pemda_id, pemda_name, totals })
        .collect();
    Ok(ReportingRates { frame: scope.frame, rows, per_pemda, total })
}

/// The funnel of the scope's quarter.
pub(crate) fn funnel(scope: Scope, data: &YearData) -> Funnel {
    let quarter = scope.quarter;
    let mut reached = [0u32; 5];
    let mut stuck = Vec::new();
    for opd in &scope.opds {
        let facts = data.facts(opd.id, quarter);
        let stage = Stage::stuck_at(&facts);
        let got_to = stage.map_or(Stage::ALL.len(), |s| Stage::ALL.iter().position(|x| *x == s).unwrap_or(0));
        for count in reached.iter_mut().take(got_to) {
            *count += 1;
        }
        let since = stage.and_then(|s| data.waiting_since(opd.id, quarter, s));
        let today = scope.today(opd.pemda_id);
        let days = since.map(|since| (today - since).num_days().max(0));
        stuck.push(StuckOpd { opd_id: OrgUnitId::from_uuid(opd.id), opd_name: opd.name.clone(), stage, since, days });
    }
    stuck.sort_by(|a, b| b.days.unwrap_or(-1).cmp(&a.days.unwrap_or(-1)).then_with(|| a.opd_name.cmp(&b.opd_name)));
    let steps = Stage::ALL.into_iter().zip(reached).map(|(stage, reached)| FunnelStep { stage, reached }).collect();
    Funnel { opds: u32::try_from(scope.opds.len()).unwrap_or(u32::MAX), frame: scope.frame, steps, stuck }
}
