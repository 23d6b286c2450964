//! Per-client rate limits: a flood from one address is slowed down without starving others.
//! Writes are limited far more strictly than reads, since spam is written.
//!
//! Token buckets per client address, in this process's memory: with several server processes
//! each holds its own buckets, so the effective limit is per process (documented in the README).

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::Error;
use crate::state::AppState;

/// Requests per minute for one client, and how many may come at once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limit {
    pub per_minute: u32,
    pub burst: u32,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// The buckets of one kind of request (reads or writes).
#[derive(Debug)]
pub struct Limiter {
    limit: Limit,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

impl Limiter {
    pub fn new(limit: Limit) -> Limiter {
        Limiter {
            limit,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token for `client`; `Err(seconds)` says how long until one is available.
    pub fn check(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        let rate = f64::from(self.limit.per_minute) / 60.0;
        let burst = f64::from(self.limit.burst.max(1));
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Forget idle clients now and then, so memory stays bounded under a scan of addresses.
        if buckets.len() > 100_000 {
            buckets.retain(|_, b| now.duration_since(b.updated).as_secs_f64() * rate < burst);
        }
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: burst,
            updated: now,
        });
        bucket.tokens =
            (bucket.tokens + now.duration_since(bucket.updated).as_secs_f64() * rate).min(burst);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - bucket.tokens) / rate).ceil().max(1.0) as u64)
        }
    }
}

/// The client's address: the peer, or — when the server is told it runs behind a reverse proxy —
/// the last `X-Forwarded-For` entry, the one that proxy appended. Earlier entries are whatever
/// the client sent and prove nothing.
pub fn client(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    extensions: &axum::http::Extensions,
) -> IpAddr {
    if state.trust_forwarded_for()
        && let Some(ip) = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .last()
            .and_then(|ip| ip.trim().parse().ok())
    {
        return ip;
    }
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
        .unwrap_or(IpAddr::from([0, 0, 0, 0]))
}

/// The client's address as an extractor, for handlers that count people (reports).
pub struct ClientAddr(pub IpAddr);

impl axum::extract::FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(client(state, &parts.headers, &parts.extensions)))
    }
}

pub async fn rate_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let ip = client(&state, request.headers(), request.extensions());
    let limiter = if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        state.read_limiter()
    } else {
        state.write_limiter()
    };
    match limiter.check(ip, Instant::now()) {
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
    use std::time::Duration;

    #[test]
    fn a_burst_is_allowed_then_the_rate_applies_per_client() {
        let limiter = Limiter::new(Limit {
            per_minute: 60,
            burst: 3,
        });
        let (a, b) = (IpAddr::from([10, 0, 0, 1]), IpAddr::from([10, 0, 0, 2]));
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check(a, start).is_ok());
        }
        assert_eq!(
            limiter.check(a, start),
            Err(1),
            "one token a second at 60 per minute"
        );
        assert!(
            limiter.check(b, start).is_ok(),
            "another client is not starved"
        );
        assert!(
            limiter
                .check(a, start + Duration::from_millis(1_100))
                .is_ok()
        );
    }
}
