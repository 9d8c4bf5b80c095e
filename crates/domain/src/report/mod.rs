//! Quarterly reports (Laporan Triwulan): what a report must show before it may be submitted, when it is late,
//! and why the bureau returns one (domain brief, sections 5.6 and 7, decision 5).

pub mod changes;
pub mod document;
pub mod export;
pub mod view;

use crate::{locale::Locale, org::Timezone, text::TextError};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Longest narrative section, in characters.
pub const NARRATIVE_MAX: usize = 4000;
/// Longest reason for returning or reopening a report, in characters.
pub const REASON_MAX: usize = 2000;
/// Longest comment on an action, extension reason or extension note, in characters.
pub const NOTE_MAX: usize = 1000;

/// Why the bureau returns a report: a code from a fixed list, so returns can be counted, plus free text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ReturnCode {
    /// The evidence does not show the activity.
    EvidenceMismatch,
    /// An activity lies outside the report's period.
    OutsidePeriod,
    /// An activity does not live the value it is filed under.
    ValueMismatch,
    /// A narrative section is missing or too thin.
    NarrativeIncomplete,
    /// Anything else (the text says what).
    Other,
}

impl ReturnCode {
    /// Every code, in the order reviewers pick from.
    pub const ALL: [ReturnCode; 5] = [
        ReturnCode::EvidenceMismatch,
        ReturnCode::OutsidePeriod,
        ReturnCode::ValueMismatch,
        ReturnCode::NarrativeIncomplete,
        ReturnCode::Other,
    ];

    /// The stable storage and API form.
    pub const fn as_str(self) -> &'static str {
        match self {
            ReturnCode::EvidenceMismatch => "evidence_mismatch",
            ReturnCode::OutsidePeriod => "outside_period",
            ReturnCode::ValueMismatch => "value_mismatch",
            ReturnCode::NarrativeIncomplete => "narrative_incomplete",
            ReturnCode::Other => "other",
        }
    }

    /// The reason as users read it.
    pub const fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (ReturnCode::EvidenceMismatch, Locale::Id) => "Bukti tidak menunjukkan kegiatan",
            (ReturnCode::EvidenceMismatch, Locale::En) => "Evidence does not show the activity",
            (ReturnCode::OutsidePeriod, Locale::Id) => "Kegiatan di luar periode laporan",
            (ReturnCode::OutsidePeriod, Locale::En) => "Activity outside the report's period",
            (ReturnCode::ValueMismatch, Locale::Id) => "Kegiatan tidak sesuai dengan nilainya",
            (ReturnCode::ValueMismatch, Locale::En) => "Activity does not match its value",
            (ReturnCode::NarrativeIncomplete, Locale::Id) => "Narasi belum lengkap",
            (ReturnCode::NarrativeIncomplete, Locale::En) => "Narrative incomplete",
            (ReturnCode::Other, Locale::Id) => "Lainnya",
            (ReturnCode::Other, Locale::En) => "Other",
        }
    }
}

impl FromStr for ReturnCode {
    type Err = crate::org::UnknownVariant;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ReturnCode::ALL
            .into_iter()
            .find(|code| code.as_str() == s)
            .ok_or_else(|| crate::org::UnknownVariant { what: "return code", found: s.to_owned() })
    }
}

/// The narrative sections of a report, trimmed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Narrative {
    /// Achievements of the quarter (capaian).
    pub achievements: String,
    /// Obstacles met and how they were handled (kendala).
    pub obstacles: String,
    /// Follow-up plan for the next quarter (rencana tindak lanjut).
    pub follow_up: String,
}

impl Narrative {
    /// Trims each section and refuses one longer than [`NARRATIVE_MAX`]; empty sections are allowed while
    /// drafting (the self-check asks for them before submission).
    pub fn parse(achievements: &str, obstacles: &str, follow_up: &str) -> Result<Self, (NarrativeSection, TextError)> {
        let section = |which: NarrativeSection, raw: &str| {
            crate::text::parse_optional_text(Some(raw), NARRATIVE_MAX)
                .map(Option::unwrap_or_default)
                .map_err(|err| (which, err))
        };
        Ok(Self {
            achievements: section(NarrativeSection::Achievements, achievements)?,
            obstacles: section(NarrativeSection::Obstacles, obstacles)?,
            follow_up: section(NarrativeSection::FollowUp, follow_up)?,
        })
    }

    /// The sections still empty.
    pub fn missing(&self) -> Vec<NarrativeSection> {
        [
            (NarrativeSection::Achievements, &self.achievements),
            (NarrativeSection::Obstacles, &self.obstacles),
            (NarrativeSection::FollowUp, &self.follow_up),
        ]
        .into_iter()
        .filter(|(_, text)| text.is_empty())
        .map(|(section, _)| section)
        .collect()
    }
}

/// One narrative section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum NarrativeSection {
    /// Capaian.
    Achievements,
    /// Kendala.
    Obstacles,
    /// Rencana tindak lanjut.
    FollowUp,
}

impl NarrativeSection {
    /// The section's heading.
    pub const fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (NarrativeSection::Achievements, Locale::Id) => "Capaian",
            (NarrativeSection::Achievements, Locale::En) => "Achievements",
            (NarrativeSection::Obstacles, Locale::Id) => "Kendala dan penyelesaiannya",
            (NarrativeSection::Obstacles, Locale::En) => "Obstacles and how they were handled",
            (NarrativeSection::FollowUp, Locale::Id) => "Rencana tindak lanjut",
            (NarrativeSection::FollowUp, Locale::En) => "Follow-up plan",
        }
    }
}

/// What the self-check needs to know about the OPD's quarter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuarterFacts {
    /// An active KBK exists.
    pub kbk_formed: bool,
    /// The year's value selection is approved.
    pub values_approved: bool,
    /// Each chosen value ("code name") with its number of verified actions in the quarter.
    pub verified_per_value: Vec<(String, u32)>,
    /// The narrative as it stands.
    pub narrative: Narrative,
}

/// One failed item of the self-check, worded for the OPD.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "check", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum CheckFailure {
    /// No active KBK.
    NoKbk,
    /// The value selection is not approved.
    ValuesNotApproved,
    /// Chosen values without a verified action in the quarter.
    ValuesWithoutAction {
        /// "code name" of each.
        values: Vec<String>,
    },
    /// Narrative sections still empty.
    NarrativeMissing {
        /// Which.
        sections: Vec<NarrativeSection>,
    },
}

impl CheckFailure {
    /// The failure as a sentence.
    pub fn message(&self, locale: Locale) -> String {
        let sections = |list: &[NarrativeSection]| list.iter().map(|s| s.label(locale)).collect::<Vec<_>>().join(", ");
        match (self, locale) {
            (CheckFailure::NoKbk, Locale::Id) => "OPD belum memiliki KBK aktif.".into(),
            (CheckFailure::NoKbk, Locale::En) => "The agency has no active KBK.".into(),
            (CheckFailure::ValuesNotApproved, Locale::Id) => "Pilihan nilai tahun ini belum disetujui.".into(),
            (CheckFailure::ValuesNotApproved, Locale::En) => "This year's value selection is not approved.".into(),
            (CheckFailure::ValuesWithoutAction { values }, Locale::Id) => {
                format!("Belum ada kegiatan terverifikasi triwulan ini untuk: {}.", values.join(", "))
            }
            (CheckFailure::ValuesWithoutAction { values }, Locale::En) => {
                format!("No verified action this quarter for: {}.", values.join(", "))
            }
            (CheckFailure::NarrativeMissing { sections: list }, Locale::Id) => {
                format!("Bagian narasi belum diisi: {}.", sections(list))
            }
            (CheckFailure::NarrativeMissing { sections: list }, Locale::En) => {
                format!("Narrative sections still empty: {}.", sections(list))
            }
        }
    }
}

/// What keeps the report from being submitted; empty when it may go.
pub fn self_check(facts: &QuarterFacts) -> Vec<CheckFailure> {
    let mut failures = Vec::new();
    if !facts.kbk_formed {
        failures.push(CheckFailure::NoKbk);
    }
    if !facts.values_approved {
        failures.push(CheckFailure::ValuesNotApproved);
    }
    let idle: Vec<String> =
        facts.verified_per_value.iter().filter(|(_, count)| *count == 0).map(|(value, _)| value.clone()).collect();
    if !idle.is_empty() {
        failures.push(CheckFailure::ValuesWithoutAction { values: idle });
    }
    let missing = facts.narrative.missing();
    if !missing.is_empty() {
        failures.push(CheckFailure::NarrativeMissing { sections: missing });
    }
    failures
}

/// Whether a report submitted at `submitted_at` is late for `due`: the due date is a whole calendar day in the
/// Pemda's zone, so a report handed in at 23:59 there on that day is on time.
pub fn is_late(submitted_at: DateTime<Utc>, due: NaiveDate, zone: Timezone) -> bool {
    zone.local(submitted_at).date_naive() > due
}

/// Why a report goes back: the code and the reviewer's words (both required).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnReason {
    /// The code.
    pub code: ReturnCode,
    /// What the OPD must fix.
    pub text: String,
}

impl ReturnReason {
    /// The reason with its text trimmed; a return without words is refused.
    pub fn parse(code: ReturnCode, text: &str) -> Result<Self, TextError> {
        let text = crate::text::parse_text(text, REASON_MAX)?;
        Ok(Self { code, text })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ready() -> QuarterFacts {
        QuarterFacts {
            kbk_formed: true,
            values_approved: true,
            verified_per_value: vec![("8.2 Kecepatan".into(), 2), ("1.1 Komitmen".into(), 1)],
            narrative: Narrative::parse("Antrean turun 40%.", "Jaringan sering putus.", "Tambah loket daring.")
                .expect("valid"),
        }
    }

    #[test]
    fn a_complete_quarter_passes_the_self_check() {
        assert_eq!(self_check(&ready()), []);
    }

    #[test]
    fn each_gap_is_named_and_a_value_without_a_verified_action_is_listed_by_name() {
        let mut facts = ready();
        facts.kbk_formed = false;
        facts.verified_per_value[1].1 = 0;
        facts.narrative.obstacles.clear();
        let failures = self_check(&facts);
        assert_eq!(failures.len(), 3);
        assert_eq!(
            failures[1].message(Locale::Id),
            "Belum ada kegiatan terverifikasi triwulan ini untuk: 1.1 Komitmen."
        );
        assert_eq!(
            failures[2].message(Locale::En),
            "Narrative sections still empty: Obstacles and how they were handled."
        );
    }

    #[test]
    fn a_report_is_late_only_once_its_due_day_has_ended_in_the_pemdas_zone() {
        let due = NaiveDate::from_ymd_opt(2026, 4, 10).expect("date");
        let at = |rfc3339: &str| DateTime::parse_from_rfc3339(rfc3339).expect("instant").to_utc();
        assert!(!is_late(at("2026-04-10T23:59:00+08:00"), due, Timezone::Wita), "the last minute counts");
        assert!(is_late(at("2026-04-11T00:00:00+08:00"), due, Timezone::Wita));
        assert!(!is_late(at("2026-04-10T16:30:00Z"), due, Timezone::Wib), "23:30 WIB is still the 10th");
        assert!(is_late(at("2026-04-10T16:30:00Z"), due, Timezone::Wit), "01:30 WIT is the 11th");
    }

    #[test]
    fn a_narrative_section_over_the_limit_is_refused_naming_the_section() {
        let long = "x".repeat(NARRATIVE_MAX + 1);
        let (section, _) = Narrative::parse("ok", &long, "").expect_err("too long");
        assert_eq!(section, NarrativeSection::Obstacles);
        assert_eq!(Narrative::parse("  a  ", "", "").expect("valid").achievements, "a");
    }

    #[test]
    fn a_return_needs_words_beside_its_code_and_every_code_round_trips() {
        assert!(ReturnReason::parse(ReturnCode::Other, "   ").is_err());
        let reason = ReturnReason::parse(ReturnCode::OutsidePeriod, " Kegiatan 3 dilaksanakan Juli. ").expect("valid");
        assert_eq!(reason.text, "Kegiatan 3 dilaksanakan Juli.");
        for code in ReturnCode::ALL {
            assert_eq!(code.as_str().parse::<ReturnCode>(), Ok(code));
        }
    }
}
