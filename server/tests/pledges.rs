//! Pledges from offer to answer: who may offer, accept, decline and withdraw; what each side
//! then sees of the other; and how the coverage pentagon follows.

mod common;

use axum::http::StatusCode;
use common::{TestApp, initiative_body, stakeholder_body};
use serde_json::{Value, json};

struct Scene {
    app: TestApp,
    initiative: i64,
    owner: String,
    media: i64,
    media_token: String,
    business_token: String,
    business: i64,
}

async fn scene() -> Scene {
    let app = TestApp::new().await;
    let (initiative, owner) = app.initiative(initiative_body(json!({}))).await;
    let (media, media_token) = app
        .stakeholder(stakeholder_body(json!({
            "name": "Radio Kreatif Bandung", "helix": "media", "offers": ["publicity"],
            "contact": { "person": "Sari", "email": "sari@contoh.id" }
        })))
        .await;
    let (business, business_token) = app.stakeholder(stakeholder_body(json!({}))).await;
    Scene {
        app,
        initiative,
        owner,
        media,
        media_token,
        business,
        business_token,
    }
}

fn offer(stakeholder: i64, resource: &str) -> Value {
    json!({ "stakeholder_id": stakeholder, "resource": resource, "message": "Kami siap membantu publikasi acara ini." })
}

#[tokio::test]
async fn a_stakeholder_offers_the_owner_accepts_and_both_see_each_other_but_nobody_else_does() {
    let s = scene().await;
    let app = &s.app;
    let pledges = format!("/api/v1/initiatives/{}/pledges", s.initiative);
    let reply = app
        .post(&pledges, Some(&s.media_token), offer(s.media, "publicity"))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let pledge = reply.json();
    assert_eq!(pledge["status"], "pending");
    assert_eq!(pledge["stakeholder"]["name"], "Radio Kreatif Bandung");
    let accept = format!("/api/v1/pledges/{}/accept", pledge["id"]);

    app.post(&accept, None, json!({}))
        .await
        .problem(401, "unauthorized");
    app.post(&accept, Some(&s.media_token), json!({}))
        .await
        .problem(403, "forbidden");
    app.post(&accept, Some(&app.admin(&["32.73"]).await), json!({}))
        .await
        .problem(403, "forbidden");
    let accepted = app.post(&accept, Some(&s.owner), json!({})).await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text());
    assert_eq!(accepted.json()["status"], "accepted");
    assert_eq!(
        accepted.json()["counterpart_contact"]["email"],
        "sari@contoh.id",
        "the owner now sees the stakeholder"
    );

    let initiative = format!("/api/v1/initiatives/{}", s.initiative);
    let seen_by_media = app.get(&initiative, Some(&s.media_token)).await.json();
    assert_eq!(
        seen_by_media["contact"]["email"], "ani@contoh.id",
        "the accepted partner sees the owner"
    );
    assert_eq!(
        seen_by_media["coverage"],
        json!(["media"]),
        "the pentagon gains the helix"
    );
    assert_eq!(seen_by_media["needs"][1]["fulfilled"], true);
    assert!(
        app.get(&initiative, Some(&s.business_token))
            .await
            .json()
            .get("contact")
            .is_none(),
        "a third party sees nothing"
    );
    assert!(
        app.get(&initiative, None)
            .await
            .json()
            .get("contact")
            .is_none()
    );

    let media_profile = format!("/api/v1/stakeholders/{}", s.media);
    assert_eq!(
        app.get(&media_profile, Some(&s.owner)).await.json()["contact"]["email"],
        "sari@contoh.id"
    );
    let list = app.get(&pledges, Some(&s.business_token)).await.json();
    assert!(list[0].get("counterpart_contact").is_none());
    let list = app.get(&pledges, Some(&s.media_token)).await.json();
    assert_eq!(list[0]["counterpart_contact"]["person"], "Ani Rahmawati");

    app.post(&accept, Some(&s.owner), json!({}))
        .await
        .problem(409, "conflict");
    let withdrawn = app
        .post(
            &format!("/api/v1/pledges/{}/withdraw", pledge["id"]),
            Some(&s.media_token),
            json!({}),
        )
        .await;
    assert_eq!(withdrawn.json()["status"], "withdrawn");
    assert_eq!(
        app.get(&initiative, None).await.json()["coverage"],
        json!([]),
        "withdrawing takes the helix away again"
    );
    assert!(
        app.get(&initiative, Some(&s.media_token))
            .await
            .json()
            .get("contact")
            .is_none()
    );
}

#[tokio::test]
async fn only_the_stakeholder_itself_may_offer_and_only_what_it_offers_and_the_initiative_needs() {
    let s = scene().await;
    let app = &s.app;
    let pledges = format!("/api/v1/initiatives/{}/pledges", s.initiative);
    app.post(&pledges, None, offer(s.media, "publicity"))
        .await
        .problem(401, "unauthorized");
    app.post(
        &pledges,
        Some(&s.business_token),
        offer(s.media, "publicity"),
    )
    .await
    .problem(403, "forbidden");
    app.post(&pledges, Some(&s.owner), offer(s.media, "publicity"))
        .await
        .problem(403, "forbidden");
    let problem = app
        .post(&pledges, Some(&s.media_token), offer(s.media, "venue"))
        .await
        .problem(422, "validation");
    assert!(
        problem["errors"]["resource"]
            .as_str()
            .unwrap()
            .contains("Profil Anda belum menawarkan")
    );
    let problem = app
        .post(
            &pledges,
            Some(&s.business_token),
            offer(s.business, "funding"),
        )
        .await
        .problem(422, "validation");
    assert!(
        problem["errors"]["resource"]
            .as_str()
            .unwrap()
            .contains("tidak membutuhkan")
    );
    let empty = json!({ "stakeholder_id": s.media, "resource": "publicity", "message": "  " });
    assert_eq!(
        app.post(&pledges, Some(&s.media_token), empty)
            .await
            .problem(422, "validation")["errors"]["message"],
        "Wajib diisi."
    );

    assert_eq!(
        app.post(&pledges, Some(&s.media_token), offer(s.media, "publicity"))
            .await
            .status,
        StatusCode::CREATED
    );
    app.post(&pledges, Some(&s.media_token), offer(s.media, "publicity"))
        .await
        .problem(409, "conflict");
}

#[tokio::test]
async fn a_declined_pledge_stays_declined_and_closed_initiatives_take_no_offers() {
    let s = scene().await;
    let app = &s.app;
    let pledges = format!("/api/v1/initiatives/{}/pledges", s.initiative);
    let pledge = app
        .post(
            &pledges,
            Some(&s.business_token),
            offer(s.business, "venue"),
        )
        .await
        .json();
    let declined = app
        .post(
            &format!("/api/v1/pledges/{}/decline", pledge["id"]),
            Some(&s.owner),
            json!({}),
        )
        .await;
    assert_eq!(declined.json()["status"], "declined");
    assert!(
        declined.json().get("counterpart_contact").is_none(),
        "declining reveals nothing"
    );
    app.post(
        &format!("/api/v1/pledges/{}/accept", pledge["id"]),
        Some(&s.owner),
        json!({}),
    )
    .await
    .problem(409, "conflict");
    assert_eq!(
        app.post(
            &pledges,
            Some(&s.business_token),
            offer(s.business, "venue")
        )
        .await
        .status,
        StatusCode::CREATED,
        "may offer again"
    );

    let status = format!("/api/v1/initiatives/{}/status", s.initiative);
    app.post(&status, Some(&s.owner), json!({ "status": "withdrawn" }))
        .await;
    app.post(&pledges, Some(&s.media_token), offer(s.media, "publicity"))
        .await
        .problem(404, "not-found");

    let mine = app
        .get(
            &format!("/api/v1/stakeholders/{}/pledges", s.business),
            Some(&s.business_token),
        )
        .await
        .json();
    assert_eq!(mine.as_array().unwrap().len(), 2);
    app.get(
        &format!("/api/v1/stakeholders/{}/pledges", s.business),
        Some(&s.media_token),
    )
    .await
    .problem(403, "forbidden");
}

#[tokio::test]
async fn deleting_a_stakeholder_removes_its_pledges_and_their_coverage() {
    let s = scene().await;
    let app = &s.app;
    let pledge = app
        .accepted_pledge(
            (s.initiative, &s.owner),
            (s.media, &s.media_token),
            "publicity",
        )
        .await;
    assert_eq!(
        app.delete(
            &format!("/api/v1/stakeholders/{}", s.media),
            Some(&s.media_token)
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    let initiative = app
        .get(&format!("/api/v1/initiatives/{}", s.initiative), None)
        .await
        .json();
    assert_eq!(initiative["coverage"], json!([]));
    assert_eq!(initiative["pledge_count"], 0);
    app.get(&format!("/api/v1/pledges/{pledge}/accept"), None)
        .await
        .problem(405, "method-not-allowed");
}

#[tokio::test]
async fn the_owner_can_end_an_accepted_exchange_and_contacts_stop_flowing() {
    let s = scene().await;
    let app = &s.app;
    let pledge = app
        .accepted_pledge(
            (s.initiative, &s.owner),
            (s.media, &s.media_token),
            "publicity",
        )
        .await;
    let ended = app
        .post(
            &format!("/api/v1/pledges/{pledge}/decline"),
            Some(&s.owner),
            json!({}),
        )
        .await;
    assert_eq!(ended.json()["status"], "declined");
    let initiative = app
        .get(
            &format!("/api/v1/initiatives/{}", s.initiative),
            Some(&s.media_token),
        )
        .await
        .json();
    assert!(initiative.get("contact").is_none());
    assert_eq!(initiative["coverage"], json!([]));
}

/// A pledge offered to an initiative deleted after the handler read it (by another request, or
/// another process) is a 404 on both backends, never a 500: the database's foreign key decides.
#[tokio::test]
async fn a_pledge_for_an_initiative_deleted_a_moment_earlier_is_not_found() {
    use pentahelix_core::api::{InitiativeId, PledgeInput, StakeholderId};
    use pentahelix_server::Error;

    let s = scene().await;
    s.app
        .delete(
            &format!("/api/v1/initiatives/{}", s.initiative),
            Some(&s.owner),
        )
        .await;
    let input: PledgeInput = serde_json::from_value(offer(s.media, "publicity")).unwrap();
    let created = s
        .app
        .state
        .store()
        .create_pledge(InitiativeId(s.initiative), &input, chrono::Utc::now())
        .await;
    assert!(matches!(created, Err(Error::NotFound)), "{created:?}");
    let input = PledgeInput {
        stakeholder_id: StakeholderId(s.media + 1000),
        ..input
    };
    let (live, _) = s.app.initiative(initiative_body(json!({}))).await;
    let created = s
        .app
        .state
        .store()
        .create_pledge(InitiativeId(live), &input, chrono::Utc::now())
        .await;
    assert!(matches!(created, Err(Error::NotFound)), "{created:?}");
}

#[tokio::test]
async fn a_partners_profile_lists_the_initiatives_it_supports_and_not_those_it_only_offered_to() {
    let s = scene().await;
    let app = &s.app;
    let (pending, _) = app
        .initiative(initiative_body(
            json!({ "title": "Pasar Seni Dago Masih Menunggu" }),
        ))
        .await;
    let (declined, declined_owner) = app
        .initiative(initiative_body(
            json!({ "title": "Lokakarya Batik Ditolak" }),
        ))
        .await;
    let mut pledged = Vec::new();
    for initiative in [s.initiative, pending, declined] {
        let reply = app
            .post(
                &format!("/api/v1/initiatives/{initiative}/pledges"),
                Some(&s.media_token),
                offer(s.media, "publicity"),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        pledged.push(reply.json()["id"].as_i64().unwrap());
    }
    for (pledge, owner, answer) in [
        (pledged[0], &s.owner, "accept"),
        (pledged[2], &declined_owner, "decline"),
    ] {
        let reply = app
            .post(
                &format!("/api/v1/pledges/{pledge}/{answer}"),
                Some(owner),
                json!({}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    }

    let supported = app
        .get(&format!("/api/v1/initiatives?partner={}", s.media), None)
        .await;
    assert_eq!(supported.status, StatusCode::OK, "{}", supported.text());
    let ids: Vec<i64> = supported.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![s.initiative], "only the accepted pledge counts");
    let none = app
        .get(&format!("/api/v1/initiatives?partner={}", s.business), None)
        .await;
    assert_eq!(none.json()["items"], json!([]));
    for malformed in ["abc", "0", "-3"] {
        app.get(&format!("/api/v1/initiatives?partner={malformed}"), None)
            .await
            .problem(400, "malformed-request");
    }
}
