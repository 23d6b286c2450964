//! The server's one error type. At the HTTP edge every error becomes an RFC 9457 problem
//! document in the client's language; internal details go to the log, never to the client.

use std::net::SocketAddr;

use pentahelix_core::Lang;
use pentahelix_core::api::{Problem, ProblemType};
use pentahelix_core::validate::ValidationErrors;
use pentahelix_core::words::{self, words};

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
    /// No valid credentials for an action that needs them.
    #[error("unauthorized")]
    Unauthorized,
    /// Valid credentials, but not for this record or region.
    #[error("forbidden")]
    Forbidden,
    /// The request conflicts with the record's state; the text says how, for the client.
    #[error("conflict")]
    Conflict,
    #[error("conflict: {0}")]
    StateConflict(String),
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("idempotency key reused with a different request")]
    IdempotencyMismatch,
    #[error("a request with this idempotency key is still being processed")]
    IdempotencyInProgress,
    #[error("rate limited")]
    RateLimited,
    #[error("unavailable")]
    Unavailable,
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("internal: {0}")]
    Internal(String),
}

impl Error {
    /// The problem document for this error in `lang`, in the words of `pentahelix_core::words`.
    pub fn problem(&self, lang: Lang) -> Problem {
        let problems = words(lang).problems;
        let said =
            |kind: ProblemType, text: &words::Problem| Problem::new(kind, text.title, text.detail);
        match self {
            Error::NotFound => said(ProblemType::NotFound, &problems.not_found),
            Error::MethodNotAllowed => {
                said(ProblemType::MethodNotAllowed, &problems.method_not_allowed)
            }
            Error::BadRequest(detail) => Problem::new(
                ProblemType::MalformedRequest,
                problems.bad_request,
                detail.clone(),
            ),
            Error::Validation(errors) => {
                let mut problem = said(ProblemType::Validation, &problems.validation);
                problem.errors = errors.messages(lang);
                problem
            }
            Error::Unauthorized => said(ProblemType::Unauthorized, &problems.unauthorized),
            Error::Forbidden => said(ProblemType::Forbidden, &problems.forbidden),
            Error::Conflict => said(ProblemType::Conflict, &problems.conflict),
            Error::StateConflict(detail) => Problem::new(
                ProblemType::Conflict,
                problems.state_conflict,
                detail.clone(),
            ),
            Error::UnsupportedMediaType => said(
                ProblemType::UnsupportedMediaType,
                &problems.unsupported_media_type,
            ),
            Error::PayloadTooLarge => {
                said(ProblemType::PayloadTooLarge, &problems.payload_too_large)
            }
            Error::RateLimited => said(ProblemType::RateLimited, &problems.rate_limited),
            Error::Unavailable => said(ProblemType::Unavailable, &problems.unavailable),
            Error::IdempotencyMismatch => said(
                ProblemType::IdempotencyMismatch,
                &problems.idempotency_mismatch,
            ),
            Error::IdempotencyInProgress => {
                said(ProblemType::Conflict, &problems.idempotency_in_progress)
            }
            Error::Config(_)
            | Error::Bind { .. }
            | Error::Serve(_)
            | Error::Database(_)
            | Error::Migrate(_)
            | Error::Internal(_) => said(ProblemType::Internal, &problems.internal),
        }
    }

    pub(crate) fn is_internal(&self) -> bool {
        matches!(
            self,
            Error::Config(_)
                | Error::Bind { .. }
                | Error::Serve(_)
                | Error::Database(_)
                | Error::Migrate(_)
                | Error::Internal(_)
        )
    }
}
