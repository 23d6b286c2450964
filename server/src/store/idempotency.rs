//! Idempotency keys: a retried POST is answered from here instead of running twice, whichever
//! process the retry reaches.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::Transaction;

use super::sql::{Columns, Db, Sql, SqlStore};
use crate::error::Error;

/// What claiming an Idempotency-Key found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdempotencyClaim {
    /// First use: run the request, then complete or release the claim.
    Claimed,
    /// Same key and same request, already answered: replay this.
    Replay { status: u16, body: Vec<u8> },
    /// Same key and same request, still running elsewhere.
    InProgress,
    /// Same key used for a different request body.
    Mismatch,
}

#[async_trait]
pub trait IdempotencyStore: Send + Sync {
    /// Claims an Idempotency-Key for a request before it runs, so that two copies of a request
    /// racing each other cannot both run: the loser sees `InProgress` or, once the winner is done,
    /// its response. Keys older than `since` have expired; an unfinished claim older than
    /// `stale_before` was abandoned and is taken over.
    async fn claim_idempotency_key(
        &self,
        key_hash: &[u8],
        scope: &str,
        request_hash: &[u8],
        since: DateTime<Utc>,
        stale_before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<IdempotencyClaim, Error>;
    /// Stores the response of a claimed key (status 0 in the claim row until then), with the
    /// records it carries (see [`forget_replays`]).
    async fn complete_idempotency_key(
        &self,
        key_hash: &[u8],
        scope: &str,
        status: u16,
        body: &[u8],
        holds: &str,
    ) -> Result<(), Error>;
    /// Releases a claim whose request failed before changing anything, so a retry can run.
    async fn release_idempotency_key(&self, key_hash: &[u8], scope: &str) -> Result<(), Error>;
    async fn purge_idempotency(&self, before: DateTime<Utc>) -> Result<u64, Error>;
}

/// Forgets the stored responses that carry `record` (`initiative:42`, `stakeholder:7`,
/// `pledge:3`): a deleted record's personal data is never replayed, nor an ended pledge's
/// counterpart contact. Run in the transaction that deletes or ends it.
pub async fn forget_replays<DB: Db>(
    tx: &mut Transaction<'_, DB>,
    record: &str,
) -> Result<(), Error> {
    Sql::new("DELETE FROM idempotency_keys WHERE holds LIKE $1")
        .arg(format!("% {record} %"))
        .execute(tx)
        .await?;
    Ok(())
}

/// How often a claim retries when the row it found vanished before it could lock it (released by
/// a failed request in another process). Each retry needs such a release to race it again.
const ATTEMPTS: usize = 5;

#[async_trait]
impl<DB: Db> IdempotencyStore for SqlStore<DB> {
    async fn claim_idempotency_key(
        &self,
        key_hash: &[u8],
        scope: &str,
        request_hash: &[u8],
        since: DateTime<Utc>,
        stale_before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<IdempotencyClaim, Error> {
        for _ in 0..ATTEMPTS {
            let mut tx = self.write.begin().await?;
            // The primary key decides between copies racing through different processes: exactly
            // one insert succeeds, the others wait for it to commit and then see its row.
            let inserted = Sql::new(
                "INSERT INTO idempotency_keys (key_hash, scope, request_hash, status, body, created_at) \
                 VALUES ($1, $2, $3, 0, $4, $5) ON CONFLICT (key_hash, scope) DO NOTHING",
            )
            .arg(key_hash)
            .arg(scope)
            .arg(request_hash)
            .arg(Vec::new())
            .arg(now)
            .execute(&mut tx)
            .await?
                > 0;
            if inserted {
                tx.commit().await?;
                return Ok(IdempotencyClaim::Claimed);
            }
            // Locked, so of two requests taking over an expired or abandoned claim only one
            // does; the other then sees the fresh claim.
            let Some(row) = Sql::new(format!(
                "SELECT request_hash, status, body, created_at FROM idempotency_keys \
                 WHERE key_hash = $1 AND scope = $2{}",
                DB::FOR_UPDATE
            ))
            .arg(key_hash)
            .arg(scope)
            .fetch_optional(&mut tx)
            .await?
            else {
                continue;
            };
            let created_at = row.time("created_at")?;
            let status = row.int("status")?;
            let abandoned = status == 0 && created_at < stale_before;
            if created_at >= since && !abandoned {
                let stored_hash = row.bytes("request_hash")?;
                return Ok(if stored_hash != request_hash {
                    IdempotencyClaim::Mismatch
                } else if status == 0 {
                    IdempotencyClaim::InProgress
                } else {
                    IdempotencyClaim::Replay {
                        status: status as u16,
                        body: row.bytes("body")?,
                    }
                });
            }
            Sql::new(
                "UPDATE idempotency_keys SET request_hash = $3, status = 0, body = $4, created_at = $5 \
                 WHERE key_hash = $1 AND scope = $2",
            )
            .arg(key_hash)
            .arg(scope)
            .arg(request_hash)
            .arg(Vec::new())
            .arg(now)
            .execute(&mut tx)
            .await?;
            tx.commit().await?;
            return Ok(IdempotencyClaim::Claimed);
        }
        Err(Error::IdempotencyInProgress)
    }

    async fn complete_idempotency_key(
        &self,
        key_hash: &[u8],
        scope: &str,
        status: u16,
        body: &[u8],
        holds: &str,
    ) -> Result<(), Error> {
        Sql::new(
            "UPDATE idempotency_keys SET status = $1, body = $2, holds = $5 WHERE key_hash = $3 AND scope = $4",
        )
        .arg(i64::from(status))
        .arg(body)
        .arg(key_hash)
        .arg(scope)
        .arg(holds)
        .execute(&self.write)
        .await?;
        Ok(())
    }

    async fn release_idempotency_key(&self, key_hash: &[u8], scope: &str) -> Result<(), Error> {
        Sql::new("DELETE FROM idempotency_keys WHERE key_hash = $1 AND scope = $2 AND status = 0")
            .arg(key_hash)
            .arg(scope)
            .execute(&self.write)
            .await?;
        Ok(())
    }

    async fn purge_idempotency(&self, before: DateTime<Utc>) -> Result<u64, Error> {
        Sql::new("DELETE FROM idempotency_keys WHERE created_at < $1")
            .arg(before)
            .execute(&self.write)
            .await
    }
}
