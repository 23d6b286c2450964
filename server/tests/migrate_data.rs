//! `pentahelix-server migrate-data`: a city that grew moves from its SQLite file to PostgreSQL
//! and keeps everything — records, ids, manage and admin tokens, pledges and reports. Needs
//! `PENTAHELIX_TEST_POSTGRES` (which `cargo xtask test` always sets); without it the test says so
//! and passes.

mod common;

use std::process::Command;

use common::{TestApp, args, initiative_body, stakeholder_body};
use pentahelix_server::cli::ServeArgs;
use pentahelix_server::store::postgres::testing;
use serde_json::{Value, json};

/// What a visitor sees of a list, without the timestamps (PostgreSQL keeps microseconds, SQLite
/// what it was given).
fn visible(list: &Value) -> Vec<Value> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let mut item = item.clone();
            let fields = item.as_object_mut().unwrap();
            fields.remove("created_at");
            fields.remove("updated_at");
            item
        })
        .collect()
}

fn migrate(from: &str, to: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pentahelix-server"))
        .args(["migrate-data", "--from", from, "--to", to])
        .output()
        .unwrap()
}

#[tokio::test]
async fn a_city_moves_from_sqlite_to_postgresql_with_everything_it_had() {
    if testing::server_url().is_none() {
        eprintln!(
            "skipped: set {} to a PostgreSQL server URL to test migrate-data (cargo xtask test does)",
            testing::ENV
        );
        return;
    }
    let dir = std::env::temp_dir().join(format!("pentahelix-migrate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = format!("sqlite://{}/city.db", dir.display());

    let city = TestApp::with(ServeArgs {
        database_url: sqlite.clone(),
        ..args()
    })
    .await;
    let (stakeholder, stakeholder_token) = city
        .stakeholder(stakeholder_body(
            json!({ "helix": "government", "offers": ["venue"] }),
        ))
        .await;
    city.state
        .store()
        .add_webhook(
            "32.73".parse().unwrap(),
            "https://gateway.bandung.go.id/pentahelix",
            b"a signing key",
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    let (initiative, owner) = city.initiative(initiative_body(json!({}))).await;
    let (gone, gone_token) = city
        .initiative(initiative_body(json!({ "title": "Dibatalkan" })))
        .await;
    city.delete(&format!("/api/v1/initiatives/{gone}"), Some(&gone_token))
        .await;
    city.accepted_pledge(
        (initiative, &owner),
        (stakeholder, &stakeholder_token),
        "venue",
    )
    .await;
    city.state
        .store()
        .create_session(
            &pentahelix_server::auth::TokenHash::of("phs_signed_in"),
            "ani@contoh.id",
            chrono::Utc::now() + chrono::Duration::days(90),
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    let admin = city.admin(&["32.73"]).await;
    city.put(
        "/api/v1/moderation/flagships/32.73.02",
        Some(&admin),
        json!({ "product": "Kopi Coblong" }),
    )
    .await;
    city.post_from(
        [203, 0, 113, 1],
        "/api/v1/reports",
        json!({ "target": "initiative", "id": initiative, "reason": "Tanggalnya salah." }),
    )
    .await;
    let before = city.get("/api/v1/initiatives", None).await.json();
    let stakeholders_before = city.get("/api/v1/stakeholders", None).await.json();
    drop(city);

    let postgres = common::postgres_database().await.unwrap();
    let moved = migrate(&sqlite, &postgres);
    let printed = String::from_utf8_lossy(&moved.stdout);
    assert!(
        moved.status.success(),
        "{printed}{}",
        String::from_utf8_lossy(&moved.stderr)
    );
    for (table, rows) in [
        ("stakeholders", 1),
        ("initiatives", 1),
        ("pledges", 1),
        ("reports", 1),
        ("admin_tokens", 1),
        ("flagship_products", 1),
        ("sessions", 1),
        // The two addresses, in the language their records were written in.
        ("mail_settings", 2),
        ("webhooks", 1),
        // The offer to the owner, the acceptance to the stakeholder, each also to the webhook.
        ("outbox", 4),
        // The reporter key and the mail key.
        ("server_keys", 2),
    ] {
        assert!(
            printed.lines().any(|line| {
                let words: Vec<&str> = line.split_whitespace().collect();
                words.len() == 3
                    && words[0] == table
                    && words[1] == rows.to_string()
                    && words[2].len() == 64
            }),
            "{table}: {rows} row(s) and a SHA-256 are printed:\n{printed}"
        );
    }

    let moved_city = TestApp::with(ServeArgs {
        database_url: postgres.clone(),
        ..args()
    })
    .await;
    assert_eq!(
        visible(&moved_city.get("/api/v1/initiatives", None).await.json()),
        visible(&before)
    );
    assert_eq!(
        visible(&moved_city.get("/api/v1/stakeholders", None).await.json()),
        visible(&stakeholders_before)
    );
    let seen = moved_city
        .get(&format!("/api/v1/initiatives/{initiative}"), Some(&owner))
        .await
        .json();
    assert_eq!(seen["coverage"], json!(["government"]));
    assert_eq!(
        seen["contact"]["email"], "ani@contoh.id",
        "the manage token still works"
    );
    let queue = moved_city
        .get("/api/v1/moderation/queue", Some(&admin))
        .await;
    assert_eq!(queue.status.as_u16(), 200, "the admin token still works");
    let (next, _) = moved_city.initiative(initiative_body(json!({}))).await;
    assert!(
        next > gone,
        "ids are never reused, not even a deleted one's: {next} after {gone}"
    );

    let again = migrate(&sqlite, &postgres);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already holds data"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn migrate_data_names_what_it_copies_from_and_to() {
    let wrong_way = migrate("postgres://localhost/a", "sqlite://b.db");
    assert!(!wrong_way.status.success());
    assert!(String::from_utf8_lossy(&wrong_way.stderr).contains("sqlite://PATH"));
    let missing = migrate("sqlite:///nonexistent/city.db", "postgres://localhost/a");
    assert!(!missing.status.success());
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("there is no database at"),
        "{}",
        String::from_utf8_lossy(&missing.stderr)
    );
}
