//! Reports of citizens on records, and their resolution by officials.

use std::collections::{HashMap, HashSet};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use pentahelix_core::RegionCode;
use pentahelix_core::api::{InitiativeStatus, QueueItem, QueueKind, ReportReason};
pub use pentahelix_core::api::{ReportEntry, ReportTarget};
use sqlx::Transaction;

use super::sql::rows;
use super::sql::{Columns, Db, Sql, SqlStore};
use crate::error::Error;

/// Where a queue page starts: after the item last shown, in the queue's order (longest
/// waiting first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueuePosition {
    pub since: DateTime<Utc>,
    pub target: ReportTarget,
    pub id: i64,
}

impl QueuePosition {
    pub fn of(item: &QueueItem) -> QueuePosition {
        QueuePosition {
            since: item.since,
            target: item.target,
            id: item.id,
        }
    }
}

/// Which part of the queue to read.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    /// The regions the official works in.
    pub areas: Vec<RegionCode>,
    /// By default: proposals and records with open reports (hidden ones among them); `hidden`
    /// lists every hidden initiative, reviewed or not.
    pub kind: Option<QueueKind>,
    pub after: Option<QueuePosition>,
    pub limit: u32,
}

#[async_trait]
pub trait ModerationStore: Send + Sync {
    /// Records a report and returns how many different reporters (by `reporter`, a hash of the
    /// client's address) have unresolved reports on the target: one person reporting ten times
    /// counts once, and a person whose report an admin already reviewed does not count again.
    /// `None` when the target does not exist.
    async fn report(
        &self,
        target: ReportTarget,
        id: i64,
        reporter: &[u8],
        category: ReportReason,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<u32>, Error>;
    /// A page of the records waiting for an official, each with its open reports.
    async fn moderation_queue(&self, filter: &QueueFilter) -> Result<Vec<QueueItem>, Error>;
}

/// Marks the target's reports reviewed, in an official's decision on it.
pub async fn resolve_reports<DB: Db>(
    tx: &mut Transaction<'_, DB>,
    target: ReportTarget,
    id: i64,
) -> Result<(), Error> {
    Sql::new("UPDATE reports SET resolved = TRUE WHERE target_kind = $1 AND target_id = $2")
        .arg(target.slug())
        .arg(id)
        .execute(&mut *tx)
        .await?;
    if target == ReportTarget::Initiative {
        Sql::new("UPDATE initiatives SET report_count = 0 WHERE id = $1")
            .arg(id)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// Whether the target has reports no official has reviewed yet.
pub async fn has_open_reports<DB: Db>(
    tx: &mut Transaction<'_, DB>,
    target: ReportTarget,
    id: i64,
) -> Result<bool, Error> {
    Ok(Sql::new(
        "SELECT 1 AS open FROM reports WHERE target_kind = $1 AND target_id = $2 AND NOT resolved LIMIT 1",
    )
    .arg(target.slug())
    .arg(id)
    .fetch_optional(&mut *tx)
    .await?
    .is_some())
}

/// The queue's statement: initiatives and partners waiting for an official, in the order they
/// started waiting (a proposal or a hidden initiative since its last change, a reported record
/// since its oldest open report).
fn queue_query(filter: &QueueFilter) -> Sql {
    let open = |kind: &str, id: &str| {
        format!(
            "SELECT MIN(r.created_at) FROM reports r WHERE r.target_kind = '{kind}' \
             AND r.target_id = {id} AND NOT r.resolved"
        )
    };
    // Every open report shows, those of people whose earlier report was reviewed too: they no
    // longer hide the record, but an official sees what came after the review.
    let reported = |kind: &str, id: &str| {
        format!(
            "EXISTS (SELECT 1 FROM reports r WHERE r.target_kind = '{kind}' \
             AND r.target_id = {id} AND NOT r.resolved)"
        )
    };
    let mut sql = Sql::new(format!(
        "SELECT q.target_kind, q.id, q.title, q.region, q.status, q.since FROM (\
         SELECT 'initiative' AS target_kind, i.id AS id, i.title AS title, i.region AS region, \
         i.status AS status, {reported_initiative} AS reported, \
         CASE WHEN i.status IN ('proposed', 'hidden') THEN i.updated_at ELSE ({open_initiative}) END AS since \
         FROM initiatives i WHERE i.status IN ('proposed', 'hidden') OR {reported_initiative} \
         UNION ALL \
         SELECT 'stakeholder', s.id, s.name, s.region, NULL, TRUE, ({open_stakeholder}) \
         FROM stakeholders s WHERE {reported_stakeholder}\
         ) q WHERE TRUE",
        reported_initiative = reported("initiative", "i.id"),
        open_initiative = open("initiative", "i.id"),
        open_stakeholder = open("stakeholder", "s.id"),
        reported_stakeholder = reported("stakeholder", "s.id"),
    ));
    sql.push_areas("q.region", &filter.areas, "");
    sql.push(match filter.kind {
        None => " AND (q.status = 'proposed' OR q.reported)",
        Some(QueueKind::Proposed) => " AND q.status = 'proposed'",
        Some(QueueKind::Hidden) => " AND q.status = 'hidden'",
        Some(QueueKind::Reported) => {
            " AND q.reported AND (q.status IS NULL OR q.status NOT IN ('proposed', 'hidden'))"
        }
    });
    if let Some(after) = filter.after {
        sql.push(" AND (q.since > ")
            .push_arg(after.since)
            .push(" OR (q.since = ")
            .push_arg(after.since)
            .push(" AND (q.target_kind > ")
            .push_arg(after.target.slug())
            .push(" OR (q.target_kind = ")
            .push_arg(after.target.slug())
            .push(" AND q.id > ")
            .push_arg(after.id)
            .push("))))");
    }
    sql.push(" ORDER BY q.since, q.target_kind, q.id LIMIT ")
        .push_arg(i64::from(filter.limit));
    sql
}

fn target(row: &impl Columns) -> Result<ReportTarget, Error> {
    Ok(if row.text("target_kind")? == "initiative" {
        ReportTarget::Initiative
    } else {
        ReportTarget::Stakeholder
    })
}

/// Forgets the reviewed reports on a target whose content just changed: the people who reported
/// the old content may report the new one and count again.
pub async fn forget_reviewed_reports<DB: Db>(
    tx: &mut Transaction<'_, DB>,
    target: ReportTarget,
    id: i64,
) -> Result<(), Error> {
    Sql::new("DELETE FROM reports WHERE target_kind = $1 AND target_id = $2 AND resolved")
        .arg(target.slug())
        .arg(id)
        .execute(tx)
        .await?;
    Ok(())
}

fn table_of(target: ReportTarget) -> &'static str {
    match target {
        ReportTarget::Initiative => "initiatives",
        ReportTarget::Stakeholder => "stakeholders",
    }
}

#[async_trait]
impl<DB: Db> ModerationStore for SqlStore<DB> {
    async fn report(
        &self,
        target: ReportTarget,
        id: i64,
        reporter: &[u8],
        category: ReportReason,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<u32>, Error> {
        let mut tx = self.write.begin().await?;
        // Reports on one target queue on its row, so each counts the ones committed before it:
        // two reports arriving together through two processes both count, and the later sees
        // both.
        let exists = Sql::new(format!(
            "SELECT id FROM {} WHERE id = $1{}",
            table_of(target),
            DB::FOR_NO_KEY_UPDATE
        ))
        .arg(id)
        .fetch_optional(&mut tx)
        .await?;
        if exists.is_none() {
            return Ok(None);
        }
        // One open report per reporter and target: a repeat from the same address adds nothing.
        Sql::new(
            "INSERT INTO reports (target_kind, target_id, reporter, category, reason, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        )
        .arg(target.slug())
        .arg(id)
        .arg(reporter)
        .arg(category.slug())
        .arg(reason)
        .arg(now)
        .execute(&mut tx)
        .await?;
        // A reporter whose earlier report on this target an admin already reviewed does not
        // count again: a review sticks until new people report it, or its content changes
        // (which forgets the reviewed reports, see `forget_reviewed_reports`).
        let count = Sql::new(
            "SELECT COUNT(*) AS n FROM reports r WHERE r.target_kind = $1 AND r.target_id = $2 \
             AND NOT r.resolved AND NOT EXISTS (SELECT 1 FROM reports p WHERE p.target_kind = $1 \
             AND p.target_id = $2 AND p.reporter = r.reporter AND p.resolved)",
        )
        .arg(target.slug())
        .arg(id)
        .fetch_one(&mut tx)
        .await?
        .int("n")?;
        if target == ReportTarget::Initiative {
            Sql::new("UPDATE initiatives SET report_count = $1 WHERE id = $2")
                .arg(count)
                .arg(id)
                .execute(&mut tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Some(count as u32))
    }

    async fn moderation_queue(&self, filter: &QueueFilter) -> Result<Vec<QueueItem>, Error> {
        let mut items = Vec::new();
        for row in queue_query(filter).fetch_all(&self.read).await? {
            let status = row
                .maybe_text("status")?
                .map(|slug| {
                    InitiativeStatus::from_slug(&slug)
                        .ok_or_else(|| rows::corrupt(format!("status {slug}")))
                })
                .transpose()?;
            items.push(QueueItem {
                target: target(&row)?,
                id: row.int("id")?,
                title: row.text("title")?,
                region: rows::region(&row, "region")?,
                kind: match status {
                    Some(InitiativeStatus::Proposed) => QueueKind::Proposed,
                    Some(InitiativeStatus::Hidden) => QueueKind::Hidden,
                    _ => QueueKind::Reported,
                },
                status,
                reporters: 0,
                reports: Vec::new(),
                since: row.time("since")?,
            });
        }
        if items.is_empty() {
            return Ok(items);
        }
        let ids = |kind: ReportTarget| -> Vec<i64> {
            items
                .iter()
                .filter(|item| item.target == kind)
                .map(|item| item.id)
                .collect()
        };
        let mut sql = Sql::new(
            "SELECT id, target_kind, target_id, reporter, category, reason, created_at FROM reports \
             WHERE NOT resolved AND ((target_kind = 'initiative' AND target_id IN ",
        );
        sql.push_list(&ids(ReportTarget::Initiative))
            .push(") OR (target_kind = 'stakeholder' AND target_id IN ")
            .push_list(&ids(ReportTarget::Stakeholder))
            .push(")) ORDER BY id");
        let mut reports: HashMap<(ReportTarget, i64), (HashSet<Vec<u8>>, Vec<ReportEntry>)> =
            HashMap::new();
        for row in sql.fetch_all(&self.read).await? {
            let category = row.text("category")?;
            let entry = reports
                .entry((target(&row)?, row.int("target_id")?))
                .or_default();
            entry.0.insert(row.bytes("reporter")?);
            entry.1.push(ReportEntry {
                id: row.int("id")?,
                category: ReportReason::from_slug(&category)
                    .ok_or_else(|| rows::corrupt(format!("report category {category}")))?,
                reason: row.text("reason")?,
                created_at: row.time("created_at")?,
            });
        }
        for item in &mut items {
            if let Some((reporters, entries)) = reports.remove(&(item.target, item.id)) {
                item.reporters = reporters.len() as u32;
                item.reports = entries;
            }
        }
        Ok(items)
    }
}
