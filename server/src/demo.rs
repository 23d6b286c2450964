//! The demo data set (`--demo`): stakeholders of all five helices and initiatives in many
//! kecamatan of the seed cities, in Bahasa Indonesia, with pledges and flagship products. Every
//! record goes through the same validation and store calls as an API request, so the demo shows
//! what the product really does with real input.

use std::collections::HashMap;

use chrono::Utc;
use pentahelix_core::api::{
    InitiativeInput, InitiativeStatus, PledgeInput, PledgeStatus, StakeholderInput,
};
use pentahelix_core::validate;
use pentahelix_core::{RegionCode, Resource};
use serde::Deserialize;

use crate::auth::{TokenKind, new_token};
use crate::error::Error;
use crate::state::AppState;
use crate::store::{InitiativeFilter, PageRequest, PledgeChange, StakeholderFilter};

const DEMO: &str = include_str!("../demo/demo.json");

#[derive(Deserialize)]
struct DemoSet {
    stakeholders: Vec<Keyed<StakeholderInput>>,
    initiatives: Vec<DemoInitiative>,
    pledges: Vec<DemoPledge>,
    flagship_products: Vec<DemoFlagship>,
}

#[derive(Deserialize)]
struct Keyed<T> {
    key: String,
    #[serde(flatten)]
    record: T,
}

#[derive(Deserialize)]
struct DemoInitiative {
    key: String,
    status: InitiativeStatus,
    #[serde(flatten)]
    record: InitiativeInput,
}

#[derive(Deserialize)]
struct DemoPledge {
    initiative: String,
    stakeholder: String,
    resource: Resource,
    message: String,
    status: PledgeStatus,
}

#[derive(Deserialize)]
struct DemoFlagship {
    region: RegionCode,
    product: String,
}

/// What the loader did, for the start-up log.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub stakeholders: usize,
    pub initiatives: usize,
    pub pledges: usize,
    pub flagships: usize,
}

fn invalid(what: &str, key: &str, e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("demo data: {what} `{key}`: {e}"))
}

/// Loads the demo set into an empty database; a database that already holds records is left
/// alone (so restarting `run` keeps what a person added). Records outside the served cities are
/// skipped.
pub async fn load(state: &AppState) -> Result<Option<Loaded>, Error> {
    let store = state.store();
    let any = PageRequest {
        before: None,
        limit: 1,
    };
    let areas = state.cities().to_vec();
    let has_stakeholders = !store
        .list_stakeholders(
            &StakeholderFilter {
                areas: areas.clone(),
                ..Default::default()
            },
            any,
        )
        .await?
        .is_empty();
    let has_initiatives = !store
        .list_initiatives(
            &InitiativeFilter {
                areas,
                ..Default::default()
            },
            any,
        )
        .await?
        .is_empty();
    if has_stakeholders || has_initiatives {
        return Ok(None);
    }
    // Two processes started together on an empty PostgreSQL database both get this far. The
    // `demo` server key is stored once per database, by whichever process asks first: only the
    // process whose own random value was stored loads the set.
    let mut mine = [0u8; 16];
    getrandom::fill(&mut mine).map_err(|e| Error::Internal(format!("random value: {e}")))?;
    if store.server_key("demo", &mine, Utc::now()).await? != mine {
        return Ok(None);
    }

    let set: DemoSet = serde_json::from_str(DEMO).map_err(|e| invalid("file", "demo.json", e))?;
    let now = Utc::now();
    let mut loaded = Loaded::default();
    let mut stakeholders = HashMap::new();
    for Keyed { key, mut record } in set.stakeholders {
        if !state.serves(record.region) {
            continue;
        }
        validate::tidy_stakeholder(&mut record);
        validate::stakeholder(&record, &state.scope())
            .map_err(|e| invalid("stakeholder", &key, e))?;
        let (_, hash) = new_token(TokenKind::Manage);
        let created = store.create_stakeholder(&record, &hash, now).await?;
        stakeholders.insert(key, created);
        loaded.stakeholders += 1;
    }
    let mut initiatives = HashMap::new();
    for DemoInitiative {
        key,
        status,
        mut record,
    } in set.initiatives
    {
        if !state.serves(record.region) {
            continue;
        }
        validate::tidy_initiative(&mut record);
        validate::initiative(&record, &state.scope())
            .map_err(|e| invalid("initiative", &key, e))?;
        let (_, hash) = new_token(TokenKind::Manage);
        let created = store
            .create_initiative(&record, InitiativeStatus::Open, &hash, now)
            .await?;
        initiatives.insert(key, (created.id, status));
        loaded.initiatives += 1;
    }
    for pledge in set.pledges {
        let (Some(stakeholder), Some((initiative, _))) = (
            stakeholders.get(&pledge.stakeholder),
            initiatives.get(&pledge.initiative),
        ) else {
            continue;
        };
        let input = PledgeInput {
            stakeholder_id: stakeholder.id,
            resource: pledge.resource,
            message: pledge.message,
        };
        validate::pledge(&input).map_err(|e| invalid("pledge for", &pledge.initiative, e))?;
        let created = store.create_pledge(*initiative, &input, now).await?;
        if pledge.status != PledgeStatus::Pending {
            match store.change_pledge(created.id, pledge.status, now).await? {
                PledgeChange::Changed(_) => {}
                other => {
                    return Err(invalid(
                        "pledge for",
                        &pledge.initiative,
                        format!("{other:?}"),
                    ));
                }
            }
        }
        loaded.pledges += 1;
    }
    // Statuses last: pledges are answered while the initiative is still open, as in real life.
    for (id, status) in initiatives.values() {
        if *status != InitiativeStatus::Open {
            store
                .set_initiative_status(*id, InitiativeStatus::Open, *status, now)
                .await?;
        }
    }
    for flagship in set.flagship_products {
        if state.serves(flagship.region) {
            store
                .set_flagship(flagship.region, Some(&flagship.product), None, now)
                .await?;
            loaded.flagships += 1;
        }
    }
    // The demo's offers and answers wrote notifications to its made-up contacts (and to any
    // webhook): nothing happened to anyone, so nothing is sent.
    store.discard_unsent().await?;
    Ok(Some(loaded))
}
