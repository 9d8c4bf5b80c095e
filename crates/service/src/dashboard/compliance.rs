//! The compliance index per OPD for the scope's quarter, under each Pemda's weights in force.

use super::{facts::YearData, frame::Scope, weights};
use crate::ServiceResult;
use domain::{
    dashboard::{
        score,
        view::{Compliance, OpdScore, average},
    },
    ids::{OrgUnitId, ReportId},
    programme::Quarter,
};
use sea_orm::ConnectionTrait;

/// Scores of every OPD in the scope for `quarter`, highest first.
pub(crate) async fn scores(
    db: &impl ConnectionTrait,
    scope: &Scope,
    data: &YearData,
    quarter: Quarter,
) -> ServiceResult<(Vec<OpdScore>, Vec<domain::dashboard::view::WeightsVersion>)> {
    let in_force = weights::in_force(db, &scope.pemda_ids()).await?;
    let mut opds: Vec<OpdScore> = scope
        .opds
        .iter()
        .map(|opd| {
            let facts = data.facts(opd.id, quarter);
            let weights = in_force.get(&opd.pemda_id).map(|w| w.weights).unwrap_or_default();
            OpdScore {
                opd_id: OrgUnitId::from_uuid(opd.id),
                opd_name: opd.name.clone(),
                pemda_id: OrgUnitId::from_uuid(opd.pemda_id),
                pemda_name: scope.pemda_name(opd.pemda_id),
                score: score(&facts, weights),
                facts,
                report_id: data.report(opd.id, quarter).map(|r| ReportId::from_uuid(r.id)),
            }
        })
        .collect();
    opds.sort_by(|a, b| b.score.total.total_cmp(&a.score.total).then_with(|| a.opd_name.cmp(&b.opd_name)));
    let mut used: Vec<_> = in_force.into_values().collect();
    used.sort_by_key(|w| scope.pemda_name(w.pemda_id.into_uuid()));
    Ok((opds, used))
}

/// The index view of the scope.
pub(crate) async fn compliance(db: &impl ConnectionTrait, scope: Scope, data: &YearData) -> ServiceResult<Compliance> {
    let (opds, weights) = scores(db, &scope, data, scope.quarter).await?;
    let average = average(opds.iter().map(|o| o.score.total));
    Ok(Compliance { frame: scope.frame, weights, opds, average })
}
