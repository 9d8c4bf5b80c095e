//! What the dashboard shows: the frame it was computed for, reporting rates, the funnel and the index per OPD.

use super::{Facts, Score, Weights};
use crate::{
    ids::{OrgUnitId, ReportId},
    locale::Locale,
    org::OrgKind,
    workflow::ReviewState,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What the caller asked for; everything is optional and has a sensible default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema), into_params(parameter_in = Query))]
pub struct DashboardQuery {
    /// The node of the org tree (a Pemda or an OPD); default: the highest one the caller sees.
    pub org_unit: Option<OrgUnitId>,
    /// Programme year (2000-2100); default: the current one.
    #[cfg_attr(feature = "openapi", param(value_type = Option<i32>, minimum = 2000, maximum = 2100))]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i32>, minimum = 2000, maximum = 2100))]
    pub year: Option<crate::programme::ProgrammeYear>,
    /// Triwulan 1-4; default: the latest quarter that has ended (the one being reported).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 4))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 4))]
    pub quarter: Option<u8>,
    /// Only OPDs of this kind (`dinas`, `badan`, `kecamatan`, ...).
    #[cfg_attr(feature = "openapi", param(value_type = Option<crate::org::OrgKind>))]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::org::OrgKind>))]
    pub opd_type: Option<String>,
    /// OPD ids, comma-separated, the trend chart compares with the average (default: the three lowest scores).
    pub compare: Option<String>,
}

impl DashboardQuery {
    /// The OPDs named by `compare`; ids that do not parse are ignored.
    pub fn compared(&self) -> Vec<OrgUnitId> {
        self.compare.as_deref().unwrap_or_default().split(',').filter_map(|id| id.trim().parse().ok()).collect()
    }
}

/// The view the numbers belong to, with the filters resolved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Frame {
    /// The node.
    pub org_unit_id: OrgUnitId,
    /// Its name.
    pub org_unit_name: String,
    /// Programme year.
    pub year: i32,
    /// Triwulan 1-4.
    pub quarter: u8,
    /// The OPD kind filtered on, if any.
    pub opd_type: Option<OrgKind>,
    /// Nodes the caller may switch to (their Pemdas and OPDs), for the picker.
    pub nodes: Vec<FrameNode>,
}

/// A node offered by the picker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FrameNode {
    /// The node.
    pub id: OrgUnitId,
    /// Its name.
    pub name: String,
    /// Its depth below the caller's highest node, for indenting.
    pub depth: u8,
}

/// One OPD's report for one quarter, as the reporting-rate table counts it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateRow {
    /// The OPD.
    pub opd_id: OrgUnitId,
    /// Its name.
    pub opd_name: String,
    /// Its Pemda.
    pub pemda_id: OrgUnitId,
    /// Its name.
    pub pemda_name: String,
    /// Triwulan 1-4.
    pub quarter: u8,
    /// The due date in force.
    pub due_on: NaiveDate,
    /// The quarter has ended, so a report is expected.
    pub expected: bool,
    /// The report, once it exists.
    pub report_id: Option<ReportId>,
    /// Its state.
    pub state: Option<ReviewState>,
    /// It was ever submitted.
    pub submitted: bool,
    /// It was first submitted by its due date.
    pub on_time: bool,
    /// It is accepted.
    pub accepted: bool,
}

/// Counts over a set of rows; percentages are of `expected`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateTotals {
    /// Reports expected.
    pub expected: u32,
    /// Of those, submitted.
    pub submitted: u32,
    /// Submitted on time.
    pub on_time: u32,
    /// Accepted.
    pub accepted: u32,
}

impl RateTotals {
    /// Adds one row (counted only if expected).
    pub fn add(&mut self, row: &RateRow) {
        if row.expected {
            self.expected += 1;
            self.submitted += u32::from(row.submitted);
            self.on_time += u32::from(row.on_time);
            self.accepted += u32::from(row.accepted);
        }
    }

    /// `part` of what was expected, in whole percent (none expected: `None`).
    pub fn percent(&self, part: u32) -> Option<u32> {
        (self.expected > 0).then(|| (part * 100 + self.expected / 2) / self.expected)
    }
}

/// The totals of one Pemda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PemdaRates {
    /// The Pemda.
    pub pemda_id: OrgUnitId,
    /// Its name.
    pub pemda_name: String,
    /// Its OPDs' counts.
    pub totals: RateTotals,
}

/// The reporting-rate table: per OPD and quarter up to the frame's quarter, with a roll-up per Pemda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportingRates {
    /// The view.
    pub frame: Frame,
    /// One row per OPD and quarter.
    pub rows: Vec<RateRow>,
    /// Per Pemda.
    pub per_pemda: Vec<PemdaRates>,
    /// Over everything shown.
    pub total: RateTotals,
}

/// A stage of an OPD's quarter, in the order they are reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Stage {
    /// An active KBK exists.
    KbkFormed,
    /// The year's values are approved.
    ValuesApproved,
    /// At least one verified action this quarter.
    ActionsLogged,
    /// The quarter's report was submitted by its due date.
    SubmittedOnTime,
    /// The report is accepted.
    Accepted,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 5] =
        [Stage::KbkFormed, Stage::ValuesApproved, Stage::ActionsLogged, Stage::SubmittedOnTime, Stage::Accepted];

    /// Its name as users read it.
    pub const fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Stage::KbkFormed, Locale::Id) => "KBK terbentuk",
            (Stage::KbkFormed, Locale::En) => "KBK formed",
            (Stage::ValuesApproved, Locale::Id) => "Nilai disetujui",
            (Stage::ValuesApproved, Locale::En) => "Values approved",
            (Stage::ActionsLogged, Locale::Id) => "Kegiatan terverifikasi triwulan ini",
            (Stage::ActionsLogged, Locale::En) => "Actions verified this quarter",
            (Stage::SubmittedOnTime, Locale::Id) => "Laporan diajukan tepat waktu",
            (Stage::SubmittedOnTime, Locale::En) => "Report submitted on time",
            (Stage::Accepted, Locale::Id) => "Laporan diterima",
            (Stage::Accepted, Locale::En) => "Report accepted",
        }
    }

    /// The first stage `facts` have not reached: where the OPD is stuck (`None`: it reached them all).
    pub fn stuck_at(facts: &Facts) -> Option<Stage> {
        let reached =
            [facts.kbk_active, facts.values_approved, facts.verified_actions > 0, facts.on_time, facts.accepted];
        Stage::ALL.into_iter().zip(reached).find(|(_, done)| !done).map(|(stage, _)| stage)
    }
}

/// How many OPDs reached a stage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FunnelStep {
    /// The stage.
    pub stage: Stage,
    /// OPDs that reached it and every stage before it.
    pub reached: u32,
}

/// Where one OPD is stuck.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StuckOpd {
    /// The OPD.
    pub opd_id: OrgUnitId,
    /// Its name.
    pub opd_name: String,
    /// The first stage not reached (`None`: all reached).
    pub stage: Option<Stage>,
    /// Since when it has been waiting there (the day the stage became possible).
    pub since: Option<NaiveDate>,
    /// Days since then, up to today.
    pub days: Option<i64>,
}

/// The lifecycle funnel of the frame's quarter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Funnel {
    /// The view.
    pub frame: Frame,
    /// OPDs in the view.
    pub opds: u32,
    /// Stages in order, each counting OPDs that got that far.
    pub steps: Vec<FunnelStep>,
    /// Per OPD, longest wait first.
    pub stuck: Vec<StuckOpd>,
}

/// One OPD's index with what it was computed from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpdScore {
    /// The OPD.
    pub opd_id: OrgUnitId,
    /// Its name.
    pub opd_name: String,
    /// Its Pemda.
    pub pemda_id: OrgUnitId,
    /// Its name.
    pub pemda_name: String,
    /// The facts.
    pub facts: Facts,
    /// The index and its explanation.
    pub score: Score,
    /// The quarter's report, to link to.
    pub report_id: Option<ReportId>,
}

/// The weights in force for a Pemda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeightsVersion {
    /// The Pemda.
    pub pemda_id: OrgUnitId,
    /// 0 for the defaults of the domain brief, then 1, 2, ... per change.
    pub version: u32,
    /// The weights.
    pub weights: Weights,
    /// When this version was set (none for the defaults).
    pub set_at: Option<DateTime<Utc>>,
    /// By whom.
    pub set_by: Option<String>,
    /// Whether the caller may set new weights for this Pemda.
    #[serde(default)]
    pub editable: bool,
}

/// The index per OPD for the frame's quarter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Compliance {
    /// The view.
    pub frame: Frame,
    /// The weights used, per Pemda in the view.
    pub weights: Vec<WeightsVersion>,
    /// Per OPD, highest score first.
    pub opds: Vec<OpdScore>,
    /// Average of the OPDs' scores, to one decimal (none without OPDs).
    pub average: Option<f64>,
}

/// The mean of `scores` to one decimal.
pub fn average(scores: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, n) = scores.into_iter().fold((0.0, 0u32), |(sum, n), s| (sum + s, n + 1));
    (n > 0).then(|| (sum / f64::from(n) * 10.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_opd_is_stuck_at_the_first_stage_it_has_not_reached() {
        let facts =
            Facts { kbk_active: true, values_approved: true, verified_actions: 0, on_time: true, ..Facts::default() };
        assert_eq!(Stage::stuck_at(&facts), Some(Stage::ActionsLogged));
        assert_eq!(Stage::stuck_at(&Facts::default()), Some(Stage::KbkFormed));
        let done = Facts {
            kbk_active: true,
            values_approved: true,
            verified_actions: 1,
            on_time: true,
            accepted: true,
            ..Facts::default()
        };
        assert_eq!(Stage::stuck_at(&done), None);
    }

    #[test]
    fn rates_count_only_expected_reports_and_round_percentages() {
        let row = |expected, submitted, on_time, accepted| RateRow {
            opd_id: OrgUnitId::from_uuid(uuid::Uuid::nil()),
            opd_name: String::new(),
            pemda_id: OrgUnitId::from_uuid(uuid::Uuid::nil()),
            pemda_name: String::new(),
            quarter: 1,
            due_on: NaiveDate::default(),
            expected,
            report_id: None,
            state: None,
            submitted,
            on_time,
            accepted,
        };
        let mut totals = RateTotals::default();
        for r in [
            row(true, true, true, true),
            row(true, true, false, false),
            row(true, false, false, false),
            row(false, true, true, false),
        ] {
            totals.add(&r);
        }
        assert_eq!(totals, RateTotals { expected: 3, submitted: 2, on_time: 1, accepted: 1 });
        assert_eq!(totals.percent(totals.submitted), Some(67));
        assert_eq!(totals.percent(totals.on_time), Some(33));
        assert_eq!(RateTotals::default().percent(0), None);
    }

    #[test]
    fn the_average_is_rounded_to_one_decimal_and_absent_without_scores() {
        assert_eq!(average([70.0, 80.0, 75.5]), Some(75.2));
        assert_eq!(average([]), None);
    }
}
