//! The PostgreSQL store: several server processes on one database — a province or the nation.
//!
//! Nothing here is kept in a process between requests: every rule that must hold across
//! processes (an idempotency key used once, one report per person, a status changed from what
//! its caller saw, coverage in step with pledges) is decided by the database, with the row locks
//! and unique indexes described where they are taken. Transactions run at PostgreSQL's default
//! isolation, READ COMMITTED.

mod admin;
mod idempotency;
mod initiatives;
mod pledges;
mod rows;
mod stakeholders;
pub mod testing;
#[cfg(test)]
mod tests;

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
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

use super::{
    AdminGrant, IdempotencyClaim, InitiativeFilter, Owner, PageRequest, PledgeChange, ReportEntry,
    ReportTarget, StakeholderFilter, StatsRows, Store, Versions,
};
use crate::auth::TokenHash;
use crate::error::Error;

pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

/// Connections per process. A request holds one for a query or a short transaction, so a few
/// dozen serve hundreds of requests a second; several processes share the server's
/// `max_connections` (100 by default), so this stays well below it.
const MAX_CONNECTIONS: u32 = 16;

pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to `url` (`postgres://user:password@host:port/database`, with `?sslmode=require`
    /// for a server across a network) and brings the schema up to date. Processes starting
    /// together migrate one at a time: sqlx holds an advisory lock while it migrates.
    pub async fn open(url: &str) -> Result<PgStore, Error> {
        let options = connect_options(url)?.application_name("pentahelix-server");
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(PgStore { pool })
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

pub fn connect_options(url: &str) -> Result<PgConnectOptions, Error> {
    PgConnectOptions::from_str(url).map_err(|e| {
        Error::Config(format!(
            "--database-url `{}`: {e}",
            crate::store::redact_password(url)
        ))
    })
}

#[async_trait]
impl Store for PgStore {
    async fn ping(&self) -> Result<(), Error> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn versions(&self) -> Result<Versions, Error> {
        let rows: Vec<(String, i64)> = sqlx::query_as("SELECT name, version FROM change_counters")
            .fetch_all(&self.pool)
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
        rows::owner_of_token(&self.pool, token).await
    }
    async fn has_accepted_pledge(
        &self,
        initiative: InitiativeId,
        stakeholder: StakeholderId,
    ) -> Result<bool, Error> {
        pledges::accepted_between(&self.pool, initiative, stakeholder).await
    }
    async fn stats_rows(&self, area: RegionCode) -> Result<StatsRows, Error> {
        initiatives::stats_rows(&self.pool, area).await
    }

    async fn create_stakeholder(
        &self,
        input: &StakeholderInput,
        token: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Stakeholder, Error> {
        stakeholders::create(&self.pool, input, token, now).await
    }
    async fn stakeholder(&self, id: StakeholderId) -> Result<Option<Stakeholder>, Error> {
        stakeholders::get(&self.pool, id).await
    }
    async fn stakeholders_by_id(&self, ids: &[StakeholderId]) -> Result<Vec<Stakeholder>, Error> {
        stakeholders::by_id(&self.pool, ids).await
    }
    async fn list_stakeholders(
        &self,
        filter: &StakeholderFilter,
        page: PageRequest,
    ) -> Result<Vec<Stakeholder>, Error> {
        stakeholders::list(&self.pool, filter, page).await
    }
    async fn update_stakeholder(
        &self,
        id: StakeholderId,
        input: &StakeholderInput,
        now: DateTime<Utc>,
    ) -> Result<Option<Stakeholder>, Error> {
        stakeholders::update(&self.pool, id, input, now).await
    }
    async fn delete_stakeholder(
        &self,
        id: StakeholderId,
        now: DateTime<Utc>,
    ) -> Result<bool, Error> {
        stakeholders::delete(&self.pool, id, now).await
    }
    async fn set_verified(
        &self,
        id: StakeholderId,
        verified: bool,
        now: DateTime<Utc>,
    ) -> Result<Option<Stakeholder>, Error> {
        stakeholders::set_verified(&self.pool, id, verified, now).await
    }

    async fn create_initiative(
        &self,
        input: &InitiativeInput,
        status: InitiativeStatus,
        token: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Initiative, Error> {
        initiatives::create(&self.pool, input, status, token, now).await
    }
    async fn initiative(&self, id: InitiativeId) -> Result<Option<Initiative>, Error> {
        initiatives::get(&self.pool, id).await
    }
    async fn list_initiatives(
        &self,
        filter: &InitiativeFilter,
        page: PageRequest,
    ) -> Result<Vec<Initiative>, Error> {
        initiatives::list(&self.pool, filter, page).await
    }
    async fn update_initiative(
        &self,
        id: InitiativeId,
        input: &InitiativeInput,
        now: DateTime<Utc>,
    ) -> Result<Option<Initiative>, Error> {
        initiatives::update(&self.pool, id, input, now).await
    }
    async fn set_initiative_status(
        &self,
        id: InitiativeId,
        from: InitiativeStatus,
        to: InitiativeStatus,
        now: DateTime<Utc>,
    ) -> Result<Option<Initiative>, Error> {
        initiatives::set_status(&self.pool, id, from, to, now).await
    }
    async fn restore_initiative(
        &self,
        id: InitiativeId,
        now: DateTime<Utc>,
    ) -> Result<Option<Initiative>, Error> {
        initiatives::restore(&self.pool, id, now).await
    }
    async fn delete_initiative(&self, id: InitiativeId) -> Result<bool, Error> {
        initiatives::delete(&self.pool, id).await
    }

    async fn create_pledge(
        &self,
        initiative: InitiativeId,
        input: &PledgeInput,
        now: DateTime<Utc>,
    ) -> Result<Pledge, Error> {
        pledges::create(&self.pool, initiative, input, now).await
    }
    async fn pledge(&self, id: PledgeId) -> Result<Option<Pledge>, Error> {
        pledges::get(&self.pool, id).await
    }
    async fn pledges_for_initiative(&self, id: InitiativeId) -> Result<Vec<Pledge>, Error> {
        pledges::for_initiative(&self.pool, id).await
    }
    async fn pledges_for_stakeholder(&self, id: StakeholderId) -> Result<Vec<Pledge>, Error> {
        pledges::for_stakeholder(&self.pool, id).await
    }
    async fn change_pledge(
        &self,
        id: PledgeId,
        to: PledgeStatus,
        now: DateTime<Utc>,
    ) -> Result<PledgeChange, Error> {
        pledges::change(&self.pool, id, to, now).await
    }

    async fn stakeholder_features(
        &self,
        areas: &[RegionCode],
    ) -> Result<Vec<StakeholderFeatures>, Error> {
        stakeholders::features(&self.pool, areas).await
    }
    async fn initiative_features(
        &self,
        areas: &[RegionCode],
    ) -> Result<Vec<InitiativeFeatures>, Error> {
        initiatives::features(&self.pool, areas).await
    }

    async fn report(
        &self,
        target: ReportTarget,
        id: i64,
        reporter: &[u8],
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<u32>, Error> {
        admin::report(&self.pool, target, id, reporter, reason, now).await
    }
    async fn open_reports(&self, areas: &[RegionCode]) -> Result<Vec<ReportEntry>, Error> {
        admin::open_reports(&self.pool, areas).await
    }
    async fn resolve_reports(&self, target: ReportTarget, id: i64) -> Result<(), Error> {
        admin::resolve_reports(&self.pool, target, id).await
    }

    async fn set_flagship(
        &self,
        region: RegionCode,
        product: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        admin::set_flagship(&self.pool, region, product, now).await
    }
    async fn flagships(&self, area: RegionCode) -> Result<Vec<FlagshipProduct>, Error> {
        admin::flagships(&self.pool, area).await
    }

    async fn create_admin_token(
        &self,
        token: &TokenHash,
        label: &str,
        regions: &[RegionCode],
        expires_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<i64, Error> {
        admin::create_token(&self.pool, token, label, regions, expires_at, now).await
    }
    async fn admin_grant(&self, token: &TokenHash) -> Result<Option<AdminGrant>, Error> {
        admin::grant(&self.pool, token).await
    }

    async fn server_key(
        &self,
        name: &str,
        candidate: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Vec<u8>, Error> {
        admin::server_key(&self.pool, name, candidate, now).await
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
            &self.pool,
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
        idempotency::complete(&self.pool, key_hash, scope, status, body).await
    }
    async fn release_idempotency_key(&self, key_hash: &[u8], scope: &str) -> Result<(), Error> {
        idempotency::release(&self.pool, key_hash, scope).await
    }
    async fn purge_idempotency(&self, before: DateTime<Utc>) -> Result<u64, Error> {
        idempotency::purge(&self.pool, before).await
    }
}
