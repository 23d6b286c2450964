//! A test server: the real router on a fresh store, driven through HTTP requests (tower's
//! `oneshot`, no socket needed), with helpers that read like the API docs.
//!
//! The store is an in-memory SQLite database, or, when `PENTAHELIX_TEST_POSTGRES` names a
//! PostgreSQL server, a new database of its own on that server: the same scenarios run on both
//! backends (`cargo xtask test` runs them twice). A test that names its own database gets that.
#![allow(dead_code)]

pub mod binary;
pub mod smtp;

use std::path::PathBuf;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use chrono::Utc;
use http_body_util::BodyExt;
use pentahelix_core::RegionCode;
use pentahelix_server::auth::{TokenKind, new_token};
use pentahelix_server::cli::{ModerationMode, ServeArgs};
use pentahelix_server::store::postgres::testing;
use pentahelix_server::{AppState, router};
use serde_json::{Value, json};
use tower::ServiceExt;

pub struct TestApp {
    pub state: AppState,
    router: Router,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn content_type(&self) -> &str {
        self.headers
            .get("content-type")
            .map(|v| v.to_str().unwrap())
            .unwrap_or_default()
    }

    /// Asserts an RFC 9457 problem of the given type and status, and returns it.
    pub fn problem(&self, status: u16, kind: &str) -> Value {
        assert_eq!(self.status.as_u16(), status, "{}", self.text());
        assert_eq!(
            self.content_type(),
            "application/problem+json",
            "{}",
            self.text()
        );
        let problem = self.json();
        assert_eq!(
            problem["type"],
            format!("/api/problems/{kind}"),
            "{problem}"
        );
        assert_eq!(problem["status"], status);
        assert!(problem["detail"].as_str().is_some_and(|d| !d.is_empty()));
        problem
    }
}

/// A fingerprinted file as `cargo xtask dist` names it.
pub const WASM_ASSET: &str = "/assets/pentahelix_bg.0123456789ab.wasm";

/// A stand-in for `dist/`, in the target directory's scratch folder: one per test binary run
/// under `/tmp` left 700 folders behind after a few weeks of runs.
pub fn static_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("static");
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>hub</title>").unwrap();
    std::fs::write(dir.join("embed.js"), "const ASSETS = {};").unwrap();
    std::fs::write(
        dir.join(WASM_ASSET.trim_start_matches('/')),
        b"\0asm\x01\0\0\0",
    )
    .unwrap();
    std::fs::write(
        dir.join(format!("{}.br", WASM_ASSET.trim_start_matches('/'))),
        b"brotli-bytes",
    )
    .unwrap();
    dir
}

pub fn args() -> ServeArgs {
    ServeArgs {
        static_dir: static_dir(),
        ..ServeArgs::for_tests()
    }
}

impl TestApp {
    pub async fn new() -> TestApp {
        TestApp::with(args()).await
    }

    pub async fn with(mut args: ServeArgs) -> TestApp {
        if args.database_url == ServeArgs::for_tests().database_url
            && let Some(url) = postgres_database().await
        {
            args.database_url = url;
        }
        let state = AppState::open(&args).await.unwrap();
        TestApp {
            router: router(state.clone()),
            state,
        }
    }

    pub async fn pre_moderated() -> TestApp {
        TestApp::with(ServeArgs {
            moderation: ModerationMode::Pre,
            ..args()
        })
        .await
    }

    pub async fn send(
        &self,
        method: Method,
        uri: &str,
        token: Option<&str>,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut request = Request::builder().method(method).uri(uri);
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let body = match body {
            Some(json) => {
                request = request.header("content-type", "application/json");
                Body::from(serde_json::to_vec(&json).unwrap())
            }
            None => Body::empty(),
        };
        self.raw(request.body(body).unwrap()).await
    }

    pub async fn raw(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, uri: &str, token: Option<&str>) -> Reply {
        self.send(Method::GET, uri, token, None, &[]).await
    }

    pub async fn post(&self, uri: &str, token: Option<&str>, body: Value) -> Reply {
        self.send(Method::POST, uri, token, Some(body), &[]).await
    }

    /// A POST from a given client address, as the server sees it behind its socket.
    pub async fn post_from(
        &self,
        ip: impl Into<std::net::IpAddr>,
        uri: &str,
        body: Value,
    ) -> Reply {
        let mut request = Request::post(uri)
            .header("content-type", "application/json")
            .body(Body::from(serde_json::to_vec(&body).unwrap()))
            .unwrap();
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
                ip.into(),
                40000,
            ))));
        self.raw(request).await
    }

    pub async fn put(&self, uri: &str, token: Option<&str>, body: Value) -> Reply {
        self.send(Method::PUT, uri, token, Some(body), &[]).await
    }

    pub async fn delete(&self, uri: &str, token: Option<&str>) -> Reply {
        self.send(Method::DELETE, uri, token, None, &[]).await
    }

    /// Creates a stakeholder and returns (id, manage token).
    pub async fn stakeholder(&self, body: Value) -> (i64, String) {
        let reply = self.post("/api/v1/stakeholders", None, body).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        let json = reply.json();
        (
            json["record"]["id"].as_i64().unwrap(),
            json["manage_token"].as_str().unwrap().to_owned(),
        )
    }

    /// Creates an initiative and returns (id, manage token).
    pub async fn initiative(&self, body: Value) -> (i64, String) {
        let reply = self.post("/api/v1/initiatives", None, body).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        let json = reply.json();
        (
            json["record"]["id"].as_i64().unwrap(),
            json["manage_token"].as_str().unwrap().to_owned(),
        )
    }

    /// The partner `(id, manage token)` offers `resource` to `initiative`, whose owner (its
    /// `owner` token) accepts; returns the pledge's id.
    pub async fn accepted_pledge(
        &self,
        (initiative, owner): (i64, &str),
        (partner, partner_token): (i64, &str),
        resource: &str,
    ) -> i64 {
        let offered = self
            .post(
                &format!("/api/v1/initiatives/{initiative}/pledges"),
                Some(partner_token),
                json!({ "stakeholder_id": partner, "resource": resource, "message": "Kami siap membantu." }),
            )
            .await;
        assert_eq!(offered.status, StatusCode::CREATED, "{}", offered.text());
        let pledge = offered.json()["id"].as_i64().unwrap();
        let accepted = self
            .post(
                &format!("/api/v1/pledges/{pledge}/accept"),
                Some(owner),
                json!({}),
            )
            .await;
        assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text());
        pledge
    }

    /// An admin token for `regions`, as `pentahelix-server admin create-token` makes one.
    pub async fn admin(&self, regions: &[&str]) -> String {
        let (token, hash) = new_token(TokenKind::Admin);
        let regions: Vec<RegionCode> = regions.iter().map(|r| r.parse().unwrap()).collect();
        self.state
            .store()
            .create_admin_token(&hash, "test", &regions, None, Utc::now())
            .await
            .unwrap();
        token
    }

    /// A session of an official invited to `regions` in `role`, as `pentahelix-server admin
    /// invite` and a sign-in with the mailed code make one (`tests/sign_in.rs` signs in through
    /// the mail itself).
    pub async fn official(&self, email: &str, regions: &[&str], role: &str) -> String {
        let role = pentahelix_core::api::OfficialRole::from_slug(role).unwrap();
        for region in regions {
            self.state
                .store()
                .invite_official(email, region.parse().unwrap(), role, Utc::now())
                .await
                .unwrap();
        }
        let (token, hash) = new_token(TokenKind::Session);
        self.state
            .store()
            .create_session(
                &hash,
                &pentahelix_core::validate::email_key(email),
                Utc::now() + chrono::Duration::days(1),
                Utc::now(),
            )
            .await
            .unwrap();
        token
    }

    pub async fn expired_admin(&self, regions: &[&str]) -> String {
        let (token, hash) = new_token(TokenKind::Admin);
        let regions: Vec<RegionCode> = regions.iter().map(|r| r.parse().unwrap()).collect();
        let past = Utc::now() - chrono::Duration::days(1);
        self.state
            .store()
            .create_admin_token(&hash, "expired", &regions, Some(past), Utc::now())
            .await
            .unwrap();
        token
    }
}

/// A new database on the PostgreSQL server the suite was pointed at, if any.
pub async fn postgres_database() -> Option<String> {
    let server = testing::server_url()?;
    Some(
        testing::fresh_database(&server)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", testing::ENV)),
    )
}

/// A valid stakeholder body; `patch` overrides fields.
pub fn stakeholder_body(patch: Value) -> Value {
    merge(
        json!({
            "name": "Kopi Nusantara Dago",
            "helix": "business",
            "region": "32.73.02",
            "subsectors": ["kuliner"],
            "offers": ["venue", "funding"],
            "description": "Kedai kopi dengan ruang acara untuk 80 orang di Dago.",
            "website": "https://kopi.example.id",
            "contact": { "person": "Budi Santoso", "email": "budi@contoh.id", "phone": "0812-0000-1111" },
            "contact_consent": true
        }),
        patch,
    )
}

/// A valid initiative body; `patch` overrides fields.
pub fn initiative_body(patch: Value) -> Value {
    merge(
        json!({
            "title": "Festival Kopi Coblong",
            "description": "Pameran dan lokakarya kopi lokal untuk warga dan UMKM di Coblong.",
            "region": "32.73.02",
            "subsectors": ["kuliner"],
            "needs": [
                { "resource": "venue", "helix": "government" },
                { "resource": "publicity" }
            ],
            "starts_on": "2027-02-13",
            "ends_on": "2027-02-14",
            "place": "Taman Cibeunying",
            "contact": { "person": "Ani Rahmawati", "email": "ani@contoh.id" },
            "contact_consent": true
        }),
        patch,
    )
}

fn merge(mut base: Value, patch: Value) -> Value {
    if let (Some(base), Value::Object(patch)) = (base.as_object_mut(), patch) {
        for (k, v) in patch {
            base.insert(k, v);
        }
    }
    base
}
