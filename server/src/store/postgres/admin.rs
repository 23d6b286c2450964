//! Reports, moderation data, flagship products, admin tokens and shared server keys.

use chrono::{DateTime, Utc};
use pentahelix_core::RegionCode;
use pentahelix_core::api::FlagshipProduct;
use sqlx::{PgPool, Postgres, QueryBuilder, Row};

use super::rows;
use crate::auth::TokenHash;
use crate::error::Error;
use crate::store::{AdminGrant, ReportEntry, ReportTarget};

pub async fn report(
    pool: &PgPool,
    target: ReportTarget,
    id: i64,
    reporter: &[u8],
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Option<u32>, Error> {
    let table = match target {
        ReportTarget::Initiative => "initiatives",
        ReportTarget::Stakeholder => "stakeholders",
    };
    let mut tx = pool.begin().await?;
    // Reports on one target queue on its row, so each counts the ones committed before it: two
    // reports arriving together through two processes both count, and the later sees both.
    let exists: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM {table} WHERE id = $1 FOR NO KEY UPDATE"
    ))
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    if exists.is_none() {
        return Ok(None);
    }
    // One open report per reporter and target: a repeat from the same address adds nothing.
    sqlx::query(
        "INSERT INTO reports (target_kind, target_id, reporter, reason, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(target.slug())
    .bind(id)
    .bind(reporter)
    .bind(reason)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM reports WHERE target_kind = $1 AND target_id = $2 AND NOT resolved",
    )
    .bind(target.slug())
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    if target == ReportTarget::Initiative {
        sqlx::query("UPDATE initiatives SET report_count = $1 WHERE id = $2")
            .bind(count)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Some(count as u32))
}

pub async fn open_reports(pool: &PgPool, areas: &[RegionCode]) -> Result<Vec<ReportEntry>, Error> {
    let mut query: QueryBuilder<Postgres> = QueryBuilder::new(
        "SELECT r.id, r.target_kind, r.target_id, r.reason, r.created_at FROM reports r \
         LEFT JOIN initiatives i ON r.target_kind = 'initiative' AND i.id = r.target_id \
         LEFT JOIN stakeholders s ON r.target_kind = 'stakeholder' AND s.id = r.target_id \
         WHERE NOT r.resolved",
    );
    rows::push_areas(&mut query, "COALESCE(i.region, s.region)", areas);
    query.push(" ORDER BY r.id");
    query
        .build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(|row| {
            let kind: String = row.try_get("target_kind")?;
            Ok(ReportEntry {
                id: row.try_get("id")?,
                target_kind: if kind == "initiative" {
                    ReportTarget::Initiative
                } else {
                    ReportTarget::Stakeholder
                },
                target_id: row.try_get("target_id")?,
                reason: row.try_get("reason")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect()
}

pub async fn resolve_reports(pool: &PgPool, target: ReportTarget, id: i64) -> Result<(), Error> {
    let table = match target {
        ReportTarget::Initiative => "initiatives",
        ReportTarget::Stakeholder => "stakeholders",
    };
    let mut tx = pool.begin().await?;
    // The target first, as `report` locks it: a report arriving meanwhile waits for the
    // resolution (a new report of the same person must know whether the old one is still open)
    // instead of the two waiting on each other.
    sqlx::query(&format!(
        "SELECT id FROM {table} WHERE id = $1 FOR NO KEY UPDATE"
    ))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE reports SET resolved = TRUE WHERE target_kind = $1 AND target_id = $2")
        .bind(target.slug())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if target == ReportTarget::Initiative {
        sqlx::query("UPDATE initiatives SET report_count = 0 WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn set_flagship(
    pool: &PgPool,
    region: RegionCode,
    product: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    match product {
        Some(product) => {
            sqlx::query(
                "INSERT INTO flagship_products (region, product, updated_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (region) DO UPDATE SET product = excluded.product, updated_at = excluded.updated_at",
            )
            .bind(i64::from(region.packed()))
            .bind(product)
            .bind(now)
            .execute(pool)
            .await?;
        }
        None => {
            sqlx::query("DELETE FROM flagship_products WHERE region = $1")
                .bind(i64::from(region.packed()))
                .execute(pool)
                .await?;
        }
    }
    Ok(())
}

pub async fn flagships(pool: &PgPool, area: RegionCode) -> Result<Vec<FlagshipProduct>, Error> {
    let mut query: QueryBuilder<Postgres> =
        QueryBuilder::new("SELECT region, product FROM flagship_products WHERE TRUE");
    rows::push_areas(&mut query, "region", &[area]);
    query.push(" ORDER BY region");
    query
        .build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(|row| {
            Ok(FlagshipProduct {
                region: rows::region(row, "region")?,
                product: row.try_get("product")?,
            })
        })
        .collect()
}

pub async fn create_token(
    pool: &PgPool,
    token: &TokenHash,
    label: &str,
    regions: &[RegionCode],
    expires_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<i64, Error> {
    let regions = regions
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let id = sqlx::query_scalar(
        "INSERT INTO admin_tokens (token_hash, label, regions, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(token.as_bytes())
    .bind(label)
    .bind(regions)
    .bind(now)
    .bind(expires_at)
    .fetch_one(pool)
    .await?;
    Ok(id)
}

pub async fn grant(pool: &PgPool, token: &TokenHash) -> Result<Option<AdminGrant>, Error> {
    let row = sqlx::query(
        "SELECT id, label, regions, expires_at FROM admin_tokens WHERE token_hash = $1",
    )
    .bind(token.as_bytes())
    .fetch_optional(pool)
    .await?;
    row.map(|row| {
        let regions: String = row.try_get("regions")?;
        Ok(AdminGrant {
            id: row.try_get("id")?,
            label: row.try_get("label")?,
            regions: regions
                .split(',')
                .map(|r| r.parse().map_err(rows::corrupt))
                .collect::<Result<_, Error>>()?,
            expires_at: row.try_get("expires_at")?,
        })
    })
    .transpose()
}

pub async fn server_key(
    pool: &PgPool,
    name: &str,
    candidate: &[u8],
    now: DateTime<Utc>,
) -> Result<Vec<u8>, Error> {
    // Two processes starting together both offer a key; the first insert wins and both read it.
    sqlx::query(
        "INSERT INTO server_keys (name, key, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(candidate)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(
        sqlx::query_scalar("SELECT key FROM server_keys WHERE name = $1")
            .bind(name)
            .fetch_one(pool)
            .await?,
    )
}
