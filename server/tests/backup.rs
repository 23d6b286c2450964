//! `backup` while the server works, and `restore` after it stops: the operator's way back from a
//! lost disk, tested end to end through the binary.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use common::binary::Binary;
use common::initiative_body;
use serde_json::json;

/// Rate limits are tested elsewhere; here they would only slow the writers down.
const UNLIMITED: &[&str] = &[
    "--rate-limit-writes",
    "1000000",
    "--rate-limit-reads",
    "1000000",
];

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pentahelix-server"))
        .args(args)
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn create(server: &Binary, title: &str) -> Option<i64> {
    let body = initiative_body(json!({ "title": title }));
    let answer = server.try_request("POST", "/api/v1/initiatives", None, Some(&body), &[])?;
    (answer.status == 201).then(|| answer.json()["record"]["id"].as_i64().unwrap())
}

#[test]
fn a_backup_taken_while_writes_continue_restores_every_record_it_held() {
    let dir = std::env::temp_dir().join(format!("pentahelix-backup-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("city.db").display());
    let backup = dir.join("city-backup.db");
    let server = Arc::new(Binary::serve(&url, UNLIMITED));

    let before: Vec<i64> = (0..20)
        .map(|n| create(&server, &format!("Inisiatif sebelum cadangan {n}")).unwrap())
        .collect();
    // A writer keeps going during the backup, as citizens would.
    let writing = Arc::new(AtomicBool::new(true));
    let during = Arc::new(Mutex::new(Vec::new()));
    let writer = {
        let (server, writing, during) = (server.clone(), writing.clone(), during.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while writing.load(Ordering::Relaxed) {
                if let Some(id) = create(&server, &format!("Inisiatif selama cadangan {n}")) {
                    during.lock().unwrap().push(id);
                }
                n += 1;
            }
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(100));
    let made = cli(&[
        "backup",
        "--database-url",
        &url,
        "--to",
        backup.to_str().unwrap(),
    ]);
    writing.store(false, Ordering::Relaxed);
    writer.join().unwrap();
    assert!(made.status.success(), "{}", text(&made));
    assert!(text(&made).contains("integrity ok"), "{}", text(&made));
    assert!(
        !during.lock().unwrap().is_empty(),
        "writes overlapped the backup"
    );

    let again = cli(&[
        "backup",
        "--database-url",
        &url,
        "--to",
        backup.to_str().unwrap(),
    ]);
    assert!(!again.status.success());
    assert!(text(&again).contains("already exists"), "{}", text(&again));

    let busy = cli(&[
        "restore",
        "--from",
        backup.to_str().unwrap(),
        "--database-url",
        &url,
    ]);
    assert!(
        !busy.status.success(),
        "restoring under a running server must fail"
    );
    assert!(text(&busy).contains("stop the server"), "{}", text(&busy));

    let after_backup = create(&server, "Inisiatif setelah cadangan").unwrap();
    server.stop();
    let restored = cli(&[
        "restore",
        "--from",
        backup.to_str().unwrap(),
        "--database-url",
        &url,
    ]);
    assert!(restored.status.success(), "{}", text(&restored));
    assert!(text(&restored).contains("kept as"), "{}", text(&restored));

    let server = Binary::serve(&url, UNLIMITED);
    for id in &before {
        let answer = server.get(&format!("/api/v1/initiatives/{id}"), None);
        assert!(
            answer.starts_with("HTTP/1.1 200"),
            "initiative {id}: {answer}"
        );
    }
    let gone = server.get(&format!("/api/v1/initiatives/{after_backup}"), None);
    assert!(
        gone.starts_with("HTTP/1.1 404"),
        "the restored data is the backup's, not the newer file's"
    );
    drop(server);
    let kept = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().contains("before-restore"));
    assert!(kept, "the replaced database is kept beside it");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn backup_explains_what_it_cannot_do() {
    let postgres = cli(&[
        "backup",
        "--database-url",
        "postgres://db.example/pentahelix",
        "--to",
        "/tmp/never.db",
    ]);
    assert!(!postgres.status.success());
    assert!(text(&postgres).contains("pg_dump"), "{}", text(&postgres));

    let missing = cli(&[
        "backup",
        "--database-url",
        "sqlite:///nonexistent/pentahelix.db",
        "--to",
        "/tmp/never.db",
    ]);
    assert!(!missing.status.success());
    assert!(text(&missing).contains("no database"), "{}", text(&missing));
    assert!(!Path::new("/tmp/never.db").exists());
}
