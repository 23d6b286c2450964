//! Reading the API's dates (`2026-12-01`) and times (RFC 3339, `2026-12-01T02:05:00.123Z`).
//!
//! chrono's own readers go through its general parser (every strftime field, RFC 2822 and time
//! zone names), which was about 15 KB of the widget's first view for the two formats the API
//! writes. These read exactly those formats and nothing else; chrono still writes them. Fields
//! opt in with `#[serde(deserialize_with = "…")]`, which leaves the OpenAPI schema as it is.

use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use serde::Deserializer;
use serde::de::{self, Visitor};

const A_DATE: &str = "a date written YYYY-MM-DD";
const A_TIME: &str = "a time in RFC 3339 (YYYY-MM-DDTHH:MM:SSZ)";

/// The number `digits` spell, when they are all ASCII digits (and there is at least one).
fn number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    digits.iter().try_fold(0u32, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
    })
}

/// `YYYY-MM-DD`, a real day of the calendar.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    match text.as_bytes() {
        [y @ .., b'-', m1, m2, b'-', d1, d2] if y.len() == 4 => NaiveDate::from_ymd_opt(
            i32::try_from(number(y)?).ok()?,
            number(&[*m1, *m2])?,
            number(&[*d1, *d2])?,
        ),
        _ => None,
    }
}

/// RFC 3339: a date, `T`, `HH:MM:SS`, an optional fraction of a second, and `Z` or an offset.
pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    let bytes = text.as_bytes();
    let (date, rest) = (text.get(..10)?, bytes.get(10..)?);
    let [
        b'T' | b't' | b' ',
        h1,
        h2,
        b':',
        m1,
        m2,
        b':',
        s1,
        s2,
        rest @ ..,
    ] = rest
    else {
        return None;
    };
    let (fraction, zone) = match rest {
        [b'.', tail @ ..] => {
            let digits = tail.iter().take_while(|b| b.is_ascii_digit()).count();
            tail.split_at(digits)
        }
        _ => (&[][..], rest),
    };
    if rest.first() == Some(&b'.') && fraction.is_empty() {
        return None;
    }
    // Nanoseconds: the first nine digits, padded on the right.
    let kept = &fraction[..fraction.len().min(9)];
    let nanos = if kept.is_empty() {
        0
    } else {
        number(kept)? * 10u32.pow(9 - kept.len() as u32)
    };
    let offset = match zone {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let minutes = number(&[*h1, *h2])? * 60 + number(&[*m1, *m2])?;
            let seconds = i64::from(minutes) * 60;
            if *sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    let time = NaiveTime::from_hms_nano_opt(
        number(&[*h1, *h2])?,
        number(&[*m1, *m2])?,
        number(&[*s1, *s2])?,
        nanos,
    )?;
    let local = parse_date(date)?.and_time(time);
    Some(
        local
            .checked_sub_signed(TimeDelta::seconds(offset))?
            .and_utc(),
    )
}

/// Reads a string through `parse`, saying `expected` when it does not parse.
struct Text<T> {
    parse: fn(&str) -> Option<T>,
    expected: &'static str,
}

impl<T> Visitor<'_> for Text<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expected)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        (self.parse)(text).ok_or_else(|| E::custom(self.expected))
    }
}

/// As [`Text`], or nothing for `null`.
struct Maybe<T>(Text<T>);

impl<'de, T> Visitor<'de> for Maybe<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_str(self.0).map(Some)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Option<T>, E> {
        self.0.visit_str(text).map(Some)
    }
}

const DATE: Text<NaiveDate> = Text {
    parse: parse_date,
    expected: A_DATE,
};
const TIME: Text<DateTime<Utc>> = Text {
    parse: parse_time,
    expected: A_TIME,
};

pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(DATE)
}

pub fn optional_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    d.deserialize_option(Maybe(DATE))
}

pub fn time<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    d.deserialize_str(TIME)
}

#[cfg(test)]
mod tests {
    use chrono::SecondsFormat;

    use super::*;

    #[test]
    fn dates_read_as_chrono_writes_them() {
        let day = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(parse_date(&day.to_string()), Some(day));
        for wrong in [
            "2027-02-30",
            "2027-3-01",
            "27-03-01",
            "2027-03-01 ",
            "２０２７-03-01",
            "",
            "2027/03/01",
        ] {
            assert_eq!(parse_date(wrong), None, "{wrong:?}");
        }
    }

    #[test]
    fn times_read_as_chrono_writes_them_in_every_precision() {
        let at = NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_nano_opt(2, 5, 7, 123_456_789)
            .unwrap()
            .and_utc();
        for precision in [
            SecondsFormat::Secs,
            SecondsFormat::Millis,
            SecondsFormat::Micros,
            SecondsFormat::Nanos,
            SecondsFormat::AutoSi,
        ] {
            let written = at.to_rfc3339_opts(precision, true);
            let expected = DateTime::parse_from_rfc3339(&written)
                .unwrap()
                .with_timezone(&Utc);
            assert_eq!(parse_time(&written), Some(expected), "{written}");
        }
        assert_eq!(
            parse_time("2026-12-01T09:05:07+07:00"),
            parse_time("2026-12-01T02:05:07Z"),
            "an offset is taken off"
        );
        assert_eq!(
            serde_json::to_string(&at).unwrap(),
            format!("\"{}\"", at.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
            "what chrono writes is what is read"
        );
        for wrong in [
            "2026-12-01",
            "2026-12-01T02:05Z",
            "2026-12-01T02:05:07",
            "2026-12-01T02:05:07.Z",
            "2026-12-01T25:05:07Z",
            "2026-12-01T02:05:07+7:00",
        ] {
            assert_eq!(parse_time(wrong), None, "{wrong:?}");
        }
    }

    #[test]
    fn fields_read_through_serde() {
        #[derive(serde::Deserialize)]
        struct Row {
            #[serde(deserialize_with = "time")]
            at: DateTime<Utc>,
            #[serde(default, deserialize_with = "optional_date")]
            on: Option<NaiveDate>,
            #[serde(default, deserialize_with = "optional_date")]
            until: Option<NaiveDate>,
        }
        let row: Row =
            serde_json::from_str(r#"{"at":"2026-12-01T02:05:07Z","on":"2026-12-24","until":null}"#)
                .unwrap();
        assert_eq!(row.at, parse_time("2026-12-01T02:05:07Z").unwrap());
        assert_eq!(row.on, NaiveDate::from_ymd_opt(2026, 12, 24));
        assert_eq!(row.until, None);
        let missing: Row = serde_json::from_str(r#"{"at":"2026-12-01T02:05:07Z"}"#).unwrap();
        assert_eq!(missing.on, None);
        assert!(serde_json::from_str::<Row>(r#"{"at":"2026-12-01"}"#).is_err());
    }
}
