//! Retried POSTs: the same Idempotency-Key and body never create a second record.

mod common;

use axum::http::{Method, StatusCode};
use common::{TestApp, initiative_body};
use serde_json::json;

async fn propose(app: &TestApp, key: &str, body: serde_json::Value) -> common::Reply {
    app.send(
        Method::POST,
        "/api/v1/initiatives",
        None,
        Some(body),
        &[("idempotency-key", key)],
    )
    .await
}

#[tokio::test]
async fn a_retry_with_the_same_key_returns_the_first_response_and_creates_nothing() {
    let app = TestApp::new().await;
    let first = propose(&app, "7b0c1d2e-retry", initiative_body(json!({}))).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let again = propose(&app, "7b0c1d2e-retry", initiative_body(json!({}))).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(again.json(), first.json(), "same record, same manage token");
    let list = app.get("/api/v1/initiatives", None).await.json();
    assert_eq!(list["items"].as_array().unwrap().len(), 1);

    let other = propose(&app, "another-key", initiative_body(json!({}))).await;
    assert_ne!(
        other.json()["record"]["id"],
        first.json()["record"]["id"],
        "a new key is a new request"
    );
}

#[tokio::test]
async fn the_same_key_with_another_body_is_refused() {
    let app = TestApp::new().await;
    propose(&app, "key-1", initiative_body(json!({}))).await;
    propose(
        &app,
        "key-1",
        initiative_body(json!({ "title": "Judul yang berbeda sekali" })),
    )
    .await
    .problem(422, "idempotency-mismatch");
}

#[tokio::test]
async fn a_failed_request_does_not_burn_its_key() {
    let app = TestApp::new().await;
    propose(&app, "key-2", initiative_body(json!({ "title": "" })))
        .await
        .problem(422, "validation");
    // The corrected form is a different body, so a new key would be used by the widget; the
    // same body retried must run again rather than replay the error.
    propose(&app, "key-2", initiative_body(json!({ "title": "" })))
        .await
        .problem(422, "validation");
    let malformed = app
        .send(
            Method::POST,
            "/api/v1/initiatives",
            None,
            Some(initiative_body(json!({}))),
            &[("idempotency-key", "has space")],
        )
        .await;
    malformed.problem(400, "malformed-request");
}

#[tokio::test]
async fn concurrent_copies_of_one_request_create_one_record() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            propose(&app, "burst-key", initiative_body(json!({})))
                .await
                .status
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT),
        "{statuses:?}"
    );
    assert_eq!(
        app.get("/api/v1/initiatives", None).await.json()["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn a_claim_left_unfinished_by_a_dead_process_is_taken_over() {
    use chrono::{Duration, Utc};
    use pentahelix_server::store::IdempotencyClaim;
    let app = TestApp::new().await;
    let store = app.state.store();
    let now = Utc::now();
    let day = now - Duration::hours(24);
    let claim = |stale_before| {
        store.claim_idempotency_key(b"key", "POST /x", b"req", day, stale_before, now)
    };
    assert_eq!(
        claim(now - Duration::seconds(60)).await.unwrap(),
        IdempotencyClaim::Claimed
    );
    assert_eq!(
        claim(now - Duration::seconds(60)).await.unwrap(),
        IdempotencyClaim::InProgress,
        "still running"
    );
    assert_eq!(
        claim(now + Duration::seconds(1)).await.unwrap(),
        IdempotencyClaim::Claimed,
        "abandoned: taken over"
    );
}

#[tokio::test]
async fn deleting_a_record_forgets_the_replays_that_carry_it() {
    let app = TestApp::new().await;
    let first = propose(&app, "key-deleted", initiative_body(json!({}))).await;
    let (id, token) = (
        first.json()["record"]["id"].clone(),
        first.json()["manage_token"].as_str().unwrap().to_owned(),
    );
    let deleted = app
        .delete(&format!("/api/v1/initiatives/{id}"), Some(&token))
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let retried = propose(&app, "key-deleted", initiative_body(json!({}))).await;
    assert!(
        !retried.headers.contains_key("idempotent-replayed"),
        "the deleted record's contact and token are not replayed"
    );
    assert_ne!(retried.json()["record"]["id"], id);
}

#[tokio::test]
async fn a_replay_is_refused_once_its_caller_may_no_longer_act() {
    let app = TestApp::new().await;
    let (id, owner) = app.initiative(initiative_body(json!({}))).await;
    let status = format!("/api/v1/initiatives/{id}/status");
    let start = |token: String| {
        let status = status.clone();
        let app = &app;
        async move {
            app.send(
                Method::POST,
                &status,
                Some(&token),
                Some(json!({ "status": "active" })),
                &[("idempotency-key", "key-started")],
            )
            .await
        }
    };
    assert_eq!(start(owner.clone()).await.status, StatusCode::OK);
    assert_eq!(
        start(owner.clone()).await.headers["idempotent-replayed"],
        "true"
    );
    app.delete(&format!("/api/v1/initiatives/{id}"), Some(&owner))
        .await;
    start(owner).await.problem(401, "unauthorized");
}

#[tokio::test]
async fn an_ended_pledge_is_not_replayed_with_the_counterparts_contact() {
    let app = TestApp::new().await;
    let (initiative, owner) = app.initiative(initiative_body(json!({}))).await;
    let (partner, partner_token) = app.stakeholder(common::stakeholder_body(json!({}))).await;
    let pledge = app
        .post(
            &format!("/api/v1/initiatives/{initiative}/pledges"),
            Some(&partner_token),
            json!({ "stakeholder_id": partner, "resource": "venue", "message": "Ruang acara kami siap." }),
        )
        .await
        .json();
    let accept = format!("/api/v1/pledges/{}/accept", pledge["id"]);
    let send = || {
        app.send(
            Method::POST,
            &accept,
            Some(&owner),
            Some(json!({})),
            &[("idempotency-key", "key-accept")],
        )
    };
    let accepted = send().await;
    assert_eq!(
        accepted.json()["counterpart_contact"]["email"],
        "budi@contoh.id"
    );
    let withdrawn = app
        .post(
            &format!("/api/v1/pledges/{}/withdraw", pledge["id"]),
            Some(&partner_token),
            json!({}),
        )
        .await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.text());
    let retried = send().await;
    assert!(!retried.headers.contains_key("idempotent-replayed"));
    assert!(
        !retried.text().contains("budi@contoh.id"),
        "the contact ended with the pledge: {}",
        retried.text()
    );
}
