//! Notifications through the outbox to a real SMTP server: who is told what, in which language,
//! how a recipient stops a kind, and how delivery survives a mail server that refuses.

mod common;

use std::time::Duration;

use axum::http::StatusCode;
use common::smtp::{MailServer, Mood, Received};
use common::{TestApp, args, initiative_body, stakeholder_body};
use pentahelix_server::cli::ServeArgs;
use pentahelix_server::notify::attempt::Pace;
use pentahelix_server::notify::delivery::deliver_one;
use serde_json::json;

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
}

async fn scene() -> Scene {
    let mail = MailServer::start();
    let app = TestApp::with(ServeArgs {
        smtp_url: Some(mail.url.clone()),
        mail_from: "Pentahelix Kota Bandung <pentahelix@bandung.go.id>".into(),
        public_url: Some("https://pentahelix.bandung.go.id".into()),
        ..args()
    })
    .await;
    let (initiative, owner) = app
        .initiative(initiative_body(json!({
            "title": "Festival Kopi <Coblong> & Teh",
            "contact": { "person": "Ani Rahmawati", "email": "ani@contoh.id", "phone": "0812-1111-2222" }
        })))
        .await;
    let (media, media_token) = app
        .stakeholder(stakeholder_body(json!({
            "name": "Radio Kreatif Bandung", "helix": "media", "offers": ["publicity", "venue"],
            "contact": { "person": "Sari Wulandari", "email": "sari@contoh.id" }
        })))
        .await;
    Scene {
        app,
        mail,
        initiative,
        owner,
        media,
        media_token,
    }
}

impl Scene {
    /// Sends everything due, as the delivery worker does; how many were handled.
    async fn deliver(&self) -> usize {
        let mut n = 0;
        while deliver_one(&self.app.state, PACE).await.unwrap() {
            n += 1;
        }
        n
    }

    async fn offer(&self) -> i64 {
        self.offer_of("publicity").await
    }

    fn only_mail_to(&self, address: &str) -> Received {
        let mut received = self.mail.to(address);
        assert_eq!(received.len(), 1, "{received:#?}");
        received.pop().unwrap()
    }
}

#[tokio::test]
async fn an_offer_reaches_the_owner_and_an_acceptance_reaches_the_stakeholder_with_the_contact() {
    let s = scene().await;
    let pledge = s.offer().await;
    assert_eq!(s.deliver().await, 1);
    let offered = s.only_mail_to("ani@contoh.id");
    let subject = offered.header("Subject").unwrap();
    assert!(subject.contains("Radio Kreatif Bandung"), "{subject}");
    let text = offered.text();
    assert!(text.contains("Festival Kopi <Coblong> & Teh"), "{text}");
    assert!(
        text.contains("Festival Kopi &lt;Coblong&gt; &amp; Teh"),
        "{text}"
    );
    assert!(text.contains("Kami siarkan gratis di pagi hari."));
    assert!(
        text.contains("Publikasi") || text.contains("publikasi"),
        "{text}"
    );
    assert!(text.contains("https://pentahelix.bandung.go.id/"));
    let message_id = offered.header("Message-ID").unwrap();
    assert!(message_id.ends_with("@bandung.go.id>"), "{message_id}");
    let unsubscribe = offered.header("List-Unsubscribe").unwrap();
    assert!(
        unsubscribe.starts_with("<https://pentahelix.bandung.go.id/mail/unsubscribe?token="),
        "{unsubscribe}"
    );
    assert_eq!(
        offered.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    assert!(
        offered
            .header("From")
            .unwrap()
            .contains("pentahelix@bandung.go.id")
    );

    let accept = s
        .app
        .post(
            &format!("/api/v1/pledges/{pledge}/accept"),
            Some(&s.owner),
            json!({}),
        )
        .await;
    assert_eq!(accept.status, StatusCode::OK);
    assert_eq!(s.deliver().await, 1);
    let accepted = s.only_mail_to("sari@contoh.id");
    let text = accepted.text();
    assert!(text.contains("Ani Rahmawati"), "{text}");
    assert!(text.contains("ani@contoh.id"));
    assert!(text.contains("0812-1111-2222"));
    assert!(text.contains("https://wa.me/6281211112222"), "{text}");
    // Nothing more goes out: each event is told once.
    assert_eq!(s.deliver().await, 0);
}

#[tokio::test]
async fn each_side_hears_of_the_other_side_ending_it_and_owners_of_moderation() {
    let s = scene().await;
    let pledge = s.offer().await;
    s.app
        .post(
            &format!("/api/v1/pledges/{pledge}/withdraw"),
            Some(&s.media_token),
            json!({}),
        )
        .await;
    let second = s.offer().await;
    s.app
        .post(
            &format!("/api/v1/pledges/{second}/decline"),
            Some(&s.owner),
            json!({}),
        )
        .await;
    let admin = s.app.admin(&["32.73"]).await;
    s.app
        .post(
            &format!("/api/v1/moderation/initiatives/{}/hide", s.initiative),
            Some(&admin),
            json!({ "reason": "Isinya iklan, bukan kegiatan warga." }),
        )
        .await;
    s.app
        .post(
            &format!("/api/v1/moderation/initiatives/{}/approve", s.initiative),
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(s.deliver().await, 6);
    let owner: Vec<String> = s
        .mail
        .to("ani@contoh.id")
        .iter()
        .map(|m| m.text())
        .collect();
    assert_eq!(
        owner.len(),
        5,
        "two offers, one withdrawal, hidden, approved"
    );
    assert!(owner[1].contains("menarik tawaran"), "{}", owner[1]);
    assert!(owner[3].contains("menyembunyikan"), "{}", owner[3]);
    assert!(owner[3].contains("Isinya iklan"), "the official's reason");
    assert!(owner[4].contains("menyetujui"), "{}", owner[4]);
    let stakeholder = s.only_mail_to("sari@contoh.id");
    assert!(stakeholder.text().contains("tidak menerima"));
}

#[tokio::test]
async fn mails_speak_the_language_the_record_was_written_in() {
    let mail = MailServer::start();
    let app = TestApp::with(ServeArgs {
        smtp_url: Some(mail.url.clone()),
        ..args()
    })
    .await;
    let reply = app
        .send(
            axum::http::Method::POST,
            "/api/v1/initiatives",
            None,
            Some(initiative_body(json!({
                "contact": { "person": "Jane", "email": "jane@example.org" }
            }))),
            &[("accept-language", "en")],
        )
        .await;
    let initiative = reply.json()["record"]["id"].as_i64().unwrap();
    let (media, token) = app
        .stakeholder(stakeholder_body(
            json!({ "helix": "media", "offers": ["publicity"] }),
        ))
        .await;
    app.post(
        &format!("/api/v1/initiatives/{initiative}/pledges"),
        Some(&token),
        json!({ "stakeholder_id": media, "resource": "publicity", "message": "Kami bisa bantu." }),
    )
    .await;
    assert!(deliver_one(&app.state, PACE).await.unwrap());
    let received = mail.to("jane@example.org").pop().unwrap();
    assert!(
        received
            .header("Subject")
            .unwrap()
            .contains("offers support"),
        "{:?}",
        received.header("Subject")
    );
    assert!(received.text().contains("Stop emails of this kind"));
}

#[tokio::test]
async fn the_unsubscribe_link_asks_first_then_stops_that_kind_only() {
    let s = scene().await;
    s.offer().await;
    s.deliver().await;
    let header = s
        .only_mail_to("ani@contoh.id")
        .header("List-Unsubscribe")
        .unwrap();
    let path = header
        .trim_matches(['<', '>'])
        .strip_prefix("https://pentahelix.bandung.go.id")
        .unwrap()
        .to_owned();
    // Opening the link (or a mail scanner fetching it) only asks.
    let page = s.app.get(&path, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text().contains("<form method=\"post\">"),
        "{}",
        page.text()
    );
    let settings = s
        .app
        .state
        .store()
        .mail_settings("ani@contoh.id")
        .await
        .unwrap();
    assert!(
        !settings
            .off
            .contains(&pentahelix_core::api::NotificationKind::PledgeOffered)
    );
    // The one-click POST of RFC 8058.
    let request = axum::http::Request::post(&path)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("List-Unsubscribe=One-Click"))
        .unwrap();
    let done = s.app.raw(request).await;
    assert_eq!(done.status, StatusCode::OK);
    assert!(
        done.text().contains("tidak akan menerima"),
        "{}",
        done.text()
    );

    // The next offer is not mailed; an owner's other kinds still are.
    s.offer_of("venue").await;
    let admin = s.app.admin(&["32.73"]).await;
    s.app
        .post(
            &format!("/api/v1/moderation/initiatives/{}/hide", s.initiative),
            Some(&admin),
            json!({ "reason": "Isinya iklan, bukan kegiatan warga." }),
        )
        .await;
    s.deliver().await;
    let texts: Vec<String> = s
        .mail
        .to("ani@contoh.id")
        .iter()
        .map(|m| m.text())
        .collect();
    assert_eq!(texts.len(), 2, "{texts:#?}");
    assert!(texts[1].contains("menyembunyikan"));

    // A forged or damaged link changes nothing.
    let broken = s
        .app
        .get("/mail/unsubscribe?token=6161.pledge_offered.00", None)
        .await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_refusing_mail_server_is_retried_and_one_that_keeps_refusing_is_shown_to_admins() {
    let s = scene().await;
    s.mail.set_mood(Mood::Refuse(2));
    s.offer().await;
    // Two refusals, then accepted on the third attempt: one message, sent once.
    assert_eq!(s.deliver().await, 3);
    let sent = s.only_mail_to("ani@contoh.id");
    assert!(
        sent.header("Subject")
            .unwrap()
            .contains("Radio Kreatif Bandung")
    );

    s.mail.set_mood(Mood::Refuse(100));
    let pledge = s.offer_of("venue").await;
    assert_eq!(s.deliver().await, PACE.max_attempts as usize);
    assert_eq!(s.mail.to("ani@contoh.id").len(), 1);
    let admin = s.app.admin(&["32.73"]).await;
    let queue = s
        .app
        .get("/api/v1/moderation/queue", Some(&admin))
        .await
        .json();
    let failed = &queue["failed_notifications"];
    assert_eq!(failed.as_array().unwrap().len(), 1, "{queue}");
    assert_eq!(failed[0]["kind"], "pledge_offered");
    assert_eq!(failed[0]["subject_id"], pledge);
    assert_eq!(failed[0]["initiative_id"], s.initiative);
    assert_eq!(failed[0]["attempts"], PACE.max_attempts);
    assert!(
        failed[0]["last_error"].as_str().unwrap().contains("451"),
        "{failed}"
    );
    // An admin of another city does not see it.
    let other = s.app.admin(&["18.72"]).await;
    let elsewhere = s.app.get("/api/v1/moderation/queue", Some(&other)).await;
    if elsewhere.status == StatusCode::OK {
        assert_eq!(elsewhere.json()["failed_notifications"], json!([]));
    }
}

impl Scene {
    async fn offer_of(&self, resource: &str) -> i64 {
        let reply = self
            .app
            .post(
                &format!("/api/v1/initiatives/{}/pledges", self.initiative),
                Some(&self.media_token),
                json!({ "stakeholder_id": self.media, "resource": resource,
                        "message": "Kami siarkan gratis di pagi hari." }),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        reply.json()["id"].as_i64().unwrap()
    }
}

#[tokio::test]
async fn the_demo_data_mails_nobody() {
    let mail = MailServer::start();
    let app = TestApp::with(ServeArgs {
        smtp_url: Some(mail.url.clone()),
        ..args()
    })
    .await;
    let loaded = pentahelix_server::demo::load(&app.state).await.unwrap();
    assert!(loaded.is_some_and(|l| l.pledges > 0));
    assert!(!deliver_one(&app.state, PACE).await.unwrap());
    assert!(mail.received().is_empty());
}
