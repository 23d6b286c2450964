//! UU PDP: a person's data leaves the disk when they delete it, and they can take a copy of
//! everything held about them.

mod common;

use std::path::{Path, PathBuf};

use axum::http::StatusCode;
use common::binary::Binary;
use common::{TestApp, initiative_body, stakeholder_body};
use serde_json::json;

/// Strings that appear nowhere else, so finding them in the file means this record's data.
const NAME: &str = "Sanggar Rahasia Qwzx";
const PERSON: &str = "Dewi Qwzxlestari";
const EMAIL: &str = "dewi.qwzx@contoh.id";
const PHONE: &str = "0812-9753-1864";
const MESSAGE: &str = "Aula kami Qwzx terbuka untuk festival";

fn data_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pentahelix-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Which of the markers the database's files (main file, log, shared memory) still hold.
fn markers_on_disk(db: &Path) -> Vec<&'static str> {
    let mut bytes = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        if let Ok(mut data) = std::fs::read(format!("{}{suffix}", db.display())) {
            bytes.append(&mut data);
        }
    }
    [NAME, PERSON, EMAIL, PHONE, MESSAGE]
        .into_iter()
        .filter(|marker| {
            bytes
                .windows(marker.len())
                .any(|window| window == marker.as_bytes())
        })
        .collect()
}

#[test]
fn deleting_a_stakeholder_removes_its_personal_data_from_the_database_files() {
    let dir = data_dir("privacy");
    let db = dir.join("city.db");
    let server = Binary::serve(&format!("sqlite://{}", db.display()), &[]);

    let profile = stakeholder_body(json!({
        "name": NAME,
        "contact": { "person": PERSON, "email": EMAIL, "phone": PHONE },
    }));
    let created = server
        .try_request("POST", "/api/v1/stakeholders", None, Some(&profile), &[])
        .unwrap();
    assert_eq!(created.status, 201, "{}", created.body);
    let created = created.json();
    let (id, token) = (
        created["record"]["id"].as_i64().unwrap(),
        created["manage_token"].as_str().unwrap().to_owned(),
    );
    let initiative = server
        .try_request(
            "POST",
            "/api/v1/initiatives",
            None,
            Some(&initiative_body(json!({}))),
            &[],
        )
        .unwrap()
        .json();
    let initiative = initiative["record"]["id"].as_i64().unwrap();
    let pledge = json!({ "stakeholder_id": id, "resource": "venue", "message": MESSAGE });
    let pledged = server
        .try_request(
            "POST",
            &format!("/api/v1/initiatives/{initiative}/pledges"),
            Some(&token),
            Some(&pledge),
            &[],
        )
        .unwrap();
    assert_eq!(pledged.status, 201, "{}", pledged.body);
    assert_eq!(
        markers_on_disk(&db).len(),
        5,
        "the data is on disk before the deletion (or this test could not fail)"
    );

    let deleted = server
        .try_request(
            "DELETE",
            &format!("/api/v1/stakeholders/{id}"),
            Some(&token),
            None,
            &[],
        )
        .unwrap();
    assert_eq!(deleted.status, 204, "{}", deleted.body);
    assert_eq!(
        markers_on_disk(&db),
        Vec::<&str>::new(),
        "gone from the file and its log as soon as the deletion is answered"
    );
    server.stop();

    // And after VACUUM, which rewrites the whole file from what is live.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        use sqlx::{ConnectOptions, Connection};
        let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&db)
            .connect()
            .await
            .unwrap();
        sqlx::query("VACUUM").execute(&mut conn).await.unwrap();
        conn.close().await.unwrap();
    });
    assert_eq!(markers_on_disk(&db), Vec::<&str>::new());
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_stakeholder_downloads_everything_held_about_it_and_nobody_else_can() {
    let app = TestApp::new().await;
    let (id, token) = app.stakeholder(stakeholder_body(json!({}))).await;
    let (initiative, initiative_token) = app.initiative(initiative_body(json!({}))).await;
    let offered = app
        .post(
            &format!("/api/v1/initiatives/{initiative}/pledges"),
            Some(&token),
            json!({ "stakeholder_id": id, "resource": "venue", "message": "Aula kami siap." }),
        )
        .await;
    assert_eq!(offered.status, StatusCode::CREATED, "{}", offered.text());

    let path = format!("/api/v1/stakeholders/{id}/export");
    let export = app.get(&path, Some(&token)).await;
    assert_eq!(export.status, StatusCode::OK, "{}", export.text());
    assert_eq!(
        export.headers["content-disposition"],
        format!("attachment; filename=\"pentahelix-stakeholder-{id}.json\"")
    );
    let export = export.json();
    assert_eq!(export["stakeholder"]["contact"]["email"], "budi@contoh.id");
    assert_eq!(export["pledges"][0]["message"], "Aula kami siap.");
    assert!(export["exported_at"].is_string());

    let bandung_admin = app.admin(&["32.73"]).await;
    let depok_admin = app.admin(&["32.76"]).await;
    let (_, other_owner) = app.stakeholder(stakeholder_body(json!({}))).await;
    assert_eq!(
        app.get(&path, Some(&bandung_admin)).await.status,
        StatusCode::OK
    );
    app.get(&path, None).await.problem(401, "unauthorized");
    app.get(&path, Some(&other_owner))
        .await
        .problem(403, "forbidden");
    app.get(&path, Some(&initiative_token))
        .await
        .problem(403, "forbidden");
    app.get(&path, Some(&depok_admin))
        .await
        .problem(403, "forbidden");
}

#[tokio::test]
async fn an_initiatives_proposer_downloads_it_with_the_offers_it_received() {
    let app = TestApp::new().await;
    let (initiative, token) = app.initiative(initiative_body(json!({}))).await;
    let (stakeholder, stakeholder_token) = app.stakeholder(stakeholder_body(json!({}))).await;
    app.post(
        &format!("/api/v1/initiatives/{initiative}/pledges"),
        Some(&stakeholder_token),
        json!({ "stakeholder_id": stakeholder, "resource": "venue", "message": "Boleh pakai aula." }),
    )
    .await;

    let path = format!("/api/v1/initiatives/{initiative}/export");
    let export = app.get(&path, Some(&token)).await;
    assert_eq!(export.status, StatusCode::OK, "{}", export.text());
    let export = export.json();
    assert_eq!(export["initiative"]["contact"]["email"], "ani@contoh.id");
    assert_eq!(export["pledges"][0]["message"], "Boleh pakai aula.");
    app.get(&path, Some(&stakeholder_token))
        .await
        .problem(403, "forbidden");
    app.get(&path, None).await.problem(401, "unauthorized");
    // Found by schemathesis: without a token the answer is 401 whether or not the record exists.
    app.get("/api/v1/initiatives/999/export", None)
        .await
        .problem(401, "unauthorized");
    app.get("/api/v1/stakeholders/999/export", None)
        .await
        .problem(401, "unauthorized");
}
