//! Anonymous reads answered from memory for a moment.
//!
//! Most requests are citizens opening their city's list or an initiative's matches: the same few
//! URLs, asked without a token, answered alike for everyone. `cargo xtask bench` found a city's
//! list page costing SQLite ~0.2 ms per request however often it was asked, so each process keeps
//! the bytes of such answers for `--public-cache-ms` (1 s by default).
//!
//! What keeps them honest:
//! - any write through this process (a request that is not GET, HEAD or OPTIONS) makes every
//!   kept answer stale once it has been answered, so whoever wrote sees the change on the next
//!   read; a refused write (4xx) changed nothing and keeps them;
//! - a write through another process (several servers on PostgreSQL) shows within the lifetime;
//! - only `200 OK` answers to requests without `Authorization` are kept: an owner's or an
//!   admin's view, which may hold contact details, never is;
//! - the key is the path and the query. Not `Accept-Language`: only problem documents are
//!   localized (`crate::http::problem`), and those are never kept, so citizens whose browsers send
//!   different language lists still share one answer;
//! - at most [`MAX_BYTES`] are kept, so memory stays bounded whatever URLs a client invents, and
//!   an answer over [`MAX_ANSWER`] is passed on without being kept.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::Error;

/// Room for a few thousand pages of initiatives.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;
/// The largest answer kept: a city's whole calendar feed can be megabytes, and is passed on as
/// it streams rather than held.
pub const MAX_ANSWER: usize = MAX_BYTES / 16;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    path_and_query: String,
}

struct Kept {
    made: Instant,
    /// The write count when the request began: a write finishing while the answer was being made
    /// moves the count on, so the answer is never served as newer than it is.
    writes: u64,
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Default)]
struct Entries {
    map: HashMap<Key, Kept>,
    bytes: usize,
}

pub struct PublicCache {
    lifetime: Duration,
    writes: AtomicU64,
    entries: Mutex<Entries>,
}

impl PublicCache {
    /// A zero `lifetime` keeps nothing.
    pub fn new(lifetime: Duration) -> PublicCache {
        PublicCache {
            lifetime,
            writes: AtomicU64::new(0),
            entries: Mutex::default(),
        }
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn get(&self, key: &Key, writes: u64, now: Instant) -> Option<Response> {
        let entries = self.entries();
        let kept = entries.map.get(key)?;
        if kept.writes != writes || now.duration_since(kept.made) >= self.lifetime {
            return None;
        }
        let mut response = Response::new(Body::from(kept.body.clone()));
        *response.headers_mut() = kept.headers.clone();
        Some(response)
    }

    fn put(&self, key: Key, kept: Kept) {
        let size = key.path_and_query.len() + kept.body.len();
        if size > MAX_ANSWER {
            return;
        }
        let mut entries = self.entries();
        if entries.bytes + size > MAX_BYTES {
            let (lifetime, writes) = (self.lifetime, self.writes.load(Ordering::Acquire));
            let now = Instant::now();
            entries
                .map
                .retain(|_, k| k.writes == writes && now.duration_since(k.made) < lifetime);
            entries.bytes = entries
                .map
                .iter()
                .map(|(k, v)| k.path_and_query.len() + v.body.len())
                .sum();
            if entries.bytes + size > MAX_BYTES {
                entries.map.clear();
                entries.bytes = 0;
            }
        }
        let path_len = key.path_and_query.len();
        if let Some(old) = entries.map.insert(key, kept) {
            entries.bytes -= path_len + old.body.len();
        }
        entries.bytes += size;
    }
}

/// Counts a write when dropped, unless its answer showed it changed nothing.
struct CountOnDrop<'a> {
    writes: &'a AtomicU64,
    changed: bool,
}

impl Drop for CountOnDrop<'_> {
    fn drop(&mut self) {
        if self.changed {
            self.writes.fetch_add(1, Ordering::AcqRel);
        }
    }
}

/// The middleware: answers from memory what it may, keeps what it may, and notes every write.
pub async fn public_cache(
    State(cache): State<std::sync::Arc<PublicCache>>,
    request: Request,
    next: Next,
) -> Response {
    serve(&cache, request, next).await
}

async fn serve(cache: &PublicCache, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    if !matches!(method, Method::GET | Method::HEAD | Method::OPTIONS) {
        // Counted when the write ends, however it ends: a request dropped after its commit
        // has still changed the data. A refusal (4xx) changed nothing, so a flood of refused
        // writes does not make every kept answer stale.
        let mut counted = CountOnDrop {
            writes: &cache.writes,
            changed: true,
        };
        let response = next.run(request).await;
        counted.changed = !response.status().is_client_error();
        return response;
    }
    if method != Method::GET
        || cache.lifetime.is_zero()
        || request.headers().contains_key(header::AUTHORIZATION)
    {
        return next.run(request).await;
    }
    let key = Key {
        path_and_query: request.uri().path_and_query().map_or_else(
            || request.uri().path().to_owned(),
            |pq| pq.as_str().to_owned(),
        ),
    };
    let writes = cache.writes.load(Ordering::Acquire);
    if let Some(response) = cache.get(&key, writes, Instant::now()) {
        return response;
    }
    let made = Instant::now();
    let response = next.run(request).await;
    let known_small = axum::body::HttpBody::size_hint(response.body())
        .upper()
        .is_some_and(|upper| upper <= MAX_ANSWER as u64);
    if response.status() != StatusCode::OK || !known_small {
        return response;
    }
    let (parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, MAX_ANSWER).await {
        Ok(body) => body,
        Err(e) => {
            return Error::Internal(format!("reading an answer to keep: {e}")).into_response();
        }
    };
    cache.put(
        key,
        Kept {
            made,
            writes,
            headers: parts.headers.clone(),
            body: body.clone(),
        },
    );
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize;

    use axum::Router;
    use axum::routing::get;
    use tower::ServiceExt;

    use super::*;

    /// A router whose GET answers count how often the handler really ran.
    fn app(cache: Arc<PublicCache>, runs: Arc<AtomicUsize>) -> Router {
        let big_runs = runs.clone();
        let counted = move || {
            let runs = runs.clone();
            async move { runs.fetch_add(1, Ordering::SeqCst).to_string() }
        };
        Router::new()
            .route("/list", get(counted.clone()).post(|| async { "written" }))
            .route(
                "/refused",
                axum::routing::post(|| async { StatusCode::UNPROCESSABLE_ENTITY }),
            )
            .route("/missing", get(|| async { StatusCode::NOT_FOUND }))
            .route(
                "/calendar",
                get(move || {
                    let runs = big_runs.clone();
                    async move {
                        runs.fetch_add(1, Ordering::SeqCst);
                        "x".repeat(MAX_ANSWER + 1)
                    }
                }),
            )
            .layer(axum::middleware::from_fn(move |request, next| {
                let cache = cache.clone();
                async move { serve(&cache, request, next).await }
            }))
    }

    async fn send(app: &Router, method: Method, uri: &str, headers: &[(&str, &str)]) -> String {
        let mut request = Request::builder().method(method).uri(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = app
            .clone()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        String::from_utf8(body.to_vec()).unwrap()
    }

    fn setup(lifetime: Duration) -> (Router, Arc<AtomicUsize>) {
        let runs = Arc::new(AtomicUsize::new(0));
        (
            app(Arc::new(PublicCache::new(lifetime)), runs.clone()),
            runs,
        )
    }

    #[tokio::test]
    async fn an_anonymous_read_is_answered_once_then_from_memory() {
        let (app, runs) = setup(Duration::from_secs(60));
        assert_eq!(
            send(&app, Method::GET, "/list?region=32.73", &[]).await,
            "0"
        );
        assert_eq!(
            send(&app, Method::GET, "/list?region=32.73", &[]).await,
            "0"
        );
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        assert_eq!(
            send(&app, Method::GET, "/list?region=32.76", &[]).await,
            "1",
            "another query is another answer"
        );
        assert_eq!(
            send(
                &app,
                Method::GET,
                "/list?region=32.73",
                &[("accept-language", "en")]
            )
            .await,
            "0",
            "a browser asking in another language shares the answer"
        );
    }

    #[tokio::test]
    async fn a_write_through_this_process_is_seen_by_the_next_read() {
        let (app, _) = setup(Duration::from_secs(60));
        assert_eq!(send(&app, Method::GET, "/list", &[]).await, "0");
        assert_eq!(send(&app, Method::POST, "/list", &[]).await, "written");
        assert_eq!(send(&app, Method::GET, "/list", &[]).await, "1");
        assert_eq!(send(&app, Method::GET, "/list", &[]).await, "1");
    }

    #[tokio::test]
    async fn a_refused_write_keeps_the_answers() {
        let (app, _) = setup(Duration::from_secs(60));
        assert_eq!(send(&app, Method::GET, "/list", &[]).await, "0");
        for _ in 0..3 {
            send(&app, Method::POST, "/refused", &[]).await;
        }
        assert_eq!(
            send(&app, Method::GET, "/list", &[]).await,
            "0",
            "a 422 changed nothing"
        );
    }

    #[tokio::test]
    async fn answers_expire_after_their_lifetime() {
        let (app, _) = setup(Duration::from_millis(50));
        assert_eq!(send(&app, Method::GET, "/list", &[]).await, "0");
        tokio::time::sleep(Duration::from_millis(60)).await;
        assert_eq!(send(&app, Method::GET, "/list", &[]).await, "1");
    }

    #[tokio::test]
    async fn token_holders_errors_and_a_zero_lifetime_are_never_kept() {
        let (app, runs) = setup(Duration::from_secs(60));
        let token = [("authorization", "Bearer phm_x")];
        assert_eq!(send(&app, Method::GET, "/list", &token).await, "0");
        assert_eq!(send(&app, Method::GET, "/list", &token).await, "1");
        send(&app, Method::GET, "/missing", &[]).await;
        send(&app, Method::GET, "/list", &[]).await;
        assert_eq!(send(&app, Method::GET, "/list", &[]).await, "2");
        assert_eq!(runs.load(Ordering::SeqCst), 3);

        let (off, _) = setup(Duration::ZERO);
        assert_eq!(send(&off, Method::GET, "/list", &[]).await, "0");
        assert_eq!(send(&off, Method::GET, "/list", &[]).await, "1");
    }

    #[tokio::test]
    async fn an_answer_too_big_to_keep_is_passed_on_whole() {
        let (app, runs) = setup(Duration::from_secs(60));
        assert_eq!(
            send(&app, Method::GET, "/calendar", &[]).await.len(),
            MAX_ANSWER + 1
        );
        assert_eq!(
            send(&app, Method::GET, "/calendar", &[]).await.len(),
            MAX_ANSWER + 1
        );
        assert_eq!(runs.load(Ordering::SeqCst), 2, "made afresh each time");
    }

    #[test]
    fn memory_stays_bounded_whatever_urls_are_asked() {
        let cache = PublicCache::new(Duration::from_secs(60));
        let body = Bytes::from(vec![b'x'; 64 * 1024]);
        for n in 0..2_000 {
            cache.put(
                Key {
                    path_and_query: format!("/list?q={n}"),
                },
                Kept {
                    made: Instant::now(),
                    writes: 0,
                    headers: HeaderMap::new(),
                    body: body.clone(),
                },
            );
            let entries = cache.entries();
            assert!(entries.bytes <= MAX_BYTES, "{} bytes kept", entries.bytes);
            assert_eq!(
                entries.bytes,
                entries
                    .map
                    .iter()
                    .map(|(k, v)| k.path_and_query.len() + v.body.len())
                    .sum::<usize>()
            );
        }
    }
}
