//! `/api/v1/stakeholders` per verb: registering, reading, editing and deleting a profile, with
//! validation and who-may-do-what checked through HTTP.

mod common;

use axum::http::{Method, StatusCode};
use common::{TestApp, stakeholder_body};
use serde_json::json;

#[tokio::test]
async fn registering_returns_the_profile_with_its_contact_and_a_manage_token_once() {
    let app = TestApp::new().await;
    let reply = app
        .post("/api/v1/stakeholders", None, stakeholder_body(json!({})))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let body = reply.json();
    assert!(body["manage_token"].as_str().unwrap().starts_with("phm_"));
    assert_eq!(body["record"]["name"], "Kopi Nusantara Dago");
    assert_eq!(body["record"]["offers"], json!(["venue", "funding"]));
    assert_eq!(body["record"]["verified"], false);
    assert_eq!(body["record"]["contact"]["email"], "budi@contoh.id");

    let id = body["record"]["id"].as_i64().unwrap();
    let public = app
        .get(&format!("/api/v1/stakeholders/{id}"), None)
        .await
        .json();
    assert_eq!(public["name"], "Kopi Nusantara Dago");
    assert!(
        public.get("contact").is_none(),
        "anonymous readers never see a contact: {public}"
    );
    assert!(public.get("manage_token").is_none());
}

#[tokio::test]
async fn every_validation_rule_reaches_the_client_as_a_field_message_in_its_language() {
    let app = TestApp::new().await;
    let cases = [
        (json!({ "name": " " }), "name", "Wajib diisi."),
        (
            json!({ "name": "K" }),
            "name",
            "Terlalu pendek: tulis minimal 2 karakter.",
        ),
        (
            json!({ "region": "32" }),
            "region",
            "Pilih kota atau kecamatan, bukan seluruh provinsi.",
        ),
        (
            json!({ "region": "31.71" }),
            "region",
            "Wilayah ini di luar kota yang dilayani situs ini.",
        ),
        (json!({ "subsectors": [] }), "subsectors", "Wajib diisi."),
        (
            json!({ "subsectors": ["kuliner", "musik", "fesyen", "kriya", "fotografi", "seni-rupa"] }),
            "subsectors",
            "Pilih paling banyak 5.",
        ),
        (json!({ "offers": [] }), "offers", "Wajib diisi."),
        (
            json!({ "description": "Pendek." }),
            "description",
            "Terlalu pendek: tulis minimal 20 karakter.",
        ),
        (
            json!({ "website": "javascript:alert(1)" }),
            "website",
            "Alamat web diawali https:// atau http://.",
        ),
        (
            json!({ "contact": { "person": "Budi", "email": "budi@" } }),
            "contact.email",
            "Alamat email tidak valid, contoh: nama@contoh.id.",
        ),
        (
            json!({ "contact": { "person": "Budi", "phone": "12" } }),
            "contact.phone",
            "Nomor telepon tidak valid, contoh: 0812 3456 7890.",
        ),
        (
            json!({ "contact": { "person": "Budi" } }),
            "contact.email",
            "Isi alamat email atau nomor telepon.",
        ),
        (
            json!({ "contact_consent": false }),
            "contact_consent",
            "Centang kotak ini agar kontak Anda boleh disimpan dan dibagikan ke mitra yang diterima.",
        ),
        (
            json!({ "name": "Kopi\u{0000}Nusantara" }),
            "name",
            "Berisi karakter kontrol tersembunyi; silakan ketik ulang.",
        ),
    ];
    for (patch, field, message) in cases {
        let reply = app
            .post(
                "/api/v1/stakeholders",
                None,
                stakeholder_body(patch.clone()),
            )
            .await;
        let problem = reply.problem(422, "validation");
        assert_eq!(problem["errors"][field], message, "{patch} → {problem}");
    }
    let english = app
        .send(
            Method::POST,
            "/api/v1/stakeholders",
            None,
            Some(stakeholder_body(json!({ "name": "" }))),
            &[("accept-language", "en")],
        )
        .await
        .problem(422, "validation");
    assert_eq!(english["errors"]["name"], "This is required.");
    assert_eq!(english["title"], "Invalid input");
    assert!(
        app.get("/api/v1/stakeholders", None).await.json()["items"]
            .as_array()
            .unwrap()
            .is_empty(),
        "nothing invalid was stored"
    );
}

#[tokio::test]
async fn only_the_owner_and_admins_of_its_region_may_edit_or_delete() {
    let app = TestApp::new().await;
    let (id, owner) = app.stakeholder(stakeholder_body(json!({}))).await;
    let (_, other_owner) = app
        .stakeholder(stakeholder_body(json!({ "name": "Studio Lain" })))
        .await;
    let bandung_admin = app.admin(&["32.73"]).await;
    let depok_admin = app.admin(&["32.76"]).await;
    let expired = app.expired_admin(&["32.73"]).await;
    let uri = format!("/api/v1/stakeholders/{id}");
    let edit = stakeholder_body(json!({ "name": "Kopi Nusantara Dago Baru" }));

    app.put(&uri, None, edit.clone())
        .await
        .problem(401, "unauthorized");
    app.put(&uri, Some("phm_not-a-real-token"), edit.clone())
        .await
        .problem(401, "unauthorized");
    app.put(&uri, Some(&expired), edit.clone())
        .await
        .problem(401, "unauthorized");
    app.put(&uri, Some(&other_owner), edit.clone())
        .await
        .problem(403, "forbidden");
    app.put(&uri, Some(&depok_admin), edit.clone())
        .await
        .problem(403, "forbidden");

    let by_owner = app.put(&uri, Some(&owner), edit.clone()).await;
    assert_eq!(by_owner.status, StatusCode::OK, "{}", by_owner.text());
    assert_eq!(by_owner.json()["name"], "Kopi Nusantara Dago Baru");
    let by_admin = app
        .put(
            &uri,
            Some(&bandung_admin),
            stakeholder_body(json!({ "name": "Nama dari Admin" })),
        )
        .await;
    assert_eq!(by_admin.status, StatusCode::OK);

    app.delete(&uri, None).await.problem(401, "unauthorized");
    app.delete(&uri, Some(&other_owner))
        .await
        .problem(403, "forbidden");
    app.delete(&uri, Some(&depok_admin))
        .await
        .problem(403, "forbidden");
    assert_eq!(
        app.delete(&uri, Some(&owner)).await.status,
        StatusCode::NO_CONTENT
    );
    app.get(&uri, None).await.problem(404, "not-found");
    // The manage token went with the record.
    app.delete(&uri, Some(&owner))
        .await
        .problem(401, "unauthorized");
}

#[tokio::test]
async fn the_contact_is_shown_to_the_owner_and_region_admins_only() {
    let app = TestApp::new().await;
    let (id, owner) = app.stakeholder(stakeholder_body(json!({}))).await;
    let (_, other) = app
        .stakeholder(stakeholder_body(json!({ "name": "Studio Lain" })))
        .await;
    let uri = format!("/api/v1/stakeholders/{id}");
    let sees = |reply: common::Reply| reply.json().get("contact").is_some();
    assert!(sees(app.get(&uri, Some(&owner)).await));
    assert!(sees(
        app.get(&uri, Some(&app.admin(&["32.73"]).await)).await
    ));
    assert!(
        sees(app.get(&uri, Some(&app.admin(&["32"]).await)).await),
        "a province admin covers its cities"
    );
    assert!(!sees(
        app.get(&uri, Some(&app.admin(&["36.74"]).await)).await
    ));
    assert!(!sees(app.get(&uri, Some(&other)).await));
    assert!(!sees(app.get(&uri, None).await));
    let list = app.get("/api/v1/stakeholders", Some(&other)).await.json();
    for item in list["items"].as_array().unwrap() {
        if item["id"] == id {
            assert!(item.get("contact").is_none(), "lists redact too");
        }
    }
}

#[tokio::test]
async fn lists_filter_by_region_helix_subsector_resource_and_text() {
    let app = TestApp::new().await;
    app.stakeholder(stakeholder_body(json!({}))).await;
    app.stakeholder(stakeholder_body(json!({
        "name": "Radio Komunitas Depok", "helix": "media", "region": "32.76.01",
        "subsectors": ["televisi-radio", "musik"], "offers": ["publicity"],
        "description": "Radio komunitas yang menyiarkan kegiatan warga Depok setiap hari."
    })))
    .await;
    app.stakeholder(stakeholder_body(json!({
        "name": "Kampus Desain 50% Kreatif", "helix": "academia", "region": "32.73",
        "subsectors": ["desain-produk"], "offers": ["mentoring", "research"],
        "description": "Fakultas desain yang membuka klinik desain produk untuk UMKM."
    })))
    .await;
    let names = |uri: &str| {
        let app = &app;
        let uri = uri.to_owned();
        async move {
            app.get(&uri, None).await.json()["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["name"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        names("/api/v1/stakeholders?region=32.76").await,
        ["Radio Komunitas Depok"]
    );
    assert_eq!(
        names("/api/v1/stakeholders?helix=academia").await,
        ["Kampus Desain 50% Kreatif"]
    );
    assert_eq!(
        names("/api/v1/stakeholders?subsector=kuliner").await,
        ["Kopi Nusantara Dago"]
    );
    assert_eq!(
        names("/api/v1/stakeholders?resource=publicity").await,
        ["Radio Komunitas Depok"]
    );
    assert_eq!(
        names("/api/v1/stakeholders?q=klinik").await,
        ["Kampus Desain 50% Kreatif"]
    );
    assert_eq!(
        names("/api/v1/stakeholders?q=50%25").await,
        ["Kampus Desain 50% Kreatif"],
        "LIKE wildcards are literal"
    );
    assert_eq!(
        names("/api/v1/stakeholders?q=kampus%20DESAIN").await,
        ["Kampus Desain 50% Kreatif"],
        "any case, across a space"
    );
    assert_eq!(
        names("/api/v1/stakeholders?q=50").await,
        ["Kampus Desain 50% Kreatif"],
        "two characters search too"
    );
    assert_eq!(
        names("/api/v1/stakeholders?q=Desain%20Kopi").await,
        Vec::<String>::new(),
        "the words as typed, not each on its own"
    );
    assert_eq!(
        names("/api/v1/stakeholders?q=%27%20OR%201%3D1%20--").await,
        Vec::<String>::new(),
        "SQL in a filter is just text"
    );
    assert_eq!(
        names("/api/v1/stakeholders?region=32.73&helix=media").await,
        Vec::<String>::new()
    );
    assert_eq!(
        names("/api/v1/stakeholders?region=31.71").await,
        Vec::<String>::new(),
        "Jakarta is not served"
    );
    app.get("/api/v1/stakeholders?helix=goverment", None)
        .await
        .problem(400, "malformed-request");
}
