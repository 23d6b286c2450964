use chrono::{DateTime, Utc};
use pentahelix_core::api::{Initiative, InitiativeId, InitiativeInput, InitiativeStatus};
use pentahelix_core::matching::InitiativeFeatures;
use pentahelix_core::{HelixSet, RegionCode, ResourceSet, SubsectorSet};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};

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
    pool: &SqlitePool,
    input: &InitiativeInput,
    status: InitiativeStatus,
    token: &TokenHash,
    now: DateTime<Utc>,
) -> Result<Initiative, Error> {
    let row = sqlx::query(&format!(
        "INSERT INTO initiatives (title, description, region, subsectors, needs, needed, starts_on, ends_on, place, \
         status, contact_person, contact_email, contact_phone, token_hash, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING {INITIATIVE_COLUMNS}"
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
    .bind(now)
    .fetch_one(pool)
    .await?;
    rows::initiative(&row)
}

pub async fn get(pool: &SqlitePool, id: InitiativeId) -> Result<Option<Initiative>, Error> {
    let row = sqlx::query(&format!(
        "SELECT {INITIATIVE_COLUMNS} FROM initiatives WHERE id = ?"
    ))
    .bind(id.0)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(rows::initiative).transpose()
}

pub async fn list(
    pool: &SqlitePool,
    filter: &InitiativeFilter,
    page: PageRequest,
) -> Result<Vec<Initiative>, Error> {
    let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(format!(
        "SELECT {INITIATIVE_COLUMNS} FROM initiatives WHERE 1 = 1"
    ));
    rows::push_areas_newest_first(&mut query, "region", &filter.areas);
    let statuses: Vec<InitiativeStatus> = if filter.statuses.is_empty() {
        vec![
            InitiativeStatus::Open,
            InitiativeStatus::Active,
            InitiativeStatus::Completed,
        ]
    } else {
        filter.statuses.clone()
    };
    // Not an index term (`+`): see `push_areas_newest_first`.
    query.push(" AND +status IN (");
    let mut separated = query.separated(", ");
    for status in statuses {
        separated.push_bind(status.slug());
    }
    query.push(")");
    if let Some(helix) = filter.missing_helix {
        query
            .push(" AND (coverage & ")
            .push_bind(i64::from(HelixSet::of(helix).bits()))
            .push(") = 0");
    }
    if let Some(subsector) = filter.subsector {
        query
            .push(" AND (subsectors & ")
            .push_bind(i64::from(SubsectorSet::of(subsector).bits()))
            .push(") != 0");
    }
    if let Some(resource) = filter.resource {
        query
            .push(" AND (needed & ")
            .push_bind(i64::from(ResourceSet::of(resource).bits()))
            .push(") != 0");
    }
    if let Some(from) = filter.from {
        query
            .push(" AND COALESCE(ends_on, starts_on) >= ")
            .push_bind(from);
    }
    if let Some(to) = filter.to {
        query.push(" AND starts_on <= ").push_bind(to);
    }
    if let Some(fts) = filter.text.as_deref().and_then(rows::fts_query) {
        query
            .push(" AND id IN (SELECT rowid FROM initiatives_fts WHERE initiatives_fts MATCH ")
            .push_bind(fts)
            .push(")");
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
        .map(rows::initiative)
        .collect()
}

pub async fn update(
    pool: &SqlitePool,
    id: InitiativeId,
    input: &InitiativeInput,
    now: DateTime<Utc>,
) -> Result<Option<Initiative>, Error> {
    let mut tx = pool.begin().await?;
    let updated = sqlx::query(
        "UPDATE initiatives SET title = ?, description = ?, region = ?, subsectors = ?, needs = ?, needed = ?, \
         starts_on = ?, ends_on = ?, place = ?, contact_person = ?, contact_email = ?, contact_phone = ?, updated_at = ? \
         WHERE id = ?",
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
    pool: &SqlitePool,
    id: InitiativeId,
    from: InitiativeStatus,
    to: InitiativeStatus,
    now: DateTime<Utc>,
) -> Result<Option<Initiative>, Error> {
    // The expected status is part of the WHERE clause: of two concurrent changes, one applies and
    // the other finds nothing to change.
    let row = sqlx::query(&format!(
        "UPDATE initiatives SET status = ?1, updated_at = ?2, \
         status_before_hidden = CASE WHEN ?1 = 'hidden' THEN status ELSE status_before_hidden END \
         WHERE id = ?3 AND status = ?4 RETURNING {INITIATIVE_COLUMNS}"
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
    pool: &SqlitePool,
    id: InitiativeId,
    now: DateTime<Utc>,
) -> Result<Option<Initiative>, Error> {
    let row = sqlx::query(&format!(
        "UPDATE initiatives SET updated_at = ?1, status_before_hidden = NULL, \
         status = CASE status WHEN 'hidden' THEN COALESCE(status_before_hidden, 'open') ELSE 'open' END \
         WHERE id = ?2 AND status IN ('hidden', 'proposed') RETURNING {INITIATIVE_COLUMNS}"
    ))
    .bind(now)
    .bind(id.0)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(rows::initiative).transpose()
}

pub async fn delete(pool: &SqlitePool, id: InitiativeId) -> Result<bool, Error> {
    let mut tx = pool.begin().await?;
    let deleted = sqlx::query("DELETE FROM initiatives WHERE id = ?")
        .bind(id.0)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        > 0;
    sqlx::query("DELETE FROM reports WHERE target_kind = 'initiative' AND target_id = ?")
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(deleted)
}

pub async fn features(
    pool: &SqlitePool,
    areas: &[RegionCode],
) -> Result<Vec<InitiativeFeatures>, Error> {
    let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
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

pub async fn stats_rows(pool: &SqlitePool, area: RegionCode) -> Result<StatsRows, Error> {
    let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
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

    let mut query: QueryBuilder<Sqlite> =
        QueryBuilder::new("SELECT COUNT(*) FROM stakeholders WHERE 1 = 1");
    rows::push_areas(&mut query, "region", &[area]);
    let stakeholders: i64 = query.build_query_scalar().fetch_one(pool).await?;

    let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
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
