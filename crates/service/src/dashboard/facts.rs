//! Everything the dashboard needs about its OPDs' year, in a fixed number of queries whatever their history:
//! KBKs, decrees, members, value selections, the kept tallies and the reports. Facts per OPD and quarter are
//! then read from memory.

use super::weights;
use crate::{
    ServiceResult,
    entity::{
        action_tally, evidence_file, kbk, kbk_member, report, report_event, selection_choice, value_selection,
        value_tally,
    },
    kbk::evidence::DECREE,
};
use chrono::NaiveDate;
use domain::{
    dashboard::{
        Facts,
        view::{Stage, WeightsVersion},
    },
    programme::Quarter,
    workflow::ReviewState,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, sea_query::IntoCondition};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Verified actions expected per active KBK per month (domain brief 8.4: "e.g. >= 2 per KBK per month").
const ACTIONS_PER_KBK_PER_MONTH: u32 = 2;

/// An OPD's KBK situation.
#[derive(Default)]
struct Groups {
    /// Active KBKs with at least one active member.
    active: u32,
    /// An active KBK has its SK uploaded.
    decree: bool,
    /// When the first active KBK was formed.
    formed_on: Option<NaiveDate>,
}

/// An OPD's value selection for the year.
pub(crate) struct Selection {
    pub approved: bool,
    pub approved_on: Option<NaiveDate>,
    pub values: Vec<Uuid>,
}

/// The loaded year.
pub(crate) struct YearData {
    year: i32,
    groups: HashMap<Uuid, Groups>,
    pub selections: HashMap<Uuid, Selection>,
    tallies: HashMap<(Uuid, i16), action_tally::Model>,
    /// Per OPD and quarter, the values with at least one counted action.
    lived: HashMap<(Uuid, i16), HashSet<Uuid>>,
    /// Verified actions per OPD, quarter and value.
    pub value_verified: HashMap<(Uuid, i16, Uuid), i32>,
    pub reports: HashMap<(Uuid, i16), report::Model>,
    returns: HashMap<Uuid, u32>,
    /// The index weights in force per Pemda.
    pub weights: HashMap<Uuid, WeightsVersion>,
}

/// The KBKs among `kbks` that have a row of `E` (naming its KBK in `column`) matching `condition`.
async fn kbks_with<E: EntityTrait>(
    db: &impl ConnectionTrait,
    column: E::Column,
    kbks: &[Uuid],
    condition: impl IntoCondition,
) -> ServiceResult<HashSet<Uuid>> {
    let query = E::find().select_only().column(column).filter(column.is_in(kbks.iter().copied())).filter(condition);
    Ok(query.distinct().into_tuple::<Uuid>().all(db).await?.into_iter().collect())
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

impl YearData {
    /// Loads `year` of `opds`, under the index weights of `pemdas`.
    pub(crate) async fn load(
        db: &impl ConnectionTrait,
        opds: &[Uuid],
        pemdas: &[Uuid],
        year: i32,
    ) -> ServiceResult<Self> {
        let kbks = kbk::Entity::find()
            .filter(kbk::Column::OpdId.is_in(opds.iter().copied()))
            .filter(kbk::Column::Active.eq(true))
            .all(db)
            .await?;
        let ids: Vec<Uuid> = kbks.iter().map(|k| k.id).collect();
        let staffed =
            kbks_with::<kbk_member::Entity>(db, kbk_member::Column::KbkId, &ids, kbk_member::Column::Active.eq(true))
                .await?;
        let decreed = kbks_with::<evidence_file::Entity>(
            db,
            evidence_file::Column::KbkId,
            &ids,
            evidence_file::Column::Purpose.eq(DECREE),
        )
        .await?;
        let mut groups: HashMap<Uuid, Groups> = HashMap::new();
        for group in kbks.iter().filter(|k| staffed.contains(&k.id)) {
            let entry = groups.entry(group.opd_id).or_default();
            entry.active += 1;
            entry.decree |= decreed.contains(&group.id) && group.sk_number.is_some();
            let formed = group.created_at.date_naive();
            entry.formed_on = Some(entry.formed_on.map_or(formed, |d| d.min(formed)));
        }

        let selection_rows = value_selection::Entity::find()
            .filter(value_selection::Column::OpdId.is_in(opds.iter().copied()))
            .filter(value_selection::Column::Year.eq(year))
            .all(db)
            .await?;
        let choices = selection_choice::Entity::find()
            .filter(selection_choice::Column::SelectionId.is_in(selection_rows.iter().map(|s| s.id)))
            .all(db)
            .await?;
        let mut chosen: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for choice in choices {
            chosen.entry(choice.selection_id).or_default().push(choice.value_id);
        }
        let selections = selection_rows
            .iter()
            .map(|row| {
                let approved = row.state == ReviewState::Accepted.as_str();
                let values = chosen.remove(&row.id).unwrap_or_default();
                let approved_on = row.decided_at.filter(|_| approved).map(|at| at.date_naive());
                (row.opd_id, Selection { approved, approved_on, values })
            })
            .collect();

        let tallies = action_tally::Entity::find()
            .filter(action_tally::Column::OpdId.is_in(opds.iter().copied()))
            .filter(action_tally::Column::Year.eq(year))
            .all(db)
            .await?
            .into_iter()
            .map(|t| ((t.opd_id, t.quarter), t))
            .collect();
        let mut lived: HashMap<(Uuid, i16), HashSet<Uuid>> = HashMap::new();
        let mut value_verified = HashMap::new();
        let value_tallies = value_tally::Entity::find()
            .filter(value_tally::Column::OpdId.is_in(opds.iter().copied()))
            .filter(value_tally::Column::Year.eq(year))
            .all(db)
            .await?;
        for tally in value_tallies {
            if tally.counted > 0 {
                lived.entry((tally.opd_id, tally.quarter)).or_default().insert(tally.value_id);
            }
            value_verified.insert((tally.opd_id, tally.quarter, tally.value_id), tally.verified);
        }
        let reports: HashMap<(Uuid, i16), report::Model> = report::Entity::find()
            .filter(report::Column::OpdId.is_in(opds.iter().copied()))
            .filter(report::Column::Year.eq(year))
            .all(db)
            .await?
            .into_iter()
            .map(|r| ((r.opd_id, r.quarter), r))
            .collect();
        let returns = report_event::Entity::find()
            .select_only()
            .column(report_event::Column::ReportId)
            .column_as(report_event::Column::Id.count(), "n")
            .filter(report_event::Column::ReportId.is_in(reports.values().map(|r| r.id)))
            .filter(report_event::Column::Kind.eq("returned"))
            .group_by(report_event::Column::ReportId)
            .into_tuple::<(Uuid, i64)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, n)| (id, count(n)))
            .collect();
        let weights = weights::in_force(db, pemdas).await?;
        Ok(Self { year, groups, selections, tallies, lived, value_verified, reports, returns, weights })
    }

    /// The OPD's report of the quarter.
    pub(crate) fn report(&self, opd: Uuid, quarter: Quarter) -> Option<&report::Model> {
        self.reports.get(&(opd, i16::from(quarter.number())))
    }

    /// When the OPD's first active KBK was formed.
    pub(crate) fn formed_on(&self, opd: Uuid) -> Option<NaiveDate> {
        self.groups.get(&opd).and_then(|g| g.formed_on)
    }

    /// The facts of the OPD's quarter.
    pub(crate) fn facts(&self, opd: Uuid, quarter: Quarter) -> Facts {
        let q = i16::from(quarter.number());
        let groups = self.groups.get(&opd);
        let selection = self.selections.get(&opd);
        let chosen: &[Uuid] = selection.filter(|s| s.approved).map_or(&[], |s| s.values.as_slice());
        let tally = self.tallies.get(&(opd, q));
        let report = self.report(opd, quarter);
        let lived = self.lived.get(&(opd, q)).map_or(0, |values| chosen.iter().filter(|v| values.contains(v)).count());
        let active = groups.map_or(0, |g| g.active);
        let n = |v: Option<i32>| u32::try_from(v.unwrap_or(0)).unwrap_or(0);
        Facts {
            decree: groups.is_some_and(|g| g.decree),
            values_approved: selection.is_some_and(|s| s.approved),
            kbk_active: active > 0,
            verified_actions: n(tally.map(|t| t.verified)),
            counted_actions: n(tally.map(|t| t.counted)),
            target_actions: active * ACTIONS_PER_KBK_PER_MONTH * 3,
            values_chosen: u32::try_from(chosen.len()).unwrap_or(0),
            values_lived: u32::try_from(lived).unwrap_or(0),
            on_time: report.is_some_and(|r| r.first_submitted_at.is_some() && !r.late),
            accepted: report.is_some_and(|r| r.state == ReviewState::Accepted.as_str()),
            returns: report.and_then(|r| self.returns.get(&r.id)).copied().unwrap_or(0),
            actions_with_result: n(tally.map(|t| t.counted_with_result)),
        }
    }

    /// The year loaded.
    pub(crate) fn year(&self) -> i32 {
        self.year
    }

    /// Since when the OPD has been able to reach `stage`.
    pub(crate) fn waiting_since(&self, opd: Uuid, quarter: Quarter, stage: Stage) -> Option<NaiveDate> {
        let year = self.year;
        let start = quarter.start(year)?;
        match stage {
            Stage::KbkFormed => NaiveDate::from_ymd_opt(year, 1, 1),
            Stage::ValuesApproved => {
                self.formed_on(opd).map(|d| d.max(NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(d)))
            }
            Stage::ActionsLogged => {
                let approved = self.selections.get(&opd).and_then(|s| s.approved_on);
                Some(approved.map_or(start, |d| d.max(start)))
            }
            Stage::SubmittedOnTime => quarter.end(year).and_then(|end| end.succ_opt()),
            Stage::Accepted => self.report(opd, quarter).and_then(|r| r.submitted_at).map(|at| at.date_naive()),
        }
    }
}
