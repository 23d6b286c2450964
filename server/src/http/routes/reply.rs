//! Answers several resources give alike.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use pentahelix_core::api::Created;

/// Tells a browser to save the answer as `name` rather than show it. `name` is ours (letters,
/// digits, dots and dashes), so it needs no quoting beyond the quotes.
pub fn attachment(name: &str) -> [(header::HeaderName, HeaderValue); 1] {
    let value = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    [(header::CONTENT_DISPOSITION, value)]
}

/// An iCalendar document, which calendar apps recognise by its type.
pub fn calendar(body: String) -> ([(header::HeaderName, HeaderValue); 1], String) {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/calendar; charset=utf-8"),
        )],
        body,
    )
}

/// A new record with its manage token: the only answer that ever carries the token.
pub fn created<T>(record: T, manage_token: String) -> (StatusCode, Json<Created<T>>) {
    (
        StatusCode::CREATED,
        Json(Created {
            record,
            manage_token,
        }),
    )
}
