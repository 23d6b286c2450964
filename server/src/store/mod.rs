//! Storage behind one trait, so SQLite (one process, one file: a city) and PostgreSQL (several
//! processes: a province or the nation) can sit side by side without the handlers knowing which
//! one they talk to. Backends return the API types of `pentahelix-core` with contacts filled in;
//! who may *see* a contact is decided above the store, in `access`.

pub mod postgres;
pub mod sql;
pub mod sqlite;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use pentahelix_core::api::{
    FlagshipProduct, Initiative, InitiativeId, InitiativeInput, InitiativeStatus, Pledge, PledgeId,
    PledgeInput, PledgeStatus, Stakeholder, StakeholderId, StakeholderInput,
};
use pentahelix_core::matching::{InitiativeFeatures, StakeholderFeatures};
use pentahelix_core::{Helix, RegionCode, Resource, Subsector};

pub use pentahelix_core::api::{ReportEntry, ReportTarget};

use crate::auth::TokenHash;
use crate::error::Error;

/// Where a list looks: inside any of `areas` (the served cities, or a narrower region).
#[derive(Debug, Clone, Default)]
pub struct StakeholderFilter {
    pub areas: Vec<RegionCode>,
    pub helix: Option<Helix>,
    pub subsector: Option<Subsector>,
    /// Offers this resource.
    pub resource: Option<Resource>,
    pub verified: Option<bool>,
    /// Part of the name or description, any case.
    pub text: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct InitiativeFilter {
    pub areas: Vec<RegionCode>,
    /// Initiatives that do not have this helix yet: where a stakeholder of it is wanted.
    pub missing_helix: Option<Helix>,
    pub subsector: Option<Subsector>,
    /// Needs this resource.
    pub resource: Option<Resource>,
    /// Any of these statuses; empty means the publicly visible ones (open, active, completed).
    pub statuses: Vec<InitiativeStatus>,
    /// Happening on or after this date (ends on or after it, or starts on or after it).
    pub from: Option<NaiveDate>,
    /// Starting on or before this date.
    pub to: Option<NaiveDate>,
    /// Words to find in the title or description (full-text search).
    pub text: Option<String>,
}

/// Keyset pagination: newest first, strictly older than `before` when given. Insertions during a
/// walk get higher ids, so they can neither duplicate nor push out an item of a later page.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub before: Option<i64>,
    pub limit: u32,
}

/// See [`Store::versions`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Versions {
    pub stakeholders: i64,
    pub initiatives: i64,
}

/// Whose manage token a request carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Initiative(InitiativeId),
    Stakeholder(StakeholderId),
}

/// One initiative as the dashboard sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsInitiative {
    pub id: InitiativeId,
    pub title: String,
    pub region: RegionCode,
    pub subsectors: pentahelix_core::SubsectorSet,
    pub coverage: pentahelix_core::HelixSet,
    pub status: InitiativeStatus,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatsRows {
    /// Initiatives visible to the public (open, active, completed).
    pub initiatives: Vec<StatsInitiative>,
    pub stakeholders: u32,
    /// Helix of the stakeholder of every accepted pledge.
    pub accepted_pledge_helices: Vec<Helix>,
}

/// An admin token's grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminGrant {
    pub id: i64,
    pub label: String,
    pub regions: Vec<RegionCode>,
    pub expires_at: Option<DateTime<Utc>>,
}

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

/// What changing a pledge's status did, so the caller can answer without re-reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PledgeChange {
    Changed(Pledge),
    /// The pledge is not in a state that allows the change (e.g. declining an accepted pledge).
    NotAllowed(PledgeStatus),
    NotFound,
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Checks the database answers: `/readyz`.
    async fn ping(&self) -> Result<(), Error>;

    /// Counters that move whenever stakeholders or initiatives change in a way matching sees;
    /// kept by the database (triggers), so every process reads the same ones.
    async fn versions(&self) -> Result<Versions, Error>;

    /// The record a manage token belongs to. Tokens are 256 random bits, so looking one up by its
    /// hash through an index reveals nothing an attacker could use.
    async fn owner_of_token(&self, token: &TokenHash) -> Result<Option<Owner>, Error>;
    async fn has_accepted_pledge(
        &self,
        initiative: InitiativeId,
        stakeholder: StakeholderId,
    ) -> Result<bool, Error>;
    /// What the dashboard counts, for the initiatives and stakeholders inside `area`.
    async fn stats_rows(&self, area: RegionCode) -> Result<StatsRows, Error>;

    async fn create_stakeholder(
        &self,
        input: &StakeholderInput,
        token: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Stakeholder, Error>;
    async fn stakeholder(&self, id: StakeholderId) -> Result<Option<Stakeholder>, Error>;
    /// Several stakeholders in one query, in no particular order; ids not found are left out.
    /// A page of matches names a dozen, and one query each cost as much as the ranking.
    async fn stakeholders_by_id(&self, ids: &[StakeholderId]) -> Result<Vec<Stakeholder>, Error>;
    async fn list_stakeholders(
        &self,
        filter: &StakeholderFilter,
        page: PageRequest,
    ) -> Result<Vec<Stakeholder>, Error>;
    async fn update_stakeholder(
        &self,
        id: StakeholderId,
        input: &StakeholderInput,
        now: DateTime<Utc>,
    ) -> Result<Option<Stakeholder>, Error>;
    /// Deletes the stakeholder, its personal data and its pledges (recomputing the coverage of
    /// initiatives it had pledged to).
    async fn delete_stakeholder(
        &self,
        id: StakeholderId,
        now: DateTime<Utc>,
    ) -> Result<bool, Error>;
    async fn set_verified(
        &self,
        id: StakeholderId,
        verified: bool,
        now: DateTime<Utc>,
    ) -> Result<Option<Stakeholder>, Error>;

    async fn create_initiative(
        &self,
        input: &InitiativeInput,
        status: InitiativeStatus,
        token: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Initiative, Error>;
    async fn initiative(&self, id: InitiativeId) -> Result<Option<Initiative>, Error>;
    async fn list_initiatives(
        &self,
        filter: &InitiativeFilter,
        page: PageRequest,
    ) -> Result<Vec<Initiative>, Error>;
    async fn update_initiative(
        &self,
        id: InitiativeId,
        input: &InitiativeInput,
        now: DateTime<Utc>,
    ) -> Result<Option<Initiative>, Error>;
    /// Changes the status from `from` to `to`; `None` when the initiative is gone or its status is
    /// no longer `from` (someone else changed it meanwhile). Hiding remembers the status it hid.
    async fn set_initiative_status(
        &self,
        id: InitiativeId,
        from: InitiativeStatus,
        to: InitiativeStatus,
        now: DateTime<Utc>,
    ) -> Result<Option<Initiative>, Error>;
    /// Approval: a proposed initiative becomes open; a hidden one gets back the status it had.
    async fn restore_initiative(
        &self,
        id: InitiativeId,
        now: DateTime<Utc>,
    ) -> Result<Option<Initiative>, Error>;
    async fn delete_initiative(&self, id: InitiativeId) -> Result<bool, Error>;

    async fn create_pledge(
        &self,
        initiative: InitiativeId,
        input: &PledgeInput,
        now: DateTime<Utc>,
    ) -> Result<Pledge, Error>;
    async fn pledge(&self, id: PledgeId) -> Result<Option<Pledge>, Error>;
    async fn pledges_for_initiative(&self, id: InitiativeId) -> Result<Vec<Pledge>, Error>;
    async fn pledges_for_stakeholder(&self, id: StakeholderId) -> Result<Vec<Pledge>, Error>;
    /// Moves a pledge from `from` to `to` atomically, keeping the initiative's coverage and
    /// fulfilled needs in step.
    async fn change_pledge(
        &self,
        id: PledgeId,
        to: PledgeStatus,
        now: DateTime<Utc>,
    ) -> Result<PledgeChange, Error>;

    /// Matching features of the stakeholders inside `area` (all when `None`).
    async fn stakeholder_features(
        &self,
        areas: &[RegionCode],
    ) -> Result<Vec<StakeholderFeatures>, Error>;
    /// Matching features of live (open or active) initiatives inside `areas`.
    async fn initiative_features(
        &self,
        areas: &[RegionCode],
    ) -> Result<Vec<InitiativeFeatures>, Error>;

    /// Records a report and returns how many different reporters (by `reporter`, a hash of the
    /// client's address) have unresolved reports on the target: one person reporting ten times
    /// counts once.
    async fn report(
        &self,
        target: ReportTarget,
        id: i64,
        reporter: &[u8],
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<u32>, Error>;
    async fn open_reports(&self, areas: &[RegionCode]) -> Result<Vec<ReportEntry>, Error>;
    async fn resolve_reports(&self, target: ReportTarget, id: i64) -> Result<(), Error>;

    async fn set_flagship(
        &self,
        region: RegionCode,
        product: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), Error>;
    async fn flagships(&self, area: RegionCode) -> Result<Vec<FlagshipProduct>, Error>;

    async fn create_admin_token(
        &self,
        token: &TokenHash,
        label: &str,
        regions: &[RegionCode],
        expires_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<i64, Error>;
    async fn admin_grant(&self, token: &TokenHash) -> Result<Option<AdminGrant>, Error>;

    /// The key stored under `name`, shared by every process on this database: `candidate` when
    /// none was stored yet (the first process to ask stores its own), else the stored one.
    async fn server_key(
        &self,
        name: &str,
        candidate: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Vec<u8>, Error>;

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
    /// Stores the response of a claimed key (status 0 in the claim row until then).
    async fn complete_idempotency_key(
        &self,
        key_hash: &[u8],
        scope: &str,
        status: u16,
        body: &[u8],
    ) -> Result<(), Error>;
    /// Releases a claim whose request failed before changing anything, so a retry can run.
    async fn release_idempotency_key(&self, key_hash: &[u8], scope: &str) -> Result<(), Error>;
    async fn purge_idempotency(&self, before: DateTime<Utc>) -> Result<u64, Error>;
}

/// A database URL fit for a log line or an error message: without its password.
pub fn redact_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let authority_end = url[scheme_end..]
        .find(['/', '?'])
        .map_or(url.len(), |i| scheme_end + i);
    let authority = &url[scheme_end..authority_end];
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!(
                "{}{user}:***@{host}{}",
                &url[..scheme_end],
                &url[authority_end..]
            ),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact_password;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact_password("postgres://app:s3cr%40t@db.example:5432/ph?sslmode=require"),
            "postgres://app:***@db.example:5432/ph?sslmode=require"
        );
        assert_eq!(
            redact_password("postgres://app@db/ph"),
            "postgres://app@db/ph"
        );
        assert_eq!(
            redact_password("sqlite://data/pentahelix.db"),
            "sqlite://data/pentahelix.db"
        );
    }
}
