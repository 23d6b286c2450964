//! What officials do to citizens' records. Each decision changes the record, appends its entry
//! to the audit trail and queues the owner's notification in one transaction: a decision is
//! never committed without its trace, nor its trace without it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use pentahelix_core::RegionCode;
use pentahelix_core::api::{
    AuditAction, AuditTarget, Decided, Initiative, InitiativeId, InitiativeStatus,
    ModerationAction, NotificationKind, Stakeholder, StakeholderId,
};
use pentahelix_core::validate::email_key;
use sqlx::Transaction;

use super::audit::{NewAudit, append, public_fields};
use super::moderation::{ReportTarget, has_open_reports, resolve_reports};
use super::outbox::{Recipient, enqueue, enqueue_to_address};
use super::sql::rows::{self, INITIATIVE_COLUMNS, STAKEHOLDER_COLUMNS};
use super::sql::{Db, Sql, SqlStore};
use super::{initiatives, stakeholders};
use crate::error::Error;

/// Who decides, and why: the reason goes to the trail and to the record's owner.
#[derive(Debug, Clone, Copy)]
pub struct Act<'a> {
    /// The official's address, or `token: LABEL`.
    pub actor: &'a str,
    pub reason: &'a str,
}

/// What a decision came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Its audit entry, and the record as it is now (none once deleted).
    Done(Box<Decided>),
    Missing,
    /// The action does not apply to the record as it is (approving an open initiative…).
    NotApplicable,
}

/// Who hears of a decision.
pub(super) enum Notify {
    Nobody,
    /// The record's contact, as it is now (and the webhooks of the initiative's region).
    Owner(Recipient),
    /// The contact of a record deleted in this transaction.
    Address(String),
}

/// A decision's trace: its audit entry and its notification.
pub(super) struct Trace<'a> {
    pub action: AuditAction,
    pub target: AuditTarget,
    pub target_id: i64,
    pub region: RegionCode,
    pub title: &'a str,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub notify: Notify,
}

/// Appends the decision's audit entry and queues its notification, in its transaction.
pub(super) async fn trace<DB: Db>(
    tx: &mut Transaction<'_, DB>,
    act: &Act<'_>,
    trace: Trace<'_>,
    now: DateTime<Utc>,
) -> Result<i64, Error> {
    let audit_id = append(
        tx,
        &NewAudit {
            actor: act.actor,
            action: trace.action,
            target: trace.target,
            target_id: trace.target_id,
            region: trace.region,
            title: trace.title,
            before: trace.before,
            after: trace.after,
            reason: act.reason,
        },
        now,
    )
    .await?;
    let kind = NotificationKind::OfficialDecision;
    match trace.notify {
        Notify::Nobody => {}
        Notify::Owner(to) => {
            let initiative = match to {
                Recipient::InitiativeOwner(id) => id,
                // No initiative: no webhook hears of a partner's profile.
                Recipient::Stakeholder(_) => 0,
            };
            enqueue(tx, kind, to, audit_id, initiative, now).await?;
        }
        Notify::Address(email) => {
            enqueue_to_address(tx, kind, &email, audit_id, trace.region, now).await?;
        }
    }
    Ok(audit_id)
}

/// An initiative in the decision's transaction, locked until it commits.
pub(super) async fn locked_initiative<DB: Db>(
    tx: &mut Transaction<'_, DB>,
    id: i64,
) -> Result<Option<Initiative>, Error> {
    Sql::new(format!(
        "SELECT id FROM initiatives WHERE id = $1{}",
        DB::FOR_UPDATE
    ))
    .arg(id)
    .execute(&mut *tx)
    .await?;
    current_initiative(tx, id).await
}

pub(super) async fn current_initiative<DB: Db>(
    tx: &mut Transaction<'_, DB>,
    id: i64,
) -> Result<Option<Initiative>, Error> {
    Sql::new(format!(
        "SELECT {INITIATIVE_COLUMNS} FROM initiatives WHERE id = $1"
    ))
    .arg(id)
    .fetch_optional(&mut *tx)
    .await?
    .as_ref()
    .map(rows::initiative)
    .transpose()
}

pub(super) async fn current_stakeholder<DB: Db>(
    tx: &mut Transaction<'_, DB>,
    id: i64,
) -> Result<Option<Stakeholder>, Error> {
    Sql::new(format!(
        "SELECT {STAKEHOLDER_COLUMNS} FROM stakeholders WHERE id = $1"
    ))
    .arg(id)
    .fetch_optional(&mut *tx)
    .await?
    .as_ref()
    .map(rows::stakeholder)
    .transpose()
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
