//! What each kind of request field accepts, in the keywords of JSON Schema (`pattern`, `minLength`,
//! `maxLength`), so the API document states the rules the parsers apply. The tests below hold each rule to its
//! parser on generated input: a string matches the rule exactly when the parser takes it.
//!
//! Patterns use only what ECMA-262, Python's `re` (schemathesis) and the `regex` crate read alike.

use crate::{
    account::{Email, Password},
    text::{Name, OrgCode},
};
use serde::{Deserialize, Serialize};

/// One refused field of a request: its name as the request spells it (so a form can place the message beside
/// it), and why, as a sentence for the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldProblem {
    /// The field's name in the request (`title`, `started_on`, `values`).
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl FieldProblem {
    /// `field` refused with `message`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldProblem { field: field.into(), message: message.into() }
    }
}

/// The characters Rust's `char::is_whitespace` (and so `str::trim`) knows, as a character-class body.
const SPACE: &str = r"\t\n\u000B\u000C\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";
/// Any character a text field accepts: everything but control characters other than tab and line breaks.
const TEXT_CHAR: &str = r"[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]";
/// A character that makes a text non-blank: neither a control character nor whitespace.
const SOLID_CHAR: &str = r"[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]";

/// The refusals of one form's fields, gathered so that all of them are reported at once.
#[derive(Debug, Default)]
pub struct Problems(Vec<FieldProblem>);

impl Problems {
    /// The value of `parsed`, or `None` with its error noted against `field` as `message` words it.
    pub fn check<T, E>(&mut self, field: &str, parsed: Result<T, E>, message: impl FnOnce(E) -> String) -> Option<T> {
        parsed.map_err(|error| self.add(field, message(error))).ok()
    }

    /// Notes a refusal of `field`.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldProblem::new(field, message));
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
