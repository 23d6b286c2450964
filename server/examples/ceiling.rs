//! The ceiling for `cargo xtask bench`: a bare axum handler returning a fixed JSON body, on the
//! same runtime and the same machine. Pentahelix's endpoints are reported as a fraction of it.

use axum::Router;
use axum::http::header;
use axum::routing::get;

/// About the size of a page of five initiatives, so the two answer similar bytes.
const BODY: &str = r#"{"items":[{"id":1,"title":"Festival Kopi Coblong","region":"32.73.02","status":"open"},{"id":2,"title":"Lokakarya Batik","region":"32.73.05","status":"open"},{"id":3,"title":"Pameran Kriya","region":"32.73.11","status":"open"},{"id":4,"title":"Kelas Terbuka Angklung","region":"32.73.20","status":"open"},{"id":5,"title":"Pasar Kreatif Dago","region":"32.73.02","status":"open"}],"next_cursor":null}"#;

#[tokio::main]
async fn main() {
    let app = Router::new().route(
        "/",
        get(|| async { ([(header::CONTENT_TYPE, "application/json")], BODY) }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let addr = listener.local_addr().expect("the bound address");
    println!("Ceiling is running at http://{addr}/");
    axum::serve(listener, app).await.expect("serving");
}
