//! The officials' workspace through HTTP: invited officials sign in and work the queue of their
//! regions only, in their role; every action reaches the record's owner with its reason (through
//! a real SMTP server) and the append-only audit trail.

mod common;

use std::time::Duration;

use axum::http::{Method, StatusCode};
use common::smtp::MailServer;
use common::{TestApp, args, initiative_body, stakeholder_body};
use pentahelix_server::cli::ServeArgs;
use pentahelix_server::notify::attempt::Pace;
use pentahelix_server::notify::delivery::deliver_one;
use serde_json::{Value, json};

const PACE: Pace = Pace {
    timeout: Duration::from_secs(10),
    retry_base: Duration::ZERO,
    max_attempts: 3,
};

async fn app_with_mail(mail: &MailServer) -> TestApp {
    TestApp::with(ServeArgs {
        smtp_url: Some(mail.url.clone()),
        mail_from: "Pentahelix Kota Bandung <pentahelix@bandung.go.id>".into(),
        public_url: Some("https://pentahelix.bandung.go.id".into()),
        ..args()
    })
    .await
}

async fn deliver(app: &TestApp) {
    while deliver_one(&app.state, PACE).await.unwrap() {}
}

/// Three people report (one of them twice), as citizens do from their phones.
async fn reported(app: &TestApp, target: &str, id: i64) {
    for (n, category, reason) in [
        (2, "spam", "Iklan pinjaman online, bukan kegiatan warga."),
        (3, "spam", ""),
        (3, "spam", "Masih iklan."),
        (4, "misleading", "Tempatnya tidak ada di alamat itu."),
    ] {
        let reply = app
            .post_from(
                [127, 0, 0, n],
                "/api/v1/reports",
                json!({ "target": target, "id": id, "category": category, "reason": reason }),
            )
            .await;
        assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text());
    }
}

fn item<'a>(queue: &'a Value, target: &str, id: i64) -> Option<&'a Value> {
    queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["target"] == target && item["id"] == id)
}

#[tokio::test]
async fn an_invited_official_works_a_report_and_the_owner_is_told_why_in_their_language() {
    let mail = MailServer::start();
    let app = app_with_mail(&mail).await;
    let title = "Pasar Kreatif Warga Kecamatan Cibeunying Kidul";
    let (id, _) = app
        .initiative(initiative_body(json!({
            "title": title,
            "contact": { "person": "Ani Rahmawati", "email": "ani@contoh.id" }
        })))
        .await;
    reported(&app, "initiative", id).await;
    let official = app
        .official("Petugas.Hub@Bandung.go.id", &["32.73"], "moderator")
        .await;
    deliver(&app).await;
    let invitation = mail.to("petugas.hub@bandung.go.id");
    assert_eq!(invitation.len(), 1, "the invitation is mailed once");
    let text = invitation[0].text();
    assert!(
        text.contains("moderator") && text.contains("Kota Bandung"),
        "{text}"
    );

    let me = app.get("/api/v1/me", Some(&official)).await.json();
    assert_eq!(
        me["official"],
        json!([{ "region": "32.73", "role": "moderator" }])
    );

    let queue = app
        .get("/api/v1/moderation/queue", Some(&official))
        .await
        .json();
    let entry = item(&queue, "initiative", id).expect("the reported initiative is queued");
    assert_eq!(entry["title"], title);
    assert_eq!(entry["kind"], "hidden", "three people hid it");
    assert_eq!(
        entry["reporters"], 3,
        "one person reporting twice counts once"
    );
    let categories: Vec<&str> = entry["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["category"].as_str().unwrap())
        .collect();
    assert_eq!(categories, ["spam", "spam", "misleading"]);
    // An official opens the hidden record with its contact.
    let opened = app
        .get(&format!("/api/v1/initiatives/{id}"), Some(&official))
        .await;
    assert_eq!(opened.status, StatusCode::OK);
    assert_eq!(opened.json()["contact"]["email"], "ani@contoh.id");

    let hide = format!("/api/v1/moderation/initiatives/{id}/hide");
    let without_reason = app.post(&hide, Some(&official), json!({})).await;
    without_reason.problem(422, "validation");
    let reason = "Isinya iklan pinjaman online, bukan kegiatan warga.";
    let hidden = app
        .post(&hide, Some(&official), json!({ "reason": reason }))
        .await;
    assert_eq!(hidden.status, StatusCode::OK, "{}", hidden.text());
    assert_eq!(hidden.json()["initiative"]["status"], "hidden");
    let queue = app
        .get("/api/v1/moderation/queue", Some(&official))
        .await
        .json();
    assert!(
        item(&queue, "initiative", id).is_none(),
        "worked: it leaves the queue"
    );
    let hidden_list = app
        .get("/api/v1/moderation/queue?kind=hidden", Some(&official))
        .await
        .json();
    assert!(
        item(&hidden_list, "initiative", id).is_some(),
        "and waits among the hidden"
    );

    deliver(&app).await;
    let told = mail.to("ani@contoh.id");
    let notice = told.last().expect("the owner is told");
    let subject = notice.header("Subject").unwrap();
    assert!(
        subject.contains("disembunyikan oleh petugas kota"),
        "{subject}"
    );
    assert!(notice.text().contains(reason), "{}", notice.text());

    let restored = app
        .post(
            &format!("/api/v1/moderation/initiatives/{id}/restore"),
            Some(&official),
            json!({ "reason": "Pemilik sudah mengganti isinya." }),
        )
        .await;
    assert_eq!(restored.status, StatusCode::OK, "{}", restored.text());
    assert_eq!(restored.json()["initiative"]["status"], "open");
    deliver(&app).await;
    assert!(
        mail.to("ani@contoh.id")
            .last()
            .unwrap()
            .header("Subject")
            .unwrap()
            .contains("tampil lagi")
    );

    let trail = app
        .get("/api/v1/moderation/audit", Some(&official))
        .await
        .json();
    let entries = trail["items"].as_array().unwrap();
    let actions: Vec<&str> = entries
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["restore", "hide"], "newest first");
    assert!(
        entries
            .iter()
            .all(|e| e["actor"] == "petugas.hub@bandung.go.id")
    );
    assert_eq!(entries[1]["reason"], reason);
    assert_eq!(entries[1]["before"]["status"], "hidden");
    assert_eq!(entries[1]["after"]["status"], "hidden");
    assert_eq!(entries[0]["after"]["status"], "open");
    assert!(
        entries[0]["before"].get("contact").is_none(),
        "the trail keeps no personal data"
    );

    // An official of another city sees none of it and may do none of it.
    let depok = app
        .official("petugas@depok.go.id", &["32.76"], "manager")
        .await;
    let theirs = app
        .get("/api/v1/moderation/audit", Some(&depok))
        .await
        .json();
    assert!(theirs["items"].as_array().unwrap().is_empty());
    app.post(&hide, Some(&depok), json!({ "reason": "Coba." }))
        .await
        .problem(403, "forbidden");
}

#[tokio::test]
async fn roles_decide_what_an_official_may_do() {
    let app = TestApp::new().await;
    let (initiative, _) = app.initiative(initiative_body(json!({}))).await;
    let (partner, _) = app.stakeholder(stakeholder_body(json!({}))).await;
    let moderator = app
        .official("moderator@bandung.go.id", &["32.73"], "moderator")
        .await;
    let manager = app
        .official("manager@bandung.go.id", &["32.73.02"], "manager")
        .await;
    let citizen = app.official("warga@contoh.id", &[], "moderator").await;

    let delete = format!("/api/v1/moderation/initiatives/{initiative}/delete");
    let verify = format!("/api/v1/moderation/stakeholders/{partner}/verify");
    let flagship = "/api/v1/moderation/flagships/32.73.02";
    let exports = "/api/v1/exports/initiatives.csv";
    let reason = json!({ "reason": "Data ganda." });
    for (token, who) in [
        (&moderator, "a moderator"),
        (&citizen, "a signed-in citizen"),
    ] {
        app.post(&delete, Some(token), reason.clone())
            .await
            .problem(403, "forbidden");
        app.post(&verify, Some(token), json!({ "verified": true }))
            .await
            .problem(403, "forbidden");
        app.put(flagship, Some(token), json!({ "product": "Kopi" }))
            .await
            .problem(403, "forbidden");
        assert_eq!(
            app.get(exports, Some(token)).await.status,
            StatusCode::FORBIDDEN,
            "{who} exports no contacts"
        );
    }
    app.get("/api/v1/moderation/queue", Some(&citizen))
        .await
        .problem(403, "forbidden");

    // The manager of one kecamatan: everything there, nothing in the next one.
    let verified = app
        .post(&verify, Some(&manager), json!({ "verified": true }))
        .await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.text());
    app.put(
        "/api/v1/moderation/flagships/32.73.03",
        Some(&manager),
        json!({ "product": "Kopi" }),
    )
    .await
    .problem(403, "forbidden");
    assert_eq!(
        app.put(
            flagship,
            Some(&manager),
            json!({ "product": "Kopi Cibeunying" })
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    let undone = app
        .post(&verify, Some(&manager), json!({ "verified": false }))
        .await;
    assert_eq!(
        undone.json()["verified"],
        false,
        "a verification can be undone"
    );
    let deleted = app.post(&delete, Some(&manager), reason.clone()).await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.text());
    assert!(deleted.json().get("initiative").is_none());
    assert_eq!(
        app.get(&format!("/api/v1/initiatives/{initiative}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let trail = app
        .get("/api/v1/moderation/audit", Some(&manager))
        .await
        .json();
    let actions: Vec<&str> = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["delete", "unverify", "flagship", "verify"]);
    let deletion = &trail["items"][0];
    assert_eq!(deletion["title"], initiative_body(json!({}))["title"]);
    assert!(deletion.get("after").is_none());
    let only_verify = app
        .get("/api/v1/moderation/audit?action=verify", Some(&manager))
        .await
        .json();
    assert_eq!(only_verify["items"].as_array().unwrap().len(), 1);
    // The moderator of the whole city reads the trail of the kecamatan too.
    let city = app
        .get("/api/v1/moderation/audit?region=32.73.02", Some(&moderator))
        .await
        .json();
    assert_eq!(city["items"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn no_api_call_changes_or_deletes_an_audit_entry() {
    let app = TestApp::new().await;
    let (id, _) = app.initiative(initiative_body(json!({}))).await;
    let manager = app
        .official("manager@bandung.go.id", &["32.73"], "manager")
        .await;
    let admin = app.admin(&["32.73"]).await;
    let hide = format!("/api/v1/moderation/initiatives/{id}/hide");
    assert_eq!(
        app.post(&hide, Some(&manager), json!({ "reason": "Spam." }))
            .await
            .status,
        StatusCode::OK
    );
    let before = app
        .get("/api/v1/moderation/audit", Some(&manager))
        .await
        .json();
    let entry = before["items"][0]["id"].as_i64().unwrap();
    let one = app
        .get(&format!("/api/v1/moderation/audit/{entry}"), Some(&manager))
        .await;
    assert_eq!(
        one.json(),
        before["items"][0],
        "one entry reads as in the list"
    );
    let depok = app
        .official("petugas@depok.go.id", &["32.76"], "manager")
        .await;
    app.get(&format!("/api/v1/moderation/audit/{entry}"), Some(&depok))
        .await
        .problem(404, "not-found");
    for token in [&manager, &admin] {
        for method in [Method::PUT, Method::PATCH, Method::DELETE, Method::POST] {
            for uri in [
                "/api/v1/moderation/audit".to_owned(),
                format!("/api/v1/moderation/audit/{entry}"),
            ] {
                let reply = app
                    .send(
                        method.clone(),
                        &uri,
                        Some(token),
                        Some(json!({ "reason": "" })),
                        &[],
                    )
                    .await;
                assert!(
                    matches!(
                        reply.status,
                        StatusCode::METHOD_NOT_ALLOWED | StatusCode::NOT_FOUND
                    ),
                    "{method} {uri}: {}",
                    reply.status
                );
            }
        }
    }
    let after = app
        .get("/api/v1/moderation/audit", Some(&manager))
        .await
        .json();
    assert_eq!(before, after);
    // Automation with an admin token is traced under the token's label.
    app.post(
        &format!("/api/v1/moderation/initiatives/{id}/restore"),
        Some(&admin),
        json!({}),
    )
    .await;
    let latest = app
        .get("/api/v1/moderation/audit?limit=1", Some(&manager))
        .await
        .json();
    assert_eq!(latest["items"][0]["actor"], "token: test");
    assert!(latest["next_cursor"].is_string());
}

#[tokio::test]
async fn the_queue_is_paged_longest_waiting_first_and_filtered_by_kecamatan_and_kind() {
    let app = TestApp::pre_moderated().await;
    let mut proposals = Vec::new();
    for (n, region) in ["32.73.02", "32.73.03", "32.73.02"].into_iter().enumerate() {
        let (id, _) = app
            .initiative(initiative_body(json!({
                "title": format!("Usulan Kegiatan Warga Nomor {}", n + 1),
                "region": region
            })))
            .await;
        proposals.push(id);
    }
    let (partner, _) = app.stakeholder(stakeholder_body(json!({}))).await;
    reported(&app, "stakeholder", partner).await;
    let official = app
        .official("petugas@bandung.go.id", &["32.73"], "moderator")
        .await;

    let first = app
        .get("/api/v1/moderation/queue?limit=3", Some(&official))
        .await
        .json();
    let cursor = first["next_cursor"]
        .as_str()
        .expect("a second page")
        .to_owned();
    let second = app
        .get(
            &format!("/api/v1/moderation/queue?limit=3&cursor={cursor}"),
            Some(&official),
        )
        .await
        .json();
    let order: Vec<(String, i64)> = [&first, &second]
        .iter()
        .flat_map(|page| page["items"].as_array().unwrap().clone())
        .map(|i| {
            (
                i["target"].as_str().unwrap().to_owned(),
                i["id"].as_i64().unwrap(),
            )
        })
        .collect();
    let mut expected: Vec<(String, i64)> = proposals
        .iter()
        .map(|id| ("initiative".to_owned(), *id))
        .collect();
    expected.push(("stakeholder".to_owned(), partner));
    assert_eq!(order, expected, "oldest first, nothing twice, nothing lost");
    assert!(second.get("next_cursor").is_none());

    let cibeunying = app
        .get(
            "/api/v1/moderation/queue?region=32.73.02&kind=proposed",
            Some(&official),
        )
        .await
        .json();
    let ids: Vec<i64> = cibeunying["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [proposals[0], proposals[2]]);
    let reported_only = app
        .get("/api/v1/moderation/queue?kind=reported", Some(&official))
        .await
        .json();
    assert_eq!(
        reported_only["items"][0]["title"],
        stakeholder_body(json!({}))["name"]
    );
    assert_eq!(reported_only["items"][0]["reporters"], 3);

    // Approving a proposal and dismissing the partner's reports empty the queue.
    let reject = format!("/api/v1/moderation/initiatives/{}/reject", proposals[1]);
    app.post(&reject, Some(&official), json!({}))
        .await
        .problem(422, "validation");
    for (uri, body) in [
        (
            format!("/api/v1/moderation/initiatives/{}/approve", proposals[0]),
            json!({}),
        ),
        (reject, json!({ "reason": "Belum ada tempat dan tanggal." })),
        (
            format!("/api/v1/moderation/initiatives/{}/approve", proposals[2]),
            json!({}),
        ),
        (
            format!("/api/v1/moderation/stakeholders/{partner}/dismiss"),
            json!({}),
        ),
    ] {
        let reply = app.post(&uri, Some(&official), body).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.text());
    }
    let empty = app
        .get("/api/v1/moderation/queue", Some(&official))
        .await
        .json();
    assert_eq!(empty["items"], json!([]));
    // A decision on a record no longer in that state is refused, not repeated.
    app.post(
        &format!("/api/v1/moderation/stakeholders/{partner}/dismiss"),
        Some(&official),
        json!({}),
    )
    .await
    .problem(409, "conflict");
    app.get("/api/v1/moderation/queue?cursor=v1.a", Some(&official))
        .await
        .problem(400, "malformed-request");
}

#[tokio::test]
async fn a_manager_downloads_a_workbook_people_can_read_and_csv_that_excel_reads_as_utf8() {
    use calamine::{Data, Reader, Xlsx};

    let app = TestApp::new().await;
    let (initiative, owner) = app.initiative(initiative_body(json!({}))).await;
    let (partner, partner_token) = app.stakeholder(stakeholder_body(json!({}))).await;
    app.accepted_pledge((initiative, &owner), (partner, &partner_token), "venue")
        .await;
    let manager = app
        .official("manager@bandung.go.id", &["32.73"], "manager")
        .await;
    let moderator = app
        .official("moderator@bandung.go.id", &["32.73"], "moderator")
        .await;
    app.get("/api/v1/exports/program.xlsx", Some(&moderator))
        .await
        .problem(403, "forbidden");

    let reply = app
        .get("/api/v1/exports/program.xlsx", Some(&manager))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.content_type(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(reply.body.clone())).unwrap();
    assert_eq!(book.sheet_names(), ["Inisiatif", "Mitra", "Capaian"]);
    let sheet = book.worksheet_range("Inisiatif").unwrap();
    let cell = |row: u32, col: u32| sheet.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(0, 1), Data::String("Judul".into()));
    assert_eq!(cell(1, 1), Data::String("Festival Kopi Coblong".into()));
    assert_eq!(
        cell(1, 2),
        Data::String("Terbuka".into()),
        "a status people say"
    );
    assert_eq!(
        cell(1, 3),
        Data::String("Coblong".into()),
        "the kecamatan by name"
    );
    assert_eq!(cell(1, 4), Data::String("Kuliner".into()));
    assert!(
        matches!(cell(1, 7), Data::DateTime(_)),
        "a date Excel can sort: {:?}",
        cell(1, 7)
    );
    assert_eq!(cell(1, 12), Data::String("ani@contoh.id".into()));
    let partners = book.worksheet_range("Mitra").unwrap();
    assert_eq!(
        partners.get_value((1, 2)),
        Some(&Data::String("Bisnis".into()))
    );
    let program = book.worksheet_range("Capaian").unwrap();
    let headings: Vec<String> = (0..15)
        .map(|col| program.get_value((0, col)).unwrap().to_string())
        .collect();
    assert_eq!(headings[2], "Tawaran dibuat: Pemerintah");
    assert_eq!(headings[9], "Tawaran diterima: Bisnis");
    // This month, the whole city: one offer by a business, accepted.
    assert_eq!(
        program.get_value((1, 1)),
        Some(&Data::String("Kota Bandung".into()))
    );
    assert_eq!(program.get_value((1, 4)), Some(&Data::Float(1.0)));
    assert_eq!(program.get_value((1, 9)), Some(&Data::Float(1.0)));

    let csv = app
        .get("/api/v1/exports/initiatives.csv", Some(&manager))
        .await;
    assert!(
        csv.body.starts_with(b"\xEF\xBB\xBFid,title,"),
        "a byte-order mark first"
    );
    let achievements = app
        .get("/api/v1/stats/achievements?city=32.73", None)
        .await
        .json();
    assert_eq!(achievements["rows"][0]["accepted"]["business"], 1);
    assert!(achievements["rows"][0].get("kecamatan").is_none());
    assert_eq!(achievements["rows"][1]["kecamatan"], "32.73.02");
}

#[tokio::test]
async fn an_officials_edit_is_traced_field_by_field_and_its_owner_told_why() {
    let mail = MailServer::start();
    let app = app_with_mail(&mail).await;
    let (id, _) = app.initiative(initiative_body(json!({}))).await;
    let official = app
        .official("petugas@bandung.go.id", &["32.73"], "moderator")
        .await;
    let reason = "Nomor telepon pribadi dihapus dari deskripsi.";
    let edited = app
        .put(
            &format!(
                "/api/v1/initiatives/{id}?reason={}",
                reason.replace(' ', "%20")
            ),
            Some(&official),
            initiative_body(
                json!({ "description": "Pameran dan lokakarya kopi lokal untuk warga Coblong." }),
            ),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.text());
    deliver(&app).await;
    let told = mail.to("ani@contoh.id");
    let notice = told.last().expect("the owner is told");
    assert!(
        notice
            .header("Subject")
            .unwrap()
            .contains("Petugas kota mengubah")
    );
    assert!(notice.text().contains(reason), "{}", notice.text());

    let trail = app
        .get("/api/v1/moderation/audit?action=edit", Some(&official))
        .await
        .json();
    let entry = &trail["items"][0];
    assert_eq!(entry["actor"], "petugas@bandung.go.id");
    assert_eq!(entry["reason"], reason);
    assert_eq!(
        entry["before"]["description"],
        "Pameran dan lokakarya kopi lokal untuk warga dan UMKM di Coblong."
    );
    assert_eq!(
        entry["after"]["description"],
        "Pameran dan lokakarya kopi lokal untuk warga Coblong."
    );
    // A reason too long for a mail is refused before anything changes.
    let long = "a".repeat(1001);
    app.put(
        &format!("/api/v1/initiatives/{id}?reason={long}"),
        Some(&official),
        initiative_body(json!({})),
    )
    .await
    .problem(422, "validation");
}
