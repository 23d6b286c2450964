//! The client's language, from `Accept-Language`: Indonesian unless it asks for English.

use std::sync::Arc;

use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use pentahelix_core::Lang;

use crate::error::{Error, problem_response};

pub fn request_lang(request: &Request) -> Lang {
    request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default()
}

/// Re-renders error responses in the client's language. Handlers just return an [`Error`];
/// this is the one place that knows who is asking.
pub async fn localize_problems(request: Request, next: Next) -> Response {
    let lang = request_lang(&request);
    let response = next.run(request).await;
    if lang == Lang::default() {
        return response;
    }
    match response.extensions().get::<Arc<Error>>().cloned() {
        Some(error) => {
            let mut localized = problem_response(&error.problem(lang));
            for (name, value) in response.headers() {
                if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                    localized.headers_mut().insert(name.clone(), value.clone());
                }
            }
            localized
        }
        None => response,
    }
}
