//! Creating a record once, when the answer may be lost on its way back.
//!
//! A form sends its creation under an Idempotency-Key; the server keeps the answer to the first
//! body that succeeds under a key for a day and refuses any other body under it (422). So when
//! an attempt's answer is lost (a train enters a tunnel) and the person then changes the form,
//! sending the new text would be refused, and sending it under a fresh key would make a second
//! record while the first stays behind with a token nobody holds. A form therefore remembers
//! the body it sent until an answer says what became of it, and never sends another under the
//! same key before knowing: it sends the remembered body again first, and the server either
//! answers with the record it made then (which the form then brings up to date) or refuses it
//! (and so keeps nothing under the key).

use leptos::prelude::*;
use pentahelix_core::api::ProblemType;
use pentahelix_core::api::endpoint::Endpoint;

use crate::api::{Api, ApiError, Call, body_of};
use crate::storage;

/// What a creation brought back.
pub struct Creation<A> {
    pub answer: A,
    /// The record was made from the body sent earlier, not from the form as it is now.
    pub earlier: bool,
}

/// A form's attempts at one creation: the Idempotency-Key they go under, and the JSON sent under
/// it whose outcome is not known (both kept in the form's draft, so they outlast a reload).
#[derive(Clone, Copy)]
pub struct Attempts {
    pub key: RwSignal<String>,
    pub sent: RwSignal<Option<String>>,
}

/// Whether the server may still hold a success for the key after this error: no answer came,
/// the request under the key is still running (409), or it timed out on the way (the server
/// finishes and keeps a timed-out creation's answer). Any other answer released the key.
fn outcome_unknown(error: &ApiError) -> bool {
    match error {
        ApiError::Network | ApiError::Aborted | ApiError::Unreadable => true,
        ApiError::Problem(p) => p.status == 408 || p.status == 409 || p.status >= 500,
    }
}

/// Sends `now` under the attempts' key, after the body sent earlier when its outcome is not
/// known and it differs from `now`'s. Bodies are kept as the JSON text sent, so sending one
/// again needs no reader for it. Should the key hold a body this browser no longer knows (a
/// draft from before it kept what it sent), the next attempt goes under a new key.
pub async fn create<E: Endpoint>(
    api: &Api,
    now: &E,
    attempts: Attempts,
) -> Result<Creation<E::Answer>, ApiError> {
    let key = attempts.key.get_untracked();
    let call = Call::default().idempotent(&key);
    let body = body_of(now)?;
    let earlier = attempts
        .sent
        .get_untracked()
        .filter(|earlier| Some(earlier) != body.as_ref());
    if let Some(earlier) = earlier {
        match api.call_with_body(now, Some(earlier), call).await {
            Ok(answer) => {
                attempts.sent.try_set(None);
                return Ok(Creation {
                    answer,
                    earlier: true,
                });
            }
            Err(e) if outcome_unknown(&e) => return Err(e),
            // Refused, so nothing is kept under the key: the new text may go.
            Err(_) => {}
        }
    }
    attempts.sent.try_set(body.clone());
    let result = api
        .call_with_body(now, body, call)
        .await
        .map(|answer| Creation {
            answer,
            earlier: false,
        });
    match &result {
        Err(e) if outcome_unknown(e) => {}
        Err(ApiError::Problem(p)) if p.problem_type() == Some(ProblemType::IdempotencyMismatch) => {
            attempts.key.try_set(storage::new_key());
            attempts.sent.try_set(None);
        }
        _ => {
            attempts.sent.try_set(None);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use pentahelix_core::api::Problem;

    use super::*;

    fn problem(status: u16) -> ApiError {
        ApiError::Problem(Problem {
            kind: String::new(),
            title: String::new(),
            status,
            detail: String::new(),
            errors: Default::default(),
        })
    }

    #[test]
    fn only_a_refusal_says_the_server_kept_nothing() {
        for unknown in [
            ApiError::Network,
            ApiError::Aborted,
            problem(409),
            problem(503),
        ] {
            assert!(outcome_unknown(&unknown), "{unknown:?}");
        }
        for refused in [problem(422), problem(429), problem(400)] {
            assert!(!outcome_unknown(&refused), "{refused:?}");
        }
    }
}
