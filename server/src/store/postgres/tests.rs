//! Storage checks that need a PostgreSQL server: each test makes its own database on the server
//! named by `PENTAHELIX_TEST_POSTGRES` and is skipped (with a notice) without one. The behaviour
//! both backends share is tested through the HTTP scenarios in `server/tests`, which run on
//! both.

use chrono::{NaiveDate, Utc};
use pentahelix_core::taxonomy::Taxonomy;
use pentahelix_core::{Helix, RegionCode, Resource, Subsector};
use sqlx::Postgres;

use super::{PgStore, testing};
use crate::store::sql::{Columns, On, Sql};
use crate::store::{
    CredentialStore, InitiativeFilter, PageRequest, StakeholderFilter, initiatives, stakeholders,
};

async fn store() -> Option<PgStore> {
    let Some(server) = testing::server_url() else {
        eprintln!(
            "skipped: set {} to a PostgreSQL server URL to run the PostgreSQL store tests",
            testing::ENV
        );
        return None;
    };
    let url = testing::fresh_database(&server).await.unwrap();
    Some(PgStore::open(&url).await.unwrap())
}

const PAGE: PageRequest = PageRequest {
    before: None,
    limit: 20,
};

/// The plan PostgreSQL makes for `query` when only bitmap index scans are allowed besides
/// reading the whole table: a condition that no index serves shows as a sequential scan.
async fn plan(store: &PgStore, query: Sql) -> String {
    let mut conn = store.pool().acquire().await.unwrap();
    for off in ["enable_seqscan", "enable_indexscan", "enable_indexonlyscan"] {
        sqlx::query(&format!("SET {off} = off"))
            .execute(&mut *conn)
            .await
            .unwrap();
    }
    let explain = query.explained("EXPLAIN");
    let lines: Vec<String> = explain
        .fetch_all(On::<Postgres>::Conn(&mut *conn))
        .await
        .unwrap()
        .iter()
        .map(|row| row.text("QUERY PLAN").unwrap())
        .collect();
    lines.join("\n")
}

#[tokio::test]
async fn every_list_filter_is_served_by_an_index() {
    let Some(store) = store().await else { return };
    let bandung: RegionCode = "32.73".parse().unwrap();
    let subsector = Subsector::from_slug("kuliner").unwrap();
    let date = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();

    let status_plan = plan(
        &store,
        initiatives::list_query::<Postgres>(&InitiativeFilter::default(), PAGE),
    )
    .await;
    assert!(status_plan.contains("initiatives_status"), "{status_plan}");
    // Every other filter is checked alone: the status index would otherwise serve them all.
    sqlx::query("DROP INDEX initiatives_status")
        .execute(store.pool())
        .await
        .unwrap();

    let initiative_cases: Vec<(InitiativeFilter, &str)> = vec![
        (
            InitiativeFilter {
                areas: vec![bandung],
                ..Default::default()
            },
            "initiatives_region",
        ),
        (
            InitiativeFilter {
                missing_helix: Some(Helix::Media),
                ..Default::default()
            },
            "initiatives_missing",
        ),
        (
            InitiativeFilter {
                subsector: Some(subsector),
                ..Default::default()
            },
            "initiatives_subsectors",
        ),
        (
            InitiativeFilter {
                resource: Some(Resource::Venue),
                ..Default::default()
            },
            "initiatives_needed",
        ),
        (
            InitiativeFilter {
                from: Some(date),
                ..Default::default()
            },
            "initiatives_until",
        ),
        (
            InitiativeFilter {
                to: Some(date),
                ..Default::default()
            },
            "initiatives_starts",
        ),
        (
            InitiativeFilter {
                text: Some("kopi coblong".into()),
                ..Default::default()
            },
            "initiatives_search",
        ),
    ];
    for (filter, index) in initiative_cases {
        let plan = plan(&store, initiatives::list_query::<Postgres>(&filter, PAGE)).await;
        assert!(
            plan.contains(index),
            "{filter:?} should use {index}:\n{plan}"
        );
    }

    let stakeholder_cases: Vec<(StakeholderFilter, &str)> = vec![
        (
            StakeholderFilter {
                areas: vec![bandung],
                ..Default::default()
            },
            "stakeholders_region",
        ),
        (
            StakeholderFilter {
                helix: Some(Helix::Academia),
                ..Default::default()
            },
            "stakeholders_helix",
        ),
        (
            StakeholderFilter {
                subsector: Some(subsector),
                ..Default::default()
            },
            "stakeholders_subsectors",
        ),
        (
            StakeholderFilter {
                resource: Some(Resource::Funding),
                ..Default::default()
            },
            "stakeholders_offers",
        ),
        (
            StakeholderFilter {
                verified: Some(true),
                ..Default::default()
            },
            "stakeholders_verified",
        ),
        (
            StakeholderFilter {
                text: Some("kopi".into()),
                ..Default::default()
            },
            "stakeholders_name_trgm",
        ),
    ];
    for (filter, index) in stakeholder_cases {
        let plan = plan(&store, stakeholders::list_query::<Postgres>(&filter, PAGE)).await;
        assert!(
            plan.contains(index),
            "{filter:?} should use {index}:\n{plan}"
        );
    }
}

#[tokio::test]
async fn the_shared_key_is_made_once_whoever_asks_first() {
    let Some(store) = store().await else { return };
    let first = store
        .server_key("reporter", b"one", Utc::now())
        .await
        .unwrap();
    let second = store
        .server_key("reporter", b"two", Utc::now())
        .await
        .unwrap();
    assert_eq!(first, b"one");
    assert_eq!(
        second, b"one",
        "the second process gets the first one's key"
    );
}

/// Two pools stand for two server processes. Each round, ten pledges (one per resource, two per
/// helix) are accepted at once through both; a recomputation that missed a concurrent one would
/// leave a need unfulfilled or a helix uncovered.
#[tokio::test]
async fn concurrent_acceptances_through_two_processes_lose_no_coverage() {
    use std::sync::Arc;

    use pentahelix_core::api::{
        InitiativeInput, InitiativeStatus, PledgeInput, PledgeStatus, StakeholderInput,
    };
    use serde_json::json;

    use crate::auth::{TokenKind, new_token};
    use crate::store::{InitiativeStore, PledgeChange, PledgeStore, StakeholderStore};

    let Some(server) = testing::server_url() else {
        eprintln!("skipped: set {} to run this test", testing::ENV);
        return;
    };
    let url = testing::fresh_database(&server).await.unwrap();
    let processes = [
        Arc::new(PgStore::open(&url).await.unwrap()),
        Arc::new(PgStore::open(&url).await.unwrap()),
    ];
    let now = Utc::now();
    let contact = json!({ "person": "Ani" });
    let stakeholders: Vec<(i64, Resource)> = {
        let mut made = Vec::new();
        for (n, resource) in Resource::ALL.iter().enumerate() {
            let input: StakeholderInput = serde_json::from_value(json!({
                "name": format!("Mitra {n}"), "helix": Helix::ALL[n / 2], "region": "32.73.02",
                "subsectors": ["kuliner"], "offers": [resource], "description": "Mitra uji.",
                "contact": contact, "contact_consent": true
            }))
            .unwrap();
            let stakeholder = processes[0]
                .create_stakeholder(&input, &new_token(TokenKind::Manage).1, now)
                .await
                .unwrap();
            made.push((stakeholder.id.0, *resource));
        }
        made
    };
    let needs: Vec<_> = Resource::ALL
        .iter()
        .map(|r| json!({ "resource": r }))
        .collect();
    for round in 0..5 {
        let input: InitiativeInput = serde_json::from_value(json!({
            "title": format!("Ronde {round}"), "description": "Uji serentak.", "region": "32.73.02",
            "subsectors": ["kuliner"], "needs": needs, "contact": contact, "contact_consent": true
        }))
        .unwrap();
        let initiative = processes[1]
            .create_initiative(
                &input,
                InitiativeStatus::Open,
                &new_token(TokenKind::Manage).1,
                now,
            )
            .await
            .unwrap()
            .id;
        let mut pledges = Vec::new();
        for (stakeholder, resource) in &stakeholders {
            let offer: PledgeInput = serde_json::from_value(json!({
                "stakeholder_id": stakeholder, "resource": resource, "message": "Siap."
            }))
            .unwrap();
            pledges.push(
                processes[0]
                    .create_pledge(initiative, &offer, now)
                    .await
                    .unwrap()
                    .id,
            );
        }
        let accepting: Vec<_> = pledges
            .into_iter()
            .enumerate()
            .map(|(n, pledge)| {
                let store = processes[n % 2].clone();
                tokio::spawn(async move {
                    store
                        .change_pledge(pledge, PledgeStatus::Accepted, Utc::now())
                        .await
                })
            })
            .collect();
        for accept in accepting {
            assert!(matches!(
                accept.await.unwrap().unwrap(),
                PledgeChange::Changed(_)
            ));
        }
        let seen = processes[0].initiative(initiative).await.unwrap().unwrap();
        assert_eq!(seen.coverage.iter().count(), 5, "round {round}: {seen:?}");
        assert!(
            seen.needs.iter().all(|need| need.fulfilled),
            "round {round}: {:?}",
            seen.needs
        );
    }
}
