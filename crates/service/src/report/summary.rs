//! Reports' list entries, built for any number of rows in three queries: names, time zones and due dates.

use super::{quarter_of, state_of};
use crate::{
    ServiceResult,
    entity::{org_unit, programme_year, report},
};
use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    ids::{OrgUnitId, ReportId},
    org::Timezone,
    programme::{Quarter, default_due_date},
    report::{is_late, view::ReportSummary},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;
use uuid::Uuid;

/// Names, zones and due dates of the Pemdas and OPDs a set of reports needs.
pub(crate) struct Calendar {
    units: HashMap<Uuid, org_unit::Model>,
    due: HashMap<(Uuid, i32), [Option<NaiveDate>; 4]>,
}

impl Calendar {
    /// Loads what `keys` (OPD, Pemda, year) need.
    pub(crate) async fn load(db: &impl ConnectionTrait, keys: &[(Uuid, Uuid, i32)]) -> ServiceResult<Self> {
        let ids = keys.iter().flat_map(|(opd, pemda, _)| [*opd, *pemda]);
        let units = org_unit::Entity::find().filter(org_unit::Column::Id.is_in(ids)).all(db).await?;
        let years = programme_year::Entity::find()
            .filter(programme_year::Column::PemdaId.is_in(keys.iter().map(|k| k.1)))
            .filter(programme_year::Column::Year.is_in(keys.iter().map(|k| k.2)))
            .all(db)
            .await?;
        Ok(Self {
            units: units.into_iter().map(|unit| (unit.id, unit)).collect(),
            due: years
                .into_iter()
                .map(|y| ((y.pemda_id, y.year), [Some(y.due_q1), Some(y.due_q2), Some(y.due_q3), Some(y.due_q4)]))
                .collect(),
        })
    }

    /// The unit's name.
    pub(crate) fn name(&self, id: Uuid) -> String {
        self.units.get(&id).map(|unit| unit.name.clone()).unwrap_or_default()
    }

    /// The Pemda's time zone (WIB if none is recorded).
    pub(crate) fn zone(&self, pemda: Uuid) -> Timezone {
        crate::programme::year::timezone_of(self.units.get(&pemda))
    }

    /// The year's due date of the quarter: as configured, else the default.
    pub(crate) fn due(&self, pemda: Uuid, year: i32, quarter: Quarter) -> Option<NaiveDate> {
        let configured = self.due.get(&(pemda, year)).and_then(|dates| dates[usize::from(quarter.number()) - 1]);
        configured.or_else(|| default_due_date(year, quarter))
    }
}

/// Whether a report not yet submitted is past its due day, `now`, in the Pemda's zone.
pub(crate) fn overdue(ever_submitted: bool, due: NaiveDate, zone: Timezone, now: DateTime<Utc>) -> bool {
    !ever_submitted && is_late(now, due, zone)
}

/// The list entry of `row`.
pub(crate) fn summary(calendar: &Calendar, row: &report::Model, now: DateTime<Utc>) -> ServiceResult<ReportSummary> {
    let quarter = quarter_of(row)?;
    let state = state_of(row)?;
    let year_due = calendar.due(row.pemda_id, row.year, quarter);
    let due_on = row.extended_to.or(year_due).unwrap_or_default();
    Ok(ReportSummary {
        id: ReportId::from_uuid(row.id),
        opd_id: OrgUnitId::from_uuid(row.opd_id),
        opd_name: calendar.name(row.opd_id),
        pemda_id: OrgUnitId::from_uuid(row.pemda_id),
        pemda_name: calendar.name(row.pemda_id),
        year: row.year,
        quarter: quarter.number(),
        state,
        due_on,
        extended: row.extended_to.is_some(),
        submitted_at: row.submitted_at,
        late: row.late,
        overdue: overdue(row.first_submitted_at.is_some(), due_on, calendar.zone(row.pemda_id), now),
        revision: u32::try_from(row.revision).unwrap_or(0),
    })
}

/// The list entries of `rows`, in their order.
pub(crate) async fn summaries(
    db: &impl ConnectionTrait,
    rows: &[report::Model],
    now: DateTime<Utc>,
) -> ServiceResult<Vec<ReportSummary>> {
    let keys: Vec<_> = rows.iter().map(|row| (row.opd_id, row.pemda_id, row.year)).collect();
    let calendar = Calendar::load(db, &keys).await?;
    rows.iter().map(|row| summary(&calendar, row, now)).collect()
}
