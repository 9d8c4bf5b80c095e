//! Validated text: raw input becomes one of these once, at the edge, and is trusted from then on.

use crate::locale::Locale;
use serde::{Deserialize, Serialize};

/// Why a piece of text was rejected. `message` says it in the user's language.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum TextError {
    /// Nothing but whitespace.
    #[error("empty")]
    Empty,
    /// Longer than the field allows.
    #[error("longer than {max} characters")]
    TooLong {
        /// The limit, in characters.
        max: usize,
    },
    /// A control character (NUL, escape and the like), which no field accepts: databases refuse some, and
    /// the rest only hide text from whoever reads it.
    #[error("control character {found:?}")]
    Control {
        /// The first one.
        found: char,
    },
    /// A character the field does not accept.
    #[error("invalid character {found:?}")]
    InvalidChar {
        /// The first offending character.
        found: char,
    },
}

impl TextError {
    /// The rejection as a sentence for the user.
    pub fn message(&self, locale: Locale) -> String {
        match (self, locale) {
            (TextError::Empty, Locale::Id) => "Wajib diisi.".into(),
            (TextError::Empty, Locale::En) => "Required.".into(),
            (TextError::TooLong { max }, Locale::Id) => format!("Paling banyak {max} karakter."),
            (TextError::TooLong { max }, Locale::En) => format!("At most {max} characters."),
            (TextError::Control { found }, Locale::Id) => {
                format!("Teks berisi karakter kontrol {found:?} yang tidak diperbolehkan; hapus karakter itu.")
            }
            (TextError::Control { found }, Locale::En) => {
                format!("The text contains the control character {found:?}, which is not allowed; remove it.")
            }
            (TextError::InvalidChar { found }, Locale::Id) => {
                format!("Karakter {found:?} tidak diperbolehkan; gunakan huruf besar, angka, titik atau tanda hubung.")
            }
            (TextError::InvalidChar { found }, Locale::En) => {
                format!("Character {found:?} is not allowed; use capital letters, digits, dots or hyphens.")
            }
        }
    }
}

/// Refuses control characters other than line breaks and tabs.
fn no_controls(text: &str) -> Result<(), TextError> {
    match text.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        Some(found) => Err(TextError::Control { found }),
        None => Ok(()),
    }
}

/// Refuses input longer than `max` characters as typed (before any trimming), so the limit is the one the API
/// document can state (`maxLength` counts the characters sent).
fn at_most(raw: &str, max: usize) -> Result<(), TextError> {
    if raw.chars().count() > max { Err(TextError::TooLong { max }) } else { Ok(()) }
}

/// Trims, collapses inner runs of whitespace and checks the length in characters.
fn normalise(raw: &str, max: usize) -> Result<String, TextError> {
    no_controls(raw)?;
    at_most(raw, max)?;
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Err(TextError::Empty);
    }
    Ok(text)
}

/// Free text of a form field (a reason, a description, a result): trimmed, inner line breaks kept, 1 to `max`
/// characters.
pub fn parse_text(raw: &str, max: usize) -> Result<String, TextError> {
    no_controls(raw)?;
    at_most(raw, max)?;
    // Every line break becomes `\n` (Windows `\r\n` and old Mac `\r` alike), so parsing again changes nothing.
    let text = raw.trim().replace("\r\n", "\n").replace('\r', "\n");
    if text.is_empty() {
        return Err(TextError::Empty);
    }
    Ok(text)
}

/// Like [`parse_text`], but blank input is simply absent.
pub fn parse_optional_text(raw: Option<&str>, max: usize) -> Result<Option<String>, TextError> {
    let Some(raw) = raw else { return Ok(None) };
    at_most(raw, max)?;
    if raw.trim().is_empty() { Ok(None) } else { parse_text(raw, max).map(Some) }
}

/// A human-readable name (of an org unit, a framework, a value): 1 to 200 characters, whitespace tidied.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Name(String);

impl Name {
    /// Longest accepted name, in characters.
    pub const MAX: usize = 200;

    /// Parses a raw name.
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        normalise(raw, Self::MAX).map(Self)
    }
}

/// A short stable code of an org unit (e.g. `64.74` for Kota Bontang, `64.74.DLH` for its DLH):
/// capital letters, digits, `.` and `-`, starting with a letter or digit, at most 40 characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrgCode(String);

impl OrgCode {
    /// Longest accepted code, in characters.
    pub const MAX: usize = 40;

    /// Parses a raw code; lower-case letters are accepted and upper-cased (ASCII only: `ß` must not become `SS`).
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        at_most(raw, Self::MAX)?;
        let code = raw.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(TextError::Empty);
        }
        let allowed = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.' || c == '-';
        if let Some(found) = code.chars().find(|&c| !allowed(c)) {
            return Err(TextError::InvalidChar { found });
        }
        if let Some(found) = code.chars().next().filter(|c| !c.is_ascii_alphanumeric()) {
            return Err(TextError::InvalidChar { found });
        }
        Ok(Self(code))
    }
}

/// `AsRef<str>`, `Display`, `TryFrom<String>` (through `parse`) and `Into<String>` for string newtypes whose
/// `parse` fails with `$error`.
macro_rules! string_newtype_impls {
    ($error:ty => $($name:ident),+) => {$(
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = $error;

            fn try_from(raw: String) -> Result<Self, Self::Error> {
                Self::parse(&raw)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }
    )+};
}

pub(crate) use string_newtype_impls;

string_newtype_impls!(TextError => Name, OrgCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed_and_its_inner_whitespace_collapsed() {
        let name = Name::parse("  Dinas   Lingkungan\tHidup ").map(String::from);
        assert_eq!(name.as_deref(), Ok("Dinas Lingkungan Hidup"));
    }

    #[test]
    fn a_blank_name_is_rejected_as_empty() {
        assert_eq!(Name::parse(" \n "), Err(TextError::Empty));
    }

    #[test]
    fn a_name_is_measured_in_characters_not_bytes() {
        assert!(Name::parse(&"é".repeat(Name::MAX)).is_ok());
        assert_eq!(Name::parse(&"é".repeat(Name::MAX + 1)), Err(TextError::TooLong { max: Name::MAX }));
    }

    #[test]
    fn the_limit_counts_the_characters_as_typed_as_the_api_document_says() {
        let padded = format!("  {}  ", "a".repeat(Name::MAX - 2));
        assert_eq!(Name::parse(&padded), Err(TextError::TooLong { max: Name::MAX }));
        assert_eq!(parse_optional_text(Some(&" ".repeat(7)), 6), Err(TextError::TooLong { max: 6 }));
        assert_eq!(parse_optional_text(Some("  "), 6), Ok(None));
    }

    #[test]
    fn an_org_code_folds_only_ascii_letters() {
        assert_eq!(OrgCode::parse("stra\u{df}e"), Err(TextError::InvalidChar { found: '\u{df}' }));
    }

    #[test]
    fn an_org_code_is_upper_cased() {
        assert_eq!(OrgCode::parse(" 64.74.dlh ").map(String::from).as_deref(), Ok("64.74.DLH"));
    }

    #[test]
    fn an_org_code_rejects_spaces_slashes_and_a_leading_dot() {
        assert_eq!(OrgCode::parse("64 74"), Err(TextError::InvalidChar { found: ' ' }));
        assert_eq!(OrgCode::parse("../etc"), Err(TextError::InvalidChar { found: '/' }));
        assert_eq!(OrgCode::parse(".64"), Err(TextError::InvalidChar { found: '.' }));
        assert_eq!(OrgCode::parse("-1"), Err(TextError::InvalidChar { found: '-' }));
    }

    #[test]
    fn every_rejection_has_a_message_in_both_languages() {
        for error in [TextError::Empty, TextError::TooLong { max: 3 }, TextError::InvalidChar { found: '/' }] {
            assert_ne!(error.message(Locale::Id), error.message(Locale::En));
        }
    }

    #[test]
    fn deserialising_runs_the_same_validation() {
        let parsed: Result<OrgCode, _> = serde_json::from_str("\"a b\"");
        assert!(parsed.is_err());
    }
}
