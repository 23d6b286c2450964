//! Reading JSON (the API's answers, and what the widget keeps in `localStorage`) into the core's
//! types, through their serde `Deserialize`.
//!
//! Written here rather than taken from serde_json, which still writes the requests: serde_json's
//! reader composes a message for every error it can report, and those messages print floats and
//! escape strings. That brought Rust's float formatting and Unicode tables into the first view of
//! a widget that never shows them; reading with this instead made the first view 19.3 KiB brotli
//! smaller (BENCHMARKS.md). Its one error says only that the text is not what was expected.
//!
//! It reads RFC 8259 JSON, all the server writes. Enums are read from their names (the API has
//! no enum carrying data). Numbers with a fraction or an exponent are computed as digits times a
//! power of ten, exact for the API's only fractions (medians of days, `x.5`) and within a unit
//! in the last place otherwise.

mod deserializer;
mod error;
mod reader;

use serde::de::DeserializeOwned;

pub use error::{Invalid, Result};
use reader::Reader;

/// Reads `text`, which must hold one value and nothing else but white space.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T> {
    let mut reader = Reader::new(text);
    let value = T::deserialize(&mut reader)?;
    match reader.peek() {
        None => Ok(value),
        Some(_) => Err(Invalid),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use pentahelix_core::api::{Initiative, Page, Problem};
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Sample {
        text: String,
        #[serde(default)]
        maybe: Option<i64>,
        list: Vec<f64>,
        map: BTreeMap<String, bool>,
        id: Id,
        kind: Kind,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Id(u32);

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Open,
        InProgress,
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let text = r#" {"text":"Kopi \"Dago\" \\ \/ \n \u00e9 \ud83d\ude00 ü","maybe":null,
            "list":[0, -2, 1.5, 2.5e3, -1E-2, 12345678901234567890123],
            "map":{"a":true,"b":false},"id":7,"kind":"in_progress","extra":{"x":[1,{"y":null}]}} "#;
        let ours: Sample = from_str(text).unwrap();
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(ours.text, theirs["text"].as_str().unwrap());
        assert_eq!(ours.text, "Kopi \"Dago\" \\ / \n é 😀 ü");
        assert_eq!(ours.maybe, None);
        assert_eq!(ours.list[..5], [0.0, -2.0, 1.5, 2500.0, -0.01]);
        assert!((ours.list[5] / 1.234_567_890_123_456_8e22 - 1.0).abs() < 1e-15);
        assert!(ours.map["a"] && !ours.map["b"]);
        assert_eq!(ours.id, Id(7));
        assert_eq!(ours.kind, Kind::InProgress);
        let ours: serde_json::Value = from_str(text).unwrap();
        assert_eq!(ours["extra"], theirs["extra"]);
        assert_eq!(from_str::<i64>("-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(from_str::<u64>("18446744073709551615"), Ok(u64::MAX));
        assert_eq!(from_str::<Option<Kind>>("\"open\""), Ok(Some(Kind::Open)));
    }

    #[test]
    fn refuses_what_is_not_json_or_not_the_type() {
        for wrong in [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{a:1}",
            "\"open",
            "\"\\x\"",
            "\"\\ud83d\"",
            "\"tab\there\"",
            "01x",
            "-",
            "1.",
            "1e",
            "nul",
            "true false",
        ] {
            assert_eq!(
                from_str::<serde_json::Value>(wrong),
                Err(Invalid),
                "{wrong:?}"
            );
        }
        assert_eq!(from_str::<Kind>("\"closed\""), Err(Invalid));
        assert_eq!(from_str::<u32>("-1"), Err(Invalid));
        assert_eq!(from_str::<Sample>(r#"{"text":"x"}"#), Err(Invalid));
    }

    /// The types the widget reads, written by the server's serializer.
    #[test]
    fn reads_the_api_as_the_server_writes_it() {
        let initiative = serde_json::json!({
            "id": 12, "title": "Festival Kopi Coblong", "description": "Pameran kopi lokal.",
            "region": "32.73.02", "subsectors": ["kuliner"],
            "needs": [{"resource": "venue", "helix": "government", "fulfilled": false}],
            "starts_on": "2027-03-01", "status": "open", "coverage": ["community"],
            "pledge_count": 0, "created_at": "2026-12-01T02:05:07.123456Z",
            "updated_at": "2026-12-01T02:05:07Z"
        });
        let page = serde_json::json!({ "items": [initiative], "next_cursor": null });
        let text = serde_json::to_string(&page).unwrap();
        let ours: Page<Initiative> = from_str(&text).unwrap();
        let theirs: Page<Initiative> = serde_json::from_str(&text).unwrap();
        assert_eq!(ours, theirs);

        let problem = r#"{"type":"/api/problems/validation","title":"t","status":422,"detail":"d","errors":{"title":"Wajib diisi."}}"#;
        assert_eq!(
            from_str::<Problem>(problem).unwrap(),
            serde_json::from_str::<Problem>(problem).unwrap()
        );
    }
}
