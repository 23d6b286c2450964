//! Delivery by real server processes: several processes on one PostgreSQL database send each
//! notification once, and a process killed in the middle of sending loses none.

mod common;

use std::time::{Duration, Instant};

use common::binary::Binary;
use common::smtp::{MailServer, Mood};
use common::{initiative_body, stakeholder_body};
use pentahelix_server::store::postgres::testing;
use serde_json::{Value, json};

const UNLIMITED: [&str; 4] = [
    "--rate-limit-reads",
    "100000",
    "--rate-limit-writes",
    "100000",
];

fn mail_args<'a>(mail: &'a MailServer, timeout: &'a str) -> Vec<&'a str> {
    let mut args = UNLIMITED.to_vec();
    args.extend([
        "--smtp-url",
        mail.url.as_str(),
        "--smtp-timeout-seconds",
        timeout,
        "--mail-retry-seconds",
        "1",
    ]);
    args
}

fn created(server: &Binary, path: &str, token: Option<&str>, body: Value) -> (i64, String) {
    let response = server.request("POST", path, token, Some(&body), &[]);
    assert_eq!(response.status, 201, "{}", response.body);
    let json = response.json();
    let id = json["record"]["id"]
        .as_i64()
        .or_else(|| json["id"].as_i64())
        .unwrap();
    let token = json["manage_token"].as_str().unwrap_or_default().to_owned();
    (id, token)
}

/// Waits until `n` messages arrived, then a little more, so any duplicate would show.
fn settled(mail: &MailServer, n: usize, within: Duration) -> Vec<common::smtp::Received> {
    let start = Instant::now();
    while mail.received().len() < n && start.elapsed() < within {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_secs(3));
    mail.received()
}

#[test]
fn two_processes_on_one_database_send_every_notification_exactly_once() {
    if testing::server_url().is_none() {
        eprintln!(
            "skipped: set {} to a PostgreSQL server URL (cargo xtask test does)",
            testing::ENV
        );
        return;
    }
    let database = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(common::postgres_database())
        .unwrap();
    let mail = MailServer::start();
    let args = mail_args(&mail, "10");
    let servers = [
        Binary::serve(&database, &args),
        Binary::serve(&database, &args),
    ];
    let (media, media_token) = created(
        &servers[0],
        "/api/v1/stakeholders",
        None,
        stakeholder_body(json!({
            "name": "Radio Kreatif Bandung", "helix": "media", "offers": ["publicity"],
            "contact": { "person": "Sari", "email": "sari@contoh.id" }
        })),
    );
    const OFFERS: usize = 24;
    for n in 0..OFFERS {
        let server = &servers[n % 2];
        let (initiative, _) = created(
            server,
            "/api/v1/initiatives",
            None,
            initiative_body(json!({
                "title": format!("Kelas Fotografi Produk UMKM angkatan {n}"),
                "contact": { "person": "Ani", "email": format!("pemilik{n}@contoh.id") }
            })),
        );
        created(
            // The offer through the other process than the initiative.
            &servers[(n + 1) % 2],
            &format!("/api/v1/initiatives/{initiative}/pledges"),
            Some(&media_token),
            json!({ "stakeholder_id": media, "resource": "publicity", "message": "Siap bantu publikasi." }),
        );
    }
    let received = settled(&mail, OFFERS, Duration::from_secs(30));
    assert_eq!(received.len(), OFFERS, "each offer mailed once");
    let ids: std::collections::BTreeSet<String> = received
        .iter()
        .map(|m| m.header("Message-ID").unwrap())
        .collect();
    assert_eq!(ids.len(), OFFERS, "no message sent twice");
    for n in 0..OFFERS {
        assert_eq!(mail.to(&format!("pemilik{n}@contoh.id")).len(), 1);
    }
}

#[test]
fn a_process_killed_while_sending_loses_no_notification() {
    let dir = std::env::temp_dir().join(format!("pentahelix-delivery-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    killed_while_sending(&format!("sqlite://{}", dir.join("city.db").display()));
    if testing::server_url().is_some() {
        let database = tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(common::postgres_database())
            .unwrap();
        killed_while_sending(&database);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn killed_while_sending(url: &str) {
    let mail = MailServer::start();
    // The mail server takes 2 s before it accepts a message; the process dies within them.
    mail.set_mood(Mood::Stall(Duration::from_secs(2)));
    let args = mail_args(&mail, "3");
    let server = Binary::serve(url, &args);
    let (initiative, _) = created(
        &server,
        "/api/v1/initiatives",
        None,
        initiative_body(json!({})),
    );
    let (media, media_token) = created(
        &server,
        "/api/v1/stakeholders",
        None,
        stakeholder_body(json!({ "helix": "media", "offers": ["publicity"] })),
    );
    created(
        &server,
        &format!("/api/v1/initiatives/{initiative}/pledges"),
        Some(&media_token),
        json!({ "stakeholder_id": media, "resource": "publicity", "message": "Siap bantu." }),
    );
    std::thread::sleep(Duration::from_millis(700));
    server.kill();
    assert!(
        mail.received().is_empty(),
        "killed before the mail was taken"
    );

    mail.set_mood(Mood::Accept);
    let _restarted = Binary::serve(url, &args);
    let received = settled(&mail, 1, Duration::from_secs(20));
    assert_eq!(
        received.len(),
        1,
        "{url}: the notification arrives once after the restart"
    );
    assert_eq!(received[0].to, vec!["ani@contoh.id".to_owned()]);
}
