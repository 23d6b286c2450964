//! The trace every official action leaves, written in the action's own transaction: its entry
//! in the audit trail and the notification to the record's owner. The stores of the records an
//! official may change (initiatives, stakeholders, flagships) call it; `decisions` holds the
//! decisions themselves.

use chrono::{DateTime, Utc};
use pentahelix_core::RegionCode;
use pentahelix_core::api::{AuditAction, AuditTarget, Initiative, NotificationKind, Stakeholder};
use sqlx::Transaction;

use super::audit::{NewAudit, append};
use super::outbox::{Recipient, enqueue, enqueue_to_address};
use super::sql::rows::{self, INITIATIVE_COLUMNS, STAKEHOLDER_COLUMNS};
use super::sql::{Db, Sql};
use crate::error::Error;

/// Who decides, and why: the reason goes to the trail and to the record's owner.
#[derive(Debug, Clone, Copy)]
pub struct Act<'a> {
    /// The official's address, or `token: LABEL`.
    pub actor: &'a str,
    pub reason: &'a str,
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
