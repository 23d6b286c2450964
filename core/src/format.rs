//! Dates as a reader in Indonesia or elsewhere expects them (`17 Agu 2027` in Indonesian,
//! `17 Aug 2027` in English). Here, not in the widget, because the server
//! writes the same dates into the list's first page (`pentahelix-server`'s `first_page`) and the
//! widget must then show exactly what was already painted. Done without `Intl` so that it is the
//! same in every browser and testable without one.

use chrono::{Datelike, NaiveDate};

use crate::lang::Lang;
use crate::words;

/// The month's short name, from the catalogue.
fn month(date: NaiveDate, lang: Lang) -> &'static str {
    words::widget(lang).months[date.month0() as usize]
}

/// `13 Feb 2027`.
pub fn date(date: NaiveDate, lang: Lang) -> String {
    format!("{} {} {}", date.day(), month(date, lang), date.year())
}

/// `13–14 Feb 2027`, `30 Jan – 2 Feb 2027`, `30 Des 2026 – 2 Jan 2027`, or one date.
pub fn date_range(start: NaiveDate, end: Option<NaiveDate>, lang: Lang) -> String {
    match end.filter(|e| *e != start) {
        None => date(start, lang),
        Some(end) if end.year() == start.year() && end.month() == start.month() => {
            format!(
                "{}–{} {} {}",
                start.day(),
                end.day(),
                month(end, lang),
                end.year()
            )
        }
        Some(end) if end.year() == start.year() => {
            format!(
                "{} {} – {}",
                start.day(),
                month(start, lang),
                date(end, lang)
            )
        }
        Some(end) => format!("{} – {}", date(start, lang), date(end, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_read_naturally_in_both_languages() {
        assert_eq!(date(d(2027, 8, 17), Lang::Id), "17 Agu 2027");
        assert_eq!(date(d(2027, 8, 17), Lang::En), "17 Aug 2027");
        assert_eq!(
            date_range(d(2027, 2, 13), Some(d(2027, 2, 14)), Lang::Id),
            "13–14 Feb 2027"
        );
        assert_eq!(
            date_range(d(2027, 1, 30), Some(d(2027, 2, 2)), Lang::En),
            "30 Jan – 2 Feb 2027"
        );
        assert_eq!(
            date_range(d(2026, 12, 30), Some(d(2027, 1, 2)), Lang::Id),
            "30 Des 2026 – 2 Jan 2027"
        );
        assert_eq!(date_range(d(2027, 5, 1), None, Lang::Id), "1 Mei 2027");
        assert_eq!(
            date_range(d(2027, 5, 1), Some(d(2027, 5, 1)), Lang::Id),
            "1 Mei 2027"
        );
    }
}
