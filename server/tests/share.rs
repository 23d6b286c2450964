//! A shared initiative's link: the preview card chat apps read, where browsers are sent on to
//! (only an allowed city page), and the coverage picture.

mod common;

use axum::http::StatusCode;
use common::{TestApp, args, initiative_body};
use pentahelix_server::cli::ServeArgs;
use serde_json::json;

async fn app() -> TestApp {
    TestApp::with(ServeArgs {
        public_url: Some("https://pentahelix.bandung.go.id".into()),
        allowed_origins: vec!["https://bandung.go.id".into()],
        ..args()
    })
    .await
}

#[tokio::test]
async fn a_chat_app_reads_the_card_and_a_browser_goes_on_to_the_city_page_it_was_shared_from() {
    let app = app().await;
    let (id, _) = app
        .initiative(initiative_body(json!({
            "title": "Festival <Kopi> & \"Teh\" Coblong",
            "description": format!("Pameran kopi lokal untuk warga. {}", "Lokakarya seduh manual bersama barista kampung. ".repeat(10))
        })))
        .await;
    let page = "https://bandung.go.id/ekonomi-kreatif?tab=1";
    let reply = app
        .get(
            &format!(
                "/share/initiatives/{id}?page={}",
                urlencode(&format!("{page}#pentahelix/initiatives"))
            ),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let html = reply.text();
    assert!(
        html.contains(
            r#"<meta property="og:title" content="Festival &lt;Kopi&gt; &amp; &quot;Teh&quot; Coblong">"#
        ),
        "{html}"
    );
    assert!(!html.contains("<Kopi>"), "the title is escaped everywhere");
    let description = html
        .split(r#"<meta property="og:description" content=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap();
    assert!(
        description.ends_with('…') && description.chars().count() <= 201,
        "{description}"
    );
    let target = format!("https://bandung.go.id/ekonomi-kreatif?tab=1#pentahelix/initiative/{id}");
    assert!(
        html.contains(&format!(
            r#"<meta http-equiv="refresh" content="0; url={target}">"#
        )),
        "{html}"
    );
    assert!(html.contains(
        r#"<meta property="og:image" content="https://pentahelix.bandung.go.id/share/pentagon/0.png">"#
    ));
}

#[tokio::test]
async fn a_page_of_another_origin_is_never_where_a_browser_is_sent() {
    let app = app().await;
    let (id, _) = app.initiative(initiative_body(json!({}))).await;
    for page in [
        "https://evil.example/phish",
        "https://bandung.go.id.evil.example/",
        "https://x@bandung.go.id/",
        "javascript:alert(1)",
        "",
    ] {
        let html = app
            .get(
                &format!("/share/initiatives/{id}?page={}", urlencode(page)),
                None,
            )
            .await
            .text();
        assert!(
            html.contains(&format!(
                "url=https://pentahelix.bandung.go.id/#pentahelix/initiative/{id}\""
            )),
            "{page}: {html}"
        );
    }
}

#[tokio::test]
async fn only_what_anyone_may_see_is_shared() {
    let app = app().await;
    let (id, owner) = app.initiative(initiative_body(json!({}))).await;
    app.post(
        &format!("/api/v1/initiatives/{id}/status"),
        Some(&owner),
        json!({ "status": "withdrawn" }),
    )
    .await;
    assert_eq!(
        app.get(&format!("/share/initiatives/{id}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/share/initiatives/999999", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_coverage_picture_is_a_png_for_each_of_the_32_sets() {
    let app = app().await;
    let full = app.get("/share/pentagon/31.png", None).await;
    assert_eq!(full.status, StatusCode::OK);
    assert_eq!(full.content_type(), "image/png");
    assert!(full.body.starts_with(b"\x89PNG\r\n\x1a\n"));
    let empty = app.get("/share/pentagon/0.png", None).await;
    assert_ne!(empty.body, full.body, "the coverage shows");
    for wrong in ["32.png", "abc.png", "1", "-1.png"] {
        assert_eq!(
            app.get(&format!("/share/pentagon/{wrong}"), None)
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{wrong}"
        );
    }
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
