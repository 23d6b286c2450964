//! The API through HTTP: the router as the server runs it, and the binary as `run` starts it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use pentahelix_server::cli::ServeArgs;
use pentahelix_server::{AppState, router};
use serde_json::Value;
use tower::ServiceExt;

fn static_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pentahelix-static-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>hub</title>").unwrap();
    std::fs::write(dir.join("pkg/pentahelix_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.join("pkg/pentahelix_bg.wasm.br"), b"brotli-bytes").unwrap();
    dir
}

fn app(cities: &[&str]) -> axum::Router {
    let args = ServeArgs {
        listen: "127.0.0.1:0".parse().unwrap(),
        static_dir: static_dir(),
        cities: cities.iter().map(|c| c.parse().unwrap()).collect(),
    };
    router(AppState::new(&args).unwrap())
}

async fn get(
    app: axum::Router,
    uri: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, Option<String>, Vec<u8>) {
    let mut request = Request::get(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned());
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    (status, content_type, body)
}

fn json(body: &[u8]) -> Value {
    serde_json::from_slice(body).unwrap()
}

#[tokio::test]
async fn taxonomy_lists_the_official_vocabularies_with_both_labels() {
    let (status, _, body) = get(app(&[]), "/api/v1/taxonomy", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let body = json(&body);
    assert_eq!(body["helices"].as_array().unwrap().len(), 5);
    assert_eq!(body["subsectors"].as_array().unwrap().len(), 17);
    assert_eq!(body["helices"][0]["slug"], "government");
    assert_eq!(body["helices"][0]["label"]["id"], "Pemerintah");
}

#[tokio::test]
async fn regions_of_a_city_search_by_name_within_the_served_cities() {
    let (status, _, body) = get(app(&["32.73"]), "/api/v1/regions?within=32.73&q=cib", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let names: Vec<String> = json(&body)
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["Cibeunying Kidul", "Cibeunying Kaler", "Cibiru"]);

    let (_, _, body) = get(app(&["32.73"]), "/api/v1/regions?q=serpong", &[]).await;
    assert!(
        json(&body).as_array().unwrap().is_empty(),
        "Tangerang Selatan is not served by this deployment"
    );

    let (status, _, body) = get(app(&[]), "/api/v1/regions/32.73.02", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json(&body)["name"], "Coblong");
    assert_eq!(json(&body)["level"], "district");
}

#[tokio::test]
async fn a_bad_region_code_is_a_problem_that_says_what_is_expected() {
    let (status, content_type, body) = get(app(&[]), "/api/v1/regions?within=32-73", &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(content_type.as_deref(), Some("application/problem+json"));
    let problem = json(&body);
    assert_eq!(problem["type"], "/api/problems/malformed-request");
    assert!(
        problem["detail"].as_str().unwrap().contains("32.73.01"),
        "{problem}"
    );
}

#[tokio::test]
async fn unknown_api_routes_are_problems_in_the_clients_language() {
    let (status, content_type, body) = get(app(&[]), "/api/v1/nothing-here", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(content_type.as_deref(), Some("application/problem+json"));
    assert_eq!(json(&body)["title"], "Tidak ditemukan");

    let (_, _, body) = get(
        app(&[]),
        "/api/v1/nothing-here",
        &[("accept-language", "en-US,en;q=0.9")],
    )
    .await;
    assert_eq!(json(&body)["title"], "Not found");
    assert_eq!(json(&body)["status"], 404);
}

#[tokio::test]
async fn a_wrong_method_is_a_405_problem() {
    let response = app(&[])
        .oneshot(
            Request::delete("/api/v1/taxonomy")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "application/problem+json"
    );
}

#[tokio::test]
async fn the_widget_is_served_precompressed_with_the_wasm_mime_type() {
    let (status, content_type, body) = get(app(&[]), "/", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.unwrap().starts_with("text/html"));
    assert!(String::from_utf8(body).unwrap().contains("hub"));

    let response = app(&[])
        .oneshot(
            Request::get("/pkg/pentahelix_bg.wasm")
                .header("accept-encoding", "br, gzip")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/wasm");
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
}

#[test]
fn an_unknown_city_is_refused_at_start_with_the_known_ones_named() {
    let args = ServeArgs {
        listen: "127.0.0.1:0".parse().unwrap(),
        static_dir: static_dir(),
        cities: vec!["32.04".parse().unwrap()],
    };
    let err = AppState::new(&args).err().unwrap().to_string();
    assert!(err.contains("32.04") && err.contains("32.73"), "{err}");
}

/// The binary prints the address it bound, which is how `cargo xtask run` and a person find it.
#[test]
fn the_binary_prints_its_url_and_answers_there() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pentahelix-server"))
        .args(["serve", "--listen", "127.0.0.1:0", "--static-dir"])
        .arg(static_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().rsplit(' ').next().unwrap().to_owned();
    assert!(
        url.starts_with("http://127.0.0.1:") && !url.ends_with(":0/"),
        "{line}"
    );

    let addr = url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains(r#"{"status":"ok"}"#));
}
