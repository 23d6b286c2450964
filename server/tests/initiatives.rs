//! `/api/v1/initiatives` per verb: proposing, reading, listing with every filter, paging,
//! editing, the life cycle and deleting.

mod common;

use axum::http::StatusCode;
use common::{TestApp, initiative_body, stakeholder_body};
use serde_json::{Value, json};

#[tokio::test]
async fn a_proposal_is_open_at_once_under_post_moderation_with_an_empty_pentagon() {
    let app = TestApp::new().await;
    let reply = app
        .post("/api/v1/initiatives", None, initiative_body(json!({})))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let body = reply.json();
    assert!(body["manage_token"].as_str().unwrap().starts_with("phm_"));
    let record = &body["record"];
    assert_eq!(record["status"], "open");
    assert_eq!(record["coverage"], json!([]));
    assert_eq!(
        record["needs"][0],
        json!({ "resource": "venue", "helix": "government", "fulfilled": false })
    );
    assert_eq!(record["starts_on"], "2027-02-13");
    let id = record["id"].as_i64().unwrap();
    let public = app
        .get(&format!("/api/v1/initiatives/{id}"), None)
        .await
        .json();
    assert_eq!(public["title"], "Festival Kopi Coblong");
    assert!(public.get("contact").is_none());
}

#[tokio::test]
async fn under_pre_moderation_a_proposal_waits_unseen_until_approved() {
    let app = TestApp::pre_moderated().await;
    let (id, owner) = app.initiative(initiative_body(json!({}))).await;
    let uri = format!("/api/v1/initiatives/{id}");
    app.get(&uri, None).await.problem(404, "not-found");
    assert_eq!(
        app.get(&uri, Some(&owner)).await.json()["status"],
        "proposed",
        "the owner sees it"
    );
    assert!(
        app.get("/api/v1/initiatives", None).await.json()["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    let admin = app.admin(&["32.73"]).await;
    let queue = app
        .get("/api/v1/moderation/queue", Some(&admin))
        .await
        .json();
    assert_eq!(queue["items"][0]["id"], id);
    assert_eq!(queue["items"][0]["kind"], "proposed");
    let approved = app
        .post(
            &format!("/api/v1/moderation/initiatives/{id}/approve"),
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(approved.json()["initiative"]["status"], "open");
    assert_eq!(app.get(&uri, None).await.json()["status"], "open");
}

#[tokio::test]
async fn under_pre_moderation_an_owners_new_text_goes_back_to_review() {
    let app = TestApp::pre_moderated().await;
    let (id, owner) = app.initiative(initiative_body(json!({}))).await;
    let uri = format!("/api/v1/initiatives/{id}");
    let admin = app.admin(&["32.73"]).await;
    let approve = format!("/api/v1/moderation/initiatives/{id}/approve");
    app.post(&approve, Some(&admin), json!({})).await;
    app.post(
        &format!("{uri}/status"),
        Some(&owner),
        json!({ "status": "active" }),
    )
    .await;

    // New dates are not new words: the approved text stays public.
    let dated = app
        .put(
            &uri,
            Some(&owner),
            initiative_body(json!({ "starts_on": "2027-02-12" })),
        )
        .await;
    assert_eq!(dated.json()["status"], "active");

    let spam = "Pinjaman online cepat cair tanpa jaminan, hubungi WA 0812 0000 0000 sekarang juga.";
    let edited = app
        .put(
            &uri,
            Some(&owner),
            initiative_body(json!({ "starts_on": "2027-02-12", "description": spam })),
        )
        .await;
    assert_eq!(
        edited.json()["status"],
        "proposed",
        "the new text waits for review"
    );
    app.get(&uri, None).await.problem(404, "not-found");
    let queue = app
        .get("/api/v1/moderation/queue", Some(&admin))
        .await
        .json();
    assert_eq!(queue["items"][0]["id"], id);
    assert_eq!(queue["items"][0]["kind"], "proposed");

    // An admin's own edit is its review.
    let by_admin = app
        .put(
            &uri,
            Some(&admin),
            initiative_body(
                json!({ "starts_on": "2027-02-12", "title": "Festival Kopi Coblong 2027" }),
            ),
        )
        .await;
    assert_eq!(
        by_admin.json()["status"],
        "proposed",
        "it does not skip the queue either"
    );
    let approved = app.post(&approve, Some(&admin), json!({})).await;
    assert_eq!(
        approved.json()["initiative"]["status"],
        "active",
        "approval gives back the status it had"
    );
    assert_eq!(
        app.get(&uri, None).await.json()["title"],
        "Festival Kopi Coblong 2027"
    );
}

#[tokio::test]
async fn an_edit_that_changes_nothing_writes_nothing() {
    let app = TestApp::new().await;
    let (initiative, owner) = app.initiative(initiative_body(json!({}))).await;
    let (stakeholder, partner) = app.stakeholder(stakeholder_body(json!({}))).await;
    for (uri, token, body, changed) in [
        (
            format!("/api/v1/initiatives/{initiative}"),
            owner,
            // Surrounding spaces are tidied away before the comparison.
            initiative_body(json!({ "title": "  Festival Kopi Coblong " })),
            initiative_body(json!({ "title": "Festival Kopi Coblong 2027" })),
        ),
        (
            format!("/api/v1/stakeholders/{stakeholder}"),
            partner,
            stakeholder_body(json!({})),
            stakeholder_body(json!({ "offers": ["venue"] })),
        ),
    ] {
        let before = app.get(&uri, Some(&token)).await.json()["updated_at"].clone();
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        let same = app.put(&uri, Some(&token), body).await;
        assert_eq!(same.status, StatusCode::OK, "{}", same.text());
        assert_eq!(
            same.json()["updated_at"],
            before,
            "{uri}: nothing was written"
        );
        let edited = app.put(&uri, Some(&token), changed).await;
        assert_ne!(
            edited.json()["updated_at"],
            before,
            "{uri}: a real edit is saved"
        );
    }
}

#[tokio::test]
async fn initiative_validation_speaks_to_the_citizen_field_by_field() {
    let app = TestApp::new().await;
    let cases = [
        (
            json!({ "title": "Kopi" }),
            "title",
            "Terlalu pendek: tulis minimal 8 karakter.",
        ),
        (
            json!({ "region": "32.73" }),
            "region",
            "Pilih kecamatan, bukan seluruh kota atau provinsi.",
        ),
        (
            json!({ "region": "32.73.31" }),
            "region",
            "Wilayah ini tidak ada dalam daftar wilayah.",
        ),
        (json!({ "needs": [] }), "needs", "Wajib diisi."),
        (
            json!({ "needs": [{ "resource": "venue" }, { "resource": "venue" }] }),
            "needs[1].resource",
            "Sudah tercantum di atas.",
        ),
        (
            json!({ "needs": [{ "resource": "venue", "note": "x".repeat(281) }] }),
            "needs[0].note",
            "Terlalu panjang: maksimal 280 karakter.",
        ),
        (
            json!({ "ends_on": "2027-02-01" }),
            "ends_on",
            "Tanggal selesai harus sama dengan atau sesudah tanggal mulai.",
        ),
        (json!({ "starts_on": null }), "starts_on", "Wajib diisi."),
        (
            json!({ "place": "x".repeat(201) }),
            "place",
            "Terlalu panjang: maksimal 200 karakter.",
        ),
        (
            json!({ "description": "x".repeat(5001) }),
            "description",
            "Terlalu panjang: maksimal 5000 karakter.",
        ),
    ];
    for (patch, field, message) in cases {
        let problem = app
            .post("/api/v1/initiatives", None, initiative_body(patch.clone()))
            .await
            .problem(422, "validation");
        assert_eq!(problem["errors"][field], message, "{patch} → {problem}");
    }
}

#[tokio::test]
async fn the_owner_walks_the_life_cycle_and_nobody_else_can() {
    let app = TestApp::new().await;
    let (id, owner) = app.initiative(initiative_body(json!({}))).await;
    let (_, stranger) = app
        .initiative(initiative_body(json!({ "title": "Inisiatif orang lain" })))
        .await;
    let uri = format!("/api/v1/initiatives/{id}/status");
    app.post(&uri, None, json!({ "status": "active" }))
        .await
        .problem(401, "unauthorized");
    app.post(&uri, Some(&stranger), json!({ "status": "active" }))
        .await
        .problem(403, "forbidden");
    assert_eq!(
        app.post(&uri, Some(&owner), json!({ "status": "active" }))
            .await
            .json()["status"],
        "active"
    );
    let problem = app
        .post(&uri, Some(&owner), json!({ "status": "open" }))
        .await
        .problem(409, "conflict");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("`active` cannot become `open`")
    );
    app.post(&uri, Some(&owner), json!({ "status": "hidden" }))
        .await
        .problem(409, "conflict");
    assert_eq!(
        app.post(&uri, Some(&owner), json!({ "status": "completed" }))
            .await
            .json()["status"],
        "completed"
    );
}

#[tokio::test]
async fn editing_and_deleting_belong_to_the_owner_and_region_admins() {
    let app = TestApp::new().await;
    let (id, owner) = app.initiative(initiative_body(json!({}))).await;
    let uri = format!("/api/v1/initiatives/{id}");
    let edit = initiative_body(json!({ "title": "Festival Kopi Coblong 2027" }));
    app.put(&uri, None, edit.clone())
        .await
        .problem(401, "unauthorized");
    app.put(&uri, Some(&app.admin(&["36.74"]).await), edit.clone())
        .await
        .problem(403, "forbidden");
    assert_eq!(
        app.put(&uri, Some(&owner), edit).await.json()["title"],
        "Festival Kopi Coblong 2027"
    );
    let admin = app.admin(&["32.73"]).await;
    assert_eq!(
        app.put(
            &uri,
            Some(&admin),
            initiative_body(json!({ "title": "Judul dari admin kota" }))
        )
        .await
        .status,
        StatusCode::OK
    );
    assert_eq!(
        app.delete(&uri, Some(&admin)).await.status,
        StatusCode::NO_CONTENT
    );
    app.get(&uri, Some(&owner)).await.problem(404, "not-found");
}

async fn titles(app: &TestApp, uri: &str) -> Vec<String> {
    let reply = app.get(uri, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn lists_filter_by_region_subsector_resource_missing_helix_dates_status_and_words() {
    let app = TestApp::new().await;
    app.initiative(initiative_body(json!({}))).await;
    let (music, music_owner) = app
        .initiative(initiative_body(json!({
            "title": "Pentas Musik Ujungberung", "region": "32.73.26", "subsectors": ["musik"],
            "description": "Panggung terbuka band-band cadas Ujungberung bersama warga dan pedagang kecil.",
            "needs": [{ "resource": "equipment" }], "starts_on": "2027-05-01", "ends_on": null
        })))
        .await;
    app.initiative(initiative_body(json!({
        "title": "Kelas Fotografi Depok", "region": "32.76.06", "subsectors": ["fotografi"],
        "description": "Kelas fotografi ponsel untuk pelaku UMKM kuliner di Beji.",
        "needs": [{ "resource": "mentoring", "helix": "academia" }], "starts_on": null, "ends_on": null
    })))
    .await;
    app.post(
        &format!("/api/v1/initiatives/{music}/status"),
        Some(&music_owner),
        json!({ "status": "active" }),
    )
    .await;

    // Each filter alone; words match by prefix in any case, and FTS syntax is plain text.
    let cases: [(&str, &[&str]); 10] = [
        ("region=32.73.26", &["Pentas Musik Ujungberung"]),
        ("region=32.76", &["Kelas Fotografi Depok"]),
        ("subsector=kuliner", &["Festival Kopi Coblong"]),
        ("resource=mentoring", &["Kelas Fotografi Depok"]),
        ("status=active", &["Pentas Musik Ujungberung"]),
        ("from=2027-03-01", &["Pentas Musik Ujungberung"]),
        ("to=2027-03-01", &["Festival Kopi Coblong"]),
        ("q=cadas", &["Pentas Musik Ujungberung"]),
        ("q=FOTO", &["Kelas Fotografi Depok"]),
        ("q=%22%20OR%20NEAR(", &[]),
    ];
    for (query, expected) in cases {
        assert_eq!(
            titles(&app, &format!("/api/v1/initiatives?{query}")).await,
            expected,
            "{query}"
        );
    }
    assert_eq!(
        titles(&app, "/api/v1/initiatives?helix=government")
            .await
            .len(),
        3,
        "nobody has government yet"
    );
    assert!(
        titles(&app, "/api/v1/initiatives?status=hidden")
            .await
            .is_empty(),
        "hidden ones only for admins"
    );
}

#[tokio::test]
async fn paging_walks_every_item_once_even_while_new_ones_arrive() {
    let app = TestApp::new().await;
    for n in 0..25 {
        app.initiative(initiative_body(
            json!({ "title": format!("Inisiatif nomor {n:02}") }),
        ))
        .await;
    }
    let mut seen: Vec<String> = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let uri = match &cursor {
            Some(c) => format!("/api/v1/initiatives?limit=10&cursor={c}"),
            None => "/api/v1/initiatives?limit=10".to_owned(),
        };
        let page = app.get(&uri, None).await.json();
        pages += 1;
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["title"].as_str().unwrap().to_owned()),
        );
        // Someone proposes something new between every page.
        app.initiative(initiative_body(
            json!({ "title": format!("Baru di halaman {pages}") }),
        ))
        .await;
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    let expected: Vec<String> = (0..25)
        .rev()
        .map(|n| format!("Inisiatif nomor {n:02}"))
        .collect();
    assert_eq!(seen, expected, "newest first, no duplicates, no gaps");
    assert_eq!(pages, 3);
    app.get("/api/v1/initiatives?cursor=garbage", None)
        .await
        .problem(400, "malformed-request");
    app.get("/api/v1/initiatives?limit=1000", None)
        .await
        .problem(400, "malformed-request");
}

#[tokio::test]
async fn add_to_calendar_saves_that_one_event_and_nothing_for_an_undated_or_unseen_initiative() {
    let app = TestApp::new().await;
    let (dated, _) = app
        .initiative(initiative_body(
            json!({ "title": "Festival Kopi, Coblong" }),
        ))
        .await;
    app.initiative(initiative_body(json!({ "title": "Pasar Seni Dago" })))
        .await;
    let reply = app
        .get(&format!("/api/v1/initiatives/{dated}/event.ics"), None)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert!(reply.content_type().starts_with("text/calendar"));
    assert_eq!(
        reply.headers["content-disposition"],
        format!("attachment; filename=\"pentahelix-{dated}.ics\"")
    );
    let ics = reply.text();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "{ics}");
    assert!(ics.contains("SUMMARY:Festival Kopi\\, Coblong\r\n"));
    assert!(ics.contains(&format!("UID:initiative-{dated}@pentahelix\r\n")));
    assert!(!ics.contains("Pasar Seni"), "only the event asked for");
    assert!(
        !ics.contains("ani@contoh.id"),
        "no contact in a public file"
    );

    let (undated, _) = app
        .initiative(initiative_body(
            json!({ "starts_on": Value::Null, "ends_on": Value::Null }),
        ))
        .await;
    app.get(&format!("/api/v1/initiatives/{undated}/event.ics"), None)
        .await
        .problem(404, "not-found");

    let reviewed = TestApp::pre_moderated().await;
    let (proposed, _) = reviewed.initiative(initiative_body(json!({}))).await;
    reviewed
        .get(&format!("/api/v1/initiatives/{proposed}/event.ics"), None)
        .await
        .problem(404, "not-found");
}

#[tokio::test]
async fn a_calendar_feed_lists_upcoming_dated_initiatives() {
    let app = TestApp::new().await;
    app.initiative(initiative_body(
        json!({ "title": "Festival Kopi, Coblong" }),
    ))
    .await;
    app.initiative(initiative_body(json!({ "title": "Tanpa tanggal sama sekali", "starts_on": Value::Null, "ends_on": Value::Null }))).await;
    let today = chrono::Utc::now().date_naive();
    let day = |days: i64| (today + chrono::Duration::days(days)).to_string();
    app.initiative(initiative_body(
        json!({ "title": "Sudah lewat", "starts_on": day(-40), "ends_on": day(-39) }),
    ))
    .await;
    app.initiative(initiative_body(
        json!({ "title": "Dua tahun lagi", "starts_on": day(730), "ends_on": day(731) }),
    ))
    .await;
    app.initiative(initiative_body(
        json!({ "title": "Masih berlangsung", "starts_on": day(-3), "ends_on": day(3) }),
    ))
    .await;
    let reply = app
        .get("/api/v1/exports/events.ics?region=32.73", None)
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.content_type().starts_with("text/calendar"));
    let ics = reply.text();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.contains("SUMMARY:Festival Kopi\\, Coblong\r\n"));
    assert!(ics.contains("DTSTART;VALUE=DATE:20270213\r\n"));
    assert!(!ics.contains("Tanpa tanggal"));
    assert!(
        ics.contains("Masih berlangsung"),
        "an event under way is still upcoming"
    );
    assert!(
        !ics.contains("Sudah lewat") && !ics.contains("Dua tahun lagi"),
        "the feed holds today to a year ahead"
    );
    assert!(
        !ics.contains("ani@contoh.id"),
        "no contact in a public feed"
    );
}

#[tokio::test]
async fn a_proposal_being_typed_finds_the_open_initiatives_most_like_it_best_first() {
    let app = TestApp::new().await;
    let (festival, _) = app
        .initiative(initiative_body(json!({ "title": "Festival Kopi Coblong" })))
        .await;
    let (exhibition, _) = app
        .initiative(initiative_body(json!({
            "title": "Pameran Produk Lokal",
            "description": "Pameran kopi dan kriya, bagian dari festival UMKM di sekitar kecamatan."
        })))
        .await;
    app.initiative(initiative_body(json!({
        "title": "Lokakarya Batik Tulis",
        "description": "Belajar membatik bersama perajin kampung untuk anak muda kecamatan."
    })))
    .await;
    let (withdrawn, owner) = app
        .initiative(initiative_body(json!({ "title": "Festival Kopi Lama" })))
        .await;
    app.post(
        &format!("/api/v1/initiatives/{withdrawn}/status"),
        Some(&owner),
        json!({ "status": "withdrawn" }),
    )
    .await;

    let reply = app
        .get(
            "/api/v1/initiatives/similar?region=32.73&q=Festival%20kopi%20di%20Coblong",
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let ids: Vec<i64> = reply
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![festival, exhibition],
        "title words weigh more; a withdrawn one and a batik workshop are not alike"
    );
    assert!(!reply.text().contains("ani@contoh.id"), "no contact");

    let elsewhere = app
        .get(
            "/api/v1/initiatives/similar?region=36.74&q=Festival%20kopi",
            None,
        )
        .await;
    assert_eq!(
        elsewhere.json(),
        json!([]),
        "another city's list is its own"
    );
    let nothing = app
        .get(
            "/api/v1/initiatives/similar?region=32.73&q=di%20dan%20yang",
            None,
        )
        .await;
    assert_eq!(nothing.json(), json!([]), "stop words find nothing");
    app.get(
        &format!("/api/v1/initiatives/similar?q={}", "kopi".repeat(60)),
        None,
    )
    .await
    .problem(400, "malformed-request");
}
