use chrono::{DateTime, Utc};
use pentahelix_core::api::{Initiative, InitiativeId, InitiativeInput, InitiativeStatus};
use pentahelix_core::matching::InitiativeFeatures;
use pentahelix_core::{HelixSet, RegionCode, ResourceSet, SubsectorSet};
use sqlx::{PgPool, Postgres, QueryBuilder, Row};

use super::pledges::recompute_coverage;
use super::rows::{self, INITIATIVE_COLUMNS};
use crate::auth::TokenHash;
use crate::error::Error;
use crate::store::{InitiativeFilter, PageRequest, StatsInitiative, StatsRows};

fn needs_json(input: &InitiativeInput) -> Result<String, Error> {
    serde_json::to_string(&input.needs)
        .map_err(|e| Error::Internal(format!("needs do not serialise: {e}")))
}

pub async fn create(
    pool: &PgPool,
    input: &InitiativeInput,
    status: InitiativeStatus,
    token: &TokenHash,
    now: DateTime<Utc>,
) -> Result<Initiative, Error> {
    let row = sqlx::query(&format!(
        "INSERT INTO initiatives (title, description, region, subsectors, needs, needed, starts_on, ends_on, place, \
         status, contact_person, contact_email, contact_phone, token_hash, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING {INITIATIVE_COLUMNS}"
    ))
    .bind(&input.title)
    .bind(&input.description)
    .bind(i64::from(input.region.packed()))
    .bind(i64::from(input.subsectors.bits()))
    .bind(needs_json(input)?)
    .bind(i64::from(input.needed_resources().bits()))
    .bind(input.starts_on)
    .bind(input.ends_on)
    .bind(&input.place)
    .bind(status.slug())
    .bind(&input.contact.person)
    .bind(&input.contact.email)
    .bind(&input.contact.phone)
    .bind(token.as_bytes())
    .bind(now)
    .fetch_one(pool)
    .await?;
    rows::initiative(&row)
}

pub async fn get(pool: &PgPool, id: InitiativeId) -> Result<Option<Initiative>, Error> {
    let row = sqlx::query(&format!(
        "SELECT {INITIATIVE_COLUMNS} FROM initiatives WHERE id = $1"
    ))
    .bind(id.0)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(rows::initiative).transpose()
}

/// The list query, separate so a test can ask PostgreSQL how it would run it.
pub fn list_query(filter: &InitiativeFilter, page: PageRequest) -> QueryBuilder<'static, Postgres> {
    // The page is chosen first and the pledge counts (a subquery per row) computed for its rows
    // only: PostgreSQL evaluates the select list before a sort, so counting in the outer query
    // saves a subquery for every row of the city (found by `cargo xtask bench`).
    let mut query: QueryBuilder<Postgres> = QueryBuilder::new(format!(
        "SELECT {INITIATIVE_COLUMNS} FROM (SELECT * FROM initiatives WHERE TRUE"
    ));
    rows::push_areas(&mut query, "region", &filter.areas);
    let statuses: Vec<InitiativeStatus> = if filter.statuses.is_empty() {
        vec![
            InitiativeStatus::Open,
            InitiativeStatus::Active,
            InitiativeStatus::Completed,
        ]
    } else {
        filter.statuses.clone()
    };
    query.push(" AND status IN (");
    let mut separated = query.separated(", ");
    for status in statuses {
        separated.push_bind(status.slug());
    }
    query.push(")");
    if let Some(helix) = filter.missing_helix {
        rows::push_has_bit(
            &mut query,
            "31 & ~coverage",
            u64::from(HelixSet::of(helix).bits()),
        );
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
            "needed",
            u64::from(ResourceSet::of(resource).bits()),
        );
    }
    if let Some(from) = filter.from {
        query
            .push(" AND COALESCE(ends_on, starts_on) >= ")
            .push_bind(from);
    }
    if let Some(to) = filter.to {
        query.push(" AND starts_on <= ").push_bind(to);
    }
    if let Some(tsquery) = filter.text.as_deref().and_then(rows::ts_query) {
        query
            .push(" AND search @@ to_tsquery('simple', ")
            .push_bind(tsquery)
            .push(")");
    }
    if let Some(before) = page.before {
        query.push(" AND id < ").push_bind(before);
    }
    query
        .push(" ORDER BY id DESC LIMIT ")
        .push_bind(i64::from(page.limit));
    query.push(") AS initiatives ORDER BY id DESC");
    query
}

pub async fn list(
    pool: &PgPool,
    filter: &InitiativeFilter,
    page: PageRequest,
) -> Result<Vec<Initiative>, Error> {
    list_query(filter, page)
        .build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(rows::initiative)
        .collect()
}

pub async fn update(
    pool: &PgPool,
    id: InitiativeId,
    input: &InitiativeInput,
    now: DateTime<Utc>,
) -> Result<Option<Initiative>, Error> {
    let mut tx = pool.begin().await?;
    let updated = sqlx::query(
        "UPDATE initiatives SET title = $1, description = $2, region = $3, subsectors = $4, needs = $5, needed = $6, \
         starts_on = $7, ends_on = $8, place = $9, contact_person = $10, contact_email = $11, contact_phone = $12, \
         updated_at = $13 WHERE id = $14",
    )
    .bind(&input.title)
    .bind(&input.description)
    .bind(i64::from(input.region.packed()))
    .bind(i64::from(input.subsectors.bits()))
    .bind(needs_json(input)?)
    .bind(i64::from(input.needed_resources().bits()))
    .bind(input.starts_on)
    .bind(input.ends_on)
    .bind(&input.place)
    .bind(&input.contact.person)
    .bind(&input.contact.email)
    .bind(&input.contact.phone)
    .bind(now)
    .bind(id.0)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        > 0;
    if updated {
        recompute_coverage(&mut tx, id.0, now).await?;
    }
    tx.commit().await?;
    if updated {
        get(pool, id).await
    } else {
        Ok(None)
    }
}

pub async fn set_status(
    pool: &PgPool,
    id: InitiativeId,
    from: InitiativeStatus,
    to: InitiativeStatus,
    now: DateTime<Utc>,
) -> Result<Option<Initiative>, Error> {
    // The expected status is part of the WHERE clause, which PostgreSQL re-checks on the newest
    // row version after waiting for a concurrent change: of two changes, one applies and the
    // other finds nothing to change, whichever process they come through.
    let row = sqlx::query(&format!(
        "UPDATE initiatives SET status = $1, updated_at = $2, \
         status_before_hidden = CASE WHEN $1 = 'hidden' THEN status ELSE status_before_hidden END \
         WHERE id = $3 AND status = $4 RETURNING {INITIATIVE_COLUMNS}"
    ))
    .bind(to.slug())
    .bind(now)
    .bind(id.0)
    .bind(from.slug())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(rows::initiative).transpose()
}

pub async fn restore(
    pool: &PgPool,
    id: InitiativeId,
    now: DateTime<Utc>,
) -> Result<Option<Initiative>, Error> {
    let row = sqlx::query(&format!(
        "UPDATE initiatives SET updated_at = $1, status_before_hidden = NULL, \
         status = CASE status WHEN 'hidden' THEN COALESCE(status_before_hidden, 'open') ELSE 'open' END \
         WHERE id = $2 AND status IN ('hidden', 'proposed') RETURNING {INITIATIVE_COLUMNS}"
    ))
    .bind(now)
    .bind(id.0)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(rows::initiative).transpose()
}

pub async fn delete(pool: &PgPool, id: InitiativeId) -> Result<bool, Error> {
    let mut tx = pool.begin().await?;
    // Its pledges first, as every transaction locks them before initiatives (see `pledges`):
    // deleting the initiative alone would lock it and then, by the cascade, its pledges.
    sqlx::query("SELECT id FROM pledges WHERE initiative_id = $1 ORDER BY id FOR UPDATE")
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    let deleted = sqlx::query("DELETE FROM initiatives WHERE id = $1")
        .bind(id.0)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        > 0;
    sqlx::query("DELETE FROM reports WHERE target_kind = 'initiative' AND target_id = $1")
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(deleted)
}

pub async fn features(
    pool: &PgPool,
    areas: &[RegionCode],
) -> Result<Vec<InitiativeFeatures>, Error> {
    let mut query: QueryBuilder<Postgres> = QueryBuilder::new(
        "SELECT id, region, subsectors, needs, needed, fulfilled, coverage FROM initiatives WHERE status IN ('open', 'active')",
    );
    rows::push_areas(&mut query, "region", areas);
    query
        .build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(|row| {
            let needs_json: String = row.try_get("needs")?;
            let needs: Vec<pentahelix_core::api::NeedInput> = serde_json::from_str(&needs_json)
                .map_err(|e| rows::corrupt(format!("needs: {e}")))?;
            let fulfilled = ResourceSet::from_bits(rows::bits(row, "fulfilled")? as u16);
            Ok(InitiativeFeatures {
                id: row.try_get("id")?,
                region: rows::region(row, "region")?,
                subsectors: SubsectorSet::from_bits(rows::bits(row, "subsectors")? as u32),
                needs: ResourceSet::from_bits(rows::bits(row, "needed")? as u16)
                    .difference(fulfilled),
                covered: HelixSet::from_bits(rows::bits(row, "coverage")? as u16),
                asked: needs
                    .iter()
                    .filter(|n| !fulfilled.contains(n.resource))
                    .filter_map(|n| n.helix)
                    .collect(),
            })
        })
        .collect()
}

pub async fn stats_rows(pool: &PgPool, area: RegionCode) -> Result<StatsRows, Error> {
    let mut query: QueryBuilder<Postgres> = QueryBuilder::new(
        "SELECT id, title, region, subsectors, coverage, status, starts_on, ends_on FROM initiatives \
         WHERE status IN ('open', 'active', 'completed')",
    );
    rows::push_areas(&mut query, "region", &[area]);
    let initiatives = query
        .build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(|row| {
            let status: String = row.try_get("status")?;
            Ok(StatsInitiative {
                id: InitiativeId(row.try_get("id")?),
                title: row.try_get("title")?,
                region: rows::region(row, "region")?,
                subsectors: SubsectorSet::from_bits(rows::bits(row, "subsectors")? as u32),
                coverage: HelixSet::from_bits(rows::bits(row, "coverage")? as u16),
                status: InitiativeStatus::from_slug(&status)
                    .ok_or_else(|| rows::corrupt(format!("status {status}")))?,
                starts_on: row.try_get("starts_on")?,
                ends_on: row.try_get("ends_on")?,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;

    let mut query: QueryBuilder<Postgres> =
        QueryBuilder::new("SELECT COUNT(*) FROM stakeholders WHERE TRUE");
    rows::push_areas(&mut query, "region", &[area]);
    let stakeholders: i64 = query.build_query_scalar().fetch_one(pool).await?;

    let mut query: QueryBuilder<Postgres> = QueryBuilder::new(
        "SELECT s.helix FROM pledges p JOIN initiatives i ON i.id = p.initiative_id \
         JOIN stakeholders s ON s.id = p.stakeholder_id \
         WHERE p.status = 'accepted' AND i.status IN ('open', 'active', 'completed')",
    );
    rows::push_areas(&mut query, "i.region", &[area]);
    let accepted_pledge_helices = query
        .build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(|row| rows::slug(row, "helix"))
        .collect::<Result<_, Error>>()?;
    Ok(StatsRows {
        initiatives,
        stakeholders: stakeholders as u32,
        accepted_pledge_helices,
    })
}
