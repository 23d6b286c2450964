//! Idempotency keys: a retried POST is answered from here instead of running twice, whichever
//! process the retry reaches.

use chrono::{DateTime, Utc};
use sqlx::{PgPool, Row};

use crate::error::Error;
use crate::store::IdempotencyClaim;

/// How often a claim retries when the row it found vanished before it could lock it (released by
/// a failed request in another process). Each retry needs such a release to race it again.
const ATTEMPTS: usize = 5;

pub async fn claim(
    pool: &PgPool,
    key_hash: &[u8],
    scope: &str,
    request_hash: &[u8],
    since: DateTime<Utc>,
    stale_before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<IdempotencyClaim, Error> {
    for _ in 0..ATTEMPTS {
        let mut tx = pool.begin().await?;
        // The primary key decides between copies racing through different processes: exactly
        // one insert succeeds, the others wait for it to commit and then see its row.
        let inserted = sqlx::query(
            "INSERT INTO idempotency_keys (key_hash, scope, request_hash, status, body, created_at) \
             VALUES ($1, $2, $3, 0, ''::BYTEA, $4) ON CONFLICT (key_hash, scope) DO NOTHING",
        )
        .bind(key_hash)
        .bind(scope)
        .bind(request_hash)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        if inserted {
            tx.commit().await?;
            return Ok(IdempotencyClaim::Claimed);
        }
        // Locked, so of two requests taking over an expired or abandoned claim only one does;
        // the other then sees the fresh claim.
        let Some(row) = sqlx::query(
            "SELECT request_hash, status, body, created_at FROM idempotency_keys \
             WHERE key_hash = $1 AND scope = $2 FOR UPDATE",
        )
        .bind(key_hash)
        .bind(scope)
        .fetch_optional(&mut *tx)
        .await?
        else {
            continue;
        };
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
        sqlx::query(
            "UPDATE idempotency_keys SET request_hash = $3, status = 0, body = ''::BYTEA, created_at = $4 \
             WHERE key_hash = $1 AND scope = $2",
        )
        .bind(key_hash)
        .bind(scope)
        .bind(request_hash)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        return Ok(IdempotencyClaim::Claimed);
    }
    Err(Error::IdempotencyInProgress)
}

pub async fn complete(
    pool: &PgPool,
    key_hash: &[u8],
    scope: &str,
    status: u16,
    body: &[u8],
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE idempotency_keys SET status = $1, body = $2 WHERE key_hash = $3 AND scope = $4",
    )
    .bind(i64::from(status))
    .bind(body)
    .bind(key_hash)
    .bind(scope)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn release(pool: &PgPool, key_hash: &[u8], scope: &str) -> Result<(), Error> {
    sqlx::query("DELETE FROM idempotency_keys WHERE key_hash = $1 AND scope = $2 AND status = 0")
        .bind(key_hash)
        .bind(scope)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn purge(pool: &PgPool, before: DateTime<Utc>) -> Result<u64, Error> {
    Ok(
        sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
            .bind(before)
            .execute(pool)
            .await?
            .rows_affected(),
    )
}
