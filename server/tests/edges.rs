//! What protects the API at its edge: rate limits, body size, CORS, compression, readiness.

mod common;

use std::net::{IpAddr, SocketAddr};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use common::{TestApp, args, initiative_body};
use pentahelix_server::cli::ServeArgs;
use serde_json::json;

fn from(ip: impl Into<IpAddr>, request: Request<Body>) -> Request<Body> {
    let mut request = request;
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((ip.into(), 40000))));
    request
}

fn propose() -> Request<Body> {
    Request::post("/api/v1/initiatives")
        .header("content-type", "application/json")
        .body(Body::from(
            serde_json::to_vec(&initiative_body(json!({}))).unwrap(),
        ))
        .unwrap()
}

#[tokio::test]
async fn a_flood_of_writes_from_one_address_is_slowed_without_starving_another() {
    let app = TestApp::with(ServeArgs {
        rate_limit_writes: 12,
        ..args()
    })
    .await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(app.raw(from([203, 0, 113, 7], propose())).await);
    }
    let created = statuses
        .iter()
        .filter(|r| r.status == StatusCode::CREATED)
        .count();
    assert_eq!(
        created, 3,
        "a burst of a quarter of the per-minute allowance"
    );
    let limited = statuses.last().unwrap();
    limited.problem(429, "rate-limited");
    assert!(
        limited.headers[header::RETRY_AFTER]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 1
    );
    assert_eq!(
        app.raw(from([198, 51, 100, 9], propose())).await.status,
        StatusCode::CREATED,
        "another citizen still gets through"
    );
    let read = app
        .raw(from(
            [203, 0, 113, 7],
            Request::get("/api/v1/initiatives")
                .body(Body::empty())
                .unwrap(),
        ))
        .await;
    assert_eq!(
        read.status,
        StatusCode::OK,
        "reads have their own, larger allowance"
    );
}

/// A write from `peer` that says it was forwarded for `claimed`.
fn forwarded(peer: [u8; 4], claimed: &str) -> Request<Body> {
    let mut request = from(peer, propose());
    request
        .headers_mut()
        .insert("x-forwarded-for", claimed.parse().unwrap());
    request
}

#[tokio::test]
async fn a_forwarded_address_counts_only_from_a_listed_proxy() {
    let app = TestApp::with(ServeArgs {
        rate_limit_writes: 12,
        trusted_proxies: vec!["10.0.0.0/8".parse().unwrap()],
        ..args()
    })
    .await;
    // A client that is not a listed proxy cannot pass as many people: a burst of 3, then 429.
    let mut created = 0;
    for n in 1..=6 {
        let reply = app
            .raw(forwarded([198, 51, 100, 9], &format!("203.0.113.{n}")))
            .await;
        created += usize::from(reply.status == StatusCode::CREATED);
    }
    assert_eq!(
        created, 3,
        "an unlisted peer is the client, whatever it claims"
    );
    // Behind the listed proxy, each forwarded client has its own allowance, ports and all.
    for n in 1..=6 {
        let reply = app
            .raw(forwarded([10, 0, 0, 2], &format!("203.0.113.{n}:5{n}000")))
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    }
}

#[tokio::test]
async fn one_ipv6_network_shares_one_allowance() {
    let app = TestApp::with(ServeArgs {
        rate_limit_writes: 12,
        ..args()
    })
    .await;
    let mut created = 0;
    for n in 1..=6u16 {
        let address = [0x2001, 0xdb8, 1, 2, n, n, n, n];
        created +=
            usize::from(app.raw(from(address, propose())).await.status == StatusCode::CREATED);
    }
    assert_eq!(
        created, 3,
        "a new address per request in one /64 is one client"
    );
    assert_eq!(
        app.raw(from([0x2001, 0xdb8, 1, 3, 0, 0, 0, 1], propose()))
            .await
            .status,
        StatusCode::CREATED,
        "the next network is someone else"
    );
}

#[tokio::test]
async fn oversize_bodies_are_refused_with_413() {
    let app = TestApp::new().await;
    let huge = initiative_body(json!({ "description": "x".repeat(100_000) }));
    app.post("/api/v1/initiatives", None, huge.clone())
        .await
        .problem(413, "payload-too-large");
    let with_key = app
        .send(
            axum::http::Method::POST,
            "/api/v1/initiatives",
            None,
            Some(huge),
            &[("idempotency-key", "big")],
        )
        .await;
    with_key.problem(413, "payload-too-large");
}

#[tokio::test]
async fn cors_allows_the_configured_city_sites_only() {
    let app = TestApp::with(ServeArgs {
        allowed_origins: vec!["https://bandung.go.id".into()],
        ..args()
    })
    .await;
    let preflight = |origin: &str| {
        Request::builder()
            .method("OPTIONS")
            .uri("/api/v1/initiatives")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "content-type,idempotency-key",
            )
            .body(Body::empty())
            .unwrap()
    };
    let allowed = app.raw(preflight("https://bandung.go.id")).await;
    assert_eq!(
        allowed.headers["access-control-allow-origin"],
        "https://bandung.go.id"
    );
    let refused = app.raw(preflight("https://evil.example")).await;
    assert!(refused.headers.get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn json_is_compressed_for_clients_that_accept_it() {
    let app = TestApp::new().await;
    let reply = app
        .send(
            axum::http::Method::GET,
            "/api/openapi.json",
            None,
            None,
            &[("accept-encoding", "gzip")],
        )
        .await;
    assert_eq!(reply.headers[header::CONTENT_ENCODING], "gzip");
}

#[tokio::test]
async fn ready_when_the_database_answers() {
    let app = TestApp::new().await;
    let reply = app.get("/readyz", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["status"], "ready");
}
