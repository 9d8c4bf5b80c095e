//! Quarterly reports (decision 5): compiled from the OPD's verified actions of the quarter, drafted and
//! submitted by the OPD, accepted or returned by a Peninjau, with deadlines, extensions and an activity feed.

mod compile;
pub mod export;
pub mod extension;
mod feed;
pub mod flow;
mod pdf;
pub mod queue;
pub mod reminders;
pub(crate) mod summary;

pub use flow::{Decision, ReportEdit};

use crate::{
    ServiceError, ServiceResult,
    access::{
        Actor,
        reach::{self, InOpd},
    },
    entity::{org_unit, report},
};
use domain::{ids::ReportId, programme::Quarter, workflow::ReviewState};
use sea_orm::{ConnectionTrait, EntityTrait};

fn state_of(row: &report::Model) -> ServiceResult<ReviewState> {
    row.state.parse().map_err(|_| ServiceError::Invalid(format!("stored report has state {:?}", row.state)))
}

fn quarter_of(row: &report::Model) -> ServiceResult<Quarter> {
    u8::try_from(row.quarter)
        .ok()
        .and_then(|n| Quarter::try_from(n).ok())
        .ok_or_else(|| ServiceError::Invalid(format!("stored report has quarter {}", row.quarter)))
}

/// The report and its OPD, if the actor may see them.
async fn visible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: ReportId,
) -> ServiceResult<(report::Model, org_unit::Model)> {
    let shown = shown(db, actor, id).await?;
    Ok((shown.row, shown.opd))
}

/// The report with its OPD and its Pemda's time zone, in one statement, if the actor may see them.
async fn shown(db: &impl ConnectionTrait, actor: &Actor, id: ReportId) -> ServiceResult<InOpd<report::Model>> {
    let select = report::Entity::find_by_id(id.into_uuid());
    reach::in_visible_opd(db, actor, select, report::Column::OpdId, report::Column::PemdaId).await
}
