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

use std::fmt;

use serde::de::value::StrDeserializer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};

/// The text is not the JSON of the type asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid;

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not the JSON expected")
    }
}

impl std::error::Error for Invalid {}

/// Every constructor is written out, so none composes the message serde's defaults would.
impl de::Error for Invalid {
    fn custom<T: fmt::Display>(_: T) -> Invalid {
        Invalid
    }

    fn invalid_type(_: de::Unexpected, _: &dyn de::Expected) -> Invalid {
        Invalid
    }

    fn invalid_value(_: de::Unexpected, _: &dyn de::Expected) -> Invalid {
        Invalid
    }

    fn invalid_length(_: usize, _: &dyn de::Expected) -> Invalid {
        Invalid
    }

    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Invalid {
        Invalid
    }

    fn unknown_field(_: &str, _: &'static [&'static str]) -> Invalid {
        Invalid
    }

    fn missing_field(_: &'static str) -> Invalid {
        Invalid
    }

    fn duplicate_field(_: &'static str) -> Invalid {
        Invalid
    }
}

type Result<T> = std::result::Result<T, Invalid>;

/// Reads `text`, which must hold one value and nothing else but white space.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T> {
    let mut reader = Reader { text, at: 0 };
    let value = T::deserialize(&mut reader)?;
    match reader.peek() {
        None => Ok(value),
        Some(_) => Err(Invalid),
    }
}

struct Reader<'de> {
    text: &'de str,
    /// A byte offset, always at a character boundary.
    at: usize,
}

/// What a value starts with: the whole of a scalar, or the opening of a list or an object.
enum Token<'de> {
    Null,
    Bool(bool),
    Borrowed(&'de str),
    Owned(String),
    Unsigned(u64),
    Negative(i64),
    Float(f64),
    List,
    Object,
}

impl<'de> Reader<'de> {
    /// The next byte that is not white space, not taken.
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.at) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(Invalid)
        }
    }

    /// Kept apart from the generic `deserialize_any`, so each type read gets only a dispatch.
    fn token(&mut self) -> Result<Token<'de>> {
        let first = self.peek().ok_or(Invalid)?;
        let rest = &self.text.as_bytes()[self.at..];
        let word = |word: &str, token: Token<'de>| {
            rest.starts_with(word.as_bytes())
                .then_some((word.len(), token))
                .ok_or(Invalid)
        };
        let (length, token) = match first {
            b'n' => word("null", Token::Null)?,
            b't' => word("true", Token::Bool(true))?,
            b'f' => word("false", Token::Bool(false))?,
            b'[' => (1, Token::List),
            b'{' => (1, Token::Object),
            b'"' => {
                self.at += 1;
                return self.string();
            }
            _ => return self.number(),
        };
        self.at += length;
        Ok(token)
    }

    /// A string, after its opening quote: borrowed from the text when it has no escapes.
    fn string(&mut self) -> Result<Token<'de>> {
        let bytes = self.text.as_bytes();
        let mut owned: Option<String> = None;
        let mut from = self.at;
        loop {
            match *bytes.get(self.at).ok_or(Invalid)? {
                b'"' => {
                    let tail = self.text.get(from..self.at).ok_or(Invalid)?;
                    self.at += 1;
                    return Ok(match owned {
                        None => Token::Borrowed(tail),
                        Some(mut text) => {
                            text.push_str(tail);
                            Token::Owned(text)
                        }
                    });
                }
                b'\\' => {
                    let text = owned.get_or_insert_with(String::new);
                    text.push_str(self.text.get(from..self.at).ok_or(Invalid)?);
                    let escaped = *bytes.get(self.at + 1).ok_or(Invalid)?;
                    self.at += 2;
                    text.push(match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.escaped_char()?,
                        _ => return Err(Invalid),
                    });
                    from = self.at;
                }
                0..=0x1f => return Err(Invalid),
                _ => self.at += 1,
            }
        }
    }

    /// The character of `\uXXXX` (after the `\u`), or of a surrogate pair `\uD83D\uDE00`.
    fn escaped_char(&mut self) -> Result<char> {
        let high = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if self.text.as_bytes().get(self.at..self.at + 2) != Some(b"\\u") {
                return Err(Invalid);
            }
            self.at += 2;
            let low = self.hex4()?;
            if !(0xDC00..0xE000).contains(&low) {
                return Err(Invalid);
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else {
            high
        };
        char::from_u32(code).ok_or(Invalid)
    }

    fn hex4(&mut self) -> Result<u32> {
        let digits = self
            .text
            .as_bytes()
            .get(self.at..self.at + 4)
            .ok_or(Invalid)?;
        self.at += 4;
        digits
            .iter()
            .try_fold(0, |n, &d| Some(n * 16 + char::from(d).to_digit(16)?))
            .ok_or(Invalid)
    }

    fn number(&mut self) -> Result<Token<'de>> {
        let bytes = self.text.as_bytes();
        let negative = bytes.get(self.at) == Some(&b'-');
        if negative {
            self.at += 1;
        }
        let (mut mantissa, mut exponent, read) = self.digits(0, false);
        if read == 0 {
            return Err(Invalid);
        }
        let mut whole = true;
        if bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            let (with_fraction, places, read) = self.digits(mantissa, true);
            if read == 0 {
                return Err(Invalid);
            }
            (mantissa, exponent, whole) = (with_fraction, exponent + places, false);
        }
        if matches!(bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            let sign = match bytes.get(self.at) {
                Some(b'-') => -1,
                Some(b'+') => 1,
                _ => 0,
            };
            self.at += usize::from(sign != 0);
            let (power, _, read) = self.digits(0, false);
            if read == 0 {
                return Err(Invalid);
            }
            let power = i32::try_from(power.min(999)).unwrap_or(999);
            (exponent, whole) = (exponent + if sign < 0 { -power } else { power }, false);
        }
        if whole && exponent == 0 {
            if !negative {
                return Ok(Token::Unsigned(mantissa));
            }
            if mantissa <= 1 << 63 {
                return Ok(Token::Negative((mantissa as i64).wrapping_neg()));
            }
        }
        let scale = 10f64.powi(exponent.clamp(-999, 999).abs());
        let magnitude = if mantissa == 0 {
            0.0
        } else if exponent < 0 {
            mantissa as f64 / scale
        } else {
            mantissa as f64 * scale
        };
        Ok(Token::Float(if negative { -magnitude } else { magnitude }))
    }

    /// Decimal digits appended to `value` as long as it fits a `u64`: the value, the power of ten
    /// it stands for (digits of a whole number that did not fit count up, with `fraction` the
    /// places that did count down), and how many digits were read.
    fn digits(&mut self, mut value: u64, fraction: bool) -> (u64, i32, usize) {
        let (mut exponent, mut read, mut full) = (0, 0, false);
        while let Some(d @ b'0'..=b'9') = self.text.as_bytes().get(self.at).copied() {
            match value
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(d - b'0')))
            {
                Some(next) if !full => {
                    value = next;
                    exponent -= i32::from(fraction);
                }
                _ => {
                    full = true;
                    exponent += i32::from(!fraction);
                }
            }
            self.at += 1;
            read += 1;
        }
        (value, exponent, read)
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Invalid;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.token()? {
            Token::Null => visitor.visit_unit(),
            Token::Bool(b) => visitor.visit_bool(b),
            Token::Borrowed(text) => visitor.visit_borrowed_str(text),
            Token::Owned(text) => visitor.visit_string(text),
            Token::Unsigned(n) => visitor.visit_u64(n),
            Token::Negative(n) => visitor.visit_i64(n),
            Token::Float(x) => visitor.visit_f64(x),
            Token::List => {
                let value = visitor.visit_seq(Items {
                    reader: &mut *self,
                    first: true,
                })?;
                self.expect(b']')?;
                Ok(value)
            }
            Token::Object => {
                let value = visitor.visit_map(Items {
                    reader: &mut *self,
                    first: true,
                })?;
                self.expect(b'}')?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.peek() == Some(b'n') {
            self.token()?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.token()? {
            Token::Borrowed(name) => visitor.visit_enum(StrDeserializer::<Invalid>::new(name)),
            Token::Owned(name) => visitor.visit_enum(StrDeserializer::<Invalid>::new(&name)),
            _ => Err(Invalid),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// The elements of a list, or the entries of an object, after its opening bracket.
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
}

impl Items<'_, '_> {
    /// Whether another item follows (taking the comma before it), before `close`.
    fn more(&mut self, close: u8) -> Result<bool> {
        match self.reader.peek() {
            Some(b) if b == close => Ok(false),
            Some(b',') if !self.first => {
                self.reader.at += 1;
                Ok(true)
            }
            Some(_) if self.first => {
                self.first = false;
                Ok(true)
            }
            _ => Err(Invalid),
        }
    }
}

impl<'de> SeqAccess<'de> for Items<'_, 'de> {
    type Error = Invalid;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.more(b']')? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

impl<'de> MapAccess<'de> for Items<'_, 'de> {
    type Error = Invalid;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.more(b'}')? {
            return Ok(None);
        }
        if self.reader.peek() != Some(b'"') {
            return Err(Invalid);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.reader.expect(b':')?;
        seed.deserialize(&mut *self.reader)
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
