//! Crash safety: the server is killed with SIGKILL at random moments while citizens write, and
//! restarted. Every write that was answered 2xx must be there afterwards, and the file must pass
//! SQLite's integrity check.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::binary::Binary;
use common::{initiative_body, stakeholder_body};
use serde_json::json;

const KILL_CYCLES: usize = 12;
const WRITERS: usize = 3;
const UNLIMITED: &[&str] = &[
    "--rate-limit-writes",
    "1000000",
    "--rate-limit-reads",
    "1000000",
];

/// Acknowledged writes: (initiative, pledge on it if that was acknowledged too).
type Acknowledged = Arc<Mutex<Vec<(i64, Option<i64>)>>>;

fn write_until_stopped(
    server: &Binary,
    stakeholder: (i64, &str),
    running: &AtomicBool,
    acked: &Acknowledged,
) {
    let mut n = 0;
    while running.load(Ordering::Relaxed) {
        n += 1;
        let body = initiative_body(json!({ "title": format!("Inisiatif uji ketahanan {n}") }));
        let Some(created) =
            server.try_request("POST", "/api/v1/initiatives", None, Some(&body), &[])
        else {
            return;
        };
        if created.status != 201 {
            continue;
        }
        let initiative = created.json()["record"]["id"].as_i64().unwrap();
        acked.lock().unwrap().push((initiative, None));
        let pledge = json!({ "stakeholder_id": stakeholder.0, "resource": "venue", "message": "Aula siap." });
        let path = format!("/api/v1/initiatives/{initiative}/pledges");
        let Some(pledged) =
            server.try_request("POST", &path, Some(stakeholder.1), Some(&pledge), &[])
        else {
            return;
        };
        if pledged.status == 201 {
            let id = pledged.json()["id"].as_i64().unwrap();
            let mut acked = acked.lock().unwrap();
            if let Some(entry) = acked.iter_mut().find(|(i, _)| *i == initiative) {
                entry.1 = Some(id);
            }
        }
    }
}

/// A small deterministic generator: the seed is printed, so a failure can be replayed.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[test]
fn writes_answered_2xx_survive_sigkill_at_random_moments() {
    let dir = std::env::temp_dir().join(format!("pentahelix-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("city.db");
    let url = format!("sqlite://{}", db.display());
    let mut seed = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    println!("CRASH_SEED={seed}");

    let server = Binary::serve(&url, UNLIMITED);
    let created = server
        .try_request(
            "POST",
            "/api/v1/stakeholders",
            None,
            Some(&stakeholder_body(json!({}))),
            &[],
        )
        .unwrap()
        .json();
    let stakeholder = (
        created["record"]["id"].as_i64().unwrap(),
        created["manage_token"].as_str().unwrap().to_owned(),
    );
    drop(server);

    let acked: Acknowledged = Arc::default();
    for _ in 0..KILL_CYCLES {
        let server = Arc::new(Binary::serve(&url, UNLIMITED));
        let running = Arc::new(AtomicBool::new(true));
        let writers: Vec<_> = (0..WRITERS)
            .map(|_| {
                let (server, running, acked) = (server.clone(), running.clone(), acked.clone());
                let stakeholder = stakeholder.clone();
                std::thread::spawn(move || {
                    write_until_stopped(&server, (stakeholder.0, &stakeholder.1), &running, &acked)
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(50 + next(&mut seed) % 400));
        // Kill while the writers are mid-request: answers already read count, the rest do not.
        server.kill();
        running.store(false, Ordering::Relaxed);
        for writer in writers {
            writer.join().unwrap();
        }
    }

    let acked = acked.lock().unwrap().clone();
    let pledges = acked.iter().filter(|(_, p)| p.is_some()).count();
    println!(
        "{KILL_CYCLES} SIGKILL cycles: {} initiatives and {pledges} pledges acknowledged",
        acked.len()
    );
    assert!(
        acked.len() > KILL_CYCLES,
        "the writers got work done between kills"
    );

    let server = Binary::serve(&url, UNLIMITED);
    for (initiative, pledge) in &acked {
        let answer = server.get(&format!("/api/v1/initiatives/{initiative}"), None);
        assert!(
            answer.starts_with("HTTP/1.1 200"),
            "initiative {initiative} was lost: {answer}"
        );
        if let Some(pledge) = pledge {
            let list = server.get(&format!("/api/v1/initiatives/{initiative}/pledges"), None);
            assert!(
                list.contains(&format!("\"id\":{pledge},")),
                "pledge {pledge} was lost: {list}"
            );
        }
    }
    server.stop();

    let integrity = tokio::runtime::Runtime::new().unwrap().block_on(async {
        use sqlx::{ConnectOptions, Connection};
        let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&db)
            .connect()
            .await
            .unwrap();
        let result: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
        result
    });
    assert_eq!(integrity, "ok");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Found by the benchmark: the log grew to gigabytes with nothing copied into the database file.
/// Asserted without timing: after a quiet moment the pages are in the database file, and new
/// writes reuse the log from its start instead of growing it. (A bound on bytes per write
/// failed under CI's load, where the checkpointer ran less often.)
#[tokio::test]
async fn the_log_is_copied_into_the_database_while_writes_continue() {
    use pentahelix_server::auth::{TokenKind, new_token};
    use pentahelix_server::store::StakeholderStore;
    use pentahelix_server::store::sqlite::SqliteStore;

    let dir = std::env::temp_dir().join(format!("pentahelix-wal-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("city.db");
    let store = SqliteStore::open(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let input = serde_json::from_value(stakeholder_body(json!({}))).unwrap();
    let write = |n: usize| {
        let (store, input) = (&store, &input);
        async move {
            for _ in 0..n {
                let (_, hash) = new_token(TokenKind::Manage);
                store
                    .create_stakeholder(input, &hash, chrono::Utc::now())
                    .await
                    .unwrap();
            }
        }
    };
    let size = |suffix: &str| {
        std::fs::metadata(format!("{}{suffix}", db.display())).map_or(0, |m| m.len())
    };
    write(300).await;
    // The checkpointer runs once a second; with no writer it copies the whole log.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let (main, log) = (size(""), size("-wal"));
    write(50).await;
    let log_after = size("-wal");
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        main > 64 * 1024,
        "300 records, yet the database file holds {main} bytes: nothing was checkpointed"
    );
    assert!(
        log_after <= log,
        "50 more writes grew the log from {log} to {log_after} bytes instead of reusing it"
    );
}
