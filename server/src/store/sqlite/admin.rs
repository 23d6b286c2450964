//! Reports, moderation data, flagship products, admin tokens and shared server keys.

use chrono::{DateTime, Utc};
use pentahelix_core::RegionCode;
use pentahelix_core::api::FlagshipProduct;
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};

use super::rows;
use crate::auth::TokenHash;
use crate::error::Error;
use crate::store::{AdminGrant, ReportEntry, ReportTarget};

pub async fn report(
    pool: &SqlitePool,
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
    let exists: Option<i64> = sqlx::query_scalar(&format!("SELECT id FROM {table} WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Ok(None);
    }
    // One open report per reporter and target: a repeat from the same address adds nothing.
    sqlx::query(
        "INSERT OR IGNORE INTO reports (target_kind, target_id, reporter, reason, created_at) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(target.slug())
    .bind(id)
    .bind(reporter)
    .bind(reason)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM reports WHERE target_kind = ? AND target_id = ? AND resolved = 0",
    )
    .bind(target.slug())
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    if target == ReportTarget::Initiative {
        sqlx::query("UPDATE initiatives SET report_count = ? WHERE id = ?")
            .bind(count)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Some(count as u32))
}

pub async fn open_reports(
    pool: &SqlitePool,
    areas: &[RegionCode],
) -> Result<Vec<ReportEntry>, Error> {
    let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
        "SELECT r.id, r.target_kind, r.target_id, r.reason, r.created_at FROM reports r \
         LEFT JOIN initiatives i ON r.target_kind = 'initiative' AND i.id = r.target_id \
         LEFT JOIN stakeholders s ON r.target_kind = 'stakeholder' AND s.id = r.target_id \
         WHERE r.resolved = 0",
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

pub async fn resolve_reports(
    pool: &SqlitePool,
    target: ReportTarget,
    id: i64,
) -> Result<(), Error> {
    let mut tx = pool.begin().await?;
    sqlx::query("UPDATE reports SET resolved = 1 WHERE target_kind = ? AND target_id = ?")
        .bind(target.slug())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if target == ReportTarget::Initiative {
        sqlx::query("UPDATE initiatives SET report_count = 0 WHERE id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn set_flagship(
    pool: &SqlitePool,
    region: RegionCode,
    product: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    match product {
        Some(product) => {
            sqlx::query(
                "INSERT INTO flagship_products (region, product, updated_at) VALUES (?, ?, ?) \
                 ON CONFLICT (region) DO UPDATE SET product = excluded.product, updated_at = excluded.updated_at",
            )
            .bind(i64::from(region.packed()))
            .bind(product)
            .bind(now)
            .execute(pool)
            .await?;
        }
        None => {
            sqlx::query("DELETE FROM flagship_products WHERE region = ?")
                .bind(i64::from(region.packed()))
                .execute(pool)
                .await?;
        }
    }
    Ok(())
}

pub async fn flagships(pool: &SqlitePool, area: RegionCode) -> Result<Vec<FlagshipProduct>, Error> {
    let mut query: QueryBuilder<Sqlite> =
        QueryBuilder::new("SELECT region, product FROM flagship_products WHERE 1 = 1");
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
    pool: &SqlitePool,
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
    let id = sqlx::query_scalar("INSERT INTO admin_tokens (token_hash, label, regions, created_at, expires_at) VALUES (?, ?, ?, ?, ?) RETURNING id")
        .bind(token.as_bytes())
        .bind(label)
        .bind(regions)
        .bind(now)
        .bind(expires_at)
        .fetch_one(pool)
        .await?;
    Ok(id)
}

pub async fn grant(pool: &SqlitePool, token: &TokenHash) -> Result<Option<AdminGrant>, Error> {
    let row =
        sqlx::query("SELECT id, label, regions, expires_at FROM admin_tokens WHERE token_hash = ?")
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
    pool: &SqlitePool,
    name: &str,
    candidate: &[u8],
    now: DateTime<Utc>,
) -> Result<Vec<u8>, Error> {
    sqlx::query(
        "INSERT INTO server_keys (name, key, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(candidate)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(
        sqlx::query_scalar("SELECT key FROM server_keys WHERE name = ?")
            .bind(name)
            .fetch_one(pool)
            .await?,
    )
}
