//! What each kind of request field accepts, in the keywords of JSON Schema (`pattern`, `minLength`,
//! `maxLength`), so the API document states the rules the parsers apply. The tests below hold each rule to its
//! parser on generated input: a string matches the rule exactly when the parser takes it.
//!
//! Patterns use only what ECMA-262, Python's `re` (schemathesis) and the `regex` crate read alike.

use crate::{
    account::{AccountError, Email, Password},
    kbk::ActionError,
    locale::Locale,
    programme::{ChoiceError, RulesError},
    text::{Name, OrgCode, TextError},
    time::format_date,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why a field was refused: a code with its parameters, worded in the reader's language where it is shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", content = "detail", rename_all = "snake_case")]
pub enum Problem {
    /// Free text that breaks its rule.
    Text(TextError),
    /// An account field (username, NIP, e-mail, password) that breaks its rule.
    Account(AccountError),
    /// An action that breaks a rule of actions.
    Action(ActionError),
    /// A value choice that breaks a rule of the year.
    Choice(ChoiceError),
    /// Programme-year settings that break their rules.
    Rules(RulesError),
    /// Not a calendar date.
    NotADate,
    /// Not a whole number.
    NotAWholeNumber,
    /// Not one of the options offered.
    NotAnOption,
    /// A decree (SK) needs its number and its date, or neither.
    DecreeHalf,
    /// A new due date that is not after the one in force.
    DueNotAfter {
        /// The due date in force.
        due: NaiveDate,
    },
}

impl Problem {
    /// The refusal as a sentence for the reader.
    pub fn message(&self, locale: Locale) -> String {
        match (self, locale) {
            (Problem::Text(error), _) => error.message(locale),
            (Problem::Account(error), _) => error.message(locale).to_owned(),
            (Problem::Action(error), _) => error.message(locale),
            (Problem::Choice(error), _) => error.message(locale),
            (Problem::Rules(error), _) => error.message(locale).to_owned(),
            (Problem::NotADate, Locale::Id) => "Bukan tanggal yang valid.".into(),
            (Problem::NotADate, Locale::En) => "Not a valid date.".into(),
            (Problem::NotAWholeNumber, Locale::Id) => "Isi dengan bilangan bulat.".into(),
            (Problem::NotAWholeNumber, Locale::En) => "Enter a whole number.".into(),
            (Problem::NotAnOption, Locale::Id) => "Pilih salah satu dari daftar.".into(),
            (Problem::NotAnOption, Locale::En) => "Choose one from the list.".into(),
            (Problem::DecreeHalf, Locale::Id) => {
                "Isi nomor dan tanggal SK bersama-sama, atau kosongkan keduanya.".into()
            }
            (Problem::DecreeHalf, Locale::En) => "Give the decree's number and date together, or neither.".into(),
            (Problem::DueNotAfter { due }, Locale::Id) => {
                format!("Batas waktu baru harus setelah batas yang berlaku ({}).", format_date(*due, locale))
            }
            (Problem::DueNotAfter { due }, Locale::En) => {
                format!("The new due date must be after the one in force ({}).", format_date(*due, locale))
            }
        }
    }

    /// Whether the message needs its field's label before it to be read alone (as in a list of problems):
    /// "Required." does, "A NIP has exactly 18 digits." does not.
    pub const fn needs_label(&self) -> bool {
        matches!(self, Problem::Text(_) | Problem::NotADate | Problem::NotAWholeNumber | Problem::NotAnOption)
    }
}

/// One refused field of a request: its name as the request spells it (so a form can place the message beside
/// it), and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    /// The field's name in the request (`title`, `started_on`, `values`).
    pub field: String,
    /// What is wrong with it.
    pub problem: Problem,
}

impl FieldProblem {
    /// `field` refused for `problem`.
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        FieldProblem { field: field.into(), problem }
    }

    /// The refusal as a sentence that stands alone, for readers without the form: prefixed with the field's
    /// request name where the message does not name it.
    pub fn sentence(&self, locale: Locale) -> String {
        let message = self.problem.message(locale);
        if self.problem.needs_label() { format!("{}: {message}", self.field) } else { message }
    }
}

/// The refusals of one form's fields, gathered so that all of them are reported at once.
#[derive(Debug, Default)]
pub struct Problems(Vec<FieldProblem>);

impl Problems {
    /// The value of `parsed`, or `None` with its error noted against `field` as the problem `why` makes of it.
    pub fn check<T, E>(&mut self, field: &str, parsed: Result<T, E>, why: impl FnOnce(E) -> Problem) -> Option<T> {
        parsed.map_err(|error| self.add(field, why(error))).ok()
    }

    /// Notes a refusal of `field`.
    pub fn add(&mut self, field: &str, problem: Problem) {
        self.0.push(FieldProblem::new(field, problem));
    }

    /// Whether nothing was refused.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The refusals, in the order noted.
    pub fn into_vec(self) -> Vec<FieldProblem> {
        self.0
    }
}

/// The characters Rust's `char::is_whitespace` (and so `str::trim`) knows, as a character-class body.
const SPACE: &str = r"\t\n\u000B\u000C\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";
/// Any character a text field accepts: everything but control characters other than tab and line breaks.
const TEXT_CHAR: &str = r"[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]";
/// A character that makes a text non-blank: neither a control character nor whitespace.
const SOLID_CHAR: &str = r"[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]";

/// The rule of one kind of field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldRule {
    /// Required free text ([`crate::text::parse_text`], or a [`Name`] when `max` is [`Name::MAX`]).
    Text {
        /// Most characters, as typed.
        max: usize,
    },
    /// Free text that may be blank, which means absent ([`crate::text::parse_optional_text`]).
    OptionalText {
        /// Most characters, as typed.
        max: usize,
    },
    /// [`OrgCode`].
    OrgCode,
    /// [`crate::account::Username`].
    Username,
    /// A new [`Password`].
    Password,
    /// [`crate::account::Nip`]'s digits, or blank for none ([`crate::account::Nip::parse_optional`]); the date
    /// structure inside is checked on arrival.
    OptionalNip,
    /// [`Email`], or blank for none ([`Email::parse_optional`]).
    OptionalEmail,
}

impl FieldRule {
    /// A [`Name`].
    pub const NAME: FieldRule = FieldRule::Text { max: Name::MAX };

    /// The `pattern` keyword (anchored), if the rule has one.
    pub fn pattern(self) -> Option<String> {
        let blank = format!("[{SPACE}]*");
        match self {
            FieldRule::Text { .. } => Some(format!("^{TEXT_CHAR}*{SOLID_CHAR}{TEXT_CHAR}*$")),
            FieldRule::OptionalText { .. } => Some(format!("^(?:{blank}|{TEXT_CHAR}*{SOLID_CHAR}{TEXT_CHAR}*)$")),
            FieldRule::OrgCode => Some(format!("^{blank}[A-Za-z0-9][A-Za-z0-9.-]*{blank}$")),
            FieldRule::Username => Some(format!("^{blank}[A-Za-z0-9][A-Za-z0-9._-]{{2,31}}{blank}$")),
            FieldRule::Password => None,
            FieldRule::OptionalNip => Some(format!("^{blank}(?:[0-9]{blank}){{18}}$|^{blank}$")),
            FieldRule::OptionalEmail => {
                let part = format!("[^{SPACE}\\u0000-\\u001F\\u007F-\\u009F@]+");
                Some(format!("^{blank}{part}@{part}{blank}$|^{blank}$"))
            }
        }
    }

    /// The `minLength` keyword, if the rule has one.
    pub const fn min_length(self) -> Option<usize> {
        match self {
            FieldRule::Text { .. } | FieldRule::OrgCode => Some(1),
            FieldRule::Password => Some(Password::MIN),
            _ => None,
        }
    }

    /// The `maxLength` keyword (in characters), if the rule has one.
    pub const fn max_length(self) -> Option<usize> {
        match self {
            FieldRule::Text { max } | FieldRule::OptionalText { max } => Some(max),
            FieldRule::OrgCode => Some(OrgCode::MAX),
            FieldRule::Password => Some(Password::MAX),
            FieldRule::OptionalEmail => Some(Email::MAX),
            FieldRule::Username | FieldRule::OptionalNip => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        account::{Nip, Username},
        text::{parse_optional_text, parse_text},
    };
    use proptest::prelude::*;

    #[test]
    fn a_field_problem_is_worded_in_the_readers_language_and_named_where_its_message_does_not_say_which() {
        let blank = FieldProblem::new("name", Problem::Text(TextError::Empty));
        assert_eq!(blank.problem.message(Locale::Id), "Wajib diisi.");
        assert_eq!(blank.problem.message(Locale::En), "Required.");
        assert_eq!(blank.sentence(Locale::Id), "name: Wajib diisi.");
        let nip = FieldProblem::new("nip", Problem::Account(AccountError::NipLength));
        assert_eq!(nip.sentence(Locale::En), "A NIP has exactly 18 digits.");
        let late = Problem::DueNotAfter { due: NaiveDate::from_ymd_opt(2026, 10, 10).expect("date") };
        assert!(late.message(Locale::Id).contains("10 Okt 2026"), "{}", late.message(Locale::Id));
    }

    #[test]
    fn a_field_problem_survives_the_trip_to_the_browser_as_a_code_with_its_detail() {
        let problem = FieldProblem::new("attendees", Problem::Action(ActionError::TooManyAttendees));
        let json = serde_json::to_value(&problem).expect("serialise");
        assert_eq!(json["problem"]["code"], "action");
        assert_eq!(serde_json::from_value::<FieldProblem>(json).expect("deserialise"), problem);
    }

    /// Whether the rule, as a schema validator reads it, takes `raw`.
    fn schema_accepts(rule: FieldRule, raw: &str) -> bool {
        let length = raw.chars().count();
        let pattern = rule.pattern().map(|p| regex::Regex::new(&p).expect("the pattern compiles"));
        pattern.is_none_or(|p| p.is_match(raw))
            && rule.min_length().is_none_or(|min| length >= min)
            && rule.max_length().is_none_or(|max| length <= max)
    }

    /// Whether the parser behind the rule takes `raw`.
    fn parser_accepts(rule: FieldRule, raw: &str) -> bool {
        match rule {
            FieldRule::Text { max } => {
                let taken = parse_text(raw, max).is_ok();
                if max == Name::MAX {
                    assert_eq!(taken, Name::parse(raw).is_ok(), "a name and a text differ on {raw:?}");
                }
                taken
            }
            FieldRule::OptionalText { max } => parse_optional_text(Some(raw), max).is_ok(),
            FieldRule::OrgCode => OrgCode::parse(raw).is_ok(),
            FieldRule::Username => Username::parse(raw).is_ok(),
            FieldRule::Password => Password::parse(raw).is_ok(),
            // The NIP's date structure is beyond a pattern: only its shape is compared.
            FieldRule::OptionalNip => {
                !matches!(Nip::parse_optional(Some(raw)), Err(crate::account::AccountError::NipLength))
            }
            FieldRule::OptionalEmail => Email::parse_optional(Some(raw)).is_ok(),
        }
    }

    /// Strings near every edge of the rules: letters of both cases, digits, the punctuation codes and names
    /// use, every kind of whitespace, control characters, and letters whose case folding leaves ASCII.
    fn edgy(max_len: usize) -> impl Strategy<Value = String> {
        let alphabet = prop::sample::select(vec![
            'a',
            'Z',
            'k',
            '0',
            '9',
            '.',
            '-',
            '_',
            '@',
            '/',
            ' ',
            '\t',
            '\n',
            '\r',
            '\u{b}',
            '\u{c}',
            '\u{0}',
            '\u{1b}',
            '\u{7f}',
            '\u{85}',
            '\u{9f}',
            '\u{a0}',
            '\u{2003}',
            '\u{3000}',
            '\u{feff}',
            'é',
            'ß',
            '\u{212a}',
            'İ',
            '\u{1f600}',
        ]);
        prop::collection::vec(alphabet, 0..max_len).prop_map(|chars| chars.into_iter().collect())
    }

    const RULES: [FieldRule; 9] = [
        FieldRule::Text { max: 6 },
        FieldRule::NAME,
        FieldRule::OptionalText { max: 6 },
        FieldRule::OrgCode,
        FieldRule::Username,
        FieldRule::Password,
        FieldRule::OptionalNip,
        FieldRule::OptionalEmail,
        FieldRule::Text { max: 300 },
    ];

    proptest! {
        #[test]
        fn every_rule_takes_exactly_what_its_parser_takes(raw in edgy(45)) {
            for rule in RULES {
                prop_assert_eq!(schema_accepts(rule, &raw), parser_accepts(rule, &raw), "{:?} on {:?}", rule, raw);
            }
        }

        #[test]
        fn digit_strings_meet_the_nip_shape_exactly_when_the_parser_does(
            raw in prop::collection::vec(prop::sample::select(vec!['1', '9', ' ', '\u{a0}', 'x']), 0..24)
                .prop_map(|chars| chars.into_iter().collect::<String>())
        ) {
            prop_assert_eq!(
                schema_accepts(FieldRule::OptionalNip, &raw),
                parser_accepts(FieldRule::OptionalNip, &raw),
                "{:?}", raw
            );
        }
    }

    #[test]
    fn limits_at_the_edge_are_inside_and_one_more_is_outside() {
        for (rule, longest) in [(FieldRule::NAME, Name::MAX), (FieldRule::OrgCode, OrgCode::MAX)] {
            let at = "A".repeat(longest);
            let over = "A".repeat(longest + 1);
            assert!(schema_accepts(rule, &at) && parser_accepts(rule, &at));
            assert!(!schema_accepts(rule, &over) && !parser_accepts(rule, &over));
        }
        let username = "a".repeat(32);
        assert!(schema_accepts(FieldRule::Username, &username) && parser_accepts(FieldRule::Username, &username));
        let password = "p".repeat(Password::MIN);
        assert!(schema_accepts(FieldRule::Password, &password) && parser_accepts(FieldRule::Password, &password));
    }
}
