//! The outbox: notifications waiting to be mailed. A row is written in the transaction of the
//! event it tells of (an offer, an answer, a moderation decision), so an event is never
//! committed without its notification, and sent later by a delivery worker of any server
//! process (see `notify::delivery`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use pentahelix_core::RegionCode;
use pentahelix_core::api::{FailedNotification, NotificationKind};
use sqlx::Transaction;

use super::sql::rows;
use super::sql::{Columns, Db, Sql, SqlStore};
use crate::auth::hex;
use crate::error::Error;

/// A claimed notification, to be sent now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    pub id: i64,
    pub kind: NotificationKind,
    pub recipient: String,
    /// The pledge (pledge kinds) or initiative (initiative kinds) the notification is about.
    pub subject_id: i64,
    /// The local part of the `Message-ID` (a webhook's `webhook-id`), the same on every attempt.
    pub message_id: String,
    /// A delivery to this webhook rather than a mail to `recipient`.
    pub webhook: Option<i64>,
    /// Including this one.
    pub attempts: i64,
}

/// Who a new notification goes to: the contact email of a record, as it is when the event
/// happens.
#[derive(Debug, Clone, Copy)]
pub enum Recipient {
    InitiativeOwner(i64),
    Stakeholder(i64),
}

/// Queues an event's notification in the event's transaction: a mail to `to` (unless the record
/// has no contact email), and a delivery to every webhook of the initiative's region.
pub async fn enqueue<DB: Db>(
    tx: &mut Transaction<'_, DB>,
    kind: NotificationKind,
    to: Recipient,
    subject_id: i64,
    initiative: i64,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let (table, id) = match to {
        Recipient::InitiativeOwner(id) => ("initiatives", id),
        Recipient::Stakeholder(id) => ("stakeholders", id),
    };
    let mut message_id = [0u8; 16];
    getrandom::fill(&mut message_id).map_err(|e| Error::Internal(format!("random id: {e}")))?;
    Sql::new(format!(
        "INSERT INTO outbox (kind, recipient, subject_id, region, message_id, next_attempt_at, created_at) \
         SELECT $1, contact_email, $2, region, $3, $4, $4 FROM {table} \
         WHERE id = $5 AND contact_email IS NOT NULL AND contact_email != ''"
    ))
    .arg(kind.slug())
    .arg(subject_id)
    .arg(hex(&message_id))
    .arg(now)
    .arg(id)
    .execute(&mut *tx)
    .await?;
    // One row per webhook, each with its own id: `webhook-id` names one delivery.
    Sql::new(
        "INSERT INTO outbox (kind, recipient, webhook_id, subject_id, region, message_id, next_attempt_at, created_at) \
         SELECT $1, '', w.id, $2, i.region, $3 || '.' || CAST(w.id AS TEXT), $4, $4 \
         FROM initiatives i JOIN webhooks w ON i.region BETWEEN w.region_low AND w.region_high \
         WHERE i.id = $5",
    )
    .arg(kind.slug())
    .arg(subject_id)
    .arg(hex(&message_id))
    .arg(now)
    .arg(initiative)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Queues a mail to an address that is no record's contact (an official's invitation).
pub async fn enqueue_to_address<DB: Db>(
    tx: &mut Transaction<'_, DB>,
    kind: NotificationKind,
    to: &str,
    subject_id: i64,
    region: RegionCode,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let mut message_id = [0u8; 16];
    getrandom::fill(&mut message_id).map_err(|e| Error::Internal(format!("random id: {e}")))?;
    Sql::new(
        "INSERT INTO outbox (kind, recipient, subject_id, region, message_id, next_attempt_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .arg(kind.slug())
    .arg(to)
    .arg(subject_id)
    .arg(i64::from(region.packed()))
    .arg(hex(&message_id))
    .arg(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

fn kind(row: &impl Columns) -> Result<NotificationKind, Error> {
    let kind = row.text("kind")?;
    NotificationKind::from_slug(&kind)
        .ok_or_else(|| rows::corrupt(format!("notification kind {kind}")))
}

#[async_trait]
pub trait OutboxStore: Send + Sync {
    /// Claims up to `limit` notifications that are due and not claimed by a live worker, until
    /// `claimed_until`, counting an attempt for each; mails only when `mails` (a process with a
    /// mail server). Two workers never claim one row at once.
    async fn claim_outbox(
        &self,
        now: DateTime<Utc>,
        claimed_until: DateTime<Utc>,
        limit: i64,
        mails: bool,
    ) -> Result<Vec<OutboxItem>, Error>;
    /// The notification is done: sent, or (with a `note`) dropped as no longer meaningful.
    async fn outbox_done(
        &self,
        id: i64,
        note: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), Error>;
    /// An attempt failed: try again at `retry_at`, or give up when `None`.
    async fn outbox_failed(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<(), Error>;
    /// Notifications given up on, in `areas`, newest first.
    async fn failed_deliveries(
        &self,
        areas: &[RegionCode],
    ) -> Result<Vec<FailedNotification>, Error>;
    /// Queues the digests of a period, once however many processes ask: the weekly digest of
    /// `week` (`2026-W49`) to every stakeholder whose address asked for it, and the moderation
    /// digest of `day` (`2026-11-30`) to every admin token with an address. Whether a digest has
    /// anything to say is decided when it is sent.
    async fn enqueue_digests(
        &self,
        week: &str,
        day: &str,
        now: DateTime<Utc>,
    ) -> Result<u64, Error>;
    /// Forgets every notification not sent yet: the demo data's, which tell of nothing that
    /// happened to anyone.
    async fn discard_unsent(&self) -> Result<u64, Error>;
    /// Forgets notifications done before `before` (their recipient is personal data).
    async fn purge_outbox(&self, before: DateTime<Utc>) -> Result<u64, Error>;
}

#[async_trait]
impl<DB: Db> OutboxStore for SqlStore<DB> {
    async fn claim_outbox(
        &self,
        now: DateTime<Utc>,
        claimed_until: DateTime<Utc>,
        limit: i64,
        mails: bool,
    ) -> Result<Vec<OutboxItem>, Error> {
        let mut items = Sql::new(format!(
            "UPDATE outbox SET claimed_until = $1, attempts = attempts + 1 WHERE id IN (\
               SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL \
               AND next_attempt_at <= $2 AND (claimed_until IS NULL OR claimed_until <= $2) \
               AND (webhook_id IS NOT NULL OR $4) \
               ORDER BY id LIMIT $3{}) \
             RETURNING id, kind, recipient, subject_id, message_id, attempts, webhook_id",
            DB::SKIP_LOCKED
        ))
        .arg(claimed_until)
        .arg(now)
        .arg(limit)
        .arg(mails)
        .fetch_all(&self.write)
        .await?
        .iter()
        .map(|row| {
            Ok(OutboxItem {
                id: row.int("id")?,
                kind: kind(row)?,
                recipient: row.text("recipient")?,
                subject_id: row.int("subject_id")?,
                message_id: row.text("message_id")?,
                attempts: row.int("attempts")?,
                webhook: row.maybe_int("webhook_id")?,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
        items.sort_by_key(|item| item.id);
        Ok(items)
    }

    async fn outbox_done(
        &self,
        id: i64,
        note: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        Sql::new(
            "UPDATE outbox SET sent_at = $1, claimed_until = NULL, last_error = $2 WHERE id = $3",
        )
        .arg(now)
        .arg(note.map(str::to_owned))
        .arg(id)
        .execute(&self.write)
        .await?;
        Ok(())
    }

    async fn outbox_failed(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let sql = match retry_at {
            Some(at) => Sql::new(
                "UPDATE outbox SET next_attempt_at = $1, claimed_until = NULL, last_error = $2 \
                 WHERE id = $3",
            )
            .arg(at),
            None => Sql::new(
                "UPDATE outbox SET failed_at = $1, claimed_until = NULL, last_error = $2 \
                 WHERE id = $3",
            )
            .arg(now),
        };
        sql.arg(error).arg(id).execute(&self.write).await?;
        Ok(())
    }

    async fn failed_deliveries(
        &self,
        areas: &[RegionCode],
    ) -> Result<Vec<FailedNotification>, Error> {
        let mut sql = Sql::new(
            "SELECT o.id, o.kind, o.subject_id, o.attempts, o.last_error, o.failed_at, \
             CASE WHEN o.kind LIKE 'pledge%' THEN p.initiative_id \
             WHEN o.kind LIKE 'initiative%' THEN i.id \
             WHEN o.kind = 'official_decision' THEN ai.id END AS initiative_id \
             FROM outbox o LEFT JOIN pledges p ON p.id = o.subject_id \
             LEFT JOIN initiatives i ON i.id = o.subject_id \
             LEFT JOIN audit_trail a ON a.id = o.subject_id AND a.target_kind = 'initiative' \
             LEFT JOIN initiatives ai ON ai.id = a.target_id \
             WHERE o.failed_at IS NOT NULL",
        );
        sql.push_areas("o.region", areas, "");
        sql.push(" ORDER BY o.id DESC LIMIT 200");
        sql.fetch_all(&self.read)
            .await?
            .iter()
            .map(|row| {
                Ok(FailedNotification {
                    id: row.int("id")?,
                    kind: kind(row)?,
                    subject_id: row.int("subject_id")?,
                    initiative_id: row.maybe_int("initiative_id")?,
                    attempts: row.int("attempts")?,
                    last_error: row.maybe_text("last_error")?.unwrap_or_default(),
                    failed_at: row.time("failed_at")?,
                })
            })
            .collect()
    }

    async fn enqueue_digests(
        &self,
        week: &str,
        day: &str,
        now: DateTime<Utc>,
    ) -> Result<u64, Error> {
        // The message id names the period, so a second insert of the same digest (another
        // process, the next hourly look) meets the unique index and adds nothing.
        let weekly = Sql::new(
            "INSERT INTO outbox (kind, recipient, subject_id, region, message_id, next_attempt_at, created_at) \
             SELECT 'weekly_digest', m.email, s.id, s.region, \
             'weekly.' || $1 || '.' || CAST(s.id AS TEXT), $2, $2 \
             FROM stakeholders s JOIN mail_settings m ON m.email = lower(s.contact_email) \
             WHERE m.opted_in LIKE '%weekly_digest%' \
             ON CONFLICT (message_id) DO NOTHING",
        )
        .arg(week)
        .arg(now)
        .execute(&self.write)
        .await?;
        let daily = Sql::new(
            "INSERT INTO outbox (kind, recipient, subject_id, region, message_id, next_attempt_at, created_at) \
             SELECT 'moderation_digest', a.email, a.id, 0, \
             'moderation.' || $1 || '.' || CAST(a.id AS TEXT), $2, $2 \
             FROM admin_tokens a WHERE a.email IS NOT NULL AND (a.expires_at IS NULL OR a.expires_at > $2) \
             ON CONFLICT (message_id) DO NOTHING",
        )
        .arg(day)
        .arg(now)
        .execute(&self.write)
        .await?;
        Ok(weekly + daily)
    }

    async fn discard_unsent(&self) -> Result<u64, Error> {
        Sql::new("DELETE FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")
            .execute(&self.write)
            .await
    }

    async fn purge_outbox(&self, before: DateTime<Utc>) -> Result<u64, Error> {
        Sql::new("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1")
            .arg(before)
            .execute(&self.write)
            .await
    }
}
