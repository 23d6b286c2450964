//! What officials do to citizens' records. Each decision changes the record, appends its entry
//! to the audit trail and queues the owner's notification in one transaction: a decision is
//! never committed without its trace, nor its trace without it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use pentahelix_core::api::{
    AuditAction, AuditTarget, Decided, InitiativeId, InitiativeStatus, ModerationAction,
    StakeholderId,
};
use pentahelix_core::validate::email_key;
use sqlx::Transaction;

use super::audit::public_fields;
use super::moderation::{ReportTarget, has_open_reports, resolve_reports};
use super::outbox::Recipient;
use super::sql::{Db, Sql, SqlStore};
use super::trace::{
    Act, Notify, Trace, current_initiative, current_stakeholder, locked_initiative, trace,
};
use super::{initiatives, stakeholders};
use crate::error::Error;
/// What a decision came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Its audit entry, and the record as it is now (none once deleted).
    Done(Box<Decided>),
    Missing,
    /// The action does not apply to the record as it is (approving an open initiative…).
    NotApplicable,
}

/// The contact address of a record about to be deleted: its owner is told why after the
/// record, and with it the address, is gone.
fn contact_of(contact: Option<&pentahelix_core::api::Contact>) -> Option<String> {
    contact
        .and_then(|c| c.email.as_deref())
        .filter(|e| !e.trim().is_empty())
        .map(email_key)
}

impl<DB: Db> SqlStore<DB> {
    /// The end of every decision: its trace, the commit, and after a deletion the checkpoint
    /// that takes the deleted personal data off the disk.
    async fn conclude(
        &self,
        mut tx: Transaction<'_, DB>,
        act: &Act<'_>,
        decision: Trace<'_>,
        now: DateTime<Utc>,
    ) -> Result<i64, Error> {
        let deleted = decision.action == AuditAction::Delete;
        let audit_id = trace(&mut tx, act, decision, now).await?;
        tx.commit().await?;
        if deleted {
            self.after_delete().await;
        }
        Ok(audit_id)
    }
}

#[async_trait]
pub trait DecisionStore: Send + Sync {
    async fn moderate_initiative(
        &self,
        id: InitiativeId,
        action: ModerationAction,
        act: &Act<'_>,
        now: DateTime<Utc>,
    ) -> Result<Outcome, Error>;
    /// Partners have no status: their reports are dismissed, or the profile deleted.
    async fn moderate_stakeholder(
        &self,
        id: StakeholderId,
        action: ModerationAction,
        act: &Act<'_>,
        now: DateTime<Utc>,
    ) -> Result<Outcome, Error>;
}

#[async_trait]
impl<DB: Db> DecisionStore for SqlStore<DB> {
    async fn moderate_initiative(
        &self,
        id: InitiativeId,
        action: ModerationAction,
        act: &Act<'_>,
        now: DateTime<Utc>,
    ) -> Result<Outcome, Error> {
        use InitiativeStatus::{Active, Completed, Hidden, Open, Proposed};
        let mut tx = self.write.begin().await?;
        if action == ModerationAction::Delete {
            initiatives::lock_pledges(&mut tx, id).await?;
        }
        let Some(before) = locked_initiative(&mut tx, id.0).await? else {
            return Ok(Outcome::Missing);
        };
        let reported = has_open_reports(&mut tx, ReportTarget::Initiative, id.0).await?;
        let applies = match action {
            // Approving a hidden initiative restores it, as reviewing it in the queue does.
            ModerationAction::Approve => matches!(before.status, Proposed | Hidden),
            ModerationAction::Reject => before.status == Proposed,
            // Hiding an initiative that reports hid confirms it, and tells the owner why.
            ModerationAction::Hide => {
                matches!(before.status, Open | Active | Completed)
                    || (before.status == Hidden && reported)
            }
            ModerationAction::Restore => before.status == Hidden,
            // A hidden one is restored, not dismissed: its reports hid it.
            ModerationAction::Dismiss => reported && before.status != Hidden,
            ModerationAction::Delete => true,
        };
        if !applies {
            return Ok(Outcome::NotApplicable);
        }
        let mut notify = Notify::Owner(Recipient::InitiativeOwner(id.0));
        match action {
            ModerationAction::Approve | ModerationAction::Restore => {
                Sql::new(
                    "UPDATE initiatives SET updated_at = $1, status_before_hidden = NULL, \
                     status = COALESCE(status_before_hidden, 'open') WHERE id = $2",
                )
                .arg(now)
                .arg(id.0)
                .execute(&mut tx)
                .await?;
            }
            ModerationAction::Reject | ModerationAction::Hide if before.status != Hidden => {
                Sql::new(
                    "UPDATE initiatives SET status = 'hidden', status_before_hidden = status, \
                     updated_at = $1 WHERE id = $2",
                )
                .arg(now)
                .arg(id.0)
                .execute(&mut tx)
                .await?;
            }
            ModerationAction::Reject | ModerationAction::Hide => {}
            // The owner is not told of reports they never heard of.
            ModerationAction::Dismiss => notify = Notify::Nobody,
            ModerationAction::Delete => {
                notify =
                    contact_of(before.contact.as_ref()).map_or(Notify::Nobody, Notify::Address);
                initiatives::delete_in(&mut tx, id).await?;
            }
        }
        let after = if action == ModerationAction::Delete {
            None
        } else {
            resolve_reports(&mut tx, ReportTarget::Initiative, id.0).await?;
            current_initiative(&mut tx, id.0).await?
        };
        let audit_id = self
            .conclude(
                tx,
                act,
                Trace {
                    action: action.into(),
                    target: AuditTarget::Initiative,
                    target_id: id.0,
                    region: before.region,
                    title: &before.title,
                    before: public_fields(&before),
                    after: after.as_ref().and_then(public_fields),
                    notify,
                },
                now,
            )
            .await?;
        Ok(Outcome::Done(Box::new(Decided {
            audit_id,
            initiative: after,
            stakeholder: None,
        })))
    }

    async fn moderate_stakeholder(
        &self,
        id: StakeholderId,
        action: ModerationAction,
        act: &Act<'_>,
        now: DateTime<Utc>,
    ) -> Result<Outcome, Error> {
        let mut tx = self.write.begin().await?;
        let Some(before) = current_stakeholder(&mut tx, id.0).await? else {
            return Ok(Outcome::Missing);
        };
        let notify = match action {
            ModerationAction::Dismiss => {
                if !has_open_reports(&mut tx, ReportTarget::Stakeholder, id.0).await? {
                    return Ok(Outcome::NotApplicable);
                }
                resolve_reports(&mut tx, ReportTarget::Stakeholder, id.0).await?;
                Notify::Nobody
            }
            ModerationAction::Delete => {
                let notify =
                    contact_of(before.contact.as_ref()).map_or(Notify::Nobody, Notify::Address);
                stakeholders::delete_in(&mut tx, id, now).await?;
                notify
            }
            _ => return Ok(Outcome::NotApplicable),
        };
        let after = if action == ModerationAction::Delete {
            None
        } else {
            current_stakeholder(&mut tx, id.0).await?
        };
        let audit_id = self
            .conclude(
                tx,
                act,
                Trace {
                    action: action.into(),
                    target: AuditTarget::Stakeholder,
                    target_id: id.0,
                    region: before.region,
                    title: &before.name,
                    before: public_fields(&before),
                    after: after.as_ref().and_then(public_fields),
                    notify,
                },
                now,
            )
            .await?;
        Ok(Outcome::Done(Box::new(Decided {
            audit_id,
            initiative: None,
            stakeholder: after,
        })))
    }
}
