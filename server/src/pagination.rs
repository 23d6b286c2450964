//! Opaque cursors and bounded limits for every list.

use chrono::DateTime;

use crate::error::Error;
use crate::store::{PageRequest, QueuePosition, ReportTarget};

pub const DEFAULT_LIMIT: u32 = 20;
/// No request can ask for more: a scraper walks pages like everyone else.
pub const MAX_LIMIT: u32 = 100;

/// The cursor for the page after the one ending with `last_id`. Versioned so the encoding can
/// change without breaking links a client holds.
pub fn cursor_after(last_id: i64) -> String {
    format!("v1.{last_id:x}")
}

/// The moderation queue's cursor: it is ordered by waiting time, then record, so its position
/// is all three (`q1.<nanoseconds>.<i|s><id>`, in hex).
pub fn queue_cursor(position: QueuePosition) -> String {
    let nanos = position.since.timestamp_nanos_opt().unwrap_or_default();
    let kind = match position.target {
        ReportTarget::Initiative => 'i',
        ReportTarget::Stakeholder => 's',
    };
    format!("q1.{nanos:x}.{kind}{:x}", position.id)
}

pub fn queue_position(cursor: &str) -> Result<QueuePosition, Error> {
    let parse = || {
        let (nanos, record) = cursor.strip_prefix("q1.")?.split_once('.')?;
        let since = DateTime::from_timestamp_nanos(i64::from_str_radix(nanos, 16).ok()?);
        let target = match record.chars().next()? {
            'i' => ReportTarget::Initiative,
            's' => ReportTarget::Stakeholder,
            _ => return None,
        };
        let id = i64::from_str_radix(&record[1..], 16).ok()?;
        Some(QueuePosition { since, target, id })
    };
    parse().ok_or_else(|| {
        Error::BadRequest(
            "`cursor`: not a cursor this API issued; pass `next_cursor` from the previous page"
                .into(),
        )
    })
}

/// A `limit` parameter: the default when absent, refused outside `1..=max` (as the API document
/// says) rather than quietly changed, so a client never reads a short page as the last one.
pub fn limit(limit: Option<u32>, default: u32, max: u32) -> Result<u32, Error> {
    match limit {
        None => Ok(default),
        Some(n) if (1..=max).contains(&n) => Ok(n),
        Some(_) => Err(Error::BadRequest(format!(
            "`limit`: ask for 1 to {max} items"
        ))),
    }
}

pub fn page_request(cursor: Option<&str>, limit: Option<u32>) -> Result<PageRequest, Error> {
    let before = cursor
        .filter(|c| !c.is_empty())
        .map(|c| {
            c.strip_prefix("v1.")
                .and_then(|hex| i64::from_str_radix(hex, 16).ok())
                .filter(|id| *id > 0)
                .ok_or_else(|| Error::BadRequest("`cursor`: not a cursor this API issued; pass `next_cursor` from the previous page".into()))
        })
        .transpose()?;
    Ok(PageRequest {
        before,
        limit: self::limit(limit, DEFAULT_LIMIT, MAX_LIMIT)?,
    })
}

/// The `next_cursor` for a page: present only when the page is full, since a short page is the
/// last one.
pub fn next_cursor(
    ids: impl DoubleEndedIterator<Item = i64>,
    len: usize,
    page: PageRequest,
) -> Option<String> {
    (len == page.limit as usize)
        .then(|| ids.last().map(cursor_after))
        .flatten()
}

/// The `q` parameter, trimmed; empty means no text filter. Long text is refused rather than
/// searched: nobody types 200 characters into a search box, and a database pattern that long
/// only costs time.
pub fn search_text(q: Option<String>) -> Result<Option<String>, Error> {
    let Some(q) = q.map(|q| q.trim().to_owned()).filter(|q| !q.is_empty()) else {
        return Ok(None);
    };
    if q.chars().count() > pentahelix_core::validate::limits::SEARCH {
        return Err(Error::BadRequest(format!(
            "`q`: search for at most {} characters",
            pentahelix_core::validate::limits::SEARCH
        )));
    }
    Ok(Some(q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_cursors_round_trip_to_the_nanosecond_and_garbage_is_refused() {
        let position = QueuePosition {
            since: DateTime::from_timestamp_nanos(1_790_000_000_123_456_789),
            target: ReportTarget::Stakeholder,
            id: 4711,
        };
        assert_eq!(queue_position(&queue_cursor(position)).unwrap(), position);
        for bad in ["", "q1.", "q1.zz.i1", "q1.10.x1", "q1.10.i", "v1.10"] {
            assert!(queue_position(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let page = page_request(Some(&cursor_after(4711)), None).unwrap();
        assert_eq!(page.before, Some(4711));
        assert_eq!(page.limit, DEFAULT_LIMIT);
        for bad in ["4711", "v1.", "v1.zz", "v1.-5", "v2.10"] {
            assert!(page_request(Some(bad), None).is_err(), "{bad}");
        }
    }

    #[test]
    fn limits_outside_the_documented_range_are_refused() {
        assert_eq!(
            page_request(None, Some(MAX_LIMIT)).unwrap().limit,
            MAX_LIMIT
        );
        assert_eq!(page_request(None, None).unwrap().limit, DEFAULT_LIMIT);
        assert!(page_request(None, Some(MAX_LIMIT + 1)).is_err());
        assert!(page_request(None, Some(0)).is_err());
    }
}
