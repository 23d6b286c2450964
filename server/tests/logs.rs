//! What the server writes to its log while people sign in and get notifications: never a code,
//! a token or a message's text, which would hand anyone who reads the log the accounts.

mod common;

use std::time::{Duration, Instant};

use common::binary::Binary;
use common::smtp::MailServer;
use common::{initiative_body, stakeholder_body};
use serde_json::json;

#[test]
fn the_log_holds_no_code_token_or_message_text() {
    let dir = std::env::temp_dir().join(format!("pentahelix-logs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let log_path = dir.join("server.log");
    let mail = MailServer::start();
    let server = Binary::serve_logging(
        &format!("sqlite://{}", dir.join("city.db").display()),
        &["--smtp-url", &mail.url, "--mail-retry-seconds", "1"],
        std::fs::File::create(&log_path).unwrap(),
    );
    let post = |path: &str, token: Option<&str>, body: serde_json::Value| {
        let response = server.request("POST", path, token, Some(&body), &[]);
        assert!(response.status < 300, "{path}: {}", response.body);
        response.json()
    };
    let created = post(
        "/api/v1/initiatives",
        None,
        initiative_body(json!({ "contact": { "person": "Ani", "email": "ani@contoh.id" } })),
    );
    let manage = created["manage_token"].as_str().unwrap().to_owned();
    let stakeholder = post(
        "/api/v1/stakeholders",
        None,
        stakeholder_body(json!({ "helix": "media", "offers": ["publicity"] })),
    );
    let message = "Pesan rahasia untuk pemilik: siaran gratis jam tujuh pagi.";
    post(
        &format!("/api/v1/initiatives/{}/pledges", created["record"]["id"]),
        stakeholder["manage_token"].as_str(),
        json!({ "stakeholder_id": stakeholder["record"]["id"], "resource": "publicity", "message": message }),
    );
    server.request(
        "POST",
        "/api/v1/auth/email-code",
        None,
        Some(&json!({ "email": "ani@contoh.id" })),
        &[],
    );
    let started = Instant::now();
    while mail.to("ani@contoh.id").len() < 2 && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let mails = mail.to("ani@contoh.id");
    assert_eq!(mails.len(), 2, "the offer and the code");
    let code_mail = mails
        .iter()
        .find(|m| m.header("Subject").unwrap().starts_with("Kode"))
        .unwrap();
    let code = code_mail
        .header("Subject")
        .unwrap()
        .rsplit(' ')
        .next()
        .unwrap()
        .to_owned();
    let session = post(
        "/api/v1/auth/session",
        None,
        json!({ "email": "ani@contoh.id", "code": code }),
    )["session_token"]
        .as_str()
        .unwrap()
        .to_owned();
    server.get("/api/v1/me", Some(&session));
    let offer_mail = mails
        .iter()
        .find(|m| m.header("List-Unsubscribe").is_some())
        .unwrap();
    let unsubscribe = offer_mail.header("List-Unsubscribe").unwrap();
    let unsubscribe_token = unsubscribe
        .rsplit("token=")
        .next()
        .unwrap()
        .trim_end_matches('>');
    server.get(
        &format!("/mail/unsubscribe?token={unsubscribe_token}"),
        None,
    );
    server.stop();

    // Each line without its timestamp, whose nine digits of nanoseconds could hold any six.
    let log: String = std::fs::read_to_string(&log_path)
        .unwrap()
        .lines()
        .map(|line| line.split_once(' ').map_or(line, |(_, rest)| rest))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        log.contains("sign-in code mailed"),
        "the log is being written:\n{log}"
    );
    assert!(log.contains("session opened"));
    assert!(log.contains("notification sent"));
    for secret in [
        code.as_str(),
        session.as_str(),
        &session[4..],
        manage.as_str(),
        &manage[4..],
        unsubscribe_token,
        message,
        "siaran gratis",
    ] {
        assert!(!log.contains(secret), "the log holds {secret:?}:\n{log}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
