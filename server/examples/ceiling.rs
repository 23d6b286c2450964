//! The ceiling for `cargo xtask bench`: a bare axum handler returning a fixed JSON body, on the
//! same runtime and the same machine. Pentahelix's endpoints are reported as a fraction of it.
//!
//! `ceiling [BODY_FILE]`: the bench passes the bytes of the list page it measures, so the
//! ceiling sends as many bytes per answer as the endpoint compared with it.

use axum::Router;
use axum::body::Bytes;
use axum::http::header;
use axum::routing::get;

/// The server's own allocator, so the two differ only in what the server does per request.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Without a file: a page of five short initiatives.
const BODY: &str = r#"{"items":[{"id":1,"title":"Festival Kopi Coblong","region":"32.73.02","status":"open"},{"id":2,"title":"Lokakarya Batik","region":"32.73.05","status":"open"},{"id":3,"title":"Pameran Kriya","region":"32.73.11","status":"open"},{"id":4,"title":"Kelas Terbuka Angklung","region":"32.73.20","status":"open"},{"id":5,"title":"Pasar Kreatif Dago","region":"32.73.02","status":"open"}],"next_cursor":null}"#;

#[tokio::main]
async fn main() {
    let body = match std::env::args_os().nth(1) {
        Some(path) => Bytes::from(std::fs::read(&path).expect("the body file is readable")),
        None => Bytes::from_static(BODY.as_bytes()),
    };
    let app = Router::new().route(
        "/",
        get(move || {
            let body = body.clone();
            async move { ([(header::CONTENT_TYPE, "application/json")], body) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let addr = listener.local_addr().expect("the bound address");
    println!("Ceiling is running at http://{addr}/");
    axum::serve(listener, app).await.expect("serving");
}
