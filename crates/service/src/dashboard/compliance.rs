//! The compliance index per OPD for the scope's quarter, under each Pemda's weights in force.

use super::{facts::YearData, frame::Scope};
use domain::{
    dashboard::{
        score,
        view::{Compliance, OpdScore, average},
    },
    ids::{OrgUnitId, ReportId},
    programme::Quarter,
};

/// Scores of every OPD in the scope for `quarter`, highest first.
pub(crate) fn scores(scope: &Scope, data: &YearData, quarter: Quarter) -> Vec<OpdScore> {
    let mut opds: Vec<OpdScore> = scope
        .opds
        .iter()
        .map(|opd| {
            let facts = data.facts(opd.id, quarter);
            let weights = data.weights.get(&opd.pemda_id).map(|w| w.weights).unwrap_or_default();
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
    opds
}

/// The index view of the scope.
pub(crate) fn compliance(scope: Scope, data: &YearData) -> Compliance {
    let opds = scores(&scope, data, scope.quarter);
    let mut weights: Vec<_> = data
        .weights
        .values()
        .cloned()
        .map(|mut w| {
            w.editable = scope.configurable.contains(&w.pemda_id.into_uuid());
            w
        })
        .collect();
    weights.sort_by_key(|w| scope.pemda_name(w.pemda_id.into_uuid()));
    let average = average(opds.iter().map(|o| o.score.total));
    Compliance { frame: scope.frame, weights, opds, average }
}
