//! The digests, through a real SMTP server: a stakeholder who asked hears weekly of the new
//! initiatives in its city that need what it offers; an admin with an address hears daily of
//! what waits in its queue. Each once per period, however often it is queued.

mod common;

use std::time::Duration;

use chrono::Utc;
use common::smtp::MailServer;
use common::{TestApp, args, initiative_body, stakeholder_body};
use pentahelix_core::api::{NotificationKind, NotificationSettings};
use pentahelix_server::cli::{ModerationMode, ServeArgs};
use pentahelix_server::notify::attempt::Pace;
use pentahelix_server::notify::delivery::deliver_one;
use serde_json::json;

const PACE: Pace = Pace {
    timeout: Duration::from_secs(10),
    retry_base: Duration::ZERO,
    max_attempts: 3,
};

async fn app(mail: &MailServer, moderation: ModerationMode) -> TestApp {
    TestApp::with(ServeArgs {
        smtp_url: Some(mail.url.clone()),
        moderation,
        ..args()
    })
    .await
}

async fn deliver_all(app: &TestApp) {
    while deliver_one(&app.state, PACE).await.unwrap() {}
}

#[tokio::test]
async fn a_partner_who_asked_hears_weekly_of_new_initiatives_that_need_what_it_offers() {
    let mail = MailServer::start();
    let app = app(&mail, ModerationMode::Post).await;
    app.stakeholder(stakeholder_body(json!({
        "name": "Radio Kreatif Bandung", "helix": "media", "offers": ["publicity"],
        "contact": { "person": "Sari", "email": "sari@contoh.id" }
    })))
    .await;
    // A partner that did not ask gets nothing.
    app.stakeholder(stakeholder_body(json!({
        "name": "Studio Foto Dago", "helix": "business", "offers": ["publicity"],
        "contact": { "person": "Dodi", "email": "dodi@contoh.id" }
    })))
    .await;
    let settings = NotificationSettings {
        off: Vec::new(),
        ..NotificationSettings::default()
    };
    app.state
        .store()
        .put_mail_settings("sari@contoh.id", &settings, Utc::now())
        .await
        .unwrap();
    app.initiative(initiative_body(json!({
        "title": "Pasar Malam Kreatif Cibeunying Kaler",
        "needs": [{ "resource": "publicity" }]
    })))
    .await;
    app.initiative(initiative_body(json!({
        "title": "Dana Bergulir Perajin Bambu",
        "needs": [{ "resource": "funding" }]
    })))
    .await;
    // Two processes, or two hourly looks, queue the same week's digest once.
    for _ in 0..2 {
        app.state
            .store()
            .enqueue_digests("2026-W49", "2026-11-30", Utc::now())
            .await
            .unwrap();
    }
    deliver_all(&app).await;
    let digests: Vec<_> = mail
        .to("sari@contoh.id")
        .into_iter()
        .filter(|m| {
            m.header("Message-ID")
                .unwrap()
                .starts_with("<weekly.2026-W49.")
        })
        .collect();
    assert_eq!(digests.len(), 1);
    let text = digests[0].text();
    assert!(
        text.contains("Pasar Malam Kreatif Cibeunying Kaler"),
        "{text}"
    );
    assert!(!text.contains("Dana Bergulir"), "{text}");
    assert!(digests[0].header("List-Unsubscribe").is_some());
    assert!(
        mail.to("dodi@contoh.id")
            .iter()
            .all(|m| !m.header("Message-ID").unwrap().starts_with("<weekly."))
    );

    // Asked for by default? No: a new address is not sent digests.
    let fresh = app
        .state
        .store()
        .mail_settings("dodi@contoh.id")
        .await
        .unwrap();
    assert!(fresh.off.contains(&NotificationKind::WeeklyDigest));
}

#[tokio::test]
async fn an_admin_with_an_address_hears_daily_of_its_queue_and_only_of_its_regions() {
    let mail = MailServer::start();
    let app = app(&mail, ModerationMode::Pre).await;
    let bandung = app.admin(&["32.73"]).await;
    let metro = app.admin(&["18.72"]).await;
    let tokens = app.state.store().admin_tokens().await.unwrap();
    app.state
        .store()
        .set_admin_email(tokens[0].id, "Petugas@Bandung.go.id")
        .await
        .unwrap();
    app.state
        .store()
        .set_admin_email(tokens[1].id, "petugas@metrokota.go.id")
        .await
        .unwrap();
    assert!(!bandung.is_empty() && !metro.is_empty());
    app.initiative(initiative_body(json!({}))).await;
    app.initiative(initiative_body(
        json!({ "title": "Kelas Menulis Cerpen Remaja" }),
    ))
    .await;
    for _ in 0..2 {
        app.state
            .store()
            .enqueue_digests("2026-W49", "2026-11-30", Utc::now())
            .await
            .unwrap();
    }
    deliver_all(&app).await;
    let bandung_mail = mail.to("petugas@bandung.go.id");
    assert_eq!(bandung_mail.len(), 1);
    let subject = bandung_mail[0].header("Subject").unwrap();
    assert!(subject.starts_with("2 usulan dan 0 inisiatif"), "{subject}");
    // Nothing waits in Metro: no mail.
    assert!(mail.to("petugas@metrokota.go.id").is_empty());
    // The next day's digest is a new one.
    app.state
        .store()
        .enqueue_digests("2026-W49", "2026-12-01", Utc::now())
        .await
        .unwrap();
    deliver_all(&app).await;
    assert_eq!(mail.to("petugas@bandung.go.id").len(), 2);
}
