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

    /// Whether every term occurs in `text`, a search text as [`ValueView::search_text`] writes it.
    pub fn matches(&self, text: &str) -> bool {
        self.0.iter().all(|term| text.contains(term.as_str()))
    }

    /// Which values of a group to show, from each value's search text and, for a pair, the pair's own. Values
    /// matching on their own texts win; when none does, the pair's name and description count too (so "hasil
    /// benar" finds pair 8 through its description). The server and the browser both decide with this.
    pub fn shown(&self, pair: Option<&str>, values: &[&str]) -> Vec<bool> {
        let own: Vec<bool> = values.iter().map(|value| self.matches(value)).collect();
        match pair {
            Some(pair) if !own.contains(&true) => {
                values.iter().map(|value| self.matches(&format!("{pair}\n{value}"))).collect()
            }
            _ => own,
        }
    }
}

/// Texts in lower case, one per line. Terms hold no white space, so a term found in the result lies within one
/// of the texts.
fn search_text<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    texts.map(str::to_lowercase).collect::<Vec<_>>().join("\n")
}

impl ValueView {
    /// What a search looks in: the code, and the name, description and indicators in both languages.
    pub fn search_text(&self) -> String {
        search_text(
            std::iter::once(self.code.as_str())
                .chain(self.name.both())
                .chain(self.description.both())
                .chain(self.indicators.iter().flat_map(|i| i.text.both())),
        )
    }
}

impl PairView {
    /// What a search looks in besides the values: the pair's name and description in both languages.
    pub fn search_text(&self) -> String {
        search_text(self.name.both().into_iter().chain(self.description.both()))
    }

    /// Which of the pair's values `terms` shows, in order (see [`SearchTerms::shown`]).
    pub fn shown(&self, terms: &SearchTerms) -> Vec<bool> {
        let values: Vec<String> = self.values.iter().map(ValueView::search_text).collect();
        terms.shown(Some(self.search_text().as_str()), &values.iter().map(String::as_str).collect::<Vec<_>>())
    }
}

impl FrameworkDetail {
    /// How many values match `terms`, pairs and standalone values together.
    pub fn count_matching(&self, terms: &SearchTerms) -> usize {
        let paired = self.pairs.iter().flat_map(|pair| pair.shown(terms)).filter(|shown| *shown).count();
        paired + self.standalone_shown(terms).into_iter().filter(|shown| *shown).count()
    }

    /// Which standalone values `terms` shows, in order.
    pub fn standalone_shown(&self, terms: &SearchTerms) -> Vec<bool> {
        self.standalone_values.iter().map(|value| terms.matches(&value.search_text())).collect()
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

    /// The codes of pair 8's values that `query` shows.
    fn codes(query: &str) -> Vec<String> {
        let pair = pair_eight();
        let shown = pair.shown(&SearchTerms::parse(query));
        pair.values.iter().zip(shown).filter(|(_, shown)| *shown).map(|(value, _)| value.code.clone()).collect()
    }

    #[test]
    fn an_empty_query_matches_every_value() {
        assert!(SearchTerms::parse("   ").is_empty());
        assert_eq!(codes(""), ["8.1", "8.2"]);
    }

    #[test]
    fn search_ignores_case_and_finds_a_value_by_its_name() {
        assert_eq!(codes("KECEPATAN"), ["8.2"]);
    }

    #[test]
    fn search_finds_values_by_their_english_name_and_their_code() {
        assert_eq!(codes("speed"), ["8.2"]);
        assert_eq!(codes("8.1"), ["8.1"]);
    }

    #[test]
    fn every_term_must_match_but_terms_may_match_different_texts() {
        assert_eq!(codes("speed layanan"), ["8.2"]);
        assert!(codes("kecepatan kejujuran").is_empty());
    }

    #[test]
    fn a_query_matching_only_the_pair_shows_both_of_its_values() {
        assert_eq!(codes("hasil benar"), ["8.1", "8.2"]);
    }

    #[test]
    fn search_reaches_into_behaviour_indicators() {
        assert_eq!(codes("standar").len(), 2);
    }
}
