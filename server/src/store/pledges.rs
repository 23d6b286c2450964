//! Pledges, and the coverage they give initiatives.
//!
//! Several server processes may change pledges of one initiative at the same moment, and each
//! change recomputes the initiative's coverage from its accepted pledges. So that no change is
//! lost, every transaction that recomputes locks the initiative's row first (concurrent ones
//! queue there, and each then reads the others' committed pledges). A change of a stakeholder
//! (its helix counts towards coverage) and a change of one of its pledges queue on the
//! stakeholder's row. Locks are always taken in one order — the stakeholder, then pledges, then
//! initiatives in id order — so no two transactions can wait on each other. On SQLite the locks
//! are no-ops: its one writer runs the transactions one after another.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use pentahelix_core::api::{
    InitiativeId, NotificationKind, Pledge, PledgeId, PledgeInput, PledgeStatus, StakeholderId,
    StakeholderSummary,
};
use pentahelix_core::{Helix, HelixSet, Resource, ResourceSet};
use sqlx::Transaction;

use super::idempotency::forget_replays;
use super::invitations;
use super::outbox::{Recipient, enqueue};
use super::sql::rows;
use super::sql::{Columns, Db, Sql, SqlStore, Violation};
use crate::error::Error;

/// What changing a pledge's status did, so the caller can answer without re-reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PledgeChange {
    Changed(Pledge),
    /// The pledge is not in a state that allows the change (e.g. declining an accepted pledge).
    NotAllowed(PledgeStatus),
    NotFound,
}

#[async_trait]
pub trait PledgeStore: Send + Sync {
    async fn create_pledge(
        &self,
        initiative: InitiativeId,
        input: &PledgeInput,
        now: DateTime<Utc>,
    ) -> Result<Pledge, Error>;
    async fn pledge(&self, id: PledgeId) -> Result<Option<Pledge>, Error>;
    async fn pledges_for_initiative(&self, id: InitiativeId) -> Result<Vec<Pledge>, Error>;
    async fn pledges_for_stakeholder(&self, id: StakeholderId) -> Result<Vec<Pledge>, Error>;
    /// Moves a pledge to `to` atomically, keeping the initiative's coverage and fulfilled needs
    /// in step.
    async fn change_pledge(
        &self,
        id: PledgeId,
        to: PledgeStatus,
        now: DateTime<Utc>,
    ) -> Result<PledgeChange, Error>;
    async fn has_accepted_pledge(
        &self,
        initiative: InitiativeId,
        stakeholder: StakeholderId,
    ) -> Result<bool, Error>;
}

const PLEDGE_SELECT: &str = "SELECT p.id, p.initiative_id, p.stakeholder_id, p.resource, p.message, p.status, \
     p.created_at, p.updated_at, s.name, s.helix, s.region, s.verified \
     FROM pledges p JOIN stakeholders s ON s.id = p.stakeholder_id";

fn status_of(text: &str) -> Result<PledgeStatus, Error> {
    PledgeStatus::from_slug(text).ok_or_else(|| rows::corrupt(format!("pledge status {text}")))
}

fn pledge(row: &impl Columns) -> Result<Pledge, Error> {
    Ok(Pledge {
        id: PledgeId(row.int("id")?),
        initiative_id: InitiativeId(row.int("initiative_id")?),
        stakeholder: StakeholderSummary {
            id: StakeholderId(row.int("stakeholder_id")?),
            name: row.text("name")?,
            helix: rows::slug(row, "helix")?,
            region: rows::region(row, "region")?,
            verified: row.flag("verified")?,
        },
        resource: rows::slug(row, "resource")?,
        message: row.text("message")?,
        status: status_of(&row.text("status")?)?,
        counterpart_contact: None,
        created_at: row.time("created_at")?,
        updated_at: row.time("updated_at")?,
    })
}

/// Sets an initiative's coverage (helices) and fulfilled needs (resources) from its accepted
/// pledges. Called in the transaction of every change that can alter them.
pub async fn recompute_coverage<DB: Db>(
    tx: &mut Transaction<'_, DB>,
    initiative: i64,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    // `NO KEY`: a pledge being created for this initiative (whose foreign key check takes a
    // key-share lock on it) need not wait.
    Sql::new(format!(
        "SELECT id FROM initiatives WHERE id = $1{}",
        DB::FOR_NO_KEY_UPDATE
    ))
    .arg(initiative)
    .execute(&mut *tx)
    .await?;
    let accepted = Sql::new(
        "SELECT s.helix, p.resource FROM pledges p JOIN stakeholders s ON s.id = p.stakeholder_id \
         WHERE p.initiative_id = $1 AND p.status = 'accepted'",
    )
    .arg(initiative)
    .fetch_all(&mut *tx)
    .await?;
    let mut coverage = HelixSet::empty();
    let mut fulfilled = ResourceSet::empty();
    for row in &accepted {
        coverage.insert(rows::slug::<Helix>(row, "helix")?);
        fulfilled.insert(rows::slug::<Resource>(row, "resource")?);
    }
    Sql::new(
        "UPDATE initiatives SET coverage = $1, fulfilled = $2, updated_at = $3 \
         WHERE id = $4 AND (coverage != $1 OR fulfilled != $2)",
    )
    .arg(i64::from(coverage.bits()))
    .arg(i64::from(fulfilled.bits()))
    .arg(now)
    .arg(initiative)
    .execute(tx)
    .await?;
    Ok(())
}

impl<DB: Db> SqlStore<DB> {
    async fn pledges_where(&self, condition: &str, id: i64) -> Result<Vec<Pledge>, Error> {
        Sql::new(format!("{PLEDGE_SELECT} WHERE {condition}"))
            .arg(id)
            .fetch_all_as(&self.read, pledge)
            .await
    }
}

#[async_trait]
impl<DB: Db> PledgeStore for SqlStore<DB> {
    async fn create_pledge(
        &self,
        initiative: InitiativeId,
        input: &PledgeInput,
        now: DateTime<Utc>,
    ) -> Result<Pledge, Error> {
        let mut tx = self.write.begin().await?;
        let created = Sql::new(
            "INSERT INTO pledges (initiative_id, stakeholder_id, resource, message, status, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, 'pending', $5, $5) RETURNING id",
        )
        .arg(initiative.0)
        .arg(input.stakeholder_id.0)
        .arg(input.resource.slug())
        .arg(&input.message)
        .arg(now)
        .fetch_one(&mut tx)
        .await;
        let id = match created {
            Ok(row) => row.int("id")?,
            Err(e) => {
                return Err(match Violation::of(&e) {
                    // The stakeholder already has a live offer of this resource here.
                    Some(Violation::Unique) => Error::Conflict,
                    // The initiative or the stakeholder was deleted (through another request, or
                    // another process) after the handler had read it.
                    Some(Violation::ForeignKey) => Error::NotFound,
                    None => e,
                });
            }
        };
        invitations::answer(&mut tx, initiative.0, input.stakeholder_id.0, now).await?;
        enqueue(
            &mut tx,
            NotificationKind::PledgeOffered,
            Recipient::InitiativeOwner(initiative.0),
            id,
            initiative.0,
            now,
        )
        .await?;
        tx.commit().await?;
        self.pledge(PledgeId(id))
            .await?
            .ok_or_else(|| Error::Internal("a pledge vanished right after its creation".into()))
    }

    async fn pledge(&self, id: PledgeId) -> Result<Option<Pledge>, Error> {
        let row = Sql::new(format!("{PLEDGE_SELECT} WHERE p.id = $1"))
            .arg(id.0)
            .fetch_optional(&self.read)
            .await?;
        row.as_ref().map(pledge).transpose()
    }

    async fn pledges_for_initiative(&self, id: InitiativeId) -> Result<Vec<Pledge>, Error> {
        self.pledges_where("p.initiative_id = $1 ORDER BY p.id", id.0)
            .await
    }

    async fn pledges_for_stakeholder(&self, id: StakeholderId) -> Result<Vec<Pledge>, Error> {
        self.pledges_where("p.stakeholder_id = $1 ORDER BY p.id DESC", id.0)
            .await
    }

    async fn change_pledge(
        &self,
        id: PledgeId,
        to: PledgeStatus,
        now: DateTime<Utc>,
    ) -> Result<PledgeChange, Error> {
        let mut tx = self.write.begin().await?;
        let Some(row) = Sql::new("SELECT stakeholder_id FROM pledges WHERE id = $1")
            .arg(id.0)
            .fetch_optional(&mut tx)
            .await?
        else {
            return Ok(PledgeChange::NotFound);
        };
        let stakeholder = row.int("stakeholder_id")?;
        // Shared: changes of this stakeholder's pledges need not wait for each other, only for a
        // change of the stakeholder itself (see `stakeholders`).
        Sql::new(format!(
            "SELECT id FROM stakeholders WHERE id = $1{}",
            DB::FOR_SHARE
        ))
        .arg(stakeholder)
        .execute(&mut tx)
        .await?;
        // Locked, so the status read here is the one changed: a concurrent change of the same
        // pledge waits, then reads the status this one left.
        let Some(row) = Sql::new(format!(
            "SELECT initiative_id, status FROM pledges WHERE id = $1{}",
            DB::FOR_UPDATE
        ))
        .arg(id.0)
        .fetch_optional(&mut tx)
        .await?
        else {
            return Ok(PledgeChange::NotFound);
        };
        let initiative = row.int("initiative_id")?;
        let from = status_of(&row.text("status")?)?;
        if !from.may_become(to) {
            return Ok(PledgeChange::NotAllowed(from));
        }
        Sql::new("UPDATE pledges SET status = $1, updated_at = $2 WHERE id = $3")
            .arg(to.slug())
            .arg(now)
            .arg(id.0)
            .execute(&mut tx)
            .await?;
        // An ended pledge's stored answers (the counterpart's contact, once accepted) are not
        // replayed after it ended.
        if matches!(to, PledgeStatus::Withdrawn | PledgeStatus::Declined) {
            forget_replays(&mut tx, &format!("pledge:{}", id.0)).await?;
        }
        recompute_coverage::<DB>(&mut tx, initiative, now).await?;
        let (kind, to) = match to {
            PledgeStatus::Accepted => (
                NotificationKind::PledgeAccepted,
                Recipient::Stakeholder(stakeholder),
            ),
            PledgeStatus::Declined => (
                NotificationKind::PledgeDeclined,
                Recipient::Stakeholder(stakeholder),
            ),
            PledgeStatus::Withdrawn | PledgeStatus::Pending => (
                NotificationKind::PledgeWithdrawn,
                Recipient::InitiativeOwner(initiative),
            ),
        };
        enqueue(&mut tx, kind, to, id.0, initiative, now).await?;
        tx.commit().await?;
        match self.pledge(id).await? {
            Some(pledge) => Ok(PledgeChange::Changed(pledge)),
            None => Ok(PledgeChange::NotFound),
        }
    }

    async fn has_accepted_pledge(
        &self,
        initiative: InitiativeId,
        stakeholder: StakeholderId,
    ) -> Result<bool, Error> {
        let found = Sql::new(
            "SELECT id FROM pledges WHERE initiative_id = $1 AND stakeholder_id = $2 AND status = 'accepted' LIMIT 1",
        )
        .arg(initiative.0)
        .arg(stakeholder.0)
        .fetch_optional(&self.read)
        .await?;
        Ok(found.is_some())
    }
}
