//! The programme year of a Pemda and the values an OPD chooses for it (domain brief, decisions 2 and 5).

use crate::{
    ids::{FrameworkId, OrgUnitId, SelectionId, UserId, ValueId},
    locale::Locale,
    text::{TextError, parse_text},
    workflow::ReviewState,
};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A programme year: a calendar year from 2000 to 2100, the years the programme can be planned, reported and
/// charted in. Every path that takes a year takes it as this type, so year 0, -1 or 1999 never reach a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
/// In OpenAPI documents it is an integer with `minimum = 2000, maximum = 2100` at each use.
#[serde(try_from = "crate::number::Whole", into = "i32")]
pub struct ProgrammeYear(i32);

/// A year outside [`ProgrammeYear::FIRST`]..=[`ProgrammeYear::LAST`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("tahun program harus antara 2000 dan 2100, bukan {0}")]
pub struct YearOutOfRange(pub i64);

impl YearOutOfRange {
    /// The refusal in `locale`.
    pub fn message(self, locale: Locale) -> String {
        match locale {
            Locale::Id => format!("Tahun program harus antara {} dan {}.", ProgrammeYear::FIRST, ProgrammeYear::LAST),
            Locale::En => {
                format!("The programme year must be between {} and {}.", ProgrammeYear::FIRST, ProgrammeYear::LAST)
            }
        }
    }
}

impl ProgrammeYear {
    /// The first year the programme can be set for.
    pub const FIRST: i32 = 2000;
    /// The last year the programme can be set for.
    pub const LAST: i32 = 2100;

    /// `year` if it is within range.
    pub fn new(year: i64) -> Result<Self, YearOutOfRange> {
        i32::try_from(year)
            .ok()
            .filter(|year| (Self::FIRST..=Self::LAST).contains(year))
            .map(ProgrammeYear)
            .ok_or(YearOutOfRange(year))
    }

    /// The year of `date`, if within range.
    pub fn of(date: NaiveDate) -> Result<Self, YearOutOfRange> {
        Self::new(i64::from(date.year()))
    }

    /// The calendar year.
    pub const fn get(self) -> i32 {
        self.0
    }
}

impl TryFrom<i32> for ProgrammeYear {
    type Error = YearOutOfRange;

    fn try_from(year: i32) -> Result<Self, Self::Error> {
        Self::new(i64::from(year))
    }
}

impl TryFrom<crate::number::Whole> for ProgrammeYear {
    type Error = YearOutOfRange;

    fn try_from(year: crate::number::Whole) -> Result<Self, Self::Error> {
        Self::new(year.0)
    }
}

impl From<ProgrammeYear> for i32 {
    fn from(year: ProgrammeYear) -> Self {
        year.0
    }
}

impl std::fmt::Display for ProgrammeYear {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::str::FromStr for ProgrammeYear {
    type Err = YearOutOfRange;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let year: i64 = text.trim().parse().map_err(|_| YearOutOfRange(i64::MIN))?;
        Self::new(year)
    }
}

/// A quarter (triwulan) of the calendar year, 1 to 4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "crate::number::Whole", into = "u8")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = u8))]
pub struct Quarter(u8);

impl Quarter {
    /// The four quarters in order.
    pub const ALL: [Quarter; 4] = [Quarter(1), Quarter(2), Quarter(3), Quarter(4)];

    /// The quarter a date falls in.
    pub fn of(date: NaiveDate) -> Self {
        Quarter(u8::try_from(date.month0() / 3).unwrap_or(0) + 1)
    }

    /// 1 to 4.
    pub const fn number(self) -> u8 {
        self.0
    }

    /// The first day of this quarter in `year`.
    pub fn start(self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, u32::from(self.0) * 3 - 2, 1)
    }

    /// The last day of this quarter in `year`.
    pub fn end(self, year: i32) -> Option<NaiveDate> {
        let next = if self.0 == 4 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { Quarter(self.0 + 1).start(year) };
        next?.pred_opt()
    }

    /// The Roman numeral used in report titles ("Triwulan III").
    pub const fn roman(self) -> &'static str {
        match self.0 {
            1 => "I",
            2 => "II",
            3 => "III",
            _ => "IV",
        }
    }

    /// "Triwulan III" / "Quarter III".
    pub fn label(self, locale: Locale) -> String {
        match locale {
            Locale::Id => format!("Triwulan {}", self.roman()),
            Locale::En => format!("Quarter {}", self.roman()),
        }
    }
}

impl TryFrom<u8> for Quarter {
    type Error = String;

    fn try_from(n: u8) -> Result<Self, Self::Error> {
        (1..=4).contains(&n).then_some(Quarter(n)).ok_or_else(|| format!("quarter {n} is not 1-4"))
    }
}

impl TryFrom<crate::number::Whole> for Quarter {
    type Error = String;

    fn try_from(n: crate::number::Whole) -> Result<Self, Self::Error> {
        u8::try_from(n.0).map_err(|_| format!("quarter {} is not 1-4", n.0)).and_then(Quarter::try_from)
    }
}

impl From<Quarter> for u8 {
    fn from(quarter: Quarter) -> u8 {
        quarter.0
    }
}

/// Default number of days after a quarter ends that its report is due.
pub const DEFAULT_DUE_AFTER_DAYS: u64 = 10;

/// The default due date of a quarter's report: ten days after the quarter ends.
pub fn default_due_date(year: i32, quarter: Quarter) -> Option<NaiveDate> {
    quarter.end(year)?.checked_add_days(Days::new(DEFAULT_DUE_AFTER_DAYS))
}

/// The default due dates of a year's four reports.
pub fn default_due_dates(year: i32) -> Vec<NaiveDate> {
    Quarter::ALL.into_iter().filter_map(|quarter| default_due_date(year, quarter)).collect()
}

/// Of a year's due dates (quarter 1 first), the first quarter whose report is not yet due on `today`, with its
/// due date.
pub fn next_due(due_dates: &[NaiveDate], today: NaiveDate) -> Option<(Quarter, NaiveDate)> {
    Quarter::ALL.into_iter().zip(due_dates.iter().copied()).find(|(_, due)| *due >= today)
}

/// The rules a Pemda sets for one programme year (calendar year).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgrammeYearView {
    /// The Pemda.
    pub pemda_id: OrgUnitId,
    /// The calendar year, 2000-2100.
    #[cfg_attr(feature = "openapi", schema(minimum = 2000, maximum = 2100))]
    #[serde(deserialize_with = "crate::number::whole")]
    pub year: i32,
    /// Whether this is the year OPDs work in now.
    pub active: bool,
    /// Frameworks OPDs choose their values from (KepMenPAN 25/2002 by default).
    pub framework_ids: Vec<FrameworkId>,
    /// Fewest values an OPD must choose, 1-17.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 17))]
    #[serde(deserialize_with = "crate::number::whole")]
    pub min_values: u8,
    /// Most values an OPD may choose, 1-17.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 17))]
    #[serde(deserialize_with = "crate::number::whole")]
    pub max_values: u8,
    /// Fewest key behaviours (perilaku utama) each chosen value needs, 1-3.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 3))]
    #[serde(deserialize_with = "crate::number::whole")]
    pub min_behaviours: u8,
    /// Report due dates of quarters I-IV, as calendar days in the Pemda's time zone.
    pub due_dates: Vec<NaiveDate>,
}

/// Why a programme year's settings were refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum RulesError {
    /// min > max, or outside 1..=17.
    #[error("bad value range")]
    ValueRange,
    /// Outside 1..=3.
    #[error("bad behaviour minimum")]
    BehaviourMinimum,
    /// Not four dates, or a due date before its quarter ends.
    #[error("bad due dates")]
    DueDates,
    /// No framework to choose from.
    #[error("no framework")]
    NoFramework,
}

impl RulesError {
    /// The setting the refusal is about, as a request names it (the due dates are four fields together).
    pub const fn field(self) -> Option<&'static str> {
        match self {
            RulesError::ValueRange => Some("max_values"),
            RulesError::BehaviourMinimum => Some("min_behaviours"),
            RulesError::DueDates => None,
            RulesError::NoFramework => Some("frameworks"),
        }
    }

    /// The refusal as a sentence for the user.
    pub fn message(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (RulesError::ValueRange, Locale::Id) => {
                "Jumlah nilai minimum dan maksimum harus 1-17, dan minimum tidak lebih dari maksimum."
            }
            (RulesError::ValueRange, Locale::En) => "Minimum and maximum values must be 1-17, minimum <= maximum.",
            (RulesError::BehaviourMinimum, Locale::Id) => "Jumlah minimum perilaku utama harus 1-3.",
            (RulesError::BehaviourMinimum, Locale::En) => "The minimum number of key behaviours must be 1-3.",
            (RulesError::DueDates, Locale::Id) => {
                "Isi empat tanggal batas laporan, masing-masing setelah triwulannya berakhir."
            }
            (RulesError::DueDates, Locale::En) => "Give four report due dates, each after its quarter ends.",
            (RulesError::NoFramework, Locale::Id) => "Pilih paling sedikit satu kerangka nilai.",
            (RulesError::NoFramework, Locale::En) => "Choose at least one value framework.",
        }
    }
}

impl ProgrammeYearView {
    /// The defaults for a year not configured yet: choose 3-5 values of `framework` with at least one key
    /// behaviour each; reports due ten days after each quarter.
    pub fn defaults(pemda_id: OrgUnitId, year: i32, framework: FrameworkId) -> Self {
        Self {
            pemda_id,
            year,
            active: true,
            framework_ids: vec![framework],
            min_values: 3,
            max_values: 5,
            min_behaviours: 1,
            due_dates: default_due_dates(year),
        }
    }

    /// Checks the settings make sense together.
    pub fn check(&self) -> Result<(), RulesError> {
        if !(1..=17).contains(&self.min_values) || !(1..=17).contains(&self.max_values) {
            return Err(RulesError::ValueRange);
        }
        if self.min_values > self.max_values {
            return Err(RulesError::ValueRange);
        }
        if !(1..=3).contains(&self.min_behaviours) {
            return Err(RulesError::BehaviourMinimum);
        }
        if self.framework_ids.is_empty() {
            return Err(RulesError::NoFramework);
        }
        let after_quarter =
            |(quarter, due): (Quarter, &NaiveDate)| quarter.end(self.year).is_some_and(|end| *due > end);
        if self.due_dates.len() != 4 || !Quarter::ALL.into_iter().zip(&self.due_dates).all(after_quarter) {
            return Err(RulesError::DueDates);
        }
        Ok(())
    }

    /// The due date of `quarter`'s report.
    pub fn due_date(&self, quarter: Quarter) -> Option<NaiveDate> {
        self.due_dates.get(usize::from(quarter.number()) - 1).copied()
    }

    /// The first quarter whose report is not yet due on `today`, with its due date.
    pub fn next_due(&self, today: NaiveDate) -> Option<(Quarter, NaiveDate)> {
        next_due(&self.due_dates, today)
    }
}

/// A key behaviour (perilaku utama) of a chosen value, with a measurable target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KeyBehaviour {
    /// What people will do, e.g. "Apel pagi tepat pukul 07.30".
    pub description: String,
    /// How it is measured, e.g. "95% pegawai hadir tepat waktu setiap bulan".
    pub target: String,
}

/// One chosen value as typed into the form or sent to the API, before parsing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChoiceInput {
    /// The value chosen.
    pub value_id: ValueId,
    /// Why the OPD chose it.
    pub reason: String,
    /// 1-3 key behaviours.
    pub behaviours: Vec<KeyBehaviour>,
}

/// A chosen value as stored and shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChoiceView {
    /// The value.
    pub value_id: ValueId,
    /// Its code, e.g. `8.2`.
    pub value_code: String,
    /// Its Indonesian name.
    pub value_name: String,
    /// Its pair's Indonesian name, e.g. "Ketepatan dan Kecepatan".
    pub pair_name: Option<String>,
    /// Why it was chosen.
    pub reason: String,
    /// Its key behaviours with targets.
    pub behaviours: Vec<KeyBehaviour>,
}

/// An OPD's value selection for a year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SelectionView {
    /// The selection.
    pub id: SelectionId,
    /// The OPD.
    pub opd_id: OrgUnitId,
    /// The OPD's name.
    pub opd_name: String,
    /// The programme year.
    pub year: i32,
    /// Where it stands.
    pub state: ReviewState,
    /// The reviewer's reason when returned.
    pub return_reason: Option<String>,
    /// The values chosen, in the OPD's order.
    pub choices: Vec<ChoiceView>,
    /// When it was last submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// When it was approved or last returned.
    pub decided_at: Option<DateTime<Utc>>,
    /// Who approved or last returned it.
    pub decided_by: Option<UserId>,
}

/// Longest reason, description or target, in characters.
pub const MAX_REASON: usize = 1000;
/// Longest key behaviour description or target, in characters.
pub const MAX_BEHAVIOUR: usize = 300;

/// Why a value selection was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ChoiceError {
    /// More values than the Pemda allows.
    #[error("too many values")]
    TooMany {
        /// The limit.
        max: u8,
        /// How many were chosen.
        chosen: usize,
    },
    /// Fewer values than the Pemda requires (checked on submission).
    #[error("too few values")]
    TooFew {
        /// The minimum.
        min: u8,
        /// How many were chosen.
        chosen: usize,
    },
    /// The same value twice.
    #[error("duplicate value")]
    Duplicate,
    /// A value outside the year's frameworks.
    #[error("value not offered")]
    NotOffered,
    /// Number of key behaviours outside min..=3.
    #[error("behaviour count")]
    BehaviourCount {
        /// Position of the choice, from 1.
        choice: usize,
        /// The minimum.
        min: u8,
    },
    /// A target without a number in it.
    #[error("target not measurable")]
    Unmeasurable {
        /// Position of the choice, from 1.
        choice: usize,
    },
    /// A text field failed.
    #[error("{field}: {error}")]
    Text {
        /// Position of the choice, from 1.
        choice: usize,
        /// Which field.
        field: ChoiceField,
        /// How.
        error: TextError,
    },
}

/// The text fields of a choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChoiceField {
    /// The reason.
    Reason,
    /// A behaviour's description.
    Behaviour,
    /// A behaviour's target.
    Target,
}

impl std::fmt::Display for ChoiceField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label(Locale::En))
    }
}

impl ChoiceField {
    const fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (ChoiceField::Reason, Locale::Id) => "Alasan",
            (ChoiceField::Reason, Locale::En) => "Reason",
            (ChoiceField::Behaviour, Locale::Id) => "Perilaku utama",
            (ChoiceField::Behaviour, Locale::En) => "Key behaviour",
            (ChoiceField::Target, Locale::Id) => "Target",
            (ChoiceField::Target, Locale::En) => "Target",
        }
    }
}

impl ChoiceError {
    /// The field of the choice (as a request spells it) the refusal is about.
    pub const fn field(&self) -> &'static str {
        match self {
            ChoiceError::TooMany { .. }
            | ChoiceError::TooFew { .. }
            | ChoiceError::Duplicate
            | ChoiceError::NotOffered => "value_id",
            ChoiceError::BehaviourCount { .. } => "behaviours",
            ChoiceError::Unmeasurable { .. } | ChoiceError::Text { field: ChoiceField::Target, .. } => "target",
            ChoiceError::Text { field: ChoiceField::Reason, .. } => "reason",
            ChoiceError::Text { field: ChoiceField::Behaviour, .. } => "description",
        }
    }

    /// The refusal as a sentence for the user, naming the limit or the field.
    pub fn message(&self, locale: Locale) -> String {
        match (self, locale) {
            (ChoiceError::TooMany { max, chosen }, Locale::Id) => {
                format!("Paling banyak {max} nilai boleh dipilih; Anda memilih {chosen}.")
            }
            (ChoiceError::TooMany { max, chosen }, Locale::En) => {
                format!("At most {max} values may be chosen; you chose {chosen}.")
            }
            (ChoiceError::TooFew { min, chosen }, Locale::Id) => {
                format!("Pilih paling sedikit {min} nilai sebelum mengajukan; baru {chosen} dipilih.")
            }
            (ChoiceError::TooFew { min, chosen }, Locale::En) => {
                format!("Choose at least {min} values before submitting; {chosen} chosen so far.")
            }
            (ChoiceError::Duplicate, Locale::Id) => "Nilai yang sama dipilih lebih dari sekali.".into(),
            (ChoiceError::Duplicate, Locale::En) => "The same value was chosen more than once.".into(),
            (ChoiceError::NotOffered, Locale::Id) => "Nilai itu tidak termasuk kerangka nilai tahun ini.".into(),
            (ChoiceError::NotOffered, Locale::En) => "That value is not in this year's frameworks.".into(),
            (ChoiceError::BehaviourCount { choice, min }, Locale::Id) => {
                format!("Nilai ke-{choice}: isi {min} sampai 3 perilaku utama.")
            }
            (ChoiceError::BehaviourCount { choice, min }, Locale::En) => {
                format!("Value {choice}: give {min} to 3 key behaviours.")
            }
            (ChoiceError::Unmeasurable { choice }, Locale::Id) => {
                format!("Nilai ke-{choice}: target harus terukur; sertakan angka (mis. 95% atau 2 kali sebulan).")
            }
            (ChoiceError::Unmeasurable { choice }, Locale::En) => {
                format!("Value {choice}: the target must be measurable; include a number (e.g. 95% or twice a month).")
            }
            (ChoiceError::Text { choice, field, error }, _) => {
                let prefix = match locale {
                    Locale::Id => format!("Nilai ke-{choice}"),
                    Locale::En => format!("Value {choice}"),
                };
                format!("{prefix}, {}: {}", field.label(locale), error.message(locale))
            }
        }
    }
}

/// Parses the choices of a selection being saved: tidy text, 1..=3 behaviours (at least `min_behaviours`) with
/// measurable targets, no value twice, no more than `max_values`, each offered by the year (`offered`).
pub fn parse_choices(
    inputs: Vec<ChoiceInput>,
    rules: &ProgrammeYearView,
    offered: impl Fn(ValueId) -> bool,
) -> Result<Vec<ChoiceInput>, ChoiceError> {
    if inputs.len() > usize::from(rules.max_values) {
        return Err(ChoiceError::TooMany { max: rules.max_values, chosen: inputs.len() });
    }
    let mut seen = std::collections::HashSet::new();
    inputs
        .into_iter()
        .enumerate()
        .map(|(index, input)| {
            let choice = index + 1;
            if !seen.insert(input.value_id) {
                return Err(ChoiceError::Duplicate);
            }
            if !offered(input.value_id) {
                return Err(ChoiceError::NotOffered);
            }
            let text = |raw: &str, max, field| {
                parse_text(raw, max).map_err(|error| ChoiceError::Text { choice, field, error })
            };
            let reason = text(&input.reason, MAX_REASON, ChoiceField::Reason)?;
            if input.behaviours.len() < usize::from(rules.min_behaviours) || input.behaviours.len() > 3 {
                return Err(ChoiceError::BehaviourCount { choice, min: rules.min_behaviours });
            }
            let behaviours = input
                .behaviours
                .iter()
                .map(|behaviour| {
                    let description = text(&behaviour.description, MAX_BEHAVIOUR, ChoiceField::Behaviour)?;
                    let target = text(&behaviour.target, MAX_BEHAVIOUR, ChoiceField::Target)?;
                    if !target.chars().any(|c| c.is_ascii_digit()) {
                        return Err(ChoiceError::Unmeasurable { choice });
                    }
                    Ok(KeyBehaviour { description, target })
                })
                .collect::<Result<_, _>>()?;
            Ok(ChoiceInput { value_id: input.value_id, reason, behaviours })
        })
        .collect()
}

/// Checks a selection may be submitted: at least the minimum number of values.
pub fn check_submittable(chosen: usize, rules: &ProgrammeYearView) -> Result<(), ChoiceError> {
    if chosen < usize::from(rules.min_values) {
        return Err(ChoiceError::TooFew { min: rules.min_values, chosen });
    }
    if chosen > usize::from(rules.max_values) {
        return Err(ChoiceError::TooMany { max: rules.max_values, chosen });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn a_programme_year_is_2000_to_2100_and_nothing_else() {
        for year in [0, -1, 1999, -262_143, 2101, i64::from(i32::MAX) + 1] {
            assert_eq!(ProgrammeYear::new(year), Err(YearOutOfRange(year)), "{year}");
        }
        assert_eq!(ProgrammeYear::new(2000).map(ProgrammeYear::get), Ok(2000));
        assert_eq!(ProgrammeYear::new(2100).map(ProgrammeYear::get), Ok(2100));
        assert!("-1220".parse::<ProgrammeYear>().is_err() && "tahun".parse::<ProgrammeYear>().is_err());
        assert_eq!(serde_json::from_str::<ProgrammeYear>("2026").map(ProgrammeYear::get).ok(), Some(2026));
        assert!(serde_json::from_str::<ProgrammeYear>("1999").is_err());
    }

    fn rules() -> ProgrammeYearView {
        ProgrammeYearView::defaults(OrgUnitId::from_uuid(Uuid::nil()), 2026, FrameworkId::from_uuid(Uuid::nil()))
    }

    fn value(n: u128) -> ValueId {
        ValueId::from_uuid(Uuid::from_u128(n))
    }

    fn choice(n: u128) -> ChoiceInput {
        ChoiceInput {
            value_id: value(n),
            reason: "  Layanan KTP-el masih lambat. ".into(),
            behaviours: vec![KeyBehaviour { description: "Layani sesuai SOP".into(), target: "30 menit".into() }],
        }
    }

    #[test]
    fn quarters_split_the_year_into_four_three_month_spans() {
        assert_eq!(Quarter::of(date(2026, 3, 31)).number(), 1);
        assert_eq!(Quarter::of(date(2026, 4, 1)).number(), 2);
        assert_eq!(Quarter::of(date(2026, 12, 31)).number(), 4);
        assert_eq!(Quarter::ALL[3].end(2026), Some(date(2026, 12, 31)));
        assert_eq!(Quarter::ALL[1].start(2026), Some(date(2026, 4, 1)));
    }

    #[test]
    fn reports_are_due_ten_days_after_each_quarter_by_default() {
        let due = rules().due_dates;
        assert_eq!(due, vec![date(2026, 4, 10), date(2026, 7, 10), date(2026, 10, 10), date(2027, 1, 10)]);
    }

    #[test]
    fn the_defaults_are_valid_and_bad_ranges_are_refused() {
        assert_eq!(rules().check(), Ok(()));
        let mut inverted = rules();
        inverted.min_values = 6;
        assert_eq!(inverted.check(), Err(RulesError::ValueRange));
        let mut early = rules();
        early.due_dates[0] = date(2026, 3, 15);
        assert_eq!(early.check(), Err(RulesError::DueDates));
    }

    #[test]
    fn the_next_due_report_is_the_first_not_yet_past() {
        assert_eq!(rules().next_due(date(2026, 11, 22)), Some((Quarter::ALL[3], date(2027, 1, 10))));
        assert_eq!(rules().next_due(date(2026, 4, 10)), Some((Quarter::ALL[0], date(2026, 4, 10))));
    }

    #[test]
    fn six_values_are_refused_with_a_message_naming_the_limit() {
        let six = (1..=6).map(choice).collect();
        let refused = parse_choices(six, &rules(), |_| true).expect_err("too many");
        assert_eq!(refused.message(Locale::Id), "Paling banyak 5 nilai boleh dipilih; Anda memilih 6.");
    }

    #[test]
    fn a_draft_may_hold_fewer_values_than_a_submission_needs() {
        let two: Vec<_> = (1..=2).map(choice).collect();
        assert!(parse_choices(two.clone(), &rules(), |_| true).is_ok());
        assert_eq!(check_submittable(two.len(), &rules()), Err(ChoiceError::TooFew { min: 3, chosen: 2 }));
    }

    #[test]
    fn choices_are_tidied_and_checked_field_by_field() {
        let parsed = parse_choices(vec![choice(1)], &rules(), |_| true).expect("valid");
        assert_eq!(parsed[0].reason, "Layanan KTP-el masih lambat.");
        let mut vague = choice(2);
        vague.behaviours[0].target = "secepatnya".into();
        assert_eq!(parse_choices(vec![vague], &rules(), |_| true), Err(ChoiceError::Unmeasurable { choice: 1 }));
        let mut none = choice(3);
        none.behaviours.clear();
        assert!(matches!(parse_choices(vec![none], &rules(), |_| true), Err(ChoiceError::BehaviourCount { .. })));
        let mut blank = choice(4);
        blank.reason = " ".into();
        let refused = parse_choices(vec![blank], &rules(), |_| true).expect_err("blank reason");
        assert_eq!(refused.message(Locale::Id), "Nilai ke-1, Alasan: Wajib diisi.");
    }

    #[test]
    fn a_value_twice_or_from_another_framework_is_refused() {
        assert_eq!(parse_choices(vec![choice(1), choice(1)], &rules(), |_| true), Err(ChoiceError::Duplicate));
        assert_eq!(parse_choices(vec![choice(1)], &rules(), |_| false), Err(ChoiceError::NotOffered));
    }
}

/// Something the OPD still has to do this year, for the "what is missing" list of its home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "gap", rename_all = "snake_case")]
pub enum Gap {
    /// No value selection for the year yet.
    NoSelection,
    /// The selection is still a draft.
    SelectionDraft,
    /// The bureau returned the selection.
    SelectionReturned {
        /// The bureau's reason.
        reason: String,
    },
    /// The selection waits for the bureau (not the OPD's move, but shown).
    SelectionPending,
    /// No active KBK.
    NoKbk,
    /// A KBK without its SK.
    NoDecree {
        /// The KBK's name.
        kbk: String,
    },
    /// A chosen value without any action this quarter.
    ValueWithoutAction {
        /// Value code and name, e.g. "8.2 Kecepatan".
        value: String,
    },
    /// Actions waiting for the ketua or fasilitator.
    AwaitingVerification {
        /// How many.
        count: u32,
    },
    /// Actions returned to their authors.
    Returned {
        /// How many.
        count: u32,
    },
}

impl Gap {
    /// The gap as a sentence for the user.
    pub fn message(&self, locale: Locale) -> String {
        match (self, locale) {
            (Gap::NoSelection, Locale::Id) => "Nilai OPD tahun ini belum dipilih.".into(),
            (Gap::NoSelection, Locale::En) => "This year's values have not been chosen.".into(),
            (Gap::SelectionDraft, Locale::Id) => "Pilihan nilai masih draf; ajukan ke Biro/Bagian Organisasi.".into(),
            (Gap::SelectionDraft, Locale::En) => "The value selection is a draft; submit it to the bureau.".into(),
            (Gap::SelectionReturned { reason }, Locale::Id) => format!("Pilihan nilai dikembalikan: {reason}"),
            (Gap::SelectionReturned { reason }, Locale::En) => format!("The value selection was returned: {reason}"),
            (Gap::SelectionPending, Locale::Id) => "Pilihan nilai menunggu persetujuan Peninjau.".into(),
            (Gap::SelectionPending, Locale::En) => "The value selection awaits the reviewer.".into(),
            (Gap::NoKbk, Locale::Id) => "Belum ada KBK aktif.".into(),
            (Gap::NoKbk, Locale::En) => "No active KBK yet.".into(),
            (Gap::NoDecree { kbk }, Locale::Id) => format!("SK pembentukan KBK {kbk} belum dicatat."),
            (Gap::NoDecree { kbk }, Locale::En) => format!("The decree forming KBK {kbk} is not recorded."),
            (Gap::ValueWithoutAction { value }, Locale::Id) => {
                format!("Belum ada kegiatan triwulan ini untuk nilai {value}.")
            }
            (Gap::ValueWithoutAction { value }, Locale::En) => format!("No action this quarter for value {value}."),
            (Gap::AwaitingVerification { count }, Locale::Id) => format!("{count} kegiatan menunggu verifikasi."),
            (Gap::AwaitingVerification { count }, Locale::En) => format!("{count} actions await verification."),
            (Gap::Returned { count }, Locale::Id) => format!("{count} kegiatan dikembalikan dan perlu diperbaiki."),
            (Gap::Returned { count }, Locale::En) => format!("{count} actions were returned and need fixing."),
        }
    }
}

/// The facts the "what is missing" list is drawn from.
#[derive(Clone, Debug, Default)]
pub struct YearFacts {
    /// The year's selection state and return reason, if a selection exists.
    pub selection: Option<(ReviewState, Option<String>)>,
    /// Active KBKs: name and whether their SK is recorded.
    pub kbks: Vec<(String, bool)>,
    /// Approved values ("8.2 Kecepatan") with their number of actions this quarter.
    pub actions_per_value: Vec<(String, u32)>,
    /// Actions waiting for verification.
    pub awaiting: u32,
    /// Actions returned to their authors.
    pub returned: u32,
}

/// What the OPD still has to do, most fundamental first.
pub fn gaps(facts: &YearFacts) -> Vec<Gap> {
    let mut gaps = Vec::new();
    match &facts.selection {
        None => gaps.push(Gap::NoSelection),
        Some((ReviewState::Draft, _)) => gaps.push(Gap::SelectionDraft),
        Some((ReviewState::Returned, reason)) => {
            gaps.push(Gap::SelectionReturned { reason: reason.clone().unwrap_or_default() });
        }
        Some((ReviewState::Submitted, _)) => gaps.push(Gap::SelectionPending),
        Some((ReviewState::Accepted, _)) => {}
    }
    if facts.kbks.is_empty() {
        gaps.push(Gap::NoKbk);
    }
    gaps.extend(facts.kbks.iter().filter(|(_, sk)| !sk).map(|(kbk, _)| Gap::NoDecree { kbk: kbk.clone() }));
    gaps.extend(
        facts
            .actions_per_value
            .iter()
            .filter(|(_, n)| *n == 0)
            .map(|(value, _)| Gap::ValueWithoutAction { value: value.clone() }),
    );
    if facts.returned > 0 {
        gaps.push(Gap::Returned { count: facts.returned });
    }
    if facts.awaiting > 0 {
        gaps.push(Gap::AwaitingVerification { count: facts.awaiting });
    }
    gaps
}

#[cfg(test)]
mod gap_tests {
    use super::*;

    #[test]
    fn a_fresh_opd_is_missing_its_values_and_its_kbk() {
        assert_eq!(gaps(&YearFacts::default()), vec![Gap::NoSelection, Gap::NoKbk]);
    }

    #[test]
    fn an_opd_on_track_is_missing_nothing() {
        let facts = YearFacts {
            selection: Some((ReviewState::Accepted, None)),
            kbks: vec![("Hijau Bessai".into(), true)],
            actions_per_value: vec![("1.1 Komitmen".into(), 2)],
            awaiting: 0,
            returned: 0,
        };
        assert_eq!(gaps(&facts), vec![]);
    }

    #[test]
    fn returned_work_and_values_without_actions_are_listed_with_their_details() {
        let facts = YearFacts {
            selection: Some((ReviewState::Returned, Some("Target belum terukur.".into()))),
            kbks: vec![("Cepat Tepat".into(), false)],
            actions_per_value: vec![("8.2 Kecepatan".into(), 0), ("8.1 Ketepatan".into(), 3)],
            awaiting: 2,
            returned: 1,
        };
        let listed: Vec<String> = gaps(&facts).iter().map(|gap| gap.message(Locale::Id)).collect();
        assert_eq!(
            listed,
            [
                "Pilihan nilai dikembalikan: Target belum terukur.",
                "SK pembentukan KBK Cepat Tepat belum dicatat.",
                "Belum ada kegiatan triwulan ini untuk nilai 8.2 Kecepatan.",
                "1 kegiatan dikembalikan dan perlu diperbaiki.",
                "2 kegiatan menunggu verifikasi.",
            ]
        );
    }
}

/// A chosen value with its number of actions in a period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValueActivity {
    /// The value.
    pub value_id: ValueId,
    /// Its code, e.g. `8.2`.
    pub code: String,
    /// Its Indonesian name.
    pub name: String,
    /// Actions living it in the period (any state).
    pub actions: u32,
}

/// An OPD's year at a glance: the data of its home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpdYearView {
    /// The OPD.
    pub opd_id: OrgUnitId,
    /// Its name.
    pub opd_name: String,
    /// Its Pemda's name.
    pub pemda_name: String,
    /// The programme year.
    pub year: i32,
    /// Today's quarter (in the Pemda's zone).
    pub quarter: Quarter,
    /// The year's value selection, if started.
    pub selection: Option<SelectionView>,
    /// The OPD's KBKs.
    pub kbks: Vec<crate::kbk::KbkView>,
    /// Approved values with their actions this quarter.
    pub activity: Vec<ValueActivity>,
    /// The next report due, if any this year.
    pub next_due: Option<(Quarter, NaiveDate)>,
    /// What is still missing.
    pub gaps: Vec<Gap>,
}
