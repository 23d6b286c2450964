//! The API keeps the promises its OpenAPI document makes. Each test here guards a mismatch that
//! contract fuzzing (schemathesis, `cargo xtask fuzz-api`) once found: a client built from the
//! document would have sent values the server refused, or met answers the document did not
//! mention.

mod common;

use common::{TestApp, initiative_body, stakeholder_body};
use pentahelix_core::{Helix, Resource, Subsector};
use serde_json::{Value, json};

fn document() -> Value {
    serde_json::to_value(pentahelix_server::openapi_document()).unwrap()
}

fn operations(document: &Value) -> impl Iterator<Item = (String, &Value)> {
    document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .iter()
                .map(move |(method, operation)| (format!("{method} {path}"), operation))
        })
}

#[test]
fn the_document_names_taxonomy_values_as_the_api_sends_them() {
    let document = document();
    let schemas = &document["components"]["schemas"];
    let slugs = |all: Vec<&str>| Value::from(all);
    assert_eq!(
        schemas["Helix"]["enum"],
        slugs(Helix::ALL.iter().map(|h| h.slug()).collect())
    );
    assert_eq!(
        schemas["Subsector"]["enum"],
        slugs(Subsector::ALL.iter().map(|s| s.slug()).collect())
    );
    assert_eq!(
        schemas["Resource"]["enum"],
        slugs(Resource::ALL.iter().map(|r| r.slug()).collect())
    );
}

#[test]
fn every_documented_error_is_a_problem_document() {
    let document = document();
    for (operation, spec) in operations(&document) {
        for (status, response) in spec["responses"].as_object().unwrap() {
            if status.as_str() >= "400" {
                let media_types: Vec<&String> =
                    response["content"].as_object().unwrap().keys().collect();
                assert_eq!(
                    media_types,
                    ["application/problem+json"],
                    "{operation} {status}"
                );
            }
        }
    }
}

#[test]
fn every_operation_documents_the_answers_of_the_layers_around_it() {
    let document = document();
    for (operation, spec) in operations(&document) {
        let responses = &spec["responses"];
        for status in ["429", "503"] {
            assert!(responses[status].is_object(), "{operation} lacks {status}");
        }
        if spec["requestBody"].is_object() {
            for status in ["400", "413", "415"] {
                assert!(responses[status].is_object(), "{operation} lacks {status}");
            }
        }
        if operation.starts_with("post ") {
            let key = spec["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["name"] == "Idempotency-Key")
                .unwrap_or_else(|| panic!("{operation} does not document Idempotency-Key"));
            assert_eq!(key["schema"]["maxLength"], 255, "{operation}");
            for status in ["400", "409", "422"] {
                assert!(responses[status].is_object(), "{operation} lacks {status}");
            }
        }
    }
}

#[test]
fn operation_ids_are_unique() {
    let document = document();
    let mut ids: Vec<&str> = operations(&document)
        .map(|(_, spec)| spec["operationId"].as_str().unwrap())
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "{ids:?}");
}

#[tokio::test]
async fn the_server_serves_the_document_the_snapshot_checks() {
    let app = TestApp::new().await;
    let served = app.get("/api/openapi.json", None).await.json();
    assert_eq!(served, document());
}

#[tokio::test]
async fn limits_outside_the_documented_range_are_refused_not_changed() {
    let app = TestApp::new().await;
    let (id, _) = app.initiative(initiative_body(json!({}))).await;
    let (partner, _) = app.stakeholder(stakeholder_body(json!({}))).await;
    for uri in [
        "/api/v1/initiatives?limit=0".to_owned(),
        "/api/v1/initiatives?limit=101".to_owned(),
        "/api/v1/stakeholders?limit=101".to_owned(),
        "/api/v1/regions?limit=201".to_owned(),
        format!("/api/v1/initiatives/{id}/matches?limit=51"),
        format!("/api/v1/stakeholders/{partner}/matches?limit=51"),
    ] {
        let problem = app.get(&uri, None).await.problem(400, "malformed-request");
        assert!(
            problem["detail"].as_str().unwrap().contains("`limit`"),
            "{uri}: {problem}"
        );
    }
    for uri in [
        "/api/v1/initiatives?limit=100".to_owned(),
        "/api/v1/regions?limit=200".to_owned(),
        format!("/api/v1/initiatives/{id}/matches?limit=50"),
    ] {
        assert!(app.get(&uri, None).await.status.is_success(), "{uri}");
    }
}

#[tokio::test]
async fn an_over_long_search_is_refused_even_outside_the_served_cities() {
    let app = TestApp::new().await;
    let q = "k".repeat(201);
    for list in ["initiatives", "stakeholders"] {
        // 35.06 is Kabupaten Malang, next to the served Kota Malang.
        app.get(&format!("/api/v1/{list}?region=35.06.01&q={q}"), None)
            .await
            .problem(400, "malformed-request");
    }
}

#[tokio::test]
async fn an_id_written_as_a_whole_float_names_the_same_record() {
    let app = TestApp::new().await;
    let (initiative, _) = app.initiative(initiative_body(json!({}))).await;
    let reply = app
        .post(
            "/api/v1/reports",
            None,
            json!({ "target": "initiative", "id": initiative as f64, "reason": "Penipuan" }),
        )
        .await;
    assert_eq!(reply.status, 202, "{}", reply.text());

    let (stakeholder, token) = app.stakeholder(stakeholder_body(json!({}))).await;
    let reply = app
        .post(
            &format!("/api/v1/initiatives/{initiative}/pledges"),
            Some(&token),
            json!({ "stakeholder_id": stakeholder as f64, "resource": "venue", "message": "Aula kami bisa dipakai." }),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text());

    app.post(
        "/api/v1/reports",
        None,
        json!({ "target": "initiative", "id": 1.5, "reason": "Penipuan" }),
    )
    .await
    .problem(400, "malformed-request");
}

#[tokio::test]
async fn a_request_without_a_token_is_told_to_send_one_whether_or_not_the_record_exists() {
    let app = TestApp::new().await;
    let (initiative, _) = app.initiative(initiative_body(json!({}))).await;
    let (stakeholder, _) = app.stakeholder(stakeholder_body(json!({}))).await;
    let admin = app.admin(&["32.73"]).await;
    for (existing, missing) in [
        (
            format!("/api/v1/initiatives/{initiative}"),
            "/api/v1/initiatives/999999",
        ),
        (
            format!("/api/v1/stakeholders/{stakeholder}"),
            "/api/v1/stakeholders/999999",
        ),
    ] {
        app.delete(&existing, None)
            .await
            .problem(401, "unauthorized");
        app.delete(missing, None).await.problem(401, "unauthorized");
        app.delete(missing, Some(&admin))
            .await
            .problem(404, "not-found");
    }
    app.get("/api/v1/stakeholders/999999/pledges", None)
        .await
        .problem(401, "unauthorized");
    app.post("/api/v1/pledges/999999/accept", None, json!({}))
        .await
        .problem(401, "unauthorized");
}

/// The widget calls the API through `pentahelix_core::api::endpoint`: each of its paths must be
/// an operation of the document, with the same method.
#[test]
fn every_endpoint_the_widget_calls_is_in_the_document() {
    let document = document();
    for (method, path) in pentahelix_core::api::endpoint::all_paths() {
        let operation =
            &document["paths"][format!("/api/v1{path}")][method.as_str().to_lowercase()];
        assert!(
            operation.is_object(),
            "{} /api/v1{path} is not in the OpenAPI document",
            method.as_str()
        );
    }
}
