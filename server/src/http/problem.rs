//! Errors as RFC 9457 problem documents, in the client's language (from `Accept-Language`:
//! Indonesian unless it asks for English).

use std::sync::Arc;

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use pentahelix_core::Lang;
use pentahelix_core::api::Problem;

use crate::error::Error;

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

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        if self.is_internal() {
            tracing::error!(error = %self, "internal error");
        }
        let mut response = problem_response(&self.problem(Lang::default()));
        // Kept so the language layer can re-render the problem in the client's language.
        response.extensions_mut().insert(Arc::new(self));
        response
    }
}

pub fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).expect("a problem always serialises");
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}
