//! Invitations: an initiative's owner asking a suggested partner to support it. An invitation is
//! answered by a pledge (see `pledges`, which marks it in the pledge's transaction) or declined.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use pentahelix_core::api::{
    InitiativeId, Invitation, InvitationId, InvitationInput, InvitationStatus, NotificationKind,
    StakeholderId, StakeholderSummary,
};
use sqlx::Transaction;

use super::outbox::{Recipient, enqueue};
use super::sql::rows;
use super::sql::{Columns, Db, Sql, SqlStore, Violation};
use crate::error::Error;

#[async_trait]
pub trait InvitationStore: Send + Sync {
    /// Records the invitation and queues its notification to the partner, in one transaction.
    /// [`Error::Conflict`] when the partner was already invited here.
    async fn create_invitation(
        &self,
        initiative: InitiativeId,
        input: &InvitationInput,
        now: DateTime<Utc>,
    ) -> Result<Invitation, Error>;
    async fn invitation(&self, id: InvitationId) -> Result<Option<Invitation>, Error>;
    async fn invitations_for_initiative(&self, id: InitiativeId) -> Result<Vec<Invitation>, Error>;
    async fn invitations_for_stakeholder(
        &self,
        id: StakeholderId,
    ) -> Result<Vec<Invitation>, Error>;
    /// Declines a pending invitation; `None` when it is not pending (any more).
    async fn decline_invitation(
        &self,
        id: InvitationId,
        now: DateTime<Utc>,
    ) -> Result<Option<Invitation>, Error>;
}

const INVITATION_SELECT: &str = "SELECT v.id, v.initiative_id, v.stakeholder_id, v.message, v.status, \
     v.created_at, v.updated_at, i.title, s.name, s.helix, s.region, s.verified \
     FROM invitations v JOIN initiatives i ON i.id = v.initiative_id \
     JOIN stakeholders s ON s.id = v.stakeholder_id";

fn invitation(row: &impl Columns) -> Result<Invitation, Error> {
    let status = row.text("status")?;
    Ok(Invitation {
        id: InvitationId(row.int("id")?),
        initiative_id: InitiativeId(row.int("initiative_id")?),
        initiative_title: row.text("title")?,
        stakeholder: StakeholderSummary {
            id: StakeholderId(row.int("stakeholder_id")?),
            name: row.text("name")?,
            helix: rows::slug(row, "helix")?,
            region: rows::region(row, "region")?,
            verified: row.flag("verified")?,
        },
        message: row.text("message")?,
        status: InvitationStatus::from_slug(&status)
            .ok_or_else(|| rows::corrupt(format!("invitation status {status}")))?,
        created_at: row.time("created_at")?,
        updated_at: row.time("updated_at")?,
    })
}

/// Marks the partner's pending invitation to the initiative answered: called in the transaction
/// of its pledge, so the owner never sees an offer beside an invitation still "waiting".
pub async fn answer<DB: Db>(
    tx: &mut Transaction<'_, DB>,
    initiative: i64,
    stakeholder: i64,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    Sql::new(
        "UPDATE invitations SET status = 'answered', updated_at = $1 \
         WHERE initiative_id = $2 AND stakeholder_id = $3 AND status = 'pending'",
    )
    .arg(now)
    .arg(initiative)
    .arg(stakeholder)
    .execute(tx)
    .await?;
    Ok(())
}

impl<DB: Db> SqlStore<DB> {
    async fn invitations_where(&self, condition: &str, id: i64) -> Result<Vec<Invitation>, Error> {
        Sql::new(format!("{INVITATION_SELECT} WHERE {condition}"))
            .arg(id)
            .fetch_all_as(&self.read, invitation)
            .await
    }
}

#[async_trait]
impl<DB: Db> InvitationStore for SqlStore<DB> {
    async fn create_invitation(
        &self,
        initiative: InitiativeId,
        input: &InvitationInput,
        now: DateTime<Utc>,
    ) -> Result<Invitation, Error> {
        let mut tx = self.write.begin().await?;
        let created = Sql::new(
            "INSERT INTO invitations (initiative_id, stakeholder_id, message, status, created_at, updated_at) \
             VALUES ($1, $2, $3, 'pending', $4, $4) RETURNING id",
        )
        .arg(initiative.0)
        .arg(input.stakeholder_id.0)
        .arg(&input.message)
        .arg(now)
        .fetch_one(&mut tx)
        .await;
        let id = match created {
            Ok(row) => row.int("id")?,
            Err(e) => {
                return Err(match Violation::of(&e) {
                    Some(Violation::Unique) => Error::Conflict,
                    // Deleted by another request after the handler read it.
                    Some(Violation::ForeignKey) => Error::NotFound,
                    None => e,
                });
            }
        };
        enqueue(
            &mut tx,
            NotificationKind::PartnerInvited,
            Recipient::Stakeholder(input.stakeholder_id.0),
            id,
            initiative.0,
            now,
        )
        .await?;
        tx.commit().await?;
        self.invitation(InvitationId(id)).await?.ok_or_else(|| {
            Error::Internal("an invitation vanished right after its creation".into())
        })
    }

    async fn invitation(&self, id: InvitationId) -> Result<Option<Invitation>, Error> {
        let row = Sql::new(format!("{INVITATION_SELECT} WHERE v.id = $1"))
            .arg(id.0)
            .fetch_optional(&self.read)
            .await?;
        row.as_ref().map(invitation).transpose()
    }

    async fn invitations_for_initiative(&self, id: InitiativeId) -> Result<Vec<Invitation>, Error> {
        self.invitations_where("v.initiative_id = $1 ORDER BY v.id", id.0)
            .await
    }

    async fn invitations_for_stakeholder(
        &self,
        id: StakeholderId,
    ) -> Result<Vec<Invitation>, Error> {
        // Only initiatives anyone may see: one hidden by moderation or withdrawn since drops out.
        // The ones waiting for an answer come first.
        self.invitations_where(
            "v.stakeholder_id = $1 AND i.status IN ('open', 'active', 'completed') \
             ORDER BY CASE WHEN v.status = 'pending' THEN 0 ELSE 1 END, v.id DESC",
            id.0,
        )
        .await
    }

    async fn decline_invitation(
        &self,
        id: InvitationId,
        now: DateTime<Utc>,
    ) -> Result<Option<Invitation>, Error> {
        let changed = Sql::new(
            "UPDATE invitations SET status = 'declined', updated_at = $1 \
             WHERE id = $2 AND status = 'pending'",
        )
        .arg(now)
        .arg(id.0)
        .execute(&self.write)
        .await?;
        if changed == 0 {
            return Ok(None);
        }
        self.invitation(id).await
    }
}
