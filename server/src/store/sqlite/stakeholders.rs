use chrono::{DateTime, Utc};
use pentahelix_core::api::{Stakeholder, StakeholderId, StakeholderInput};
use pentahelix_core::matching::StakeholderFeatures;
use pentahelix_core::{RegionCode, ResourceSet, SubsectorSet};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};

use super::pledges::recompute_coverage;
use super::rows::{self, STAKEHOLDER_COLUMNS};
use crate::auth::TokenHash;
use crate::error::Error;
use crate::store::{PageRequest, StakeholderFilter};

pub async fn create(
    pool: &SqlitePool,
    input: &StakeholderInput,
    token: &TokenHash,
    now: DateTime<Utc>,
) -> Result<Stakeholder, Error> {
    let row = sqlx::query(&format!(
        "INSERT INTO stakeholders (name, helix, region, subsectors, offers, description, website, verified, \
         contact_person, contact_email, contact_phone, token_hash, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?) RETURNING {STAKEHOLDER_COLUMNS}"
    ))
    .bind(&input.name)
    .bind(input.helix.slug())
    .bind(i64::from(input.region.packed()))
    .bind(i64::from(input.subsectors.bits()))
    .bind(i64::from(input.offers.bits()))
    .bind(&input.description)
    .bind(&input.website)
    .bind(&input.contact.person)
    .bind(&input.contact.email)
    .bind(&input.contact.phone)
    .bind(token.as_bytes())
    .bind(now)
    .bind(now)
    .fetch_one(pool)
    .await?;
    rows::stakeholder(&row)
}

pub async fn get(pool: &SqlitePool, id: StakeholderId) -> Result<Option<Stakeholder>, Error> {
    let row = sqlx::query(&format!(
        "SELECT {STAKEHOLDER_COLUMNS} FROM stakeholders WHERE id = ?"
    ))
    .bind(id.0)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(rows::stakeholder).transpose()
}

pub async fn by_id(pool: &SqlitePool, ids: &[StakeholderId]) -> Result<Vec<Stakeholder>, Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(format!(
        "SELECT {STAKEHOLDER_COLUMNS} FROM stakeholders WHERE id IN ("
    ));
    let mut list = query.separated(", ");
    for id in ids {
        list.push_bind(id.0);
    }
    query.push(")");
    let found = query.build().fetch_all(pool).await?;
    found.iter().map(rows::stakeholder).collect()
}

pub async fn list(
    pool: &SqlitePool,
    filter: &StakeholderFilter,
    page: PageRequest,
) -> Result<Vec<Stakeholder>, Error> {
    let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(format!(
        "SELECT {STAKEHOLDER_COLUMNS} FROM stakeholders WHERE 1 = 1"
    ));
    rows::push_areas_newest_first(&mut query, "region", &filter.areas);
    if let Some(helix) = filter.helix {
        // Not an index term (`+`): see `rows::push_areas_newest_first`.
        query.push(" AND +helix = ").push_bind(helix.slug());
    }
    if let Some(subsector) = filter.subsector {
        query
            .push(" AND (subsectors & ")
            .push_bind(i64::from(SubsectorSet::of(subsector).bits()))
            .push(") != 0");
    }
    if let Some(resource) = filter.resource {
        query
            .push(" AND (offers & ")
            .push_bind(i64::from(ResourceSet::of(resource).bits()))
            .push(") != 0");
    }
    if let Some(verified) = filter.verified {
        query.push(" AND verified = ").push_bind(verified);
    }
    if let Some(text) = filter.text.as_deref() {
        let pattern = rows::like_pattern(text);
        query
            .push(" AND (name LIKE ")
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\' OR description LIKE ");
        query.push_bind(pattern).push(" ESCAPE '\\')");
    }
    if let Some(before) = page.before {
        query.push(" AND id < ").push_bind(before);
    }
    query
        .push(" ORDER BY id DESC LIMIT ")
        .push_bind(i64::from(page.limit));
    query
        .build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(rows::stakeholder)
        .collect()
}

pub async fn update(
    pool: &SqlitePool,
    id: StakeholderId,
    input: &StakeholderInput,
    now: DateTime<Utc>,
) -> Result<Option<Stakeholder>, Error> {
    let mut tx = pool.begin().await?;
    let row = sqlx::query(&format!(
        "UPDATE stakeholders SET name = ?, helix = ?, region = ?, subsectors = ?, offers = ?, description = ?, \
         website = ?, contact_person = ?, contact_email = ?, contact_phone = ?, updated_at = ? \
         WHERE id = ? RETURNING {STAKEHOLDER_COLUMNS}"
    ))
    .bind(&input.name)
    .bind(input.helix.slug())
    .bind(i64::from(input.region.packed()))
    .bind(i64::from(input.subsectors.bits()))
    .bind(i64::from(input.offers.bits()))
    .bind(&input.description)
    .bind(&input.website)
    .bind(&input.contact.person)
    .bind(&input.contact.email)
    .bind(&input.contact.phone)
    .bind(now)
    .bind(id.0)
    .fetch_optional(&mut *tx)
    .await?;
    // A changed helix changes the coverage of every initiative this stakeholder supports.
    let initiatives: Vec<i64> = sqlx::query_scalar("SELECT DISTINCT initiative_id FROM pledges WHERE stakeholder_id = ? AND status = 'accepted'")
        .bind(id.0)
        .fetch_all(&mut *tx)
        .await?;
    for initiative in initiatives {
        recompute_coverage(&mut tx, initiative, now).await?;
    }
    tx.commit().await?;
    row.as_ref().map(rows::stakeholder).transpose()
}

pub async fn delete(
    pool: &SqlitePool,
    id: StakeholderId,
    now: DateTime<Utc>,
) -> Result<bool, Error> {
    let mut tx = pool.begin().await?;
    let initiatives: Vec<i64> = sqlx::query_scalar("SELECT DISTINCT initiative_id FROM pledges WHERE stakeholder_id = ? AND status = 'accepted'")
        .bind(id.0)
        .fetch_all(&mut *tx)
        .await?;
    let deleted = sqlx::query("DELETE FROM stakeholders WHERE id = ?")
        .bind(id.0)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        > 0;
    sqlx::query("DELETE FROM reports WHERE target_kind = 'stakeholder' AND target_id = ?")
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    for initiative in initiatives {
        recompute_coverage(&mut tx, initiative, now).await?;
    }
    tx.commit().await?;
    Ok(deleted)
}

pub async fn set_verified(
    pool: &SqlitePool,
    id: StakeholderId,
    verified: bool,
    now: DateTime<Utc>,
) -> Result<Option<Stakeholder>, Error> {
    let row = sqlx::query(&format!("UPDATE stakeholders SET verified = ?, updated_at = ? WHERE id = ? RETURNING {STAKEHOLDER_COLUMNS}"))
        .bind(verified)
        .bind(now)
        .bind(id.0)
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(rows::stakeholder).transpose()
}

pub async fn features(
    pool: &SqlitePool,
    areas: &[RegionCode],
) -> Result<Vec<StakeholderFeatures>, Error> {
    let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
        "SELECT id, helix, region, subsectors, offers, verified FROM stakeholders WHERE 1 = 1",
    );
    rows::push_areas(&mut query, "region", areas);
    query
        .build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(|row| {
            Ok(StakeholderFeatures {
                id: row.try_get("id")?,
                region: rows::region(row, "region")?,
                subsectors: SubsectorSet::from_bits(rows::bits(row, "subsectors")? as u32),
                offers: ResourceSet::from_bits(rows::bits(row, "offers")? as u16),
                helix: rows::slug(row, "helix")?,
                verified: row.try_get("verified")?,
            })
        })
        .collect()
}
