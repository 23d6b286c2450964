//! What spam, scrapers and curious attackers send: deep and huge JSON, invalid text, wrong
//! content types, SQL and full-text metacharacters in every field. Each gets a clear 4xx (or is
//! stored as the harmless text it is), never a 5xx, and the data stays intact.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{TestApp, initiative_body, stakeholder_body};
use serde_json::json;

/// What attackers type into text fields and filters: SQL comments and quotes, LIKE wildcards,
/// FTS5 syntax (quotes, operators, column filters, prefix stars, NEAR groups).
const METACHARACTERS: [&str; 12] = [
    "'; DROP TABLE initiatives; --",
    "\" OR \"1\"=\"1",
    "kopi' OR 1=1 --",
    "100% _kopi_ \\",
    "\"unbalanced",
    "kopi*",
    "title:kopi",
    "NEAR(kopi festival)",
    "kopi AND OR NOT",
    "^kopi -festival",
    "(((",
    "*",
];

#[tokio::test]
async fn sql_and_search_metacharacters_in_every_text_field_and_filter_are_harmless() {
    let app = TestApp::new().await;
    let (existing, _) = app.initiative(initiative_body(json!({}))).await;
    for text in METACHARACTERS {
        // Stored verbatim as text, in every free-text field.
        let title = format!("Festival {text}");
        let created = app
            .post(
                "/api/v1/initiatives",
                None,
                initiative_body(json!({
                    "title": title,
                    "description": format!("Deskripsi yang cukup panjang dengan {text} di dalamnya."),
                    "place": format!("Tempat {text}"),
                    "contact": { "person": format!("Kontak {text}"), "email": "a@contoh.id" },
                })),
            )
            .await;
        assert_eq!(
            created.status,
            StatusCode::CREATED,
            "{text}: {}",
            created.text()
        );
        assert_eq!(created.json()["record"]["title"], title.trim());
        let profile = app
            .post(
                "/api/v1/stakeholders",
                None,
                stakeholder_body(json!({ "name": format!("Komunitas {text}"), "description": format!("Kami {text} berkarya bersama warga kota.") })),
            )
            .await;
        assert_eq!(
            profile.status,
            StatusCode::CREATED,
            "{text}: {}",
            profile.text()
        );

        // Every search and filter answers normally or with a 400 problem — never a 5xx.
        let q = urlencode(text);
        for path in [
            format!("/api/v1/initiatives?q={q}"),
            format!("/api/v1/stakeholders?q={q}"),
            format!("/api/v1/regions?q={q}"),
            format!("/api/v1/initiatives?region={q}"),
            format!("/api/v1/initiatives?subsector={q}"),
            format!("/api/v1/initiatives?status={q}"),
            format!("/api/v1/initiatives?from={q}"),
            format!("/api/v1/stakeholders?helix={q}"),
            format!("/api/v1/stakeholders?resource={q}"),
            format!("/api/v1/initiatives?cursor={q}"),
            format!("/api/v1/initiatives/1/matches?scope={q}"),
            format!("/api/v1/stats?city={q}"),
        ] {
            let reply = app.get(&path, None).await;
            assert!(
                reply.status == StatusCode::OK
                    || (reply.status == StatusCode::BAD_REQUEST
                        && reply.content_type() == "application/problem+json"),
                "{path}: {} {}",
                reply.status,
                reply.text()
            );
        }
    }
    // The tables are all still there and hold everything.
    let list = app.get("/api/v1/initiatives?limit=100", None).await.json();
    assert_eq!(
        list["items"].as_array().unwrap().len(),
        METACHARACTERS.len() + 1
    );
    assert_eq!(
        app.get(&format!("/api/v1/initiatives/{existing}"), None)
            .await
            .status,
        StatusCode::OK
    );
    // A quote-laden search still finds what it names.
    let found = app
        .get(
            &format!("/api/v1/initiatives?q={}", urlencode("\"unbalanced")),
            None,
        )
        .await
        .json();
    assert_eq!(found["items"].as_array().unwrap().len(), 1, "{found}");
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn post_raw(content_type: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut request = Request::post("/api/v1/initiatives");
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    request.body(body.into()).unwrap()
}

#[tokio::test]
async fn deep_huge_and_invalid_bodies_get_a_clear_4xx() {
    let app = TestApp::new().await;

    let deep = format!("{}{}", "[".repeat(5_000), "]".repeat(5_000));
    let reply = app.raw(post_raw(Some("application/json"), deep)).await;
    reply.problem(400, "malformed-request");

    let deep_field = format!(
        "{{\"title\": {}1{}}}",
        "{\"a\":".repeat(3_000),
        "}".repeat(3_000)
    );
    app.raw(post_raw(Some("application/json"), deep_field))
        .await
        .problem(400, "malformed-request");

    let long_title = initiative_body(json!({ "title": "panjang ".repeat(7_000) }));
    let problem = app
        .post("/api/v1/initiatives", None, long_title)
        .await
        .problem(422, "validation");
    assert!(problem["errors"]["title"].is_string(), "{problem}");

    let null_byte = initiative_body(json!({ "title": "Festival\u{0}Kopi" }));
    let problem = app
        .post("/api/v1/initiatives", None, null_byte)
        .await
        .problem(422, "validation");
    assert!(problem["errors"]["title"].is_string(), "{problem}");

    let mut invalid_utf8 = serde_json::to_vec(&initiative_body(json!({}))).unwrap();
    let at = invalid_utf8
        .windows(6)
        .position(|w| w == b"Coblon")
        .unwrap();
    invalid_utf8[at] = 0xC3;
    app.raw(post_raw(Some("application/json"), invalid_utf8))
        .await
        .problem(400, "malformed-request");

    for content_type in [
        None,
        Some("text/plain"),
        Some("application/xml"),
        Some("multipart/form-data; boundary=x"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let body = serde_json::to_vec(&initiative_body(json!({}))).unwrap();
        app.raw(post_raw(content_type, body))
            .await
            .problem(415, "unsupported-media-type");
    }

    for wrong_shape in ["[]", "\"festival\"", "null", "42", "{}"] {
        let reply = app
            .raw(post_raw(Some("application/json"), wrong_shape))
            .await;
        assert!(
            matches!(reply.status.as_u16(), 400 | 422)
                && reply.content_type() == "application/problem+json",
            "{wrong_shape}: {} {}",
            reply.status,
            reply.text()
        );
    }

    let empty_list = app.get("/api/v1/initiatives", None).await.json();
    assert_eq!(empty_list["items"], json!([]), "nothing was stored");
}

#[tokio::test]
async fn a_list_never_returns_more_than_the_cap_however_it_is_asked() {
    let app = TestApp::new().await;
    for n in 0..105 {
        app.initiative(initiative_body(
            json!({ "title": format!("Inisiatif nomor {n}") }),
        ))
        .await;
    }
    for limit in ["101", "1000", "4294967295", "99999999999999999999"] {
        let reply = app
            .get(&format!("/api/v1/initiatives?limit={limit}"), None)
            .await;
        if reply.status == StatusCode::OK {
            assert_eq!(
                reply.json()["items"].as_array().unwrap().len(),
                100,
                "limit={limit}"
            );
        } else {
            reply.problem(400, "malformed-request");
        }
    }
    for limit in ["0", "-1"] {
        let reply = app
            .get(&format!("/api/v1/initiatives?limit={limit}"), None)
            .await;
        assert!(
            reply.status.is_client_error()
                || reply.json()["items"].as_array().unwrap().len() <= 100,
            "limit={limit}"
        );
    }
}
