//! `/api/v1/auth/…`: sign-in without passwords. An address asks for a code, the code arrives by
//! mail, the code buys a session. A session manages every record whose contact email is that
//! address, on any device and any city site, so a citizen who proposed on her phone can answer
//! offers on her laptop.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use pentahelix_core::api::{EmailCodeRequest, Problem, SessionCreated, SessionRequest};
use pentahelix_core::validate::{Rule, ValidationErrors, email_key, is_valid_email};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::access::Viewer;
use crate::auth::{Bearer, TokenKind, code_hash, hex, new_token};
use crate::error::Error;
use crate::http::client::ClientAddr;
use crate::http::extract::JsonBody;
use crate::notify::letters;
use crate::state::AppState;
use crate::store::CodeCheck;

/// How long a mailed code works.
pub const CODE_MINUTES: i64 = 15;
/// Wrong guesses a code survives: with a million codes, five guesses succeed once in 200,000.
pub const CODE_TRIES: i64 = 5;
/// The least time between two codes for one address.
pub const CODE_EVERY_SECONDS: i64 = 60;
pub const SESSION_DAYS: i64 = 90;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(email_code))
        .routes(routes!(create_session, end_session))
        .routes(routes!(end_every_session))
}

/// The address as it is compared everywhere, or the validation error for the `email` field.
fn address(email: &str) -> Result<String, Error> {
    let email = email_key(email);
    if is_valid_email(&email) {
        Ok(email)
    } else {
        let mut errors = ValidationErrors::default();
        errors.push(
            "email",
            if email.is_empty() {
                Rule::Required
            } else {
                Rule::InvalidEmail
            },
        );
        Err(errors.into())
    }
}

/// Six random digits, evenly drawn.
fn six_digits() -> Result<String, Error> {
    loop {
        let mut bytes = [0u8; 4];
        getrandom::fill(&mut bytes).map_err(|e| Error::Internal(format!("random code: {e}")))?;
        let n = u32::from_le_bytes(bytes);
        // Below the largest multiple of a million, so every code is as likely.
        if n < u32::MAX - u32::MAX % 1_000_000 {
            return Ok(format!("{:06}", n % 1_000_000));
        }
    }
}

/// Mail a sign-in code. The answer is the same whether or not any record has this address, so
/// nobody can learn who uses Pentahelix: an unknown address signs in to an empty "Milik saya".
/// One code per address a minute (429), and a few per client.
#[utoipa::path(post, path = "/auth/email-code", tag = "sign-in", request_body = EmailCodeRequest,
    responses((status = 202, description = "A code is on its way, valid 15 minutes"), (status = 422, body = Problem),
        (status = 400, body = Problem), (status = 503, body = Problem, description = "This server sends no mail (no `--smtp-url`)")))]
async fn email_code(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    JsonBody(request): JsonBody<EmailCodeRequest>,
) -> Result<StatusCode, Error> {
    let email = address(&request.email)?;
    let Some(mailer) = state.mailer().cloned() else {
        return Err(Error::Unavailable);
    };
    let timeout = state.delivery().pace.timeout;
    state
        .limits()
        .sign_in
        .check(client)
        .map_err(|_| Error::RateLimited)?;
    let code = six_digits()?;
    let now = Utc::now();
    let stored = state
        .store()
        .put_email_code(
            &email,
            &code_hash(&email, &code),
            CODE_TRIES,
            now + Duration::minutes(CODE_MINUTES),
            now - Duration::seconds(CODE_EVERY_SECONDS),
            now,
        )
        .await?;
    if !stored {
        return Err(Error::RateLimited);
    }
    state
        .store()
        .remember_lang(&email, request.lang, true, now)
        .await?;
    let mut message_id = [0u8; 16];
    getrandom::fill(&mut message_id).map_err(|e| Error::Internal(format!("random id: {e}")))?;
    let letter =
        letters::sign_in_code(request.lang, &email, &code, CODE_MINUTES, &hex(&message_id));
    // Sent beside the answer, so its timing says nothing about the address either.
    tokio::spawn(async move {
        let sent = tokio::time::timeout(timeout, mailer.send(&letter)).await;
        match sent {
            Ok(Ok(())) => tracing::info!("sign-in code mailed"),
            Ok(Err(error)) => tracing::warn!(%error, "a sign-in code could not be mailed"),
            Err(_) => {
                tracing::warn!("a sign-in code could not be mailed: the mail server timed out")
            }
        }
    });
    Ok(StatusCode::ACCEPTED)
}

/// Trade a mailed code for a session token (`phs_…`, valid 90 days). A wrong code answers 422 on
/// `code`; after five wrong tries, or 15 minutes, the code is spent and a new one must be asked
/// for.
#[utoipa::path(post, path = "/auth/session", tag = "sign-in", request_body = SessionRequest,
    responses((status = 201, body = SessionCreated), (status = 422, body = Problem), (status = 400, body = Problem)))]
async fn create_session(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<SessionRequest>,
) -> Result<(StatusCode, Json<SessionCreated>), Error> {
    let email = address(&request.email)?;
    let code: String = request
        .code
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let now = Utc::now();
    let check = if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        state
            .store()
            .check_email_code(&email, &code_hash(&email, &code), now)
            .await?
    } else {
        CodeCheck::NoCode
    };
    if check != CodeCheck::Accepted {
        let mut errors = ValidationErrors::default();
        errors.push("code", Rule::WrongCode);
        return Err(errors.into());
    }
    let (token, hash) = new_token(TokenKind::Session);
    let expires_at = now + Duration::days(SESSION_DAYS);
    state
        .store()
        .create_session(&hash, &email, expires_at, now)
        .await?;
    tracing::info!("session opened");
    Ok((
        StatusCode::CREATED,
        Json(SessionCreated {
            session_token: token,
            expires_at,
        }),
    ))
}

/// Sign out: the session token sent stops working.
#[utoipa::path(delete, path = "/auth/session", tag = "sign-in",
    responses((status = 204), (status = 401, body = Problem)))]
async fn end_session(State(state): State<AppState>, bearer: Bearer) -> Result<StatusCode, Error> {
    let Some(hash) = bearer.session() else {
        return Err(Error::Unauthorized);
    };
    if state.store().end_session(hash).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(Error::Unauthorized)
    }
}

/// Sign out everywhere: every session of the signed-in address stops working, this one too.
#[utoipa::path(delete, path = "/auth/sessions", tag = "sign-in",
    responses((status = 204), (status = 401, body = Problem)))]
async fn end_every_session(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<StatusCode, Error> {
    let Some(session) = &viewer.session else {
        return Err(Error::Unauthorized);
    };
    let ended = state.store().end_sessions_of(&session.email).await?;
    tracing::info!(ended, "signed out everywhere");
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_and_vary() {
        let codes: std::collections::BTreeSet<String> =
            (0..50).map(|_| six_digits().unwrap()).collect();
        assert!(
            codes
                .iter()
                .all(|c| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()))
        );
        assert!(codes.len() > 45);
    }

    #[test]
    fn a_code_is_bound_to_its_address() {
        assert!(!code_hash("a@contoh.id", "123456").matches(&code_hash("b@contoh.id", "123456")));
        assert!(address(" Siti@Contoh.ID ").unwrap() == "siti@contoh.id");
        assert!(address("not an address").is_err());
    }
}
