//! Two server processes on one PostgreSQL database, as behind any load balancer: nothing a
//! client relies on may live in one process. Needs `PENTAHELIX_TEST_POSTGRES` (which
//! `cargo xtask test` always sets); without it these tests say so and pass.

mod common;

use std::thread;

use common::binary::{Binary, Response};
use common::{initiative_body, stakeholder_body};
use pentahelix_server::store::postgres::testing;
use serde_json::{Value, json};

/// Two processes on a new database, or `None` (with a notice) when no PostgreSQL is configured.
fn two_processes(extra: &[&str]) -> Option<(Binary, Binary)> {
    if testing::server_url().is_none() {
        eprintln!(
            "skipped: set {} to a PostgreSQL server URL to run the two-process tests \
             (cargo xtask test does)",
            testing::ENV
        );
        return None;
    }
    let database = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(common::postgres_database())
        .unwrap();
    let mut args = vec![
        "--rate-limit-reads",
        "100000",
        "--rate-limit-writes",
        "100000",
    ];
    args.extend_from_slice(extra);
    Some((
        Binary::serve(&database, &args),
        Binary::serve(&database, &args),
    ))
}

fn post(server: &Binary, path: &str, token: Option<&str>, body: Value) -> Response {
    server.request("POST", path, token, Some(&body), &[])
}

fn get(server: &Binary, path: &str, token: Option<&str>) -> Response {
    server.request("GET", path, token, None, &[])
}

fn created(response: Response) -> (i64, String) {
    assert_eq!(response.status, 201, "{}", response.body);
    let json = response.json();
    (
        json["record"]["id"].as_i64().unwrap(),
        json["manage_token"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn what_is_written_through_one_process_is_read_and_managed_through_the_other() {
    let Some((a, b)) = two_processes(&["--report-threshold", "2"]) else {
        return;
    };
    let (id, token) = created(post(
        &a,
        "/api/v1/initiatives",
        None,
        initiative_body(json!({})),
    ));
    let read = get(&b, &format!("/api/v1/initiatives/{id}"), None);
    assert_eq!(read.status, 200, "{}", read.body);
    assert_eq!(read.json()["title"], "Festival Kopi Coblong");

    let edited = b.request(
        "PUT",
        &format!("/api/v1/initiatives/{id}"),
        Some(&token),
        Some(&initiative_body(
            json!({ "title": "Festival Kopi Coblong 2027" }),
        )),
        &[],
    );
    assert_eq!(
        edited.status, 200,
        "the manage token works on the other process: {}",
        edited.body
    );
    assert_eq!(
        get(&a, &format!("/api/v1/initiatives/{id}"), None).json()["title"],
        "Festival Kopi Coblong 2027"
    );

    for n in 0..5 {
        let server = if n % 2 == 0 { &a } else { &b };
        created(post(
            server,
            "/api/v1/initiatives",
            None,
            initiative_body(json!({ "title": format!("Inisiatif nomor {n}") })),
        ));
    }
    let mut seen = Vec::new();
    let mut next = "/api/v1/initiatives?limit=2".to_owned();
    for page in 0.. {
        let server = if page % 2 == 0 { &b } else { &a };
        let json = get(server, &next, None).json();
        seen.extend(
            json["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_i64().unwrap()),
        );
        match json["next_cursor"].as_str() {
            Some(cursor) => next = format!("/api/v1/initiatives?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    let mut sorted = seen.clone();
    sorted.sort_unstable_by(|x, y| y.cmp(x));
    sorted.dedup();
    assert_eq!(
        seen.len(),
        6,
        "a cursor from one process pages on the other: {seen:?}"
    );
    assert_eq!(seen, sorted, "newest first, each once");

    let report =
        json!({ "target": "initiative", "id": id, "reason": "Iklan, bukan kegiatan warga." });
    for server in [&a, &b, &a, &b] {
        let reply = post(server, "/api/v1/reports", None, report.clone());
        assert_eq!(reply.status, 202, "{}", reply.body);
        assert_eq!(
            reply.json()["hidden"],
            false,
            "one person reporting through both processes counts once"
        );
    }
}

#[test]
fn one_idempotency_key_sent_to_both_processes_creates_one_record() {
    let Some((a, b)) = two_processes(&[]) else {
        return;
    };
    let body = initiative_body(json!({ "title": "Pameran Kriya Cibiru" }));
    let key = [("Idempotency-Key", "5b0f6f0e-2f1c-4d8e-9a51-0c6a3e2d7b11")];
    let statuses: Vec<u16> = thread::scope(|scope| {
        let sends: Vec<_> = (0..8)
            .map(|n| {
                let server = if n % 2 == 0 { &a } else { &b };
                let body = &body;
                scope.spawn(move || {
                    server
                        .request("POST", "/api/v1/initiatives", None, Some(body), &key)
                        .status
                })
            })
            .collect();
        sends.into_iter().map(|s| s.join().unwrap()).collect()
    });
    assert!(
        statuses.iter().all(|s| *s == 201 || *s == 409),
        "created once, the copies still running elsewhere are told to retry: {statuses:?}"
    );
    assert!(statuses.contains(&201), "{statuses:?}");

    let replays: Vec<Response> = [&a, &b]
        .map(|server| server.request("POST", "/api/v1/initiatives", None, Some(&body), &key))
        .into();
    for replay in &replays {
        assert_eq!(replay.status, 201, "{}", replay.body);
        assert!(
            replay
                .head
                .to_ascii_lowercase()
                .contains("idempotent-replayed: true"),
            "{}",
            replay.head
        );
    }
    assert_eq!(
        replays[0].json()["record"]["id"],
        replays[1].json()["record"]["id"]
    );
    let list = get(&b, "/api/v1/initiatives", None).json();
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "{list}");
}

/// Anonymous answers are reused for up to `--public-cache-ms` (1 s by default): a write through
/// one process shows in the other's lists within that, and in its own at once.
#[test]
fn a_new_initiative_shows_in_the_other_process_list_within_a_second() {
    let Some((a, b)) = two_processes(&[]) else {
        return;
    };
    let ids = |server: &Binary| -> Vec<i64> {
        get(server, "/api/v1/initiatives", None).json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect()
    };
    assert!(ids(&a).is_empty() && ids(&b).is_empty());
    let (id, _) = created(post(
        &a,
        "/api/v1/initiatives",
        None,
        initiative_body(json!({})),
    ));
    assert_eq!(ids(&a), [id], "the writing process shows it at once");
    let written = std::time::Instant::now();
    while !ids(&b).contains(&id) {
        assert!(
            written.elapsed() < std::time::Duration::from_millis(1500),
            "the other process still lists nothing 1.5 s after the write"
        );
        thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn concurrent_pledges_on_one_initiative_through_both_processes_lose_none() {
    let Some((a, b)) = two_processes(&[]) else {
        return;
    };
    let resources = [
        "venue",
        "funding",
        "mentoring",
        "research",
        "publicity",
        "permits",
        "market-access",
        "equipment",
        "volunteers",
        "technology",
    ];
    let helices = ["government", "academia", "business", "community", "media"];
    let (initiative, owner) = created(post(
        &a,
        "/api/v1/initiatives",
        None,
        initiative_body(json!({
            "needs": resources.map(|r| json!({ "resource": r })),
        })),
    ));
    // Two stakeholders of each helix, each offering another resource: ten pledges, and any one
    // of them lost would leave a need unfulfilled.
    let stakeholders: Vec<(i64, String, &str)> = (0..10)
        .map(|n| {
            let resource = resources[n];
            let (id, token) = created(post(
                if n % 2 == 0 { &a } else { &b },
                "/api/v1/stakeholders",
                None,
                stakeholder_body(json!({
                    "name": format!("Mitra {n}"),
                    "helix": helices[(n / 2) % 5],
                    "offers": [resource],
                })),
            ));
            (id, token, resource)
        })
        .collect();

    let path = format!("/api/v1/initiatives/{initiative}/pledges");
    let pledges: Vec<i64> = thread::scope(|scope| {
        let offers: Vec<_> = stakeholders
            .iter()
            .enumerate()
            .map(|(n, (id, token, resource))| {
                let server = if n % 2 == 0 { &a } else { &b };
                let path = &path;
                scope.spawn(move || {
                    let reply = post(
                        server,
                        path,
                        Some(token),
                        json!({ "stakeholder_id": id, "resource": resource, "message": "Kami siap membantu." }),
                    );
                    assert_eq!(reply.status, 201, "{}", reply.body);
                    reply.json()["id"].as_i64().unwrap()
                })
            })
            .collect();
        offers.into_iter().map(|o| o.join().unwrap()).collect()
    });
    assert_eq!(
        get(&b, &path, Some(&owner))
            .json()
            .as_array()
            .unwrap()
            .len(),
        10
    );

    thread::scope(|scope| {
        for (n, pledge) in pledges.iter().enumerate() {
            let server = if n % 2 == 0 { &b } else { &a };
            let owner = &owner;
            scope.spawn(move || {
                let reply = post(
                    server,
                    &format!("/api/v1/pledges/{pledge}/accept"),
                    Some(owner),
                    json!({}),
                );
                assert_eq!(reply.status, 200, "{}", reply.body);
            });
        }
    });
    let seen = get(&a, &format!("/api/v1/initiatives/{initiative}"), None).json();
    assert_eq!(seen["pledge_count"], 10, "{seen}");
    assert_eq!(
        seen["coverage"],
        json!(helices),
        "every accepted pledge's helix counts, none lost to a concurrent one: {seen}"
    );
    assert!(
        seen["needs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|need| need["fulfilled"] == true),
        "{seen}"
    );
}

/// `--demo` on two processes started at once on an empty database: both find it empty, and the
/// set must still be loaded once.
#[test]
fn two_processes_started_together_with_demo_load_it_once() {
    if testing::server_url().is_none() {
        eprintln!("skipped: set {} to run the two-process tests", testing::ENV);
        return;
    }
    let database = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(common::postgres_database())
        .unwrap();
    let args = [
        "--demo",
        "--rate-limit-reads",
        "100000",
        "--rate-limit-writes",
        "100000",
    ];
    let (a, b) = thread::scope(|s| {
        let a = s.spawn(|| Binary::serve(&database, &args));
        let b = s.spawn(|| Binary::serve(&database, &args));
        (a.join().unwrap(), b.join().unwrap())
    });
    let names = |server: &Binary| {
        let mut names = Vec::new();
        let mut next = "/api/v1/stakeholders?limit=100".to_owned();
        loop {
            let json = get(server, &next, None).json();
            names.extend(
                json["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s["name"].as_str().unwrap().to_owned()),
            );
            match json["next_cursor"].as_str() {
                Some(cursor) => next = format!("/api/v1/stakeholders?limit=100&cursor={cursor}"),
                None => break names,
            }
        }
    };
    let mut seen = names(&a);
    assert!(!seen.is_empty(), "the demo set was not loaded at all");
    assert_eq!(seen.len(), names(&b).len());
    let loaded = seen.len();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), loaded, "the demo set was loaded twice");
}
