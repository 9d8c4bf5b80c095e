//! Whole numbers as JSON carries them. JSON Schema's `integer` admits `2026.0` as well as `2026` (it is the
//! same number), and clients built on floating point send the first; serde's integers take only the second.

use serde::{Deserializer, de};
use std::fmt;

/// A whole number read from `7` or `7.0`; `7.5` and numbers beyond `i64` are refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Whole(pub i64);

impl<'de> de::Deserialize<'de> for Whole {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `i64` as the hint: JSON then hands over floats as they are, and form encodings parse their text.
        deserializer.deserialize_i64(WholeVisitor)
    }
}

struct WholeVisitor;

impl de::Visitor<'_> for WholeVisitor {
    type Value = Whole;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a whole number")
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Whole, E> {
        Ok(Whole(n))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Whole, E> {
        i64::try_from(n).map(Whole).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(n), &self))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Whole, E> {
        // Beyond ±2^63 the cast saturates: refuse those rather than read a different number.
        if n.fract() == 0.0 && n.abs() < 9.2e18 {
            Ok(Whole(n as i64))
        } else {
            Err(E::invalid_value(de::Unexpected::Float(n), &self))
        }
    }
}

/// `#[serde(deserialize_with = "domain::number::whole")]` for an integer field of a request.
pub fn whole<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64>,
{
    let Whole(n) = de::Deserialize::deserialize(deserializer)?;
    T::try_from(n).map_err(|_| de::Error::invalid_value(de::Unexpected::Signed(n), &"a number in range"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Form {
        #[serde(deserialize_with = "whole")]
        count: u8,
    }

    fn count(json: &str) -> Option<u8> {
        serde_json::from_str::<Form>(json).ok().map(|form| form.count)
    }

    #[test]
    fn a_whole_number_is_read_with_or_without_a_fraction_of_zero() {
        assert_eq!(count(r#"{"count": 16}"#), Some(16));
        assert_eq!(count(r#"{"count": 16.0}"#), Some(16));
        assert_eq!(count(r#"{"count": 1.6e1}"#), Some(16));
    }

    #[test]
    fn fractions_text_and_numbers_out_of_range_are_refused() {
        assert_eq!(count(r#"{"count": 16.5}"#), None);
        assert_eq!(count(r#"{"count": "16"}"#), None);
        assert_eq!(count(r#"{"count": 256}"#), None);
        assert_eq!(count(r#"{"count": -1.0}"#), None);
        assert_eq!(count(r#"{"count": 1e300}"#), None);
    }
}
