//! Invitations from an initiative's owner to a suggested partner: who may send, see and decline
//! them; an offer answers one; the partner is told by mail (a real SMTP server) in its language.

mod common;

use std::time::Duration;

use axum::http::StatusCode;
use common::smtp::MailServer;
use common::{TestApp, args, initiative_body, stakeholder_body};
use pentahelix_server::cli::ServeArgs;
use pentahelix_server::notify::attempt::Pace;
use pentahelix_server::notify::delivery::deliver_one;
use serde_json::{Value, json};

const PACE: Pace = Pace {
    timeout: Duration::from_secs(10),
    retry_base: Duration::ZERO,
    max_attempts: 3,
};

struct Scene {
    app: TestApp,
    mail: MailServer,
    initiative: i64,
    owner: String,
    media: i64,
    media_token: String,
    business_token: String,
}

async fn scene() -> Scene {
    let mail = MailServer::start();
    let app = TestApp::with(ServeArgs {
        smtp_url: Some(mail.url.clone()),
        public_url: Some("https://pentahelix.bandung.go.id".into()),
        ..args()
    })
    .await;
    let (initiative, owner) = app
        .initiative(initiative_body(json!({
            "title": "Festival Kopi Coblong untuk Warga",
            "needs": [
                { "resource": "venue", "helix": "government" },
                { "resource": "publicity" }
            ]
        })))
        .await;
    let (media, media_token) = app
        .stakeholder(stakeholder_body(json!({
            "name": "Radio Komunitas Suara Warga Cibeunying Kaler", "helix": "media",
            "offers": ["publicity"],
            "contact": { "person": "Sari Wulandari", "email": "sari@contoh.id" }
        })))
        .await;
    let (_, business_token) = app.stakeholder(stakeholder_body(json!({}))).await;
    Scene {
        app,
        mail,
        initiative,
        owner,
        media,
        media_token,
        business_token,
    }
}

impl Scene {
    fn invitations(&self) -> String {
        format!("/api/v1/initiatives/{}/invitations", self.initiative)
    }

    async fn invite(&self, message: &str) -> Value {
        let reply = self
            .app
            .post(
                &self.invitations(),
                Some(&self.owner),
                json!({ "stakeholder_id": self.media, "message": message }),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        reply.json()
    }

    async fn partner_list(&self) -> Vec<Value> {
        let reply = self
            .app
            .get(
                &format!("/api/v1/stakeholders/{}/invitations", self.media),
                Some(&self.media_token),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        reply.json().as_array().unwrap().clone()
    }

    async fn deliver(&self) -> usize {
        let mut n = 0;
        while deliver_one(&self.app.state, PACE).await.unwrap() {
            n += 1;
        }
        n
    }
}

#[tokio::test]
async fn only_the_owner_invites_once_and_both_sides_see_the_invitation() {
    let s = scene().await;
    let app = &s.app;
    let body = json!({ "stakeholder_id": s.media, "message": "" });
    app.post(&s.invitations(), None, body.clone())
        .await
        .problem(401, "unauthorized");
    app.post(&s.invitations(), Some(&s.business_token), body.clone())
        .await
        .problem(403, "forbidden");
    app.post(
        &s.invitations(),
        Some(&s.owner),
        json!({ "stakeholder_id": s.media, "message": "Halo\u{0}" }),
    )
    .await
    .problem(422, "validation");
    app.post(
        &s.invitations(),
        Some(&s.owner),
        json!({ "stakeholder_id": 999_999, "message": "" }),
    )
    .await
    .problem(404, "not-found");

    let invitation = s
        .invite("  Kami butuh siaran pagi untuk festival ini.  ")
        .await;
    assert_eq!(invitation["status"], "pending");
    assert_eq!(
        invitation["initiative_title"],
        "Festival Kopi Coblong untuk Warga"
    );
    assert_eq!(
        invitation["stakeholder"]["name"],
        "Radio Komunitas Suara Warga Cibeunying Kaler"
    );
    assert_eq!(
        invitation["message"], "Kami butuh siaran pagi untuk festival ini.",
        "the note is kept, trimmed"
    );
    app.post(&s.invitations(), Some(&s.owner), body.clone())
        .await
        .problem(409, "conflict");

    // The owner sees whom they invited; the partner sees what it is invited to; nobody else.
    let owner_list = app.get(&s.invitations(), Some(&s.owner)).await.json();
    assert_eq!(owner_list.as_array().unwrap().len(), 1);
    app.get(&s.invitations(), None)
        .await
        .problem(401, "unauthorized");
    app.get(&s.invitations(), Some(&s.media_token))
        .await
        .problem(403, "forbidden");
    let partner_list = s.partner_list().await;
    assert_eq!(partner_list.len(), 1);
    assert_eq!(partner_list[0]["id"], invitation["id"]);
    app.get(
        &format!("/api/v1/stakeholders/{}/invitations", s.media),
        Some(&s.business_token),
    )
    .await
    .problem(403, "forbidden");
}

#[tokio::test]
async fn an_offer_answers_the_invitation_and_a_decline_is_final() {
    let s = scene().await;
    let app = &s.app;
    let invitation = s.invite("").await;
    let decline = format!("/api/v1/invitations/{}/decline", invitation["id"]);
    app.post(&decline, Some(&s.owner), json!({}))
        .await
        .problem(403, "forbidden");

    let offer = app
        .post(
            &format!("/api/v1/initiatives/{}/pledges", s.initiative),
            Some(&s.media_token),
            json!({ "stakeholder_id": s.media, "resource": "publicity", "message": "Siap menyiarkan." }),
        )
        .await;
    assert_eq!(offer.status, StatusCode::CREATED, "{}", offer.text());
    assert_eq!(s.partner_list().await[0]["status"], "answered");
    let owner_list = app.get(&s.invitations(), Some(&s.owner)).await.json();
    assert_eq!(owner_list[0]["status"], "answered");
    app.post(&decline, Some(&s.media_token), json!({}))
        .await
        .problem(409, "conflict");

    // A second initiative: this time the partner declines.
    let (other, other_owner) = app
        .initiative(initiative_body(
            json!({ "title": "Pekan Musik Jalanan Bandung" }),
        ))
        .await;
    let invited = app
        .post(
            &format!("/api/v1/initiatives/{other}/invitations"),
            Some(&other_owner),
            json!({ "stakeholder_id": s.media }),
        )
        .await;
    assert_eq!(invited.status, StatusCode::CREATED, "{}", invited.text());
    let decline = format!("/api/v1/invitations/{}/decline", invited.json()["id"]);
    let declined = app.post(&decline, Some(&s.media_token), json!({})).await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.text());
    assert_eq!(declined.json()["status"], "declined");
    app.post(&decline, Some(&s.media_token), json!({}))
        .await
        .problem(409, "conflict");
    let seen = app
        .get(
            &format!("/api/v1/initiatives/{other}/invitations"),
            Some(&other_owner),
        )
        .await
        .json();
    assert_eq!(seen[0]["status"], "declined");
}

#[tokio::test]
async fn an_initiative_that_stopped_looking_invites_nobody_and_drops_out_of_the_partners_list() {
    let s = scene().await;
    let app = &s.app;
    s.invite("").await;
    app.post(
        &format!("/api/v1/initiatives/{}/status", s.initiative),
        Some(&s.owner),
        json!({ "status": "withdrawn" }),
    )
    .await;
    assert!(s.partner_list().await.is_empty());
    let (radio_two, _) = app
        .stakeholder(stakeholder_body(
            json!({ "name": "Radio Dua Bandung", "helix": "media" }),
        ))
        .await;
    let refused = app
        .post(
            &s.invitations(),
            Some(&s.owner),
            json!({ "stakeholder_id": radio_two }),
        )
        .await
        .problem(409, "conflict");
    assert!(
        refused["detail"].as_str().unwrap().contains("withdrawn"),
        "{refused}"
    );
    // Nothing is mailed about an initiative that no longer looks for partners.
    s.deliver().await;
    assert!(s.mail.to("sari@contoh.id").is_empty());
}

#[tokio::test]
async fn the_partner_is_mailed_the_invitation_with_the_needs_the_note_and_a_link() {
    let s = scene().await;
    let invitation = s.invite("Kami butuh siaran pagi untuk festival ini.").await;
    assert_eq!(s.deliver().await, 1);
    let received = s.mail.to("sari@contoh.id");
    assert_eq!(received.len(), 1, "{received:#?}");
    let subject = received[0].header("Subject").unwrap();
    // The quotes around the title are encoded words; the rest is plain.
    assert!(
        subject.contains("Kopi Coblong") && subject.contains("diundang"),
        "{subject}"
    );
    let text = received[0].text();
    assert!(
        text.contains("Kami butuh siaran pagi untuk festival ini."),
        "{text}"
    );
    assert!(text.contains("publikasi"), "the needs are listed: {text}");
    assert!(
        text.contains(&format!(
            "https://pentahelix.bandung.go.id/#pentahelix/initiative/{}",
            s.initiative
        )),
        "{text}"
    );
    assert_eq!(invitation["status"], "pending");

    // A partner who turned the kind off is not mailed the next one.
    let settings = pentahelix_core::api::NotificationSettings {
        lang: pentahelix_core::Lang::Id,
        off: vec![pentahelix_core::api::NotificationKind::PartnerInvited],
    };
    s.app
        .state
        .store()
        .put_mail_settings("sari@contoh.id", &settings, chrono::Utc::now())
        .await
        .unwrap();
    let (other, other_owner) = s
        .app
        .initiative(initiative_body(
            json!({ "title": "Pekan Musik Jalanan Bandung" }),
        ))
        .await;
    let invited = s
        .app
        .post(
            &format!("/api/v1/initiatives/{other}/invitations"),
            Some(&other_owner),
            json!({ "stakeholder_id": s.media }),
        )
        .await;
    assert_eq!(invited.status, StatusCode::CREATED);
    s.deliver().await;
    assert_eq!(s.mail.to("sari@contoh.id").len(), 1);
}
