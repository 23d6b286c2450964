//! The HTTP edge as any client meets it: reference data, problem documents for every kind of
//! mistake, the served widget, and the binary as `cargo xtask run` starts it.

mod common;

use std::process::Command;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::binary::Binary;
use common::{TestApp, WASM_ASSET, args};
use pentahelix_server::AppState;
use pentahelix_server::cli::ServeArgs;

#[tokio::test]
async fn taxonomy_lists_the_official_vocabularies_with_both_labels() {
    let app = TestApp::new().await;
    let reply = app.get("/api/v1/taxonomy", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let body = reply.json();
    assert_eq!(body["helices"].as_array().unwrap().len(), 5);
    assert_eq!(body["subsectors"].as_array().unwrap().len(), 17);
    assert_eq!(body["resources"].as_array().unwrap().len(), 10);
    assert_eq!(body["helices"][0]["slug"], "government");
    assert_eq!(body["helices"][0]["label"]["id"], "Pemerintah");
}

#[tokio::test]
async fn regions_of_a_city_search_by_name_within_the_served_cities() {
    let app = TestApp::with(ServeArgs {
        cities: vec!["32.73".parse().unwrap()],
        ..args()
    })
    .await;
    let reply = app.get("/api/v1/regions?within=32.73&q=cib", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let names: Vec<String> = reply
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["Cibeunying Kidul", "Cibeunying Kaler", "Cibiru"]);

    let reply = app.get("/api/v1/regions?q=serpong", None).await;
    assert!(
        reply.json().as_array().unwrap().is_empty(),
        "Tangerang Selatan is not served by this deployment"
    );

    let reply = app.get("/api/v1/regions/32.73.02", None).await;
    assert_eq!(reply.json()["name"], "Coblong");
    assert_eq!(reply.json()["level"], "district");
    app.get("/api/v1/regions/36.74.01", None)
        .await
        .problem(404, "not-found");
}

#[tokio::test]
async fn a_bad_region_code_is_a_problem_that_says_what_is_expected() {
    let app = TestApp::new().await;
    let problem = app
        .get("/api/v1/regions?within=32-73", None)
        .await
        .problem(400, "malformed-request");
    assert!(
        problem["detail"].as_str().unwrap().contains("32.73.01"),
        "{problem}"
    );
}

#[tokio::test]
async fn unknown_api_routes_are_problems_in_the_clients_language() {
    let app = TestApp::new().await;
    let problem = app
        .get("/api/v1/nothing-here", None)
        .await
        .problem(404, "not-found");
    assert_eq!(problem["title"], "Tidak ditemukan");
    let reply = app
        .send(
            Method::GET,
            "/api/v1/nothing-here",
            None,
            None,
            &[("accept-language", "en-US,en;q=0.9")],
        )
        .await;
    assert_eq!(reply.problem(404, "not-found")["title"], "Not found");
}

#[tokio::test]
async fn a_wrong_method_is_a_405_problem() {
    let app = TestApp::new().await;
    app.delete("/api/v1/taxonomy", None)
        .await
        .problem(405, "method-not-allowed");
}

#[tokio::test]
async fn malformed_bodies_are_problems_never_500s() {
    let app = TestApp::new().await;
    let syntax = Request::post("/api/v1/initiatives")
        .header("content-type", "application/json")
        .body(Body::from("{\"title\": "))
        .unwrap();
    app.raw(syntax).await.problem(400, "malformed-request");

    let no_type = Request::post("/api/v1/initiatives")
        .body(Body::from("{}"))
        .unwrap();
    app.raw(no_type)
        .await
        .problem(415, "unsupported-media-type");

    let wrong_slug = common::initiative_body(serde_json::json!({ "subsectors": ["food"] }));
    let problem = app
        .post("/api/v1/initiatives", None, wrong_slug)
        .await
        .problem(400, "malformed-request");
    assert!(
        problem["detail"].as_str().unwrap().contains("kuliner"),
        "names the allowed slugs: {problem}"
    );

    let not_utf8 = Request::post("/api/v1/stakeholders")
        .header("content-type", "application/json")
        .body(Body::from(vec![0xff, 0xfe, b'{']))
        .unwrap();
    app.raw(not_utf8).await.problem(400, "malformed-request");

    app.get("/api/v1/initiatives/not-a-number", None)
        .await
        .problem(404, "not-found");
    app.get("/api/v1/initiatives?limit=lots", None)
        .await
        .problem(400, "malformed-request");
}

#[tokio::test]
async fn the_openapi_document_lists_every_endpoint_and_the_docs_page_needs_no_cdn() {
    let app = TestApp::new().await;
    let doc = app.get("/api/openapi.json", None).await.json();
    assert_eq!(
        doc["openapi"].as_str().map(|v| v.starts_with("3.1")),
        Some(true)
    );
    let paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for expected in [
        "/api/v1/taxonomy",
        "/api/v1/regions",
        "/api/v1/stakeholders",
        "/api/v1/stakeholders/{id}",
        "/api/v1/stakeholders/{id}/matches",
        "/api/v1/initiatives",
        "/api/v1/initiatives/{id}",
        "/api/v1/initiatives/{id}/status",
        "/api/v1/initiatives/{id}/pledges",
        "/api/v1/initiatives/{id}/matches",
        "/api/v1/pledges/{id}/accept",
        "/api/v1/stats",
        "/api/v1/stats/cities",
        "/api/v1/reports",
        "/api/v1/moderation/queue",
        "/api/v1/exports/initiatives.csv",
        "/api/v1/exports/events.ics",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:?}"
        );
    }
    let page = app.get("/api/docs/", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.text().contains("https://"),
        "the docs page loads nothing from the internet"
    );
}

#[tokio::test]
async fn the_widget_is_served_precompressed_with_the_wasm_mime_type() {
    let app = TestApp::new().await;
    let page = app.get("/", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.content_type().starts_with("text/html"));
    let wasm = app
        .send(
            Method::GET,
            WASM_ASSET,
            None,
            None,
            &[("accept-encoding", "br, gzip")],
        )
        .await;
    assert_eq!(wasm.status, StatusCode::OK);
    assert_eq!(wasm.headers[header::CONTENT_TYPE], "application/wasm");
    assert_eq!(wasm.headers[header::CONTENT_ENCODING], "br");
}

#[tokio::test]
async fn the_widget_files_load_from_a_city_site_on_another_origin() {
    let app = TestApp::new().await;
    let from_city = [("origin", "https://bandung.go.id")];
    let wasm = app
        .send(Method::GET, WASM_ASSET, None, None, &from_city)
        .await;
    assert_eq!(wasm.status, StatusCode::OK);
    assert_eq!(
        wasm.headers["access-control-allow-origin"], "*",
        "module scripts and wasm fetched cross-origin need CORS"
    );
    assert_eq!(
        wasm.headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable",
        "a fingerprinted file never changes under its name"
    );
    assert_eq!(wasm.headers["x-content-type-options"], "nosniff");

    let loader = app
        .send(Method::GET, "/embed.js", None, None, &from_city)
        .await;
    assert_eq!(loader.status, StatusCode::OK);
    assert_eq!(loader.headers["access-control-allow-origin"], "*");
    assert_eq!(
        loader.headers[header::CACHE_CONTROL],
        "public, max-age=300",
        "the loader names the current build, so an update reaches browsers in minutes"
    );

    let missing = app
        .send(
            Method::GET,
            "/assets/pentahelix.ffffffffffff.js",
            None,
            None,
            &from_city,
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(
        missing.headers[header::CACHE_CONTROL],
        "no-cache",
        "a file still being deployed is not remembered as missing"
    );

    let api = app
        .send(
            Method::GET,
            "/api/v1/taxonomy",
            None,
            None,
            &[("origin", "https://evil.example")],
        )
        .await;
    assert!(
        api.headers.get("access-control-allow-origin").is_none(),
        "the API keeps its origin list"
    );
}

#[tokio::test]
async fn an_unknown_city_is_refused_at_start_with_an_example_of_a_code() {
    let err = AppState::open(&ServeArgs {
        cities: vec!["32.99".parse().unwrap()],
        ..args()
    })
    .await
    .err()
    .unwrap()
    .to_string();
    assert!(err.contains("32.99") && err.contains("32.73"), "{err}");
}

/// Any of Indonesia's 514 cities and regencies, not only the seed cities: the Indonesian
/// Creative Cities Network reaches far beyond them.
#[tokio::test]
async fn any_city_or_regency_of_indonesia_is_served_with_its_kecamatan() {
    let app = TestApp::with(ServeArgs {
        cities: vec!["33.74".parse().unwrap(), "32.04".parse().unwrap()],
        ..args()
    })
    .await;
    let semarang = app
        .get("/api/v1/regions?within=33.74&limit=200", None)
        .await
        .json();
    let names: Vec<&str> = semarang
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names.len(),
        17,
        "Kota Semarang and its 16 kecamatan: {names:?}"
    );
    assert_eq!(names[0], "Kota Semarang");
    assert!(names.contains(&"Tembalang"));
    let (id, _) = app
        .initiative(common::initiative_body(
            serde_json::json!({ "title": "Festival Lumpia Tembalang", "region": "33.74.10" }),
        ))
        .await;
    let listed = app
        .get("/api/v1/initiatives?region=33.74", None)
        .await
        .json();
    assert_eq!(listed["items"][0]["id"], id);
    assert_eq!(
        app.get("/api/v1/regions/32.04.05", None).await.json()["level"],
        "district",
        "a regency's kecamatan too"
    );
    app.post(
        "/api/v1/initiatives",
        None,
        common::initiative_body(serde_json::json!({ "region": "32.73.02" })),
    )
    .await
    .problem(422, "validation");
}

/// The binary prints the address it bound, which is how `cargo xtask run` and a person find it.
#[test]
fn the_binary_prints_its_url_and_answers_there() {
    let server = Binary::serve("sqlite::memory:", &["--demo"]);
    assert!(
        server.banner.contains("http://127.0.0.1:") && !server.banner.trim().ends_with(":0/"),
        "{}",
        server.banner
    );
    let health = server.get("/healthz", None);
    let stats = server.get("/api/v1/stats?city=32.73", None);
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(
        stats.contains("\"kecamatan_total\":30"),
        "the demo data is loaded: {stats}"
    );
}

/// `admin create-token` prints a token that the server then honours for that region only.
#[test]
fn an_admin_token_made_on_the_command_line_works_for_its_region() {
    let dir = std::env::temp_dir().join(format!("pentahelix-admin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/admin.db", dir.display());
    let output = Command::new(env!("CARGO_BIN_EXE_pentahelix-server"))
        .args([
            "admin",
            "create-token",
            "--database-url",
            &url,
            "--region",
            "32.73",
            "--label",
            "Hub Bandung",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let token = String::from_utf8(output.stdout).unwrap().trim().to_owned();
    assert!(token.starts_with("pha_"), "{token}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("32.73"));

    let server = Binary::serve(&url, &[]);
    let with_token = server.get("/api/v1/moderation/queue", Some(&token));
    let forged = server.get(
        "/api/v1/moderation/queue",
        Some(&format!("pha_{}", "0".repeat(64))),
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(with_token.starts_with("HTTP/1.1 200"), "{with_token}");
    assert!(forged.starts_with("HTTP/1.1 401"), "{forged}");

    let bad = Command::new(env!("CARGO_BIN_EXE_pentahelix-server"))
        .args(["admin", "create-token", "--region", "32-73"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("32.73.01"),
        "the error shows the expected form"
    );
}

/// The loader paints this before the wasm arrives; the widget then starts from its `page`, so
/// the two must be the list a visitor gets, in the widget's words for the language asked.
#[tokio::test]
async fn the_first_page_is_the_visitors_list_as_markup_and_data_in_the_language_asked() {
    let app = TestApp::new().await;
    for n in 0..4 {
        app.initiative(common::initiative_body(serde_json::json!({
            "title": format!("Festival Kopi <Coblong> & Dago {n}")
        })))
        .await;
    }
    let first = app
        .get(
            "/api/v1/embed/first-page?region=32.73&lang=en&limit=3",
            None,
        )
        .await;
    assert_eq!(first.status, StatusCode::OK);
    let first = first.json();
    let list = app
        .get("/api/v1/initiatives?region=32.73&limit=3", None)
        .await
        .json();
    assert_eq!(
        first["page"], list,
        "the widget starts from the list it would ask for"
    );
    let html = first["html"].as_str().unwrap();
    assert_eq!(html.matches(r#"class="ph-card""#).count(), 3);
    assert!(
        html.contains("Festival Kopi &lt;Coblong&gt; &amp; Dago 3"),
        "{html}"
    );
    assert!(html.contains(">Initiatives<") && html.contains("3 initiatives shown"));
    assert!(
        html.contains(r#"data-testid="load-more""#),
        "a fourth waits behind the button"
    );

    // The attributes as a page may write them: a typo falls back as the widget's does.
    let typo = app
        .get("/api/v1/embed/first-page?region=bandung&limit=banyak", None)
        .await
        .json();
    assert_eq!(typo["page"]["items"].as_array().unwrap().len(), 4);
    assert!(typo["html"].as_str().unwrap().contains(">Inisiatif<"));

    // A kecamatan's widget opens filtered to it.
    let coblong = app
        .get("/api/v1/embed/first-page?region=32.73.01", None)
        .await
        .json();
    assert!(coblong["page"]["items"].as_array().unwrap().is_empty());
    assert!(
        coblong["html"]
            .as_str()
            .unwrap()
            .contains(r#"data-testid="empty-clear""#)
    );

    let elsewhere = app.get("/api/v1/embed/first-page?region=33.74", None).await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
}

/// A city the widget does not know built in gets its kecamatan with the first page, so the
/// widget names them at once instead of asking first (and showing placeholders meanwhile).
#[tokio::test]
async fn the_first_page_of_a_city_outside_the_seed_cities_brings_its_kecamatan() {
    let app = TestApp::with(ServeArgs {
        cities: vec!["33.74".parse().unwrap(), "32.73".parse().unwrap()],
        ..args()
    })
    .await;
    let semarang = app
        .get("/api/v1/embed/first-page?region=33.74", None)
        .await
        .json();
    let names: Vec<&str> = semarang["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"Tembalang") && names.len() >= 16,
        "{names:?}"
    );
    assert!(
        semarang["html"]
            .as_str()
            .unwrap()
            .contains(">Tembalang</option>")
    );
    let bandung = app
        .get("/api/v1/embed/first-page?region=32.73", None)
        .await
        .json();
    assert!(
        bandung.get("regions").is_none(),
        "the widget knows Bandung's"
    );
}
