//! The compliance index (Indeks Kepatuhan Budaya Kerja) of one OPD for one quarter: 0-100 from five weighted
//! components (domain brief, section 8.4 and decision 7), explained component by component so that every lost
//! point can be traced to what is missing, late or returned.

use crate::locale::Locale;
use serde::{Deserialize, Serialize};

/// The weights of the five components; a Peninjau may change them per Pemda. They add up to 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Weights {
    /// Kelembagaan: SK KBK, values approved, a KBK at work.
    #[cfg_attr(feature = "openapi", schema(maximum = 100))]
    #[serde(deserialize_with = "crate::number::whole")]
    pub institution: u8,
    /// Aktivitas terdokumentasi: verified actions against the target.
    #[cfg_attr(feature = "openapi", schema(maximum = 100))]
    #[serde(deserialize_with = "crate::number::whole")]
    pub activity: u8,
    /// Sebaran nilai: chosen values lived by at least one verified action.
    #[cfg_attr(feature = "openapi", schema(maximum = 100))]
    #[serde(deserialize_with = "crate::number::whole")]
    pub spread: u8,
    /// Pelaporan: submitted on time, accepted without more than one return.
    #[cfg_attr(feature = "openapi", schema(maximum = 100))]
    #[serde(deserialize_with = "crate::number::whole")]
    pub reporting: u8,
    /// Hasil: verified actions that record a measured result.
    #[cfg_attr(feature = "openapi", schema(maximum = 100))]
    #[serde(deserialize_with = "crate::number::whole")]
    pub results: u8,
}

impl Default for Weights {
    fn default() -> Self {
        Self { institution: 15, activity: 35, spread: 10, reporting: 20, results: 20 }
    }
}

/// Why weights were refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the weights add up to {0}, not 100")]
pub struct WeightsError(pub u16);

impl WeightsError {
    /// What to tell the user.
    pub fn message(self, locale: Locale) -> String {
        match locale {
            Locale::Id => format!("Jumlah bobot harus 100; sekarang {}.", self.0),
            Locale::En => format!("The weights must add up to 100; they add up to {}.", self.0),
        }
    }
}

impl Weights {
    /// Accepts weights that add up to exactly 100.
    pub fn check(self) -> Result<Self, WeightsError> {
        let sum: u16 = [self.institution, self.activity, self.spread, self.reporting, self.results]
            .into_iter()
            .map(u16::from)
            .sum();
        if sum == 100 { Ok(self) } else { Err(WeightsError(sum)) }
    }
}

/// What the index is computed from, for one OPD and quarter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Facts {
    /// An active KBK has its SK uploaded.
    pub decree: bool,
    /// The year's value selection is approved.
    pub values_approved: bool,
    /// At least one KBK is active with members.
    pub kbk_active: bool,
    /// Verified actions dated in the quarter.
    pub verified_actions: u32,
    /// Of those, the ones in the quarter's accepted report: only these count (decision 4).
    pub counted_actions: u32,
    /// How many were expected (e.g. 2 per active KBK per month).
    pub target_actions: u32,
    /// Values chosen for the year.
    pub values_chosen: u32,
    /// Of those, values with at least one counted action.
    pub values_lived: u32,
    /// The quarter's report was submitted by its due date.
    pub on_time: bool,
    /// The quarter's report is accepted.
    pub accepted: bool,
    /// Times it was returned.
    pub returns: u32,
    /// Counted actions that record a measured result (realisation against a target).
    pub actions_with_result: u32,
}

/// One of the five components.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Component {
    /// Kelembagaan.
    Institution,
    /// Aktivitas terdokumentasi.
    Activity,
    /// Sebaran nilai.
    Spread,
    /// Pelaporan.
    Reporting,
    /// Hasil.
    Results,
}

impl Component {
    /// Every component, in the order of section 8.4.
    pub const ALL: [Component; 5] =
        [Component::Institution, Component::Activity, Component::Spread, Component::Reporting, Component::Results];

    /// Its name as users read it.
    pub const fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Component::Institution, Locale::Id) => "Kelembagaan",
            (Component::Institution, Locale::En) => "Institution",
            (Component::Activity, Locale::Id) => "Aktivitas terdokumentasi",
            (Component::Activity, Locale::En) => "Documented activity",
            (Component::Spread, Locale::Id) => "Sebaran nilai",
            (Component::Spread, Locale::En) => "Values lived",
            (Component::Reporting, Locale::Id) => "Pelaporan",
            (Component::Reporting, Locale::En) => "Reporting",
            (Component::Results, Locale::Id) => "Hasil",
            (Component::Results, Locale::En) => "Results",
        }
    }

    /// Its field name in [`Weights`] (and in forms and the API).
    pub const fn key(self) -> &'static str {
        match self {
            Component::Institution => "institution",
            Component::Activity => "activity",
            Component::Spread => "spread",
            Component::Reporting => "reporting",
            Component::Results => "results",
        }
    }

    /// Its weight in `weights`.
    pub const fn weight(self, weights: Weights) -> u8 {
        match self {
            Component::Institution => weights.institution,
            Component::Activity => weights.activity,
            Component::Spread => weights.spread,
            Component::Reporting => weights.reporting,
            Component::Results => weights.results,
        }
    }
}

/// Something that cost points: what the dashboard links to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Shortfall {
    /// No active KBK has its SK uploaded.
    NoDecree,
    /// The year's values are not approved.
    ValuesNotApproved,
    /// No KBK is active.
    NoActiveKbk,
    /// Fewer counted actions than the target.
    TooFewActions {
        /// Counted (in the accepted report).
        counted: u32,
        /// Verified, counted or not: the rest wait for the report's acceptance.
        verified: u32,
        /// Expected.
        target: u32,
    },
    /// Chosen values without a counted action.
    ValuesNotLived {
        /// How many.
        missing: u32,
    },
    /// The report is not submitted on time (late or not at all).
    NotOnTime,
    /// The report is not accepted, or was returned more than once.
    NotAccepted {
        /// Times returned.
        returns: u32,
    },
    /// Counted actions without a measured result.
    ResultsMissing {
        /// How many.
        missing: u32,
    },
}

impl Shortfall {
    /// What it means, for the explanation.
    pub fn message(self, locale: Locale) -> String {
        match (self, locale) {
            (Shortfall::NoDecree, Locale::Id) => "Belum ada KBK aktif dengan SK terunggah.".into(),
            (Shortfall::NoDecree, Locale::En) => "No active KBK has its decree uploaded.".into(),
            (Shortfall::ValuesNotApproved, Locale::Id) => "Pilihan nilai tahun ini belum disetujui.".into(),
            (Shortfall::ValuesNotApproved, Locale::En) => "This year's value selection is not approved.".into(),
            (Shortfall::NoActiveKbk, Locale::Id) => "Belum ada KBK aktif beranggota.".into(),
            (Shortfall::NoActiveKbk, Locale::En) => "No active KBK with members.".into(),
            (Shortfall::TooFewActions { counted, verified, target }, Locale::Id) => {
                let waiting = verified.saturating_sub(counted);
                let mut text = format!("{counted} kegiatan terhitung dari target {target}.");
                if waiting > 0 {
                    text.push_str(&format!(" {waiting} kegiatan terverifikasi menunggu laporan diterima."));
                }
                text
            }
            (Shortfall::TooFewActions { counted, verified, target }, Locale::En) => {
                let waiting = verified.saturating_sub(counted);
                let mut text = format!("{counted} actions counted of a target of {target}.");
                if waiting > 0 {
                    text.push_str(&format!(" {waiting} verified actions wait for the report's acceptance."));
                }
                text
            }
            (Shortfall::ValuesNotLived { missing }, Locale::Id) => {
                format!("{missing} nilai terpilih belum punya kegiatan terhitung.")
            }
            (Shortfall::ValuesNotLived { missing }, Locale::En) => {
                format!("{missing} chosen values have no counted action.")
            }
            (Shortfall::NotOnTime, Locale::Id) => "Laporan tidak diajukan tepat waktu (atau belum diajukan).".into(),
            (Shortfall::NotOnTime, Locale::En) => "The report was not submitted on time (or not yet).".into(),
            (Shortfall::NotAccepted { returns }, Locale::Id) if returns > 1 => {
                format!("Laporan dikembalikan {returns} kali (lebih dari sekali).")
            }
            (Shortfall::NotAccepted { returns }, Locale::En) if returns > 1 => {
                format!("The report was returned {returns} times (more than once).")
            }
            (Shortfall::NotAccepted { .. }, Locale::Id) => "Laporan belum diterima.".into(),
            (Shortfall::NotAccepted { .. }, Locale::En) => "The report is not accepted yet.".into(),
            (Shortfall::ResultsMissing { missing }, Locale::Id) => {
                format!("{missing} kegiatan terhitung belum mencatat realisasi hasil.")
            }
            (Shortfall::ResultsMissing { missing }, Locale::En) => {
                format!("{missing} counted actions record no achieved result.")
            }
        }
    }
}

/// One component's share of the score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Part {
    /// Which component.
    pub component: Component,
    /// Its weight: the most it can give.
    pub weight: u8,
    /// Points it gave, to one decimal.
    pub points: f64,
    /// What cost the rest.
    pub shortfalls: Vec<Shortfall>,
}

/// A score band.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Band {
    /// 75 and above.
    Baik,
    /// 50 to 74.9.
    Cukup,
    /// 25 to 49.9.
    Kurang,
    /// Below 25.
    SangatKurang,
}

impl Band {
    /// Every band, best first.
    pub const ALL: [Band; 4] = [Band::Baik, Band::Cukup, Band::Kurang, Band::SangatKurang];

    /// The band of `score`.
    pub fn of(score: f64) -> Self {
        match score {
            s if s >= 75.0 => Band::Baik,
            s if s >= 50.0 => Band::Cukup,
            s if s >= 25.0 => Band::Kurang,
            _ => Band::SangatKurang,
        }
    }

    /// Its name as users read it.
    pub const fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Band::Baik, Locale::Id) => "Baik",
            (Band::Baik, Locale::En) => "Good",
            (Band::Cukup, Locale::Id) => "Cukup",
            (Band::Cukup, Locale::En) => "Fair",
            (Band::Kurang, Locale::Id) => "Kurang",
            (Band::Kurang, Locale::En) => "Poor",
            (Band::SangatKurang, Locale::Id) => "Sangat Kurang",
            (Band::SangatKurang, Locale::En) => "Very poor",
        }
    }
}

/// The index with its explanation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Score {
    /// 0-100, to one decimal; the sum of the parts' points.
    pub total: f64,
    /// Its band.
    pub band: Band,
    /// One part per component, in the order of [`Component::ALL`].
    pub parts: Vec<Part>,
}

/// `done` of `of`, capped at 1. With nothing expected, something done counts as complete and nothing as none:
/// an OPD without a KBK or values must not score for having no target.
fn share(done: u32, of: u32) -> f64 {
    if of == 0 { f64::from(u8::from(done > 0)) } else { (f64::from(done) / f64::from(of)).min(1.0) }
}

fn tenths(points: f64) -> f64 {
    (points * 10.0).round() / 10.0
}

fn part(component: Component, facts: &Facts) -> (f64, Vec<Shortfall>) {
    let mut shortfalls = Vec::new();
    let mut miss = |condition: bool, shortfall: Shortfall| {
        if !condition {
            shortfalls.push(shortfall);
        }
        f64::from(u8::from(condition))
    };
    let fraction = match component {
        Component::Institution => {
            let parts = miss(facts.decree, Shortfall::NoDecree)
                + miss(facts.values_approved, Shortfall::ValuesNotApproved)
                + miss(facts.kbk_active, Shortfall::NoActiveKbk);
            parts / 3.0
        }
        Component::Activity => {
            let (counted, target) = (facts.counted_actions, facts.target_actions);
            let verified = facts.verified_actions;
            miss(counted > 0 && counted >= target, Shortfall::TooFewActions { counted, verified, target });
            share(counted, target)
        }
        Component::Spread => {
            if facts.values_chosen == 0 {
                miss(false, Shortfall::ValuesNotApproved);
            } else {
                let missing = facts.values_chosen.saturating_sub(facts.values_lived);
                miss(missing == 0, Shortfall::ValuesNotLived { missing });
            }
            share(facts.values_lived.min(facts.values_chosen), facts.values_chosen)
        }
        Component::Reporting => {
            let accepted = facts.accepted && facts.returns <= 1;
            (miss(facts.on_time, Shortfall::NotOnTime)
                + miss(accepted, Shortfall::NotAccepted { returns: facts.returns }))
                / 2.0
        }
        Component::Results => {
            let counted = facts.counted_actions;
            let missing = counted.saturating_sub(facts.actions_with_result);
            if counted == 0 {
                let shortfall = Shortfall::TooFewActions {
                    counted,
                    verified: facts.verified_actions,
                    target: facts.target_actions,
                };
                miss(false, shortfall);
            } else {
                miss(missing == 0, Shortfall::ResultsMissing { missing });
            }
            share(facts.actions_with_result.min(counted), counted)
        }
    };
    (fraction, shortfalls)
}

/// The index of `facts` under `weights`. The total is the sum of the parts as shown, so the explanation always
/// adds up to the score.
pub fn score(facts: &Facts, weights: Weights) -> Score {
    let parts: Vec<Part> = Component::ALL
        .into_iter()
        .map(|component| {
            let weight = component.weight(weights);
            let (fraction, shortfalls) = part(component, facts);
            Part { component, weight, points: tenths(fraction * f64::from(weight)), shortfalls }
        })
        .collect();
    let total = tenths(parts.iter().map(|p| p.points).sum());
    Score { total, band: Band::of(total), parts }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> Facts {
        Facts {
            decree: true,
            values_approved: true,
            kbk_active: true,
            verified_actions: 6,
            counted_actions: 6,
            target_actions: 6,
            values_chosen: 3,
            values_lived: 3,
            on_time: true,
            accepted: true,
            returns: 0,
            actions_with_result: 6,
        }
    }

    #[test]
    fn an_opd_that_did_everything_scores_100_with_no_shortfall() {
        let score = score(&complete(), Weights::default());
        assert_eq!(score.total, 100.0);
        assert_eq!(score.band, Band::Baik);
        assert!(score.parts.iter().all(|p| p.shortfalls.is_empty() && p.points == f64::from(p.weight)));
    }

    #[test]
    fn an_opd_that_did_nothing_scores_0_and_every_component_says_why() {
        for idle in [Facts::default(), Facts { target_actions: 6, ..Facts::default() }] {
            let score = score(&idle, Weights::default());
            assert_eq!(score.total, 0.0, "{score:?}");
            assert_eq!(score.band, Band::SangatKurang);
            assert!(score.parts.iter().all(|p| !p.shortfalls.is_empty()), "{score:?}");
        }
    }

    #[test]
    fn the_parts_as_shown_add_up_to_the_total() {
        let facts =
            Facts { counted_actions: 5, target_actions: 7, values_lived: 1, actions_with_result: 4, ..complete() };
        let score = score(&facts, Weights::default());
        assert!((score.total - score.parts.iter().map(|p| p.points).sum::<f64>()).abs() < 1e-9, "{score:?}");
    }

    #[test]
    fn each_shortfall_costs_its_share_of_the_components_weight() {
        let facts = Facts { decree: false, counted_actions: 3, values_lived: 2, actions_with_result: 2, ..complete() };
        let score = score(&facts, Weights::default());
        let points: Vec<f64> = score.parts.iter().map(|p| p.points).collect();
        assert_eq!(points, vec![10.0, 17.5, 6.7, 20.0, 13.3]);
        assert_eq!(score.total, 67.5);
        assert_eq!(score.band, Band::Cukup);
        assert_eq!(score.parts[0].shortfalls, vec![Shortfall::NoDecree]);
        assert_eq!(score.parts[1].shortfalls, vec![Shortfall::TooFewActions { counted: 3, verified: 6, target: 6 }]);
        assert_eq!(score.parts[4].shortfalls, vec![Shortfall::ResultsMissing { missing: 1 }]);
    }

    #[test]
    fn a_late_report_returned_twice_loses_all_reporting_points() {
        let facts = Facts { on_time: false, returns: 2, ..complete() };
        let part = &score(&facts, Weights::default()).parts[3];
        assert_eq!(part.points, 0.0);
        assert_eq!(part.shortfalls, vec![Shortfall::NotOnTime, Shortfall::NotAccepted { returns: 2 }]);
    }

    #[test]
    fn more_actions_than_the_target_earn_no_more_than_the_weight() {
        let facts = Facts { counted_actions: 20, actions_with_result: 20, ..complete() };
        assert_eq!(score(&facts, Weights::default()).total, 100.0);
    }

    #[test]
    fn changed_weights_change_the_score_and_must_add_up_to_100() {
        let weights = Weights { institution: 40, activity: 15, spread: 15, reporting: 15, results: 15 };
        let facts = Facts { decree: false, values_approved: false, kbk_active: false, ..complete() };
        assert_eq!(score(&facts, Weights::default()).total, 85.0);
        assert_eq!(score(&facts, weights.check().expect("100")).total, 60.0);
        let error = Weights { results: 30, ..weights }.check().expect_err("115");
        assert_eq!(error.message(Locale::Id), "Jumlah bobot harus 100; sekarang 115.");
    }

    #[test]
    fn verified_actions_count_only_once_the_report_is_accepted() {
        let facts =
            Facts { counted_actions: 0, values_lived: 0, actions_with_result: 0, accepted: false, ..complete() };
        let score = score(&facts, Weights::default());
        assert_eq!(score.parts[1].points, 0.0);
        let waiting = Shortfall::TooFewActions { counted: 0, verified: 6, target: 6 };
        assert_eq!(score.parts[1].shortfalls, vec![waiting]);
        assert_eq!(
            waiting.message(Locale::Id),
            "0 kegiatan terhitung dari target 6. 6 kegiatan terverifikasi menunggu laporan diterima."
        );
    }

    #[test]
    fn bands_follow_decision_7() {
        assert_eq!(Band::of(75.0), Band::Baik);
        assert_eq!(Band::of(74.9), Band::Cukup);
        assert_eq!(Band::of(50.0), Band::Cukup);
        assert_eq!(Band::of(49.9), Band::Kurang);
        assert_eq!(Band::of(25.0), Band::Kurang);
        assert_eq!(Band::of(24.9), Band::SangatKurang);
    }
}
