//! The operator's hold on admin tokens: listed without their secrets, revoked in every process.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use common::binary::Binary;

struct Database {
    dir: PathBuf,
    url: String,
}

impl Database {
    fn new(name: &str) -> Database {
        let dir = std::env::temp_dir().join(format!("pentahelix-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}/admin.db", dir.display());
        Database { dir, url }
    }

    fn admin(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_pentahelix-server"))
            .arg("admin")
            .args(args)
            .args(["--database-url", &self.url])
            .output()
            .unwrap()
    }

    fn create_token(&self, label: &str, region: &str) -> String {
        let output = self.admin(&["create-token", "--region", region, "--label", label]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap().trim().to_owned()
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn status(response: &str) -> &str {
    response.split_whitespace().nth(1).unwrap_or("")
}

#[test]
fn tokens_are_listed_without_their_secrets_and_a_revoked_one_stops_in_every_process() {
    let db = Database::new("tokens");
    let bandung = db.create_token("Hub manager Bandung", "32.73");
    let metro = db.create_token("Hub manager Metro", "18.72");

    let listed = db.admin(&["list-tokens"]);
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let table = String::from_utf8(listed.stdout).unwrap();
    assert!(
        table.contains("Hub manager Bandung") && table.contains("32.73"),
        "{table}"
    );
    assert!(
        table.contains("Hub manager Metro") && table.contains("18.72"),
        "{table}"
    );
    assert!(table.contains("never"), "no expiry was set: {table}");
    assert!(
        !table.contains(&bandung) && !table.contains("pha_"),
        "a listing never shows a token: {table}"
    );
    let id = table
        .lines()
        .find(|line| line.contains("Bandung"))
        .and_then(|line| line.split_whitespace().next())
        .unwrap()
        .to_owned();

    // Two processes serve the same database, as they would behind a load balancer.
    let first = Binary::serve(&db.url, &[]);
    let second = Binary::serve(&db.url, &[]);
    for server in [&first, &second] {
        assert_eq!(
            status(&server.get("/api/v1/moderation/queue", Some(&bandung))),
            "200"
        );
    }

    let revoked = db.admin(&["revoke-token", &id]);
    assert!(
        revoked.status.success(),
        "{}",
        String::from_utf8_lossy(&revoked.stderr)
    );
    for server in [&first, &second] {
        assert_eq!(
            status(&server.get("/api/v1/moderation/queue", Some(&bandung))),
            "401",
            "the revoked token is refused at once"
        );
        assert_eq!(
            status(&server.get("/api/v1/moderation/queue", Some(&metro))),
            "200",
            "the other token still works"
        );
    }
    let table = String::from_utf8(db.admin(&["list-tokens"]).stdout).unwrap();
    assert!(
        !table.contains("Bandung") && table.contains("Metro"),
        "{table}"
    );

    let again = db.admin(&["revoke-token", &id]);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("list-tokens"),
        "an unknown number says where to find the right one"
    );
}

#[test]
fn an_operator_adds_lists_and_removes_webhooks_and_sees_the_key_once() {
    let db = Database::new("webhooks");
    let added = db.admin(&[
        "add-webhook",
        "--region",
        "32.73",
        "--url",
        "https://gateway.bandung.go.id/pentahelix",
    ]);
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let key = String::from_utf8(added.stdout).unwrap().trim().to_owned();
    assert!(key.starts_with("whsec_") && key.len() > 40, "{key}");
    assert!(String::from_utf8_lossy(&added.stderr).contains("Webhook #1"));

    let listed = String::from_utf8(db.admin(&["list-webhooks"]).stdout).unwrap();
    assert!(
        listed.contains("32.73") && listed.contains("https://gateway.bandung.go.id/pentahelix")
    );
    assert!(
        !listed.contains(&key[6..]),
        "the key is shown once only:\n{listed}"
    );

    let refused = db.admin(&["add-webhook", "--region", "32.73", "--url", "gateway.local"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("https://"));

    assert!(db.admin(&["remove-webhook", "1"]).status.success());
    let again = db.admin(&["remove-webhook", "1"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("list-webhooks"));
    assert!(String::from_utf8_lossy(&db.admin(&["list-webhooks"]).stderr).contains("No webhooks"));
}
