//! The city official's tools through HTTP: reports, hiding, approving, verifying, flagship
//! products and exports — each limited to the regions of the admin token.

mod common;

use axum::http::StatusCode;
use common::{TestApp, initiative_body, stakeholder_body};
use pentahelix_server::cli::ServeArgs;
use serde_json::json;

#[tokio::test]
async fn an_approval_sticks_until_new_people_report_or_the_content_changes() {
    let app = TestApp::new().await;
    let (id, owner) = app.initiative(initiative_body(json!({}))).await;
    let uri = format!("/api/v1/initiatives/{id}");
    let admin = app.admin(&["32.73"]).await;
    let report =
        json!({ "target": "initiative", "id": id, "reason": "Saya tidak suka penyelenggaranya." });
    let report_from = |n: u8| app.post_from([127, 0, 0, n], "/api/v1/reports", report.clone());
    let hidden = |reply: common::Reply| reply.json()["hidden"] == true;
    let (mut last, approve) = (
        false,
        format!("/api/v1/moderation/initiatives/{id}/approve"),
    );
    for n in 2..=4 {
        last = hidden(report_from(n).await);
    }
    assert!(last, "three people hide it pending review");
    app.post(&approve, Some(&admin), json!({})).await;

    // The same three come back: the review stands.
    for n in 2..=4 {
        assert!(
            !hidden(report_from(n).await),
            "reporter {n} was already heard"
        );
    }
    assert_eq!(app.get(&uri, None).await.status, StatusCode::OK);
    let queue = app
        .get("/api/v1/moderation/queue", Some(&admin))
        .await
        .json();
    assert_eq!(
        queue["items"][0]["reports"].as_array().unwrap().len(),
        3,
        "the admin still sees the reports made after the review"
    );
    assert_eq!(
        queue["items"][0]["kind"], "reported",
        "but they hide nothing"
    );

    // Three new people are past the threshold on their own.
    assert!(!hidden(report_from(5).await));
    assert!(!hidden(report_from(6).await));
    assert!(hidden(report_from(7).await));
    app.post(&approve, Some(&admin), json!({})).await;

    // New content may be reported by anyone again, the earlier reporters included.
    app.put(
        &uri,
        Some(&owner),
        initiative_body(json!({ "description": "Pameran kopi, lokakarya sangrai dan pasar UMKM untuk warga Coblong." })),
    )
    .await;
    assert!(!hidden(report_from(2).await));
    assert!(!hidden(report_from(3).await));
    assert!(
        hidden(report_from(4).await),
        "the changed content was reported by three people"
    );
}

#[tokio::test]
async fn reports_from_one_ipv6_network_count_as_one_reporter() {
    let app = TestApp::with(ServeArgs {
        report_threshold: 2,
        ..common::args()
    })
    .await;
    let (id, _) = app.initiative(initiative_body(json!({}))).await;
    let report = json!({ "target": "initiative", "id": id, "reason": "Iklan pinjaman online, bukan kegiatan warga." });
    let hidden = |reply: common::Reply| reply.json()["hidden"] == true;
    for n in 1..=5u16 {
        let address = [0x2001, 0xdb8, 7, 7, n, 0, 0, n];
        assert!(
            !hidden(
                app.post_from(address, "/api/v1/reports", report.clone())
                    .await
            ),
            "address {n} of one /64 is the same person"
        );
    }
    // An IPv4-mapped IPv6 address is the IPv4 client it maps.
    let v4: std::net::IpAddr = "203.0.113.5".parse().unwrap();
    let mapped: std::net::IpAddr = "::ffff:203.0.113.5".parse().unwrap();
    assert!(hidden(
        app.post_from(v4, "/api/v1/reports", report.clone()).await
    ));
    let (other, _) = app.initiative(initiative_body(json!({}))).await;
    let report = json!({ "target": "initiative", "id": other, "reason": "Iklan pinjaman online, bukan kegiatan warga." });
    assert!(!hidden(
        app.post_from(v4, "/api/v1/reports", report.clone()).await
    ));
    assert!(
        !hidden(
            app.post_from(mapped, "/api/v1/reports", report.clone())
                .await
        ),
        "the mapped form of the same address is the same reporter"
    );
}

#[tokio::test]
async fn enough_reports_hide_an_initiative_until_an_admin_of_its_city_reviews_it() {
    let app = TestApp::with(ServeArgs {
        report_threshold: 2,
        ..common::args()
    })
    .await;
    let (id, _) = app.initiative(initiative_body(json!({}))).await;
    let report = json!({ "target": "initiative", "id": id, "reason": "Iklan pinjaman online, bukan kegiatan warga." });
    let first = app
        .post_from([203, 0, 113, 1], "/api/v1/reports", report.clone())
        .await;
    assert_eq!(first.status, StatusCode::ACCEPTED);
    assert_eq!(first.json()["hidden"], false);
    for _ in 0..5 {
        let again = app
            .post_from([203, 0, 113, 1], "/api/v1/reports", report.clone())
            .await;
        assert_eq!(
            again.json()["hidden"],
            false,
            "one person reporting again and again counts once"
        );
    }
    let second = app
        .post_from([198, 51, 100, 2], "/api/v1/reports", report.clone())
        .await;
    assert_eq!(second.json()["hidden"], true);
    app.get(&format!("/api/v1/initiatives/{id}"), None)
        .await
        .problem(404, "not-found");
    app.post(
        "/api/v1/reports",
        None,
        json!({ "target": "initiative", "id": 999, "reason": "tidak ada" }),
    )
    .await
    .problem(404, "not-found");
    let short = app
        .post(
            "/api/v1/reports",
            None,
            json!({ "target": "initiative", "id": id, "reason": "x" }),
        )
        .await
        .problem(422, "validation");
    assert!(short["errors"]["reason"].is_string());

    let depok = app.admin(&["32.76"]).await;
    let bandung = app.admin(&["32.73"]).await;
    let queue = app
        .get("/api/v1/moderation/queue", Some(&depok))
        .await
        .json();
    assert!(
        queue["items"].as_array().unwrap().is_empty(),
        "another city's admin sees nothing of Bandung"
    );
    app.post(
        &format!("/api/v1/moderation/initiatives/{id}/approve"),
        Some(&depok),
        json!({}),
    )
    .await
    .problem(403, "forbidden");

    let queue = app
        .get("/api/v1/moderation/queue", Some(&bandung))
        .await
        .json();
    assert_eq!(queue["items"][0]["id"], id);
    assert_eq!(queue["items"][0]["kind"], "hidden");
    assert_eq!(
        queue["items"][0]["reports"].as_array().unwrap().len(),
        2,
        "one report per reporter"
    );
    assert_eq!(
        app.get(&format!("/api/v1/initiatives/{id}"), Some(&bandung))
            .await
            .json()["contact"]["email"],
        "ani@contoh.id",
        "admins open hidden records of their region, with contacts"
    );
    let approved = app
        .post(
            &format!("/api/v1/moderation/initiatives/{id}/approve"),
            Some(&bandung),
            json!({}),
        )
        .await;
    assert_eq!(approved.json()["initiative"]["status"], "open");
    assert!(
        app.get("/api/v1/moderation/queue", Some(&bandung))
            .await
            .json()["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let hidden = app
        .post(
            &format!("/api/v1/moderation/initiatives/{id}/hide"),
            Some(&bandung),
            json!({ "reason": "Isinya iklan, bukan kegiatan warga." }),
        )
        .await;
    assert_eq!(hidden.json()["initiative"]["status"], "hidden");
}

#[tokio::test]
async fn moderation_needs_an_admin_token_for_the_region() {
    let app = TestApp::new().await;
    let (_, owner) = app.initiative(initiative_body(json!({}))).await;
    app.get("/api/v1/moderation/queue", None)
        .await
        .problem(401, "unauthorized");
    app.get("/api/v1/moderation/queue", Some(&owner))
        .await
        .problem(403, "forbidden");
    app.get(
        "/api/v1/moderation/queue",
        Some(&app.expired_admin(&["32.73"]).await),
    )
    .await
    .problem(401, "unauthorized");
    app.get(
        "/api/v1/moderation/queue",
        Some(&app.admin(&["31.71"]).await),
    )
    .await
    .problem(403, "forbidden");
    app.get("/api/v1/exports/initiatives.csv", None)
        .await
        .problem(401, "unauthorized");
}

#[tokio::test]
async fn a_verified_partner_that_changes_who_it_is_loses_the_badge() {
    let app = TestApp::new().await;
    let (id, owner) = app.stakeholder(stakeholder_body(json!({}))).await;
    let admin = app.admin(&["32.73"]).await;
    let uri = format!("/api/v1/stakeholders/{id}");
    app.post(
        &format!("/api/v1/moderation/stakeholders/{id}/verify"),
        Some(&admin),
        json!({ "verified": true }),
    )
    .await;
    let described = app
        .put(
            &uri,
            Some(&owner),
            stakeholder_body(
                json!({ "description": "Kedai kopi dengan ruang acara untuk 120 orang di Dago." }),
            ),
        )
        .await;
    assert_eq!(
        described.json()["verified"],
        true,
        "a new description or offer keeps the badge"
    );
    for change in [
        json!({ "name": "Dinas Kebudayaan dan Pariwisata Kota Bandung" }),
        json!({ "helix": "government" }),
        json!({ "region": "32.73.10" }),
        json!({ "website": "https://disbudpar.example.id" }),
    ] {
        app.post(
            &format!("/api/v1/moderation/stakeholders/{id}/verify"),
            Some(&admin),
            json!({ "verified": true }),
        )
        .await;
        let changed = app
            .put(&uri, Some(&owner), stakeholder_body(change.clone()))
            .await;
        assert_eq!(changed.json()["verified"], false, "{change}");
        assert_eq!(
            app.get(&uri, None).await.json()["verified"],
            false,
            "{change}"
        );
        app.put(&uri, Some(&owner), stakeholder_body(json!({})))
            .await;
    }
}

#[tokio::test]
async fn an_admin_verifies_organisations_and_sets_flagship_products_in_its_city_only() {
    let app = TestApp::new().await;
    let (id, _) = app.stakeholder(stakeholder_body(json!({}))).await;
    let bandung = app.admin(&["32.73"]).await;
    let depok = app.admin(&["32.76"]).await;
    let verify = format!("/api/v1/moderation/stakeholders/{id}/verify");
    app.post(&verify, Some(&depok), json!({ "verified": true }))
        .await
        .problem(403, "forbidden");
    assert_eq!(
        app.post(&verify, Some(&bandung), json!({ "verified": true }))
            .await
            .json()["verified"],
        true
    );
    assert_eq!(
        app.get(&format!("/api/v1/stakeholders/{id}"), None)
            .await
            .json()["verified"],
        true
    );

    let flagship = "/api/v1/moderation/flagships/32.73.17";
    app.put(
        flagship,
        Some(&depok),
        json!({ "product": "Sepatu Cibaduyut" }),
    )
    .await
    .problem(403, "forbidden");
    assert_eq!(
        app.put(
            flagship,
            Some(&bandung),
            json!({ "product": "Sepatu Cibaduyut" })
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    app.put(
        "/api/v1/moderation/flagships/32.73",
        Some(&bandung),
        json!({ "product": "x" }),
    )
    .await
    .problem(404, "not-found");
    let stats = app.get("/api/v1/stats?city=32.73", None).await.json();
    assert_eq!(
        stats["flagship_products"],
        json!([{ "region": "32.73.17", "product": "Sepatu Cibaduyut" }])
    );
    assert_eq!(
        app.put(flagship, Some(&bandung), json!({ "product": null }))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get("/api/v1/stats?city=32.73", None).await.json()["flagship_products"],
        json!([])
    );
}

#[tokio::test]
async fn csv_exports_hold_the_admins_regions_with_contacts_and_defuse_formulas() {
    let app = TestApp::new().await;
    app.initiative(initiative_body(
        json!({ "title": "=HYPERLINK(\"http://x\") Festival" }),
    ))
    .await;
    app.initiative(initiative_body(
        json!({ "title": "Kelas Fotografi Depok", "region": "32.76.06" }),
    ))
    .await;
    app.stakeholder(stakeholder_body(json!({}))).await;
    let bandung = app.admin(&["32.73"]).await;
    let reply = app
        .get("/api/v1/exports/initiatives.csv", Some(&bandung))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.content_type().starts_with("text/csv"));
    let csv = reply.text();
    assert!(csv.starts_with("\u{feff}id,title,status,region,kecamatan"));
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(csv.contains("ani@contoh.id"));
    assert!(csv.contains("Coblong"));
    assert!(
        !csv.contains("Kelas Fotografi Depok"),
        "Depok is not this admin's"
    );
    let people = app
        .get("/api/v1/exports/stakeholders.csv", Some(&bandung))
        .await
        .text();
    assert!(people.contains("Kopi Nusantara Dago") && people.contains("budi@contoh.id"));
}

#[tokio::test]
async fn approving_a_hidden_initiative_gives_back_the_status_it_had() {
    let app = TestApp::with(ServeArgs {
        report_threshold: 1,
        ..common::args()
    })
    .await;
    let (id, owner) = app.initiative(initiative_body(json!({}))).await;
    let status = format!("/api/v1/initiatives/{id}/status");
    app.post(&status, Some(&owner), json!({ "status": "active" }))
        .await;
    app.post(&status, Some(&owner), json!({ "status": "completed" }))
        .await;
    let report =
        json!({ "target": "initiative", "id": id, "reason": "Konten tidak pantas di sini." });
    app.post_from([203, 0, 113, 9], "/api/v1/reports", report)
        .await;
    let admin = app.admin(&["32.73"]).await;
    assert_eq!(
        app.get("/api/v1/moderation/queue", Some(&admin))
            .await
            .json()["items"][0]["id"],
        id
    );
    let approved = app
        .post(
            &format!("/api/v1/moderation/initiatives/{id}/approve"),
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(
        approved.json()["initiative"]["status"],
        "completed",
        "not reopened for offers"
    );
    app.post(
        &format!("/api/v1/moderation/initiatives/{id}/approve"),
        Some(&admin),
        json!({}),
    )
    .await
    .problem(409, "conflict");
}

#[tokio::test]
async fn an_admin_cannot_move_a_record_into_a_city_it_does_not_administer() {
    let app = TestApp::new().await;
    let (id, owner) = app.initiative(initiative_body(json!({}))).await;
    let bandung = app.admin(&["32.73"]).await;
    let to_depok = initiative_body(json!({ "region": "32.76.01" }));
    app.put(
        &format!("/api/v1/initiatives/{id}"),
        Some(&bandung),
        to_depok.clone(),
    )
    .await
    .problem(403, "forbidden");
    let (sid, _) = app.stakeholder(stakeholder_body(json!({}))).await;
    let moved = stakeholder_body(json!({ "region": "32.76" }));
    app.put(
        &format!("/api/v1/stakeholders/{sid}"),
        Some(&bandung),
        moved,
    )
    .await
    .problem(403, "forbidden");
    assert_eq!(
        app.put(&format!("/api/v1/initiatives/{id}"), Some(&owner), to_depok)
            .await
            .status,
        StatusCode::OK,
        "the owner may move it"
    );
}
