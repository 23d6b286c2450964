//! Integers in request bodies as JSON has them: `12` and `12.0` are the same number, JSON Schema
//! (and so the API document) calls both integers, and some clients write the second (Python's
//! `json` given a float, a spreadsheet export). serde's own `i64` takes only the first.

use serde::Deserializer;
use serde::de::{Error, Unexpected, Visitor};

/// For `#[serde(deserialize_with)]` on an id or count.
pub fn deserialize<'de, D: Deserializer<'de>, T: From<i64>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_any(Integer).map(T::from)
}

struct Integer;

/// 2^63: every `f64` below it in magnitude with no fraction is an `i64`.
const LIMIT: f64 = 9_223_372_036_854_775_808.0;

impl Visitor<'_> for Integer {
    type Value = i64;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an integer")
    }

    fn visit_i64<E: Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: Error>(self, v: f64) -> Result<i64, E> {
        if v.fract() == 0.0 && (-LIMIT..LIMIT).contains(&v) {
            Ok(v as i64)
        } else {
            Err(E::invalid_value(Unexpected::Float(v), &self))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::api::{PledgeInput, ReportInput};

    #[test]
    fn a_whole_number_written_with_a_fraction_is_an_integer() {
        let report: ReportInput =
            serde_json::from_str(r#"{"target":"initiative","id":12.0,"reason":"spam"}"#).unwrap();
        assert_eq!(report.id, 12);
        let pledge: PledgeInput =
            serde_json::from_str(r#"{"stakeholder_id":7,"resource":"venue","message":""}"#)
                .unwrap();
        assert_eq!(pledge.stakeholder_id.0, 7);
    }

    #[test]
    fn fractions_and_numbers_beyond_i64_are_refused() {
        for id in ["12.5", "9223372036854775808", "1e19", "\"12\""] {
            let json = format!(r#"{{"target":"initiative","id":{id},"reason":"spam"}}"#);
            assert!(serde_json::from_str::<ReportInput>(&json).is_err(), "{id}");
        }
    }
}
