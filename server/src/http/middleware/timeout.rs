//! A request that takes too long is answered, not left hanging: a citizen on a slow phone sees a
//! clear "try again" instead of a spinner that never ends.

use std::time::Duration;

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::Error;

pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

pub async fn timeout(request: Request, next: Next) -> Response {
    match tokio::time::timeout(REQUEST_TIMEOUT, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!("request timed out");
            let mut response = Error::Unavailable.into_response();
            response
                .headers_mut()
                .insert("retry-after", HeaderValue::from_static("5"));
            response
        }
    }
}
