//! `Idempotency-Key` on POST: a request retried over a flaky mobile connection is answered with
//! the first response instead of creating a second initiative.
//!
//! The key is claimed before the request runs, so two copies racing each other cannot both run
//! (the second gets 409 until the first is done, then the first's response). The request then
//! runs in a task of its own, so a client that hangs up or a request timeout cannot leave the
//! claim unfinished: the task still stores the response for the retry. A claim left unfinished
//! anyway (the process died) is taken over after a minute. Only successful responses are kept:
//! after a 4xx or 5xx the key is released and a corrected retry may run.
//! A creation's response contains the new manage token, so stored bodies are encrypted with a
//! key derived from the Idempotency-Key, which only the client holds; the database keeps the key
//! only as a hash. Kept for 24 hours.

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use chrono::{Duration, Utc};
use sha2::{Digest, Sha256};

use crate::access::Viewer;
use crate::error::Error;
use crate::state::AppState;
use crate::store::IdempotencyClaim;

pub const HEADER: &str = "idempotency-key";
/// Set on a replayed response, so a client (and a test) can tell.
pub const REPLAYED: &str = "idempotent-replayed";
pub const RETENTION_HOURS: i64 = 24;
/// Long enough for any UUID or hash a client makes, short enough to index.
pub const MAX_KEY_LENGTH: usize = 255;
/// A claim older than this with no response belongs to a request that died with its process.
const ABANDONED_AFTER_SECONDS: i64 = 60;

fn digest(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part);
    }
    hasher.finalize().into()
}

fn cipher(key: &str) -> ChaCha20Poly1305 {
    ChaCha20Poly1305::new(Key::from_slice(&digest(&[
        b"pentahelix idempotency body",
        key.as_bytes(),
    ])))
}

fn seal(key: &str, plaintext: &[u8]) -> Result<Vec<u8>, Error> {
    let mut nonce = [0u8; 12];
    getrandom::fill(&mut nonce).map_err(|e| Error::Internal(format!("random nonce: {e}")))?;
    let sealed = cipher(key)
        .encrypt(Nonce::from_slice(&nonce), plaintext)
        .map_err(|_| Error::Internal("encrypting a stored response".into()))?;
    Ok([nonce.as_slice(), &sealed].concat())
}

fn open(key: &str, stored: &[u8]) -> Result<Vec<u8>, Error> {
    let (nonce, sealed) = stored
        .split_at_checked(12)
        .ok_or_else(|| Error::Internal("stored response too short".into()))?;
    cipher(key)
        .decrypt(Nonce::from_slice(nonce), sealed)
        .map_err(|_| Error::Internal("decrypting a stored response".into()))
}

/// The records a response carries, ` kind:id ` each, for the store's `forget_replays`: a
/// new record with its token, or a pledge with both of its sides.
fn holds(scope: &str, body: &[u8]) -> String {
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(body) else {
        return String::new();
    };
    let mut records = Vec::new();
    let id = |value: &serde_json::Value| value.as_i64();
    if let Some(record) = json.get("record").and_then(|r| r.get("id")).and_then(id) {
        if scope.ends_with("/initiatives") {
            records.push(format!("initiative:{record}"));
        } else if scope.ends_with("/stakeholders") {
            records.push(format!("stakeholder:{record}"));
        }
    }
    if let (Some(pledge), Some(initiative)) = (
        json.get("id").and_then(id),
        json.get("initiative_id").and_then(id),
    ) {
        records.push(format!("pledge:{pledge}"));
        records.push(format!("initiative:{initiative}"));
        if let Some(stakeholder) = json.pointer("/stakeholder/id").and_then(id) {
            records.push(format!("stakeholder:{stakeholder}"));
        }
    }
    if records.is_empty() {
        String::new()
    } else {
        format!(" {} ", records.join(" "))
    }
}

fn valid_key(key: &str) -> bool {
    (1..=MAX_KEY_LENGTH).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic())
}

fn json_response(status: u16, body: Vec<u8>, replayed: bool) -> Response {
    let status = axum::http::StatusCode::from_u16(status).unwrap_or(axum::http::StatusCode::OK);
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if replayed {
        response
            .headers_mut()
            .insert(REPLAYED, HeaderValue::from_static("true"));
    }
    response
}

pub async fn idempotency(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, Error> {
    if request.method() != Method::POST {
        return Ok(next.run(request).await);
    }
    let Some(key) = request
        .headers()
        .get(HEADER)
        .map(|v| v.to_str().map(str::to_owned))
    else {
        return Ok(next.run(request).await);
    };
    let key = key.ok().filter(|k| valid_key(k)).ok_or_else(|| {
        Error::BadRequest(
            "`Idempotency-Key`: use 1 to 255 visible ASCII characters, such as a UUID".into(),
        )
    })?;

    let (parts, body) = request.into_parts();
    let bytes: Bytes = to_bytes(body, super::limits::BODY_LIMIT)
        .await
        .map_err(|_| Error::PayloadTooLarge)?;
    let scope = format!("POST {}", parts.uri.path());
    let authorization = parts
        .headers
        .get(header::AUTHORIZATION)
        .map(HeaderValue::as_bytes)
        .unwrap_or_default();
    // The same key from another caller, or for another body, is another request.
    let request_hash = digest(&[scope.as_bytes(), authorization, &bytes]);
    let key_hash = digest(&[b"pentahelix idempotency key", key.as_bytes()]);

    let now = Utc::now();
    let claim = state
        .store()
        .claim_idempotency_key(
            &key_hash,
            &scope,
            &request_hash,
            now - Duration::hours(RETENTION_HOURS),
            now - Duration::seconds(ABANDONED_AFTER_SECONDS),
            now,
        )
        .await?;
    match claim {
        IdempotencyClaim::Replay { status, body } => {
            // A replay answers for a caller who may no longer act: a revoked or expired admin
            // token, or the manage token of a record deleted since, is refused as on a first
            // request.
            let mut parts = parts;
            if Viewer::from_request_parts(&mut parts, &state)
                .await?
                .invalid_token
            {
                return Err(Error::Unauthorized);
            }
            return Ok(json_response(status, open(&key, &body)?, true));
        }
        IdempotencyClaim::InProgress => return Err(Error::IdempotencyInProgress),
        IdempotencyClaim::Mismatch => return Err(Error::IdempotencyMismatch),
        IdempotencyClaim::Claimed => {}
    }

    let request = Request::from_parts(parts, Body::from(bytes));
    let task = tokio::spawn({
        let (state, key, key_hash, scope) = (state.clone(), key.clone(), key_hash, scope.clone());
        async move {
            let response = next.run(request).await;
            let (parts, body) = response.into_parts();
            let body = match to_bytes(body, usize::MAX).await {
                Ok(body) => body,
                Err(e) => {
                    state
                        .store()
                        .release_idempotency_key(&key_hash, &scope)
                        .await?;
                    return Err(Error::Internal(format!("reading a response body: {e}")));
                }
            };
            if parts.status.is_success() {
                state
                    .store()
                    .complete_idempotency_key(
                        &key_hash,
                        &scope,
                        parts.status.as_u16(),
                        &seal(&key, &body)?,
                        &holds(&scope, &body),
                    )
                    .await?;
            } else {
                state
                    .store()
                    .release_idempotency_key(&key_hash, &scope)
                    .await?;
            }
            Ok(Response::from_parts(parts, Body::from(body)))
        }
    });
    match task.await {
        Ok(result) => result,
        Err(join_error) => {
            // The handler panicked: nothing was answered, so a retry must be able to run.
            state
                .store()
                .release_idempotency_key(&key_hash, &scope)
                .await?;
            Err(Error::Internal(format!(
                "request task failed: {join_error}"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_bodies_open_only_with_their_key() {
        let sealed = seal("key-1", b"{\"manage_token\":\"phm_secret\"}").unwrap();
        assert!(
            !sealed.windows(10).any(|w| w == b"phm_secret"),
            "the token is not stored in clear"
        );
        assert_eq!(
            open("key-1", &sealed).unwrap(),
            b"{\"manage_token\":\"phm_secret\"}"
        );
        assert!(open("key-2", &sealed).is_err());
    }

    #[test]
    fn a_response_names_the_records_it_carries() {
        let created = br#"{"record":{"id":42,"title":"x"},"manage_token":"phm_x"}"#;
        assert_eq!(
            holds("POST /api/v1/initiatives", created),
            " initiative:42 "
        );
        assert_eq!(
            holds("POST /api/v1/stakeholders", created),
            " stakeholder:42 "
        );
        let pledge = br#"{"id":3,"initiative_id":42,"stakeholder":{"id":7,"name":"x"}}"#;
        assert_eq!(
            holds("POST /api/v1/pledges/3/accept", pledge),
            " pledge:3 initiative:42 stakeholder:7 "
        );
        assert_eq!(holds("POST /api/v1/reports", br#"{"hidden":false}"#), "");
        assert_eq!(holds("POST /api/v1/reports", b"not json"), "");
    }

    #[test]
    fn keys_are_printable_ascii_of_bounded_length() {
        assert!(valid_key("3f2b6c1e-8d7a-4b0e-9c1d-2a5e7f9b0c11"));
        assert!(!valid_key(""));
        assert!(!valid_key("with space"));
        assert!(!valid_key(&"k".repeat(256)));
    }
}
