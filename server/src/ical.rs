//! iCalendar (RFC 5545) for the events feed and one initiative's event: enough of the format for
//! every calendar app a citizen uses.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use pentahelix_core::Regions;
use pentahelix_core::api::Initiative;

pub struct Event<'a> {
    pub uid: String,
    pub summary: &'a str,
    pub description: &'a str,
    pub location: Option<&'a str>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub url: Option<String>,
}

impl<'a> Event<'a> {
    /// The event of a dated initiative, placed where it happens (or in its kecamatan). The UID is
    /// the same in the feed and in the single file, so a calendar that has both keeps one event.
    pub fn of(initiative: &'a Initiative, regions: &'a Regions) -> Option<Event<'a>> {
        Some(Event {
            uid: format!("initiative-{}@pentahelix", initiative.id.0),
            summary: &initiative.title,
            description: &initiative.description,
            location: initiative
                .place
                .as_deref()
                .or_else(|| regions.name(initiative.region)),
            starts_on: initiative.starts_on?,
            ends_on: initiative.ends_on,
            url: None,
        })
    }
}

/// Escapes a TEXT value: backslash, semicolon, comma and newline.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (never inside a UTF-8 character) and ends it with CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

pub fn calendar(name: &str, events: &[Event<'_>], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Pentahelix//Pentahelix//ID",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        fold(line, &mut out);
    }
    fold(&format!("X-WR-CALNAME:{}", escape(name)), &mut out);
    for event in events {
        // All-day events: DTEND is exclusive, so the day after the last day.
        let last = event.ends_on.unwrap_or(event.starts_on);
        let end = last.checked_add_signed(Duration::days(1)).unwrap_or(last);
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{}", event.uid), &mut out);
        fold(&format!("DTSTAMP:{stamp}"), &mut out);
        fold(
            &format!("DTSTART;VALUE=DATE:{}", event.starts_on.format("%Y%m%d")),
            &mut out,
        );
        fold(
            &format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")),
            &mut out,
        );
        fold(&format!("SUMMARY:{}", escape(event.summary)), &mut out);
        fold(
            &format!("DESCRIPTION:{}", escape(event.description)),
            &mut out,
        );
        if let Some(location) = event.location {
            fold(&format!("LOCATION:{}", escape(location)), &mut out);
        }
        if let Some(url) = &event.url {
            fold(&format!("URL:{url}"), &mut out);
        }
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_fold_without_splitting_characters() {
        let description = "Pameran, lokakarya; kopi\\teh\nBaris dua ".repeat(5)
            + "éééééééééééééééééééééééééééééééééééééé";
        let event = Event {
            uid: "initiative-7@pentahelix".into(),
            summary: "Festival Kopi, Coblong",
            description: &description,
            location: Some("Taman; Cibeunying"),
            starts_on: NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(),
            ends_on: NaiveDate::from_ymd_opt(2026, 12, 6),
            url: None,
        };
        let ics = calendar("Pentahelix Kota Bandung", &[event], DateTime::UNIX_EPOCH);
        assert!(ics.contains("SUMMARY:Festival Kopi\\, Coblong\r\n"));
        assert!(ics.contains("LOCATION:Taman\\; Cibeunying\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20261205\r\n"));
        assert!(
            ics.contains("DTEND;VALUE=DATE:20261207\r\n"),
            "the end is exclusive"
        );
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("kopi\\\\teh\\nBaris dua"));
        assert!(unfolded.contains("éééé"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }
}
