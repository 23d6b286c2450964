use chrono::{DateTime, Utc};
use pentahelix_core::api::{Stakeholder, StakeholderId, StakeholderInput};
use pentahelix_core::matching::StakeholderFeatures;
use pentahelix_core::{RegionCode, ResourceSet, SubsectorSet};
use sqlx::{PgPool, Postgres, QueryBuilder, Row};

use super::pledges::recompute_coverage;
use super::rows::{self, STAKEHOLDER_COLUMNS};
use crate::auth::TokenHash;
use crate::error::Error;
use crate::store::{PageRequest, StakeholderFilter};

pub async fn create(
    pool: &PgPool,
    input: &StakeholderInput,
    token: &TokenHash,
    now: DateTime<Utc>,
) -> Result<Stakeholder, Error> {
    let row = sqlx::query(&format!(
        "INSERT INTO stakeholders (name, helix, region, subsectors, offers, description, website, verified, \
         contact_person, contact_email, contact_phone, token_hash, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, FALSE, $8, $9, $10, $11, $12, $12) RETURNING {STAKEHOLDER_COLUMNS}"
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
    .fetch_one(pool)
    .await?;
    rows::stakeholder(&row)
}

pub async fn get(pool: &PgPool, id: StakeholderId) -> Result<Option<Stakeholder>, Error> {
    let row = sqlx::query(&format!(
        "SELECT {STAKEHOLDER_COLUMNS} FROM stakeholders WHERE id = $1"
    ))
    .bind(id.0)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(rows::stakeholder).transpose()
}

pub async fn by_id(pool: &PgPool, ids: &[StakeholderId]) -> Result<Vec<Stakeholder>, Error> {
    let ids: Vec<i64> = ids.iter().map(|id| id.0).collect();
    let found = sqlx::query(&format!(
        "SELECT {STAKEHOLDER_COLUMNS} FROM stakeholders WHERE id = ANY($1)"
    ))
    .bind(ids)
    .fetch_all(pool)
    .await?;
    found.iter().map(rows::stakeholder).collect()
}

/// The list query, separate so a test can ask PostgreSQL how it would run it.
pub fn list_query(
    filter: &StakeholderFilter,
    page: PageRequest,
) -> QueryBuilder<'static, Postgres> {
    let mut query: QueryBuilder<Postgres> = QueryBuilder::new(format!(
        "SELECT {STAKEHOLDER_COLUMNS} FROM stakeholders WHERE TRUE"
    ));
    rows::push_areas(&mut query, "region", &filter.areas);
    if let Some(helix) = filter.helix {
        query.push(" AND helix = ").push_bind(helix.slug());
    }
    if let Some(subsector) = filter.subsector {
        rows::push_has_bit(
            &mut query,
            "subsectors",
            u64::from(SubsectorSet::of(subsector).bits()),
        );
    }
    if let Some(resource) = filter.resource {
        rows::push_has_bit(
            &mut query,
            "offers",
            u64::from(ResourceSet::of(resource).bits()),
        );
    }
    if let Some(verified) = filter.verified {
        query.push(" AND verified = ").push_bind(verified);
    }
    if let Some(text) = filter.text.as_deref() {
        let pattern = rows::like_pattern(text);
        query
            .push(" AND (name ILIKE ")
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\' OR description ILIKE ");
        query.push_bind(pattern).push(" ESCAPE '\\')");
    }
    if let Some(before) = page.before {
        query.push(" AND id < ").push_bind(before);
    }
    query
        .push(" ORDER BY id DESC LIMIT ")
        .push_bind(i64::from(page.limit));
    query
}

pub async fn list(
    pool: &PgPool,
    filter: &StakeholderFilter,
    page: PageRequest,
) -> Result<Vec<Stakeholder>, Error> {
    list_query(filter, page)
        .build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(rows::stakeholder)
        .collect()
}

/// The initiatives this stakeholder's accepted pledges count towards, in id order (the order
/// they are locked in). Read after the stakeholder's row is locked: pledge changes in flight have
/// then committed, and new ones wait (see `pledges`).
async fn supported(
    tx: &mut sqlx::Transaction<'_, Postgres>,
    id: StakeholderId,
) -> Result<Vec<i64>, Error> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT initiative_id FROM pledges WHERE stakeholder_id = $1 AND status = 'accepted' \
         ORDER BY initiative_id",
    )
    .bind(id.0)
    .fetch_all(&mut **tx)
    .await?)
}

pub async fn update(
    pool: &PgPool,
    id: StakeholderId,
    input: &StakeholderInput,
    now: DateTime<Utc>,
) -> Result<Option<Stakeholder>, Error> {
    let mut tx = pool.begin().await?;
    let row = sqlx::query(&format!(
        "UPDATE stakeholders SET name = $1, helix = $2, region = $3, subsectors = $4, offers = $5, description = $6, \
         website = $7, contact_person = $8, contact_email = $9, contact_phone = $10, updated_at = $11 \
         WHERE id = $12 RETURNING {STAKEHOLDER_COLUMNS}"
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
    for initiative in supported(&mut tx, id).await? {
        recompute_coverage(&mut tx, initiative, now).await?;
    }
    tx.commit().await?;
    row.as_ref().map(rows::stakeholder).transpose()
}

pub async fn delete(pool: &PgPool, id: StakeholderId, now: DateTime<Utc>) -> Result<bool, Error> {
    let mut tx = pool.begin().await?;
    sqlx::query("SELECT id FROM stakeholders WHERE id = $1 FOR UPDATE")
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    let initiatives = supported(&mut tx, id).await?;
    let deleted = sqlx::query("DELETE FROM stakeholders WHERE id = $1")
        .bind(id.0)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        > 0;
    sqlx::query("DELETE FROM reports WHERE target_kind = 'stakeholder' AND target_id = $1")
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
    pool: &PgPool,
    id: StakeholderId,
    verified: bool,
    now: DateTime<Utc>,
) -> Result<Option<Stakeholder>, Error> {
    let row = sqlx::query(&format!(
        "UPDATE stakeholders SET verified = $1, updated_at = $2 WHERE id = $3 RETURNING {STAKEHOLDER_COLUMNS}"
    ))
    .bind(verified)
    .bind(now)
    .bind(id.0)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(rows::stakeholder).transpose()
}

pub async fn features(
    pool: &PgPool,
    areas: &[RegionCode],
) -> Result<Vec<StakeholderFeatures>, Error> {
    let mut query: QueryBuilder<Postgres> = QueryBuilder::new(
        "SELECT id, helix, region, subsectors, offers, verified FROM stakeholders WHERE TRUE",
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
