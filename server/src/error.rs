//! The server's one error type. At the HTTP edge every error becomes an RFC 9457 problem
//! document in the client's language; internal details go to the log, never to the client.

use std::net::SocketAddr;

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
            Error::Unauthorized => Problem::new(
                ProblemType::Unauthorized,
                pick(
                    "Perlu tautan kelola atau token admin",
                    "Manage link or admin token needed",
                ),
                pick(
                    "Tindakan ini memerlukan tautan kelola pribadi dari data ini atau token admin wilayahnya.",
                    "This action needs the record's private manage link or an admin token for its region.",
                ),
            ),
            Error::Forbidden => Problem::new(
                ProblemType::Forbidden,
                pick("Tidak diizinkan", "Not allowed"),
                pick(
                    "Token ini tidak berlaku untuk data atau wilayah ini.",
                    "This token does not grant access to this record or region.",
                ),
            ),
            Error::Conflict => Problem::new(
                ProblemType::Conflict,
                pick("Sudah ada", "Already exists"),
                pick(
                    "Penawaran yang sama sudah ada dan masih berlaku.",
                    "The same offer already exists and is still open.",
                ),
            ),
            Error::StateConflict(detail) => Problem::new(
                ProblemType::Conflict,
                pick("Tidak dapat diubah", "Cannot change"),
                detail.clone(),
            ),
            Error::UnsupportedMediaType => Problem::new(
                ProblemType::UnsupportedMediaType,
                pick("Jenis konten tidak didukung", "Unsupported media type"),
                pick(
                    "Kirim isi permintaan sebagai JSON (Content-Type: application/json).",
                    "Send the request body as JSON (Content-Type: application/json).",
                ),
            ),
            Error::PayloadTooLarge => Problem::new(
                ProblemType::PayloadTooLarge,
                pick("Isi permintaan terlalu besar", "Payload too large"),
                pick(
                    "Isi permintaan melebihi batas ukuran API.",
                    "The request body exceeds the API's size limit.",
                ),
            ),
            Error::RateLimited => Problem::new(
                ProblemType::RateLimited,
                pick("Terlalu banyak permintaan", "Too many requests"),
                pick(
                    "Terlalu banyak permintaan dari alamat Anda. Tunggu sebentar lalu coba lagi.",
                    "Too many requests from your address. Wait a moment and try again.",
                ),
            ),
            Error::Unavailable => Problem::new(
                ProblemType::Unavailable,
                pick("Layanan sedang sibuk", "Service busy"),
                pick(
                    "Server sedang sibuk atau belum siap. Coba lagi sebentar lagi.",
                    "The server is busy or not ready. Try again in a moment.",
                ),
            ),
            Error::IdempotencyMismatch => Problem::new(
                ProblemType::IdempotencyMismatch,
                pick("Kunci idempotensi dipakai ulang", "Idempotency key reused"),
                pick(
                    "Kunci Idempotency-Key ini sudah dipakai untuk permintaan lain dalam 24 jam terakhir.",
                    "This Idempotency-Key was already used for a different request in the last 24 hours.",
                ),
            ),
            Error::IdempotencyInProgress => Problem::new(
                ProblemType::Conflict,
                pick("Masih diproses", "Still processing"),
                pick(
                    "Permintaan yang sama sedang diproses. Coba lagi sebentar lagi.",
                    "The same request is still being processed. Try again in a moment.",
                ),
            ),
            Error::Config(_)
            | Error::Bind { .. }
            | Error::Serve(_)
            | Error::Database(_)
            | Error::Migrate(_)
            | Error::Internal(_) => Problem::new(
                ProblemType::Internal,
                pick("Kesalahan server", "Server error"),
                pick(
                    "Terjadi kesalahan di server. Silakan coba lagi.",
                    "Something went wrong on the server. Please try again.",
                ),
            ),
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
