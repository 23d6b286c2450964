//! Sign-in by a mailed code, against a real SMTP server: what a citizen does to reach her
//! initiative from another device, and what an attacker cannot learn or guess on the way.

mod common;

use std::time::Duration;

use axum::http::StatusCode;
use chrono::Utc;
use common::smtp::MailServer;
use common::{TestApp, args, initiative_body, stakeholder_body};
use pentahelix_server::auth::code_hash;
use pentahelix_server::cli::ServeArgs;
use serde_json::{Value, json};

async fn app_with_mail(mail: &MailServer) -> TestApp {
    TestApp::with(ServeArgs {
        smtp_url: Some(mail.url.clone()),
        mail_from: "Pentahelix Kota Bandung <pentahelix@bandung.go.id>".into(),
        public_url: Some("https://pentahelix.bandung.go.id".into()),
        ..args()
    })
    .await
}

/// Asks for a code and reads it from the mail's subject, as a person reads it.
async fn mailed_code(app: &TestApp, mail: &MailServer, email: &str, lang: &str) -> String {
    let before = mail.to(email).len();
    let reply = app
        .post(
            "/api/v1/auth/email-code",
            None,
            json!({ "email": email, "lang": lang }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text());
    for _ in 0..250 {
        let received = mail.to(email);
        if received.len() > before {
            let subject = received.last().unwrap().header("Subject").unwrap();
            return subject.rsplit(' ').next().unwrap().to_owned();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("no code reached {email}");
}

async fn session(app: &TestApp, email: &str, code: &str) -> String {
    let reply = app
        .post(
            "/api/v1/auth/session",
            None,
            json!({ "email": email, "code": code }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let token = reply.json()["session_token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("phs_"));
    token
}

#[tokio::test]
async fn a_code_from_the_mail_signs_in_and_the_session_manages_every_record_of_that_address() {
    let mail = MailServer::start();
    let app = app_with_mail(&mail).await;
    let (initiative, _) = app
        .initiative(initiative_body(json!({
            "contact": { "person": "Ani Rahmawati", "email": "Ani@Contoh.id" }
        })))
        .await;
    let (second, _) = app
        .initiative(initiative_body(json!({
            "title": "Lokakarya Batik Tulis Kecamatan Cibeunying Kaler",
            "contact": { "person": "Ani Rahmawati", "email": "ani@contoh.id" }
        })))
        .await;
    let (other, _) = app
        .initiative(initiative_body(json!({
            "contact": { "person": "Budi", "email": "budi@contoh.id" }
        })))
        .await;
    let (media, media_token) = app
        .stakeholder(stakeholder_body(json!({
            "name": "Radio Kreatif Bandung", "helix": "media", "offers": ["publicity"],
            "contact": { "person": "Sari", "email": "sari@contoh.id", "phone": "0812-3456-7890" }
        })))
        .await;
    let offer = app
        .post(
            &format!("/api/v1/initiatives/{initiative}/pledges"),
            Some(&media_token),
            json!({ "stakeholder_id": media, "resource": "publicity", "message": "Siaran gratis." }),
        )
        .await;
    assert_eq!(offer.status, StatusCode::CREATED, "{}", offer.text());
    let pledge = offer.json()["id"].as_i64().unwrap();

    let code = mailed_code(&app, &mail, "ani@contoh.id", "id").await;
    let message = mail.to("ani@contoh.id").pop().unwrap();
    assert!(message.text().contains(&code), "{}", message.text());
    assert!(message.text().contains("15 menit"));
    assert_eq!(message.header("List-Unsubscribe"), None);
    let token = session(&app, " ANI@contoh.id ", &code).await;

    let me = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text());
    let me = me.json();
    assert_eq!(me["email"], "ani@contoh.id");
    let ids: Vec<i64> = me["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![initiative, second],
        "the address's records, case-blind, and only those"
    );
    assert!(!ids.contains(&other));
    assert_eq!(me["initiatives"][0]["contact"]["person"], "Ani Rahmawati");
    assert_eq!(me["pledges_to_answer"][0]["id"], pledge);
    assert_eq!(me["settings"]["lang"], "id");

    // The session answers the offer, as the manage token would have.
    let accepted = app
        .post(
            &format!("/api/v1/pledges/{pledge}/accept"),
            Some(&token),
            json!({}),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text());
    assert_eq!(accepted.json()["counterpart_contact"]["person"], "Sari");
    // ...but not someone else's record.
    let foreign = app
        .put(
            &format!("/api/v1/initiatives/{other}"),
            Some(&token),
            initiative_body(json!({})),
        )
        .await;
    foreign.problem(403, "forbidden");
}

#[tokio::test]
async fn known_and_unknown_addresses_get_the_same_answer_and_the_same_mail() {
    let mail = MailServer::start();
    let app = app_with_mail(&mail).await;
    app.initiative(initiative_body(json!({}))).await;
    let ask = |email: &'static str| {
        let app = &app;
        async move {
            app.post(
                "/api/v1/auth/email-code",
                None,
                json!({ "email": email, "lang": "en" }),
            )
            .await
        }
    };
    let known = ask("ani@contoh.id").await;
    let unknown = ask("nobody@contoh.id").await;
    assert_eq!(known.status, StatusCode::ACCEPTED);
    assert_eq!(unknown.status, known.status);
    assert_eq!(unknown.body, known.body);
    let received = mail.wait_for(2, Duration::from_secs(5)).await;
    assert_eq!(received.len(), 2);
    let subjects: Vec<String> = received
        .iter()
        .map(|m| {
            m.header("Subject")
                .unwrap()
                .rsplit_once(' ')
                .unwrap()
                .0
                .to_owned()
        })
        .collect();
    assert_eq!(subjects[0], subjects[1]);
    assert_eq!(subjects[0], "Your Pentahelix sign-in code:");

    // An unknown address signs in to nothing of its own.
    let code = last_code(&mail, "nobody@contoh.id");
    let token = session(&app, "nobody@contoh.id", &code).await;
    let me = app.get("/api/v1/me", Some(&token)).await.json();
    assert_eq!(me["initiatives"], json!([]));
    assert_eq!(me["settings"]["lang"], "en");
}

/// The code of the last mail to `email`.
fn last_code(mail: &MailServer, email: &str) -> String {
    let subject = mail.to(email).pop().unwrap().header("Subject").unwrap();
    subject.rsplit(' ').next().unwrap().to_owned()
}

fn wrong(code: &str) -> String {
    let n: u32 = code.parse().unwrap();
    format!("{:06}", (n + 1) % 1_000_000)
}

#[tokio::test]
async fn a_code_works_once_survives_four_wrong_tries_and_dies_at_the_fifth() {
    let mail = MailServer::start();
    let app = app_with_mail(&mail).await;
    let email = "ani@contoh.id";
    let code = mailed_code(&app, &mail, email, "id").await;
    let try_code = |code: String| {
        let app = &app;
        async move {
            app.post(
                "/api/v1/auth/session",
                None,
                json!({ "email": email, "code": code }),
            )
            .await
        }
    };
    for _ in 0..4 {
        let problem = try_code(wrong(&code)).await.problem(422, "validation");
        assert!(
            problem["errors"]["code"]
                .as_str()
                .unwrap()
                .contains("Kode salah")
        );
    }
    session(&app, email, &code).await;
    // Used: it opens nothing a second time.
    try_code(code.clone()).await.problem(422, "validation");

    // A fresh code, five wrong tries: then even the right one is refused.
    app.state
        .store()
        .put_email_code(
            email,
            &code_hash(email, "424242"),
            5,
            Utc::now() + chrono::Duration::minutes(15),
            Utc::now(),
            Utc::now(),
        )
        .await
        .unwrap();
    for _ in 0..5 {
        try_code("000001".into()).await.problem(422, "validation");
    }
    try_code("424242".into()).await.problem(422, "validation");
    // Malformed codes are wrong codes, not a different answer.
    try_code("12 34".into()).await.problem(422, "validation");
}

#[tokio::test]
async fn an_expired_code_is_refused() {
    let mail = MailServer::start();
    let app = app_with_mail(&mail).await;
    let email = "ani@contoh.id";
    let past = Utc::now() - chrono::Duration::minutes(16);
    app.state
        .store()
        .put_email_code(
            email,
            &code_hash(email, "135790"),
            5,
            past + chrono::Duration::minutes(15),
            past,
            past,
        )
        .await
        .unwrap();
    app.post(
        "/api/v1/auth/session",
        None,
        json!({ "email": email, "code": "135790" }),
    )
    .await
    .problem(422, "validation");
}

#[tokio::test]
async fn one_code_a_minute_per_address_and_a_bad_address_is_named() {
    let mail = MailServer::start();
    let app = app_with_mail(&mail).await;
    mailed_code(&app, &mail, "ani@contoh.id", "id").await;
    app.post(
        "/api/v1/auth/email-code",
        None,
        json!({ "email": "ani@contoh.id" }),
    )
    .await
    .problem(429, "rate-limited");
    // Another address is not held back by it.
    mailed_code(&app, &mail, "budi@contoh.id", "id").await;
    let problem = app
        .post(
            "/api/v1/auth/email-code",
            None,
            json!({ "email": "ani at contoh" }),
        )
        .await
        .problem(422, "validation");
    assert!(problem["errors"]["email"].is_string());
}

#[tokio::test]
async fn signing_out_ends_one_session_and_signing_out_everywhere_ends_them_all() {
    let mail = MailServer::start();
    let app = app_with_mail(&mail).await;
    let email = "ani@contoh.id";
    let mut tokens = Vec::new();
    for code in ["111111", "222222", "333333"] {
        app.state
            .store()
            .put_email_code(
                email,
                &code_hash(email, code),
                5,
                Utc::now() + chrono::Duration::minutes(15),
                Utc::now(),
                Utc::now(),
            )
            .await
            .unwrap();
        tokens.push(session(&app, email, code).await);
    }
    let me = |token: String| {
        let app = &app;
        async move { app.get("/api/v1/me", Some(&token)).await.status }
    };
    assert_eq!(me(tokens[0].clone()).await, StatusCode::OK);
    let out = app.delete("/api/v1/auth/session", Some(&tokens[0])).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(me(tokens[0].clone()).await, StatusCode::UNAUTHORIZED);
    assert_eq!(me(tokens[1].clone()).await, StatusCode::OK);

    let everywhere = app.delete("/api/v1/auth/sessions", Some(&tokens[1])).await;
    assert_eq!(everywhere.status, StatusCode::NO_CONTENT);
    assert_eq!(me(tokens[1].clone()).await, StatusCode::UNAUTHORIZED);
    assert_eq!(me(tokens[2].clone()).await, StatusCode::UNAUTHORIZED);
    app.get("/api/v1/me", None)
        .await
        .problem(401, "unauthorized");
}

#[tokio::test]
async fn without_a_mail_server_sign_in_says_it_is_unavailable() {
    let app = TestApp::new().await;
    let reply: Value = app
        .post(
            "/api/v1/auth/email-code",
            None,
            json!({ "email": "ani@contoh.id" }),
        )
        .await
        .problem(503, "unavailable");
    assert!(reply["detail"].is_string());
}
