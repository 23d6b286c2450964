//! Pledges, and the coverage they give initiatives.
//!
//! Several server processes may change pledges of one initiative at the same moment, and each
//! change recomputes the initiative's coverage from its accepted pledges. So that no change is
//! lost, every transaction that recomputes locks the initiative's row first (concurrent ones
//! queue there, and each then reads the others' committed pledges). A change of a stakeholder
//! (its helix counts towards coverage) and a change of one of its pledges queue on the
//! stakeholder's row. Locks are always taken in one order — the stakeholder, then pledges, then
//! initiatives in id order — so no two transactions can wait on each other.

use chrono::{DateTime, Utc};
use pentahelix_core::api::{
    InitiativeId, Pledge, PledgeId, PledgeInput, PledgeStatus, StakeholderId, StakeholderSummary,
};
use pentahelix_core::{Helix, HelixSet, Resource, ResourceSet};
use sqlx::postgres::PgRow;
use sqlx::{PgPool, Postgres, Row, Transaction};

use super::rows;
use crate::error::Error;
use crate::store::PledgeChange;

const PLEDGE_SELECT: &str = "SELECT p.id, p.initiative_id, p.stakeholder_id, p.resource, p.message, p.status, \
     p.created_at, p.updated_at, s.name, s.helix, s.region, s.verified \
     FROM pledges p JOIN stakeholders s ON s.id = p.stakeholder_id";

fn status_of(text: &str) -> Result<PledgeStatus, Error> {
    PledgeStatus::from_slug(text).ok_or_else(|| rows::corrupt(format!("pledge status {text}")))
}

fn pledge(row: &PgRow) -> Result<Pledge, Error> {
    let status: String = row.try_get("status")?;
    Ok(Pledge {
        id: PledgeId(row.try_get("id")?),
        initiative_id: InitiativeId(row.try_get("initiative_id")?),
        stakeholder: StakeholderSummary {
            id: StakeholderId(row.try_get("stakeholder_id")?),
            name: row.try_get("name")?,
            helix: rows::slug(row, "helix")?,
            region: rows::region(row, "region")?,
            verified: row.try_get("verified")?,
        },
        resource: rows::slug(row, "resource")?,
        message: row.try_get("message")?,
        status: status_of(&status)?,
        counterpart_contact: None,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

pub async fn create(
    pool: &PgPool,
    initiative: InitiativeId,
    input: &PledgeInput,
    now: DateTime<Utc>,
) -> Result<Pledge, Error> {
    let result = sqlx::query(
        "INSERT INTO pledges (initiative_id, stakeholder_id, resource, message, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'pending', $5, $5) RETURNING id",
    )
    .bind(initiative.0)
    .bind(input.stakeholder_id.0)
    .bind(input.resource.slug())
    .bind(&input.message)
    .bind(now)
    .fetch_one(pool)
    .await;
    let id: i64 = match result {
        Ok(row) => row.try_get("id")?,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Err(Error::Conflict),
        // The initiative or the stakeholder was deleted, through another process, after the
        // handler had read it.
        Err(sqlx::Error::Database(e)) if e.is_foreign_key_violation() => {
            return Err(Error::NotFound);
        }
        Err(e) => return Err(e.into()),
    };
    get(pool, PledgeId(id))
        .await?
        .ok_or_else(|| Error::Internal("a pledge vanished right after its creation".into()))
}

pub async fn get(pool: &PgPool, id: PledgeId) -> Result<Option<Pledge>, Error> {
    let row = sqlx::query(&format!("{PLEDGE_SELECT} WHERE p.id = $1"))
        .bind(id.0)
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(pledge).transpose()
}

pub async fn for_initiative(pool: &PgPool, id: InitiativeId) -> Result<Vec<Pledge>, Error> {
    sqlx::query(&format!(
        "{PLEDGE_SELECT} WHERE p.initiative_id = $1 ORDER BY p.id"
    ))
    .bind(id.0)
    .fetch_all(pool)
    .await?
    .iter()
    .map(pledge)
    .collect()
}

pub async fn for_stakeholder(pool: &PgPool, id: StakeholderId) -> Result<Vec<Pledge>, Error> {
    sqlx::query(&format!(
        "{PLEDGE_SELECT} WHERE p.stakeholder_id = $1 ORDER BY p.id DESC"
    ))
    .bind(id.0)
    .fetch_all(pool)
    .await?
    .iter()
    .map(pledge)
    .collect()
}

pub async fn change(
    pool: &PgPool,
    id: PledgeId,
    to: PledgeStatus,
    now: DateTime<Utc>,
) -> Result<PledgeChange, Error> {
    let mut tx = pool.begin().await?;
    let Some(stakeholder): Option<i64> =
        sqlx::query_scalar("SELECT stakeholder_id FROM pledges WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?
    else {
        return Ok(PledgeChange::NotFound);
    };
    // Shared: changes of this stakeholder's pledges need not wait for each other, only for a
    // change of the stakeholder itself (see `stakeholders::update`).
    sqlx::query("SELECT id FROM stakeholders WHERE id = $1 FOR SHARE")
        .bind(stakeholder)
        .execute(&mut *tx)
        .await?;
    // Locked, so the status read here is the one changed: a concurrent change of the same pledge
    // waits, then reads the status this one left.
    let Some(row) =
        sqlx::query("SELECT initiative_id, status FROM pledges WHERE id = $1 FOR UPDATE")
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?
    else {
        return Ok(PledgeChange::NotFound);
    };
    let initiative: i64 = row.try_get("initiative_id")?;
    let from = status_of(&row.try_get::<String, _>("status")?)?;
    if !from.may_become(to) {
        return Ok(PledgeChange::NotAllowed(from));
    }
    sqlx::query("UPDATE pledges SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(to.slug())
        .bind(now)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    recompute_coverage(&mut tx, initiative, now).await?;
    tx.commit().await?;
    match get(pool, id).await? {
        Some(pledge) => Ok(PledgeChange::Changed(pledge)),
        None => Ok(PledgeChange::NotFound),
    }
}

/// Sets an initiative's coverage (helices) and fulfilled needs (resources) from its accepted
/// pledges. Called in the transaction of every change that can alter them.
pub async fn recompute_coverage(
    tx: &mut Transaction<'_, Postgres>,
    initiative: i64,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    // `NO KEY`: a pledge being created for this initiative (whose foreign key check takes a
    // key-share lock on it) need not wait.
    sqlx::query("SELECT id FROM initiatives WHERE id = $1 FOR NO KEY UPDATE")
        .bind(initiative)
        .execute(&mut **tx)
        .await?;
    let accepted = sqlx::query(
        "SELECT s.helix, p.resource FROM pledges p JOIN stakeholders s ON s.id = p.stakeholder_id \
         WHERE p.initiative_id = $1 AND p.status = 'accepted'",
    )
    .bind(initiative)
    .fetch_all(&mut **tx)
    .await?;
    let mut coverage = HelixSet::empty();
    let mut fulfilled = ResourceSet::empty();
    for row in &accepted {
        coverage.insert(rows::slug::<Helix>(row, "helix")?);
        fulfilled.insert(rows::slug::<Resource>(row, "resource")?);
    }
    sqlx::query(
        "UPDATE initiatives SET coverage = $1, fulfilled = $2, updated_at = $3 \
         WHERE id = $4 AND (coverage != $1 OR fulfilled != $2)",
    )
    .bind(i64::from(coverage.bits()))
    .bind(i64::from(fulfilled.bits()))
    .bind(now)
    .bind(initiative)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn accepted_between(
    pool: &PgPool,
    initiative: InitiativeId,
    stakeholder: StakeholderId,
) -> Result<bool, Error> {
    let found: Option<i32> = sqlx::query_scalar(
        "SELECT 1 FROM pledges WHERE initiative_id = $1 AND stakeholder_id = $2 AND status = 'accepted' LIMIT 1",
    )
    .bind(initiative.0)
    .bind(stakeholder.0)
    .fetch_optional(pool)
    .await?;
    Ok(found.is_some())
}
