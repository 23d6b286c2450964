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

/// Matching reads features from memory; the database's change counters must invalidate them.
#[tokio::test]
async fn matches_follow_every_change_to_partners_and_initiatives_at_once() {
    let app = TestApp::new().await;
    let (initiative, initiative_token) = app
        .initiative(initiative_body(
            json!({ "needs": [{ "resource": "venue" }] }),
        ))
        .await;
    let ids = |matches: serde_json::Value| -> Vec<i64> {
        matches["stakeholders"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["stakeholder"]["id"].as_i64().unwrap())
            .collect()
    };
    let uri = format!("/api/v1/initiatives/{initiative}/matches");
    assert_eq!(ids(app.get(&uri, None).await.json()), Vec::<i64>::new());

    let (hall, hall_token) = app
        .stakeholder(stakeholder_body(
            json!({ "helix": "government", "offers": ["venue"] }),
        ))
        .await;
    assert_eq!(
        ids(app.get(&uri, None).await.json()),
        [hall],
        "a new partner"
    );

    // It stops offering the venue: it may still bring its helix, but no longer fills the need.
    let kinds = |matches: serde_json::Value| -> Vec<String> {
        matches["stakeholders"][0]["reasons"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                let kind = if r["kind"].is_string() {
                    &r["kind"]
                } else {
                    &r["reason"]["kind"]
                };
                kind.as_str().unwrap_or_default().to_owned()
            })
            .collect()
    };
    assert!(kinds(app.get(&uri, None).await.json()).contains(&"fills-need".to_owned()));
    let edited = app
        .put(
            &format!("/api/v1/stakeholders/{hall}"),
            Some(&hall_token),
            stakeholder_body(json!({ "helix": "government", "offers": ["funding"] })),
        )
        .await;
    assert_eq!(edited.status.as_u16(), 200, "{}", edited.text());
    let after_edit = kinds(app.get(&uri, None).await.json());
    assert!(
        !after_edit.is_empty() && !after_edit.contains(&"fills-need".to_owned()),
        "an edited offer: {after_edit:?}"
    );

    app.delete(&format!("/api/v1/stakeholders/{hall}"), Some(&hall_token))
        .await;
    assert_eq!(
        ids(app.get(&uri, None).await.json()),
        Vec::<i64>::new(),
        "a deleted partner"
    );

    // The stakeholder side: an initiative that closes leaves its list of initiatives to help.
    let (helper, _) = app
        .stakeholder(stakeholder_body(json!({ "offers": ["venue"] })))
        .await;
    let helps = format!("/api/v1/stakeholders/{helper}/matches");
    let count = |m: serde_json::Value| m["initiatives"].as_array().map_or(0, Vec::len);
    assert_eq!(count(app.get(&helps, None).await.json()), 1);
    app.post(
        &format!("/api/v1/initiatives/{initiative}/status"),
        Some(&initiative_token),
        json!({ "status": "withdrawn" }),
    )
    .await;
    assert_eq!(
        count(app.get(&helps, None).await.json()),
        0,
        "a withdrawn initiative"
    );
}
