//! The embedded SQLite store: one file, one process — a city's deployment.
//!
//! Durability: WAL with `synchronous = FULL`, so a write the API acknowledged survives a power
//! cut, not just a crash (NORMAL would risk the last transactions on power loss, and a citizen's
//! proposal is worth the extra fsync). Writes go through a one-connection pool: SQLite takes one
//! writer at a time anyway, and queueing in-process avoids `SQLITE_BUSY` on lock upgrades.
//! Reads use a separate pool and run concurrently with the writer, as WAL allows.

mod admin;
mod idempotency;
mod initiatives;
mod pledges;
mod ranking_sql;
mod rows;
mod stakeholders;

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use pentahelix_core::RegionCode;
use pentahelix_core::api::{
    FlagshipProduct, Initiative, InitiativeId, InitiativeInput, InitiativeStatus, Pledge, PledgeId,
    PledgeInput, PledgeStatus, Stakeholder, StakeholderId, StakeholderInput,
};
use pentahelix_core::matching::{InitiativeFeatures, StakeholderFeatures};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use super::{
    AdminGrant, IdempotencyClaim, InitiativeFilter, Owner, PageRequest, PledgeChange, ReportEntry,
    ReportTarget, StakeholderFilter, StatsRows, Store, Versions,
};
use crate::auth::TokenHash;
use crate::error::Error;

pub struct SqliteStore {
    read: SqlitePool,
    write: SqlitePool,
    /// Stopped when the store is dropped.
    checkpointer: Option<tokio::task::JoinHandle<()>>,
}

impl Drop for SqliteStore {
    fn drop(&mut self) {
        if let Some(task) = &self.checkpointer {
            task.abort();
        }
    }
}

/// How often the write-ahead log is copied into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(1);

/// SQLite's own automatic checkpoint never ran here: seeding 120,000 records left every page in
/// a 3.5 GB log and a 4 KiB database file, and reads slowed with the log (found by
/// `cargo xtask bench`). So the store checkpoints on its own, once a second, on the writer
/// connection. A passive checkpoint with nothing to copy costs microseconds, and one that meets
/// a long read copies what it can and finishes next time.
fn spawn_checkpointer(write: SqlitePool) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(CHECKPOINT_EVERY);
        loop {
            every.tick().await;
            if let Err(err) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&write)
                .await
            {
                tracing::warn!(%err, "checkpoint failed; retrying in a second");
            }
        }
    })
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `url` (`sqlite://data/pentahelix.db`, or
    /// `sqlite::memory:` for a throwaway store) and brings its schema up to date.
    pub async fn open(url: &str) -> Result<SqliteStore, Error> {
        let memory = url.contains(":memory:") || url.contains("mode=memory");
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| Error::Config(format!("--database-url `{url}`: {e}")))?
            .create_if_missing(true)
            .journal_mode(if memory {
                SqliteJournalMode::Memory
            } else {
                SqliteJournalMode::Wal
            })
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            // Deleted rows are overwritten, not just unlinked: deleting a record must remove its
            // personal data from the file (UU PDP), not leave it in free pages.
            .pragma("secure_delete", "on")
            .busy_timeout(Duration::from_secs(10));
        if let Some(parent) = options
            .get_filename()
            .parent()
            .filter(|p| !memory && !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent).map_err(|e| {
                Error::Config(format!(
                    "cannot create the folder {} for the database: {e}",
                    parent.display()
                ))
            })?;
        }
        // An in-memory database exists per connection, so it must be a single shared one.
        let (write, read) = if memory {
            let pool = SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
                .connect_with(options)
                .await?;
            (pool.clone(), pool)
        } else {
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(options.clone())
                .await?;
            let read = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options.read_only(true))
                .await?;
            (write, read)
        };
        sqlx::migrate!("./migrations/sqlite").run(&write).await?;
        let checkpointer = (!memory).then(|| spawn_checkpointer(write.clone()));
        Ok(SqliteStore {
            read,
            write,
            checkpointer,
        })
    }
}

impl SqliteStore {
    /// The benchmark's baseline: the partner ranking as one SQL query (see `ranking_sql`).
    pub async fn rank_stakeholders_in_sql(
        &self,
        initiative: &pentahelix_core::matching::InitiativeFeatures,
        areas: &[RegionCode],
        k: u32,
    ) -> Result<Vec<(u32, i64)>, Error> {
        ranking_sql::rank_stakeholders(&self.read, initiative, areas, k).await
    }

    /// `secure_delete` zeroes what a delete frees in the database file, but the write-ahead log
    /// still holds the pages as they were before. Copying the log in and truncating it right
    /// after a deletion is what makes the personal data leave the disk now (UU PDP), rather than
    /// whenever the log happens to be overwritten. The deletion itself is already committed, so
    /// a checkpoint that cannot finish (a long read in progress) is logged, not failed.
    async fn forget_old_pages(&self) {
        let checkpoint = sqlx::query_as::<_, (i64, i64, i64)>("PRAGMA wal_checkpoint(TRUNCATE)")
            .fetch_one(&self.write)
            .await;
        match checkpoint {
            Ok((0, _, _)) => {}
            Ok((busy, log, copied)) => {
                tracing::warn!(
                    busy,
                    log,
                    copied,
                    "the log still holds deleted pages; the next checkpoint removes them"
                )
            }
            Err(err) => tracing::warn!(%err, "checkpoint after a deletion failed"),
        }
    }

    /// The read-only pool, for `migrate-data`'s copy.
    pub fn reader(&self) -> &SqlitePool {
        &self.read
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn ping(&self) -> Result<(), Error> {
        sqlx::query("SELECT 1").execute(&self.read).await?;
        Ok(())
    }

    async fn versions(&self) -> Result<Versions, Error> {
        let rows: Vec<(String, i64)> = sqlx::query_as("SELECT name, version FROM change_counters")
            .fetch_all(&self.read)
            .await?;
        let version = |table: &str| {
            rows.iter()
                .find(|(name, _)| name == table)
                .map_or(0, |(_, version)| *version)
        };
        Ok(Versions {
            stakeholders: version("stakeholders"),
            initiatives: version("initiatives"),
        })
    }

    async fn owner_of_token(&self, token: &TokenHash) -> Result<Option<Owner>, Error> {
        rows::owner_of_token(&self.read, token).await
    }
    async fn has_accepted_pledge(
        &self,
        initiative: InitiativeId,
        stakeholder: StakeholderId,
    ) -> Result<bool, Error> {
        pledges::accepted_between(&self.read, initiative, stakeholder).await
    }
    async fn stats_rows(&self, area: RegionCode) -> Result<StatsRows, Error> {
        initiatives::stats_rows(&self.read, area).await
    }

    async fn create_stakeholder(
        &self,
        input: &StakeholderInput,
        token: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Stakeholder, Error> {
        stakeholders::create(&self.write, input, token, now).await
    }
    async fn stakeholder(&self, id: StakeholderId) -> Result<Option<Stakeholder>, Error> {
        stakeholders::get(&self.read, id).await
    }
    async fn stakeholders_by_id(&self, ids: &[StakeholderId]) -> Result<Vec<Stakeholder>, Error> {
        stakeholders::by_id(&self.read, ids).await
    }
    async fn list_stakeholders(
        &self,
        filter: &StakeholderFilter,
        page: PageRequest,
    ) -> Result<Vec<Stakeholder>, Error> {
        stakeholders::list(&self.read, filter, page).await
    }
    async fn update_stakeholder(
        &self,
        id: StakeholderId,
        input: &StakeholderInput,
        now: DateTime<Utc>,
    ) -> Result<Option<Stakeholder>, Error> {
        stakeholders::update(&self.write, id, input, now).await
    }
    async fn delete_stakeholder(
        &self,
        id: StakeholderId,
        now: DateTime<Utc>,
    ) -> Result<bool, Error> {
        let deleted = stakeholders::delete(&self.write, id, now).await?;
        self.forget_old_pages().await;
        Ok(deleted)
    }
    async fn set_verified(
        &self,
        id: StakeholderId,
        verified: bool,
        now: DateTime<Utc>,
    ) -> Result<Option<Stakeholder>, Error> {
        stakeholders::set_verified(&self.write, id, verified, now).await
    }

    async fn create_initiative(
        &self,
        input: &InitiativeInput,
        status: InitiativeStatus,
        token: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Initiative, Error> {
        initiatives::create(&self.write, input, status, token, now).await
    }
    async fn initiative(&self, id: InitiativeId) -> Result<Option<Initiative>, Error> {
        initiatives::get(&self.read, id).await
    }
    async fn list_initiatives(
        &self,
        filter: &InitiativeFilter,
        page: PageRequest,
    ) -> Result<Vec<Initiative>, Error> {
        initiatives::list(&self.read, filter, page).await
    }
    async fn update_initiative(
        &self,
        id: InitiativeId,
        input: &InitiativeInput,
        now: DateTime<Utc>,
    ) -> Result<Option<Initiative>, Error> {
        initiatives::update(&self.write, id, input, now).await
    }
    async fn set_initiative_status(
        &self,
        id: InitiativeId,
        from: InitiativeStatus,
        to: InitiativeStatus,
        now: DateTime<Utc>,
    ) -> Result<Option<Initiative>, Error> {
        initiatives::set_status(&self.write, id, from, to, now).await
    }
    async fn restore_initiative(
        &self,
        id: InitiativeId,
        now: DateTime<Utc>,
    ) -> Result<Option<Initiative>, Error> {
        initiatives::restore(&self.write, id, now).await
    }
    async fn delete_initiative(&self, id: InitiativeId) -> Result<bool, Error> {
        let deleted = initiatives::delete(&self.write, id).await?;
        self.forget_old_pages().await;
        Ok(deleted)
    }

    async fn create_pledge(
        &self,
        initiative: InitiativeId,
        input: &PledgeInput,
        now: DateTime<Utc>,
    ) -> Result<Pledge, Error> {
        pledges::create(&self.write, initiative, input, now).await
    }
    async fn pledge(&self, id: PledgeId) -> Result<Option<Pledge>, Error> {
        pledges::get(&self.read, id).await
    }
    async fn pledges_for_initiative(&self, id: InitiativeId) -> Result<Vec<Pledge>, Error> {
        pledges::for_initiative(&self.read, id).await
    }
    async fn pledges_for_stakeholder(&self, id: StakeholderId) -> Result<Vec<Pledge>, Error> {
        pledges::for_stakeholder(&self.read, id).await
    }
    async fn change_pledge(
        &self,
        id: PledgeId,
        to: PledgeStatus,
        now: DateTime<Utc>,
    ) -> Result<PledgeChange, Error> {
        pledges::change(&self.write, id, to, now).await
    }

    async fn stakeholder_features(
        &self,
        areas: &[RegionCode],
    ) -> Result<Vec<StakeholderFeatures>, Error> {
        stakeholders::features(&self.read, areas).await
    }
    async fn initiative_features(
        &self,
        areas: &[RegionCode],
    ) -> Result<Vec<InitiativeFeatures>, Error> {
        initiatives::features(&self.read, areas).await
    }

    async fn report(
        &self,
        target: ReportTarget,
        id: i64,
        reporter: &[u8],
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<u32>, Error> {
        admin::report(&self.write, target, id, reporter, reason, now).await
    }
    async fn open_reports(&self, areas: &[RegionCode]) -> Result<Vec<ReportEntry>, Error> {
        admin::open_reports(&self.read, areas).await
    }
    async fn resolve_reports(&self, target: ReportTarget, id: i64) -> Result<(), Error> {
        admin::resolve_reports(&self.write, target, id).await
    }

    async fn set_flagship(
        &self,
        region: RegionCode,
        product: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        admin::set_flagship(&self.write, region, product, now).await
    }
    async fn flagships(&self, area: RegionCode) -> Result<Vec<FlagshipProduct>, Error> {
        admin::flagships(&self.read, area).await
    }

    async fn create_admin_token(
        &self,
        token: &TokenHash,
        label: &str,
        regions: &[RegionCode],
        expires_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<i64, Error> {
        admin::create_token(&self.write, token, label, regions, expires_at, now).await
    }
    async fn admin_grant(&self, token: &TokenHash) -> Result<Option<AdminGrant>, Error> {
        admin::grant(&self.read, token).await
    }

    async fn server_key(
        &self,
        name: &str,
        candidate: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Vec<u8>, Error> {
        admin::server_key(&self.write, name, candidate, now).await
    }

    async fn claim_idempotency_key(
        &self,
        key_hash: &[u8],
        scope: &str,
        request_hash: &[u8],
        since: DateTime<Utc>,
        stale_before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<IdempotencyClaim, Error> {
        idempotency::claim(
            &self.write,
            key_hash,
            scope,
            request_hash,
            since,
            stale_before,
            now,
        )
        .await
    }
    async fn complete_idempotency_key(
        &self,
        key_hash: &[u8],
        scope: &str,
        status: u16,
        body: &[u8],
    ) -> Result<(), Error> {
        idempotency::complete(&self.write, key_hash, scope, status, body).await
    }
    async fn release_idempotency_key(&self, key_hash: &[u8], scope: &str) -> Result<(), Error> {
        idempotency::release(&self.write, key_hash, scope).await
    }
    async fn purge_idempotency(&self, before: DateTime<Utc>) -> Result<u64, Error> {
        idempotency::purge(&self.write, before).await
    }
}
