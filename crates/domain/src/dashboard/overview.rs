//! The summary-first view of a node of the org tree: headline figures with their change since the quarter
//! before, one row per child node, the OPDs that need attention first, and one page of the node's OPDs. Built
//! from roll-ups and one page of standings, so it costs the same for a Pemda, a province or the nation.

use super::{
    Band, Facts,
    view::{Frame, Stage, WeightsVersion},
};
use crate::{
    ids::{OrgUnitId, ReportId},
    workflow::ReviewState,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Sums over the OPDs of a node in one quarter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tally {
    /// OPDs.
    pub opds: u32,
    /// With the quarter's report submitted.
    pub submitted: u32,
    /// Submitted by the due date.
    pub on_time: u32,
    /// Accepted.
    pub accepted: u32,
    /// The sum of their index scores, in tenths.
    pub score_tenths: i64,
    /// How many in each band, in the order of [`Band::ALL`].
    pub bands: [u32; 4],
    /// How many are stuck before each stage, in the order of [`Stage::ALL`].
    pub stuck: [u32; 5],
    /// How many reports are in each state, in the order of [`ReviewState::ALL`].
    pub states: [u32; 4],
}

impl Tally {
    /// The average index to one decimal (none without OPDs).
    pub fn average(&self) -> Option<f64> {
        (self.opds > 0).then(|| (self.score_tenths as f64 / f64::from(self.opds)).round() / 10.0)
    }

    /// The band of the average.
    pub fn band(&self) -> Option<Band> {
        self.average().map(Band::of)
    }

    /// `part` as a whole percentage of the OPDs (none without OPDs).
    pub fn percent(&self, part: u32) -> Option<u32> {
        (self.opds > 0).then(|| (f64::from(part) * 100.0 / f64::from(self.opds)).round() as u32)
    }

    /// OPDs that reached every stage.
    pub fn done(&self) -> u32 {
        self.opds.saturating_sub(self.stuck.iter().sum())
    }

    /// OPDs that reached `stage` (all before it too).
    pub fn reached(&self, stage: Stage) -> u32 {
        let at = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
        self.opds.saturating_sub(self.stuck[..=at].iter().sum())
    }

    /// OPDs without a report for the quarter.
    pub fn without_report(&self) -> u32 {
        self.opds.saturating_sub(self.states.iter().sum())
    }

    /// Adds `other`'s OPDs.
    pub fn add(&mut self, other: &Tally) {
        self.opds += other.opds;
        self.submitted += other.submitted;
        self.on_time += other.on_time;
        self.accepted += other.accepted;
        self.score_tenths += other.score_tenths;
        for (mine, theirs) in self.bands.iter_mut().zip(other.bands) {
            *mine += theirs;
        }
        for (mine, theirs) in self.stuck.iter_mut().zip(other.stuck) {
            *mine += theirs;
        }
        for (mine, theirs) in self.states.iter_mut().zip(other.states) {
            *mine += theirs;
        }
    }

    /// Takes away `other`'s OPDs (a part of these).
    pub fn subtract(&mut self, other: &Tally) {
        self.opds = self.opds.saturating_sub(other.opds);
        self.submitted = self.submitted.saturating_sub(other.submitted);
        self.on_time = self.on_time.saturating_sub(other.on_time);
        self.accepted = self.accepted.saturating_sub(other.accepted);
        self.score_tenths -= other.score_tenths;
        for (mine, theirs) in self.bands.iter_mut().zip(other.bands) {
            *mine = mine.saturating_sub(theirs);
        }
        for (mine, theirs) in self.stuck.iter_mut().zip(other.stuck) {
            *mine = mine.saturating_sub(theirs);
        }
        for (mine, theirs) in self.states.iter_mut().zip(other.states) {
            *mine = mine.saturating_sub(theirs);
        }
    }
}

/// The node's figures for the quarter and the one before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Headline {
    /// This quarter.
    pub current: Tally,
    /// The quarter before (Q4 of the year before for Q1).
    pub previous: Tally,
    /// Whether the quarter has ended, so its report is due.
    pub due: bool,
}

/// A child of the node in view (a Pemda below a province), or the node's own OPDs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NodeRow {
    /// The child node; none for the OPDs directly under the node in view.
    pub id: Option<OrgUnitId>,
    /// Its name.
    pub name: String,
    /// Its figures.
    pub tally: Tally,
}

/// One OPD's quarter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpdRow {
    /// The OPD.
    pub opd_id: OrgUnitId,
    /// Its name.
    pub opd_name: String,
    /// Its Pemda.
    pub pemda_id: OrgUnitId,
    /// Its Pemda's name.
    pub pemda_name: String,
    /// Its index, to one decimal.
    pub score: f64,
    /// Its band.
    pub band: Band,
    /// What the index was computed from.
    pub facts: Facts,
    /// Where it is stuck (none: every stage reached).
    pub stage: Option<Stage>,
    /// Days it has been able to reach that stage.
    pub days: Option<i64>,
    /// The quarter's report.
    pub report_id: Option<ReportId>,
    /// Its state.
    pub state: Option<ReviewState>,
    /// When it is due (an extension included).
    pub due_on: Option<NaiveDate>,
    /// Submitted at all.
    pub submitted: bool,
}

/// How the OPD table is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum OpdOrder {
    /// Lowest index first: who needs help.
    #[default]
    Lowest,
    /// Highest index first.
    Highest,
    /// By name.
    Name,
}

impl OpdOrder {
    /// Every order, as offered.
    pub const ALL: [OpdOrder; 3] = [OpdOrder::Lowest, OpdOrder::Highest, OpdOrder::Name];

    /// Its name in URLs.
    pub const fn key(self) -> &'static str {
        match self {
            OpdOrder::Lowest => "terendah",
            OpdOrder::Highest => "tertinggi",
            OpdOrder::Name => "nama",
        }
    }

    /// The order named `key`.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.key() == key)
    }
}

/// One page of the node's OPDs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpdPage {
    /// The order.
    pub order: OpdOrder,
    /// The rows.
    pub rows: Vec<OpdRow>,
    /// How many OPDs match, on every page.
    pub total: u32,
    /// Where the next page starts (opaque), if there is one.
    pub next: Option<String>,
    /// Whether this is the first page.
    pub first: bool,
}

/// The summary-first dashboard of a node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Overview {
    /// The view.
    pub frame: Frame,
    /// Headline figures.
    pub headline: Headline,
    /// One row per child node (and one for the node's own OPDs, if it has any).
    pub children: Vec<NodeRow>,
    /// The lowest-scoring OPDs.
    pub attention: Vec<OpdRow>,
    /// One page of the node's OPDs.
    pub page: OpdPage,
    /// The index weights in force for the Pemdas in view (the node's, its children's, its rows'), each with
    /// its name and whether the caller may change it.
    pub weights: Vec<(String, WeightsVersion)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(opds: u32, score_tenths: i64) -> Tally {
        Tally { opds, score_tenths, stuck: [1, 0, 1, 0, 0], states: [1, 1, 0, 0], ..Tally::default() }
    }

    #[test]
    fn the_average_index_is_the_sum_over_the_opds_to_one_decimal() {
        assert_eq!(tally(3, 1000).average(), Some(33.3));
        assert_eq!(tally(3, 1000).band(), Some(Band::Kurang));
        assert_eq!(Tally::default().average(), None);
    }

    #[test]
    fn stages_reached_count_everyone_not_stuck_at_or_before_them() {
        let t = tally(5, 0);
        assert_eq!(t.reached(Stage::KbkFormed), 4);
        assert_eq!(t.reached(Stage::ValuesApproved), 4);
        assert_eq!(t.reached(Stage::ActionsLogged), 3);
        assert_eq!(t.done(), 3);
        assert_eq!(t.without_report(), 3);
    }

    #[test]
    fn a_part_taken_away_leaves_the_rest() {
        let mut whole = tally(5, 2000);
        whole.add(&tally(2, 500));
        whole.subtract(&tally(2, 500));
        assert_eq!(whole, tally(5, 2000));
    }

    #[test]
    fn every_order_reads_back_from_its_key() {
        for order in OpdOrder::ALL {
            assert_eq!(OpdOrder::from_key(order.key()), Some(order));
        }
        assert_eq!(OpdOrder::from_key("x"), None);
    }
}
