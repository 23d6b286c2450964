//! Numbers and dates as a reader in Indonesia or elsewhere expects them (`1.234` and
//! `13 Feb 2027` in Indonesian, `1,234` in English). Done here rather than with `Intl` so that it
//! is the same in every browser and testable without one. Calendar dates are the core's
//! (`pentahelix_core::format`): the server paints them into the list's first page too.

use chrono::{DateTime, Duration, Timelike, Utc};
use pentahelix_core::Lang;
pub use pentahelix_core::format::{date, date_range};

/// `13 Feb 2027, 09:05` at `offset_minutes` east of UTC (the reader's clock: 420 in Jakarta).
pub fn date_time(at: DateTime<Utc>, offset_minutes: i32, lang: Lang) -> String {
    let local = at.naive_utc() + Duration::minutes(i64::from(offset_minutes));
    format!(
        "{}, {:02}:{:02}",
        date(local.date(), lang),
        local.hour(),
        local.minute()
    )
}

/// The browser's offset from UTC in minutes east (`Date.getTimezoneOffset` counts west).
pub fn local_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// A whole number with the language's thousands separator.
pub fn number(n: u64, lang: Lang) -> String {
    let separator = if lang == Lang::En { ',' } else { '.' };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A share as a whole percentage, for progress bars and their text equivalents.
pub fn percent(part: u32, whole: u32) -> u32 {
    if whole == 0 {
        0
    } else {
        (u64::from(part) * 100 / u64::from(whole)) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_reads_on_the_readers_clock() {
        let at = DateTime::parse_from_rfc3339("2026-12-01T02:05:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(date_time(at, 420, Lang::Id), "1 Des 2026, 09:05");
        assert_eq!(date_time(at, -180, Lang::En), "30 Nov 2026, 23:05");
    }

    #[test]
    fn numbers_group_thousands_per_language() {
        assert_eq!(number(0, Lang::Id), "0");
        assert_eq!(number(999, Lang::Id), "999");
        assert_eq!(number(1_234, Lang::Id), "1.234");
        assert_eq!(number(65_000_000, Lang::Id), "65.000.000");
        assert_eq!(number(1_234_567, Lang::En), "1,234,567");
    }

    #[test]
    fn percentages_never_divide_by_zero() {
        assert_eq!(percent(28, 30), 93);
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(30, 30), 100);
    }
}
