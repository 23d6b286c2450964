//! Idempotency keys: a retried POST is answered from here instead of running twice.

use chrono::{DateTime, Utc};
use sqlx::{Row, SqlitePool};

use crate::error::Error;
use crate::store::IdempotencyClaim;

pub async fn claim(
    pool: &SqlitePool,
    key_hash: &[u8],
    scope: &str,
    request_hash: &[u8],
    since: DateTime<Utc>,
    stale_before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<IdempotencyClaim, Error> {
    let mut tx = pool.begin().await?;
    let existing = sqlx::query("SELECT request_hash, status, body, created_at FROM idempotency_keys WHERE key_hash = ? AND scope = ?")
        .bind(key_hash)
        .bind(scope)
        .fetch_optional(&mut *tx)
        .await?;
    if let Some(row) = existing {
        let created_at: DateTime<Utc> = row.try_get("created_at")?;
        let status: i64 = row.try_get("status")?;
        let abandoned = status == 0 && created_at < stale_before;
        if created_at >= since && !abandoned {
            let stored_hash: Vec<u8> = row.try_get("request_hash")?;
            return Ok(if stored_hash != request_hash {
                IdempotencyClaim::Mismatch
            } else if status == 0 {
                IdempotencyClaim::InProgress
            } else {
                IdempotencyClaim::Replay {
                    status: status as u16,
                    body: row.try_get("body")?,
                }
            });
        }
        sqlx::query("DELETE FROM idempotency_keys WHERE key_hash = ? AND scope = ?")
            .bind(key_hash)
            .bind(scope)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("INSERT INTO idempotency_keys (key_hash, scope, request_hash, status, body, created_at) VALUES (?, ?, ?, 0, x'', ?)")
        .bind(key_hash)
        .bind(scope)
        .bind(request_hash)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(IdempotencyClaim::Claimed)
}

pub async fn complete(
    pool: &SqlitePool,
    key_hash: &[u8],
    scope: &str,
    status: u16,
    body: &[u8],
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE idempotency_keys SET status = ?, body = ? WHERE key_hash = ? AND scope = ?",
    )
    .bind(i64::from(status))
    .bind(body)
    .bind(key_hash)
    .bind(scope)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn release(pool: &SqlitePool, key_hash: &[u8], scope: &str) -> Result<(), Error> {
    sqlx::query("DELETE FROM idempotency_keys WHERE key_hash = ? AND scope = ? AND status = 0")
        .bind(key_hash)
        .bind(scope)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn purge(pool: &SqlitePool, before: DateTime<Utc>) -> Result<u64, Error> {
    Ok(
        sqlx::query("DELETE FROM idempotency_keys WHERE created_at < ?")
            .bind(before)
            .execute(pool)
            .await?
            .rows_affected(),
    )
}
