//! The value catalogue as users see it: frameworks, their pairs, values and behaviour indicators, and the search
//! that filters them (run in the browser and on the server alike).

use crate::{
    ids::{FrameworkId, IndicatorId, ValueId, ValuePairId},
    locale::Bilingual,
};
use serde::{Deserialize, Serialize};

/// A framework without its contents, for lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FrameworkSummary {
    /// The framework.
    pub id: FrameworkId,
    /// Stable name across installs, e.g. `urn:budaya:framework:kepmenpan-25-2002`.
    pub urn: String,
    /// Catalogue version; a changed catalogue is a new version, so past choices keep their meaning.
    pub version: i32,
    /// Title.
    pub name: Bilingual,
    /// The regulation or source it comes from.
    pub source: String,
    /// Short description.
    pub description: Bilingual,
    /// Built-in frameworks ship with Budaya and are read-only.
    pub built_in: bool,
    /// Number of pairs (17 for KepMenPAN 25/2002, 0 for frameworks without pairs).
    pub pair_count: u32,
    /// Number of single values (34 for KepMenPAN 25/2002).
    pub value_count: u32,
}

/// An observable behaviour that shows a value is lived.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorView {
    /// The indicator.
    pub id: IndicatorId,
    /// Order within its value, from 1.
    pub position: i32,
    /// The behaviour.
    pub text: Bilingual,
}

/// A single value, e.g. `8.2 Kecepatan`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValueView {
    /// The value.
    pub id: ValueId,
    /// Its number within the framework: `pair.member` (`8.2`) or a plain position (`3`).
    pub code: String,
    /// Its name.
    pub name: Bilingual,
    /// What it means; empty where the framework describes the pair instead.
    pub description: Bilingual,
    /// Example behaviour indicators.
    pub indicators: Vec<IndicatorView>,
}

/// A pair of values, e.g. `8 Ketepatan (keakurasian) dan kecepatan`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PairView {
    /// The pair.
    pub id: ValuePairId,
    /// Its number, from 1.
    pub number: i32,
    /// Its name.
    pub name: Bilingual,
    /// What the pair means.
    pub description: Bilingual,
    /// Its two values, in order.
    pub values: Vec<ValueView>,
}

/// A framework with everything in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FrameworkDetail {
    /// The framework.
    pub summary: FrameworkSummary,
    /// Its pairs in order, each with its values.
    pub pairs: Vec<PairView>,
    /// Values that belong to no pair (all of BerAKHLAK's), in order.
    pub standalone_values: Vec<ValueView>,
}

/// A search query split into lower-case terms; a text matches when it contains every term.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchTerms(Vec<String>);

impl SearchTerms {
    /// Splits what the user typed into terms, ignoring case and extra spaces.
    pub fn parse(query: &str) -> Self {
        Self(query.split_whitespace().map(str::to_lowercase).collect())
    }

    /// Whether nothing was typed (everything matches).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether every term occurs in at least one of `texts`.
    pub fn matches<'a>(&self, texts: impl IntoIterator<Item = &'a str> + Clone) -> bool {
        let lowered: Vec<String> = texts.into_iter().map(str::to_lowercase).collect();
        self.0.iter().all(|term| lowered.iter().any(|text| text.contains(term.as_str())))
    }
}

impl ValueView {
    fn texts(&self) -> impl Iterator<Item = &str> + Clone {
        std::iter::once(self.code.as_str())
            .chain(self.name.both())
            .chain(self.description.both())
            .chain(self.indicators.iter().flat_map(|i| i.text.both()))
    }
}

impl PairView {
    fn texts(&self) -> impl Iterator<Item = &str> + Clone {
        self.name.both().into_iter().chain(self.description.both())
    }

    /// The values of this pair that match `terms`. Values matching on their own texts win; when none does, the
    /// pair's name and description count too (so "hasil benar" finds pair 8 through its description).
    pub fn matching_values(&self, terms: &SearchTerms) -> Vec<&ValueView> {
        let own: Vec<&ValueView> = self.values.iter().filter(|value| terms.matches(value.texts())).collect();
        if !own.is_empty() {
            return own;
        }
        self.values.iter().filter(|value| terms.matches(self.texts().chain(value.texts()))).collect()
    }
}

impl FrameworkDetail {
    /// How many values match `terms`, pairs and standalone values together.
    pub fn count_matching(&self, terms: &SearchTerms) -> usize {
        let paired: usize = self.pairs.iter().map(|pair| pair.matching_values(terms).len()).sum();
        paired + self.standalone_matching(terms).len()
    }

    /// The standalone values that match `terms`.
    pub fn standalone_matching(&self, terms: &SearchTerms) -> Vec<&ValueView> {
        self.standalone_values.iter().filter(|value| terms.matches(value.texts())).collect()
    }
}

/// Orders value codes as people read them: pair by pair, member by member, each a number (5.1 before 11.1);
/// a part that is not a number sorts after the numbers, as text.
pub fn compare_codes(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |code: &str| -> Vec<(u32, String)> {
        code.split('.').map(|part| (part.parse().unwrap_or(u32::MAX), part.to_owned())).collect()
    };
    key(a).cmp(&key(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn value_codes_sort_as_numbers_pair_by_pair() {
        let mut codes = vec!["11.1", "5.1", "1.2", "1.1", "17.2", "2.1", "x.1"];
        codes.sort_by(|a, b| compare_codes(a, b));
        assert_eq!(codes, ["1.1", "1.2", "2.1", "5.1", "11.1", "17.2", "x.1"]);
    }

    fn value(code: &str, id: &str, en: &str) -> ValueView {
        ValueView {
            id: ValueId::from_uuid(Uuid::nil()),
            code: code.into(),
            name: Bilingual::new(id, en),
            description: Bilingual::default(),
            indicators: vec![IndicatorView {
                id: IndicatorId::from_uuid(Uuid::nil()),
                position: 1,
                text: Bilingual::new("Waktu layanan sesuai standar", "Service time within standard"),
            }],
        }
    }

    fn pair_eight() -> PairView {
        PairView {
            id: ValuePairId::from_uuid(Uuid::nil()),
            number: 8,
            name: Bilingual::new("Ketepatan (keakurasian) dan kecepatan", "Accuracy and speed"),
            description: Bilingual::new("Hasil yang benar, tepat waktu", "Right result, in the right time"),
            values: vec![value("8.1", "Ketepatan (keakurasian)", "Accuracy"), value("8.2", "Kecepatan", "Speed")],
        }
    }

    fn codes(values: Vec<&ValueView>) -> Vec<&str> {
        values.into_iter().map(|v| v.code.as_str()).collect()
    }

    #[test]
    fn an_empty_query_matches_every_value() {
        assert!(SearchTerms::parse("   ").is_empty());
        assert_eq!(codes(pair_eight().matching_values(&SearchTerms::parse(""))), ["8.1", "8.2"]);
    }

    #[test]
    fn search_ignores_case_and_finds_a_value_by_its_name() {
        assert_eq!(codes(pair_eight().matching_values(&SearchTerms::parse("KECEPATAN"))), ["8.2"]);
    }

    #[test]
    fn search_finds_values_by_their_english_name_and_their_code() {
        let pair = pair_eight();
        assert_eq!(codes(pair.matching_values(&SearchTerms::parse("speed"))), ["8.2"]);
        assert_eq!(codes(pair.matching_values(&SearchTerms::parse("8.1"))), ["8.1"]);
    }

    #[test]
    fn every_term_must_match_but_terms_may_match_different_texts() {
        let pair = pair_eight();
        assert_eq!(codes(pair.matching_values(&SearchTerms::parse("speed layanan"))), ["8.2"]);
        assert!(pair.matching_values(&SearchTerms::parse("kecepatan kejujuran")).is_empty());
    }

    #[test]
    fn a_query_matching_only_the_pair_shows_both_of_its_values() {
        assert_eq!(codes(pair_eight().matching_values(&SearchTerms::parse("hasil benar"))), ["8.1", "8.2"]);
    }

    #[test]
    fn search_reaches_into_behaviour_indicators() {
        assert_eq!(pair_eight().matching_values(&SearchTerms::parse("standar")).len(), 2);
    }
}
