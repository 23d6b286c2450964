//! Webhooks for a city's systems: every event of its region reaches its receiver once, signed so
//! that the Standard Webhooks reference library verifies it, carrying no contact, and retried
//! when the receiver fails.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use chrono::Utc;
use common::{TestApp, initiative_body, stakeholder_body};
use pentahelix_server::notify::attempt::Pace;
use pentahelix_server::notify::delivery::deliver_one;
use pentahelix_server::notify::webhook::new_secret;
use serde_json::{Value, json};

const PACE: Pace = Pace {
    timeout: Duration::from_secs(10),
    retry_base: Duration::ZERO,
    max_attempts: 3,
};

/// A city's system: an HTTP server on a free port keeping what it is sent, failing the first
/// `fail` deliveries with a 503.
#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Vec<(HeaderMap, String)>>>,
    fail: Arc<Mutex<usize>>,
}

impl Receiver {
    async fn start(fail: usize) -> (Receiver, String) {
        let receiver = Receiver::default();
        *receiver.fail.lock().unwrap() = fail;
        let kept = receiver.clone();
        let app = axum::Router::new().route(
            "/hooks/pentahelix",
            post(move |headers: HeaderMap, body: String| {
                let kept = kept.clone();
                async move {
                    let mut fail = kept.fail.lock().unwrap();
                    if *fail > 0 {
                        *fail -= 1;
                        return StatusCode::SERVICE_UNAVAILABLE;
                    }
                    kept.got.lock().unwrap().push((headers, body));
                    StatusCode::NO_CONTENT
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hooks/pentahelix", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (receiver, url)
    }

    fn got(&self) -> Vec<(HeaderMap, String)> {
        self.got.lock().unwrap().clone()
    }
}

async fn deliver_all(app: &TestApp) -> usize {
    let mut n = 0;
    while deliver_one(&app.state, PACE).await.unwrap() {
        n += 1;
    }
    n
}

#[tokio::test]
async fn every_event_of_the_region_reaches_its_webhook_signed_and_without_contacts() {
    let app = TestApp::new().await;
    let (receiver, url) = Receiver::start(0).await;
    let (key, secret) = new_secret().unwrap();
    app.state
        .store()
        .add_webhook("32.73".parse().unwrap(), &url, &key, Utc::now())
        .await
        .unwrap();
    // Another city's webhook hears nothing of Bandung.
    let (elsewhere, elsewhere_url) = Receiver::start(0).await;
    let (other_key, _) = new_secret().unwrap();
    app.state
        .store()
        .add_webhook(
            "18.72".parse().unwrap(),
            &elsewhere_url,
            &other_key,
            Utc::now(),
        )
        .await
        .unwrap();

    let (initiative, owner) = app
        .initiative(initiative_body(json!({
            "contact": { "person": "Ani Rahmawati", "email": "ani@contoh.id", "phone": "0812-1111-2222" }
        })))
        .await;
    let (media, token) = app
        .stakeholder(stakeholder_body(json!({
            "name": "Radio Kreatif Bandung", "helix": "media", "offers": ["publicity"],
            "contact": { "person": "Sari", "email": "sari@contoh.id", "phone": "0813-3333-4444" }
        })))
        .await;
    app.accepted_pledge((initiative, &owner), (media, &token), "publicity")
        .await;
    // No mail server here: the webhooks go out, the mails wait.
    assert_eq!(deliver_all(&app).await, 2);

    let got = receiver.got();
    assert_eq!(got.len(), 2);
    let verifier = standardwebhooks::Webhook::new(&secret).unwrap();
    let mut types = Vec::new();
    for (headers, body) in &got {
        verifier
            .verify(body.as_bytes(), headers)
            .unwrap_or_else(|e| panic!("the reference library refuses the signature: {e:?}"));
        let event: Value = serde_json::from_str(body).unwrap();
        types.push(event["type"].as_str().unwrap().to_owned());
        assert_eq!(event["data"]["initiative"]["id"], initiative);
        assert_eq!(
            event["data"]["pledge"]["stakeholder"]["name"],
            "Radio Kreatif Bandung"
        );
        for private in [
            "ani@contoh.id",
            "0812",
            "Ani Rahmawati",
            "sari@contoh.id",
            "0813",
            "Sari\"",
        ] {
            assert!(!body.contains(private), "{private} in {body}");
        }
    }
    assert_eq!(types, ["pledge.offered", "pledge.accepted"]);
    let ids: Vec<&str> = got
        .iter()
        .map(|(h, _)| h["webhook-id"].to_str().unwrap())
        .collect();
    assert_ne!(ids[0], ids[1]);
    // A body changed on the way fails verification.
    let (headers, body) = &got[0];
    assert!(
        verifier
            .verify(body.replace("publicity", "funding").as_bytes(), headers)
            .is_err()
    );
    assert!(elsewhere.got().is_empty());
}

#[tokio::test]
async fn a_failing_receiver_gets_the_same_delivery_again_and_a_removed_webhook_nothing() {
    let app = TestApp::new().await;
    let (receiver, url) = Receiver::start(2).await;
    let (key, _) = new_secret().unwrap();
    let id = app
        .state
        .store()
        .add_webhook("32.73".parse().unwrap(), &url, &key, Utc::now())
        .await
        .unwrap();
    let (initiative, _) = app.initiative(initiative_body(json!({}))).await;
    let admin = app.admin(&["32.73"]).await;
    app.post(
        &format!("/api/v1/moderation/initiatives/{initiative}/hide"),
        Some(&admin),
        json!({ "reason": "Isinya iklan, bukan kegiatan warga." }),
    )
    .await;
    // Two 503s, then accepted: one delivery, under one id.
    assert_eq!(deliver_all(&app).await, 3);
    let got = receiver.got();
    assert_eq!(got.len(), 1);
    let event: Value = serde_json::from_str(&got[0].1).unwrap();
    assert_eq!(event["type"], "initiative.moderated");
    assert_eq!(event["data"]["decision"]["action"], "hide");
    assert_eq!(
        event["data"]["decision"]["reason"],
        "Isinya iklan, bukan kegiatan warga."
    );

    assert!(app.state.store().remove_webhook(id).await.unwrap());
    app.post(
        &format!("/api/v1/moderation/initiatives/{initiative}/approve"),
        Some(&admin),
        json!({}),
    )
    .await;
    assert_eq!(deliver_all(&app).await, 0);
    assert_eq!(receiver.got().len(), 1);
    assert!(app.state.store().webhooks().await.unwrap().is_empty());
}
