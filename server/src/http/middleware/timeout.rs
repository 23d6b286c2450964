//! A request that takes too long is answered, not left hanging: a citizen on a slow phone sees a
//! clear "try again" instead of a spinner that never ends. The clock is tower's `Timeout`; this
//! module only says what the answer is.

use axum::BoxError;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};

use crate::error::Error;

/// The answer when `limits::REQUEST_TIMEOUT` passed: 503 with `Retry-After`, a problem document like
/// every other error.
pub async fn timed_out(error: BoxError) -> Response {
    if !error.is::<tower::timeout::error::Elapsed>() {
        tracing::error!(%error, "a layer failed");
        return Error::Internal("a layer failed".into()).into_response();
    }
    tracing::warn!("request timed out");
    let mut response = Error::Unavailable.into_response();
    response
        .headers_mut()
        .insert("retry-after", HeaderValue::from_static("5"));
    response
}
