//! The dashboard's numbers match the data.

mod common;

use common::{TestApp, initiative_body, stakeholder_body};
use serde_json::json;

#[tokio::test]
async fn kecamatan_activated_coverage_and_counts_follow_the_data() {
    let app = TestApp::new().await;
    let (a, owner) = app
        .initiative(initiative_body(
            json!({ "region": "32.73.02", "starts_on": "2099-01-10", "ends_on": null }),
        ))
        .await;
    app.initiative(initiative_body(
        json!({ "region": "32.73.02", "subsectors": ["musik"] }),
    ))
    .await;
    app.initiative(initiative_body(
        json!({ "region": "32.73.26", "subsectors": ["musik"] }),
    ))
    .await;
    app.initiative(initiative_body(json!({ "region": "32.76.01" })))
        .await;
    let (media, media_token) = app
        .stakeholder(stakeholder_body(
            json!({ "helix": "media", "offers": ["publicity"] }),
        ))
        .await;
    app.accepted_pledge((a, &owner), (media, &media_token), "publicity")
        .await;

    let stats = app.get("/api/v1/stats?city=32.73", None).await.json();
    assert_eq!(stats["kecamatan_total"], 30);
    assert_eq!(stats["kecamatan_activated"], 2, "Coblong and Ujungberung");
    assert_eq!(stats["initiatives"], 3);
    assert_eq!(stats["stakeholders"], 1);
    assert_eq!(stats["pentahelix_complete"], 0);
    let count = |list: &str, key: &str| {
        stats[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["key"] == key)
            .unwrap()["count"]
            .clone()
    };
    assert_eq!(count("by_helix", "media"), 1);
    assert_eq!(count("by_helix", "government"), 0);
    assert_eq!(count("by_subsector", "musik"), 2);
    assert_eq!(count("by_kecamatan", "32.73.02"), 2);
    assert_eq!(count("by_kecamatan", "32.73.01"), 0);
    assert_eq!(stats["upcoming"].as_array().unwrap().len(), 3);
    assert_eq!(
        stats["upcoming"].as_array().unwrap().last().unwrap()["initiative_id"],
        a,
        "sorted by start date"
    );

    let cities = app.get("/api/v1/stats/cities", None).await.json();
    assert_eq!(cities.as_array().unwrap().len(), 5);
    let depok = cities
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["city"] == "32.76")
        .unwrap();
    assert_eq!(depok["kecamatan_activated"], 1);
    assert_eq!(depok["kecamatan_total"], 11);
    app.get("/api/v1/stats?city=31.71", None)
        .await
        .problem(404, "not-found");
}
