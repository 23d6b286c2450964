//! Per-client rate limits: a flood from one address is slowed down without starving others.
//! Writes are limited far more strictly than reads, since spam is written.
//!
//! GCRA buckets per client address (the `governor` crate: sharded, so clients do not queue on
//! one lock), in this process's memory: with several server processes each holds its own
//! buckets, so the effective limit is per process (documented in the README).

use std::num::NonZeroU32;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::Error;
use crate::http::client::{ClientKey, Clients};

/// Requests per minute for one client, and how many may come at once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limit {
    pub per_minute: u32,
    pub burst: u32,
}

/// The buckets of one kind of request (reads or writes).
pub struct Limiter {
    buckets: DefaultKeyedRateLimiter<ClientKey>,
}

impl Limiter {
    pub fn new(limit: Limit) -> Limiter {
        let per_minute = NonZeroU32::new(limit.per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new(limit.burst.max(1)).unwrap_or(NonZeroU32::MIN);
        Limiter {
            buckets: RateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst)),
        }
    }

    /// Takes a token for `client`; `Err(seconds)` says how long until one is available.
    pub fn check(&self, client: ClientKey) -> Result<(), u64> {
        self.buckets.check_key(&client).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            wait.as_secs_f64().ceil().max(1.0) as u64
        })
    }

    /// Forgets clients whose buckets are full again, so memory stays bounded under a scan of
    /// addresses; run now and then, off the request path.
    pub fn forget_idle(&self) {
        self.buckets.retain_recent();
        self.buckets.shrink_to_fit();
    }

    pub fn clients(&self) -> usize {
        self.buckets.len()
    }
}

/// How often idle clients are forgotten.
pub const FORGET_IDLE_EVERY: Duration = Duration::from_secs(60);

/// Both limiters, and how to tell who a client is.
pub struct Limits {
    pub reads: Limiter,
    pub writes: Limiter,
    /// Sign-in codes asked for, per client: each one sends a mail.
    pub sign_in: Limiter,
    pub clients: Clients,
}

pub async fn rate_limit(
    State(limits): State<std::sync::Arc<Limits>>,
    request: Request,
    next: Next,
) -> Response {
    let ip = ClientKey::of(
        limits
            .clients
            .client(request.headers(), request.extensions()),
    );
    let limiter = if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        &limits.reads
    } else {
        &limits.writes
    };
    match limiter.check(ip) {
        Ok(()) => next.run(request).await,
        Err(seconds) => {
            let mut response = Error::RateLimited.into_response();
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert("retry-after", value);
            }
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_allowed_then_the_rate_applies_per_client() {
        let limiter = Limiter::new(Limit {
            per_minute: 60,
            burst: 3,
        });
        let key = |ip: [u8; 4]| ClientKey::of(std::net::IpAddr::from(ip));
        let (a, b) = (key([10, 0, 0, 1]), key([10, 0, 0, 2]));
        for _ in 0..3 {
            assert!(limiter.check(a).is_ok());
        }
        assert_eq!(
            limiter.check(a),
            Err(1),
            "one token a second at 60 per minute"
        );
        assert!(limiter.check(b).is_ok(), "another client is not starved");
        assert_eq!(limiter.clients(), 2);
    }
}
