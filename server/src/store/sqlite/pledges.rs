use chrono::{DateTime, Utc};
use pentahelix_core::api::{
    InitiativeId, Pledge, PledgeId, PledgeInput, PledgeStatus, StakeholderId, StakeholderSummary,
};
use pentahelix_core::{Helix, HelixSet, Resource, ResourceSet};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite, SqlitePool, Transaction};

use super::rows;
use crate::error::Error;
use crate::store::PledgeChange;

const PLEDGE_SELECT: &str = "SELECT p.id, p.initiative_id, p.stakeholder_id, p.resource, p.message, p.status, \
     p.created_at, p.updated_at, s.name, s.helix, s.region, s.verified \
     FROM pledges p JOIN stakeholders s ON s.id = p.stakeholder_id";

fn status_of(text: &str) -> Result<PledgeStatus, Error> {
    PledgeStatus::from_slug(text).ok_or_else(|| rows::corrupt(format!("pledge status {text}")))
}

fn pledge(row: &SqliteRow) -> Result<Pledge, Error> {
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
    pool: &SqlitePool,
    initiative: InitiativeId,
    input: &PledgeInput,
    now: DateTime<Utc>,
) -> Result<Pledge, Error> {
    let result = sqlx::query(
        "INSERT INTO pledges (initiative_id, stakeholder_id, resource, message, status, created_at, updated_at) \
         VALUES (?, ?, ?, ?, 'pending', ?, ?) RETURNING id",
    )
    .bind(initiative.0)
    .bind(input.stakeholder_id.0)
    .bind(input.resource.slug())
    .bind(&input.message)
    .bind(now)
    .bind(now)
    .fetch_one(pool)
    .await;
    let id: i64 = match result {
        Ok(row) => row.try_get("id")?,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Err(Error::Conflict),
        Err(e) => return Err(e.into()),
    };
    get(pool, PledgeId(id))
        .await?
        .ok_or_else(|| Error::Internal("a pledge vanished right after its creation".into()))
}

pub async fn get(pool: &SqlitePool, id: PledgeId) -> Result<Option<Pledge>, Error> {
    let row = sqlx::query(&format!("{PLEDGE_SELECT} WHERE p.id = ?"))
        .bind(id.0)
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(pledge).transpose()
}

pub async fn for_initiative(pool: &SqlitePool, id: InitiativeId) -> Result<Vec<Pledge>, Error> {
    sqlx::query(&format!(
        "{PLEDGE_SELECT} WHERE p.initiative_id = ? ORDER BY p.id"
    ))
    .bind(id.0)
    .fetch_all(pool)
    .await?
    .iter()
    .map(pledge)
    .collect()
}

pub async fn for_stakeholder(pool: &SqlitePool, id: StakeholderId) -> Result<Vec<Pledge>, Error> {
    sqlx::query(&format!(
        "{PLEDGE_SELECT} WHERE p.stakeholder_id = ? ORDER BY p.id DESC"
    ))
    .bind(id.0)
    .fetch_all(pool)
    .await?
    .iter()
    .map(pledge)
    .collect()
}

pub async fn change(
    pool: &SqlitePool,
    id: PledgeId,
    to: PledgeStatus,
    now: DateTime<Utc>,
) -> Result<PledgeChange, Error> {
    let mut tx = pool.begin().await?;
    let Some(row) = sqlx::query("SELECT initiative_id, status FROM pledges WHERE id = ?")
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
    // The status is re-checked in the WHERE clause: of two concurrent changes only one applies.
    let changed =
        sqlx::query("UPDATE pledges SET status = ?, updated_at = ? WHERE id = ? AND status = ?")
            .bind(to.slug())
            .bind(now)
            .bind(id.0)
            .bind(from.slug())
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if changed == 0 {
        return Ok(PledgeChange::NotAllowed(from));
    }
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
    tx: &mut Transaction<'_, Sqlite>,
    initiative: i64,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let accepted = sqlx::query(
        "SELECT s.helix, p.resource FROM pledges p JOIN stakeholders s ON s.id = p.stakeholder_id \
         WHERE p.initiative_id = ? AND p.status = 'accepted'",
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
    sqlx::query("UPDATE initiatives SET coverage = ?, fulfilled = ?, updated_at = ? WHERE id = ? AND (coverage != ? OR fulfilled != ?)")
        .bind(i64::from(coverage.bits()))
        .bind(i64::from(fulfilled.bits()))
        .bind(now)
        .bind(initiative)
        .bind(i64::from(coverage.bits()))
        .bind(i64::from(fulfilled.bits()))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn accepted_between(
    pool: &SqlitePool,
    initiative: InitiativeId,
    stakeholder: StakeholderId,
) -> Result<bool, Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM pledges WHERE initiative_id = ? AND stakeholder_id = ? AND status = 'accepted' LIMIT 1",
    )
    .bind(initiative.0)
    .bind(stakeholder.0)
    .fetch_optional(pool)
    .await?;
    Ok(found.is_some())
}
