//! The server's one error type. At the HTTP edge every error becomes an RFC 9457 problem
//! document in the client's language; internal details go to the log, never to the client.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pentahelix_core::Lang;
use pentahelix_core::api::{Problem, ProblemType};
use pentahelix_core::validate::ValidationErrors;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("configuration: {0}")]
    Config(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server stopped: {0}")]
    Serve(std::io::Error),
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The request is not what the API understands (a bad query value, say); the text is shown
    /// to the client, so it must name the parameter and what is expected.
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error(transparent)]
    Validation(#[from] ValidationErrors),
}

impl Error {
    /// The problem document for this error in `lang`.
    pub fn problem(&self, lang: Lang) -> Problem {
        let en = lang == Lang::En;
        let pick = |id: &str, english: &str| {
            if en {
                english.to_owned()
            } else {
                id.to_owned()
            }
        };
        match self {
            Error::NotFound => Problem::new(
                ProblemType::NotFound,
                pick("Tidak ditemukan", "Not found"),
                pick(
                    "Alamat ini tidak ada di API Pentahelix.",
                    "There is nothing at this address in the Pentahelix API.",
                ),
            ),
            Error::MethodNotAllowed => Problem::new(
                ProblemType::MethodNotAllowed,
                pick("Metode tidak diizinkan", "Method not allowed"),
                pick(
                    "Alamat ini tidak menerima metode HTTP tersebut.",
                    "This address does not accept that HTTP method.",
                ),
            ),
            Error::BadRequest(detail) => Problem::new(
                ProblemType::MalformedRequest,
                pick("Permintaan tidak valid", "Bad request"),
                detail.clone(),
            ),
            Error::Validation(errors) => {
                let mut problem = Problem::new(
                    ProblemType::Validation,
                    pick("Data belum valid", "Invalid input"),
                    pick(
                        "Periksa kolom yang ditandai.",
                        "Please check the marked fields.",
                    ),
                );
                problem.errors = errors.messages(lang);
                problem
            }
            Error::Config(_) | Error::Bind { .. } | Error::Serve(_) => Problem::new(
                ProblemType::Internal,
                pick("Kesalahan server", "Server error"),
                pick(
                    "Terjadi kesalahan di server. Silakan coba lagi.",
                    "Something went wrong on the server. Please try again.",
                ),
            ),
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        if matches!(
            self,
            Error::Config(_) | Error::Bind { .. } | Error::Serve(_)
        ) {
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
