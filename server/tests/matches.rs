//! Matches through HTTP: ranked, explained, and widening from the kecamatan to the network.

mod common;

use common::{TestApp, initiative_body, stakeholder_body};
use serde_json::json;

#[tokio::test]
async fn an_initiative_gets_explained_partners_and_a_coalition_that_widens_with_scope() {
    let app = TestApp::new().await;
    let (initiative, _) = app
        .initiative(initiative_body(json!({
            "needs": [{ "resource": "venue", "helix": "government" }, { "resource": "publicity" }]
        })))
        .await;
    let (kecamatan_office, _) = app
        .stakeholder(stakeholder_body(json!({
            "name": "Kantor Kecamatan Coblong", "helix": "government", "region": "32.73.02", "offers": ["venue", "permits"]
        })))
        .await;
    let (radio, _) = app
        .stakeholder(stakeholder_body(json!({
            "name": "Radio Kreatif Bandung", "helix": "media", "region": "32.73.10", "offers": ["publicity"], "subsectors": ["musik"]
        })))
        .await;
    let (depok_tv, _) = app
        .stakeholder(stakeholder_body(json!({
            "name": "TV Komunitas Depok", "helix": "media", "region": "32.76.01", "offers": ["publicity"]
        })))
        .await;
    app.stakeholder(stakeholder_body(json!({ "name": "Tidak relevan", "helix": "community", "offers": ["equipment"], "subsectors": ["musik"] }))).await;

    let uri = |scope: &str| format!("/api/v1/initiatives/{initiative}/matches?scope={scope}");
    let kecamatan = app.get(&uri("kecamatan"), None).await.json();
    let ids: Vec<i64> = kecamatan["stakeholders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["stakeholder"]["id"].as_i64().unwrap())
        .collect();
    assert!(ids.starts_with(&[kecamatan_office]), "{kecamatan}");
    assert!(!ids.contains(&radio), "Astanaanyar is outside Coblong");
    assert_eq!(
        kecamatan["coalition"]["uncovered_needs"],
        json!(["publicity"])
    );

    let city = app.get(&uri("city"), None).await.json();
    let top = &city["stakeholders"][0];
    assert_eq!(top["stakeholder"]["id"], kecamatan_office);
    let kinds: Vec<&str> = top["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["fills-need", "brings-helix", "shares-subsector", "near"]
    );
    assert_eq!(
        top["reasons"][1]["reason"]["asked"], true,
        "government was asked for by name"
    );
    let sum: u64 = top["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["points"].as_u64().unwrap())
        .sum();
    assert_eq!(
        top["score"].as_u64(),
        Some(sum),
        "the score is the sum of its reasons"
    );
    let team: Vec<i64> = city["coalition_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_i64().unwrap())
        .collect();
    assert!(
        team.contains(&kecamatan_office) && team.contains(&radio),
        "{city}"
    );
    assert_eq!(city["coalition"]["uncovered_needs"], json!([]));
    let last = city["stakeholders"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        last["stakeholder"]["name"], "Tidak relevan",
        "filling no need ranks last: {city}"
    );
    assert_eq!(
        last["reasons"][0]["reason"],
        json!({ "kind": "brings-helix", "helix": "community", "asked": false })
    );

    let network = app.get(&uri("network"), None).await.json();
    assert!(
        network["stakeholders"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["stakeholder"]["id"] == depok_tv)
    );
    assert!(
        !city["stakeholders"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["stakeholder"]["id"] == depok_tv)
    );
    assert!(
        network.to_string().find("contact").is_none(),
        "matches never carry contacts"
    );
    app.get(&uri("planet"), None)
        .await
        .problem(400, "malformed-request");
}

#[tokio::test]
async fn a_stakeholder_sees_initiatives_it_can_help_and_complementary_partners() {
    let app = TestApp::new().await;
    let (initiative, _) = app.initiative(initiative_body(json!({}))).await;
    let (cafe, _) = app.stakeholder(stakeholder_body(json!({}))).await;
    let (campus, _) = app
        .stakeholder(stakeholder_body(
            json!({ "name": "Kampus Kuliner", "helix": "academia", "offers": ["research"] }),
        ))
        .await;
    app.stakeholder(stakeholder_body(
        json!({ "name": "Kafe Pesaing", "helix": "business" }),
    ))
    .await;
    let matches = app
        .get(&format!("/api/v1/stakeholders/{cafe}/matches"), None)
        .await
        .json();
    assert_eq!(matches["initiatives"][0]["initiative_id"], initiative);
    assert_eq!(
        matches["initiatives"][0]["reasons"][0]["reason"],
        json!({ "kind": "fills-need", "resource": "venue" })
    );
    let partners: Vec<i64> = matches["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["stakeholder"]["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        partners,
        [campus],
        "another helix with a shared subsector; never the same helix"
    );
    assert_eq!(
        matches["partners"][0]["reasons"][0]["reason"],
        json!({ "kind": "other-helix", "helix": "academia" })
    );
}
