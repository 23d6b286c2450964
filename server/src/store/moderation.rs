//! Reports of citizens on records, and their resolution by officials.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use pentahelix_core::RegionCode;
pub use pentahelix_core::api::{ReportEntry, ReportTarget};
use sqlx::Transaction;

use super::sql::{Columns, Db, Sql, SqlStore};
use crate::error::Error;

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
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<u32>, Error>;
    async fn open_reports(&self, areas: &[RegionCode]) -> Result<Vec<ReportEntry>, Error>;
    async fn resolve_reports(&self, target: ReportTarget, id: i64) -> Result<(), Error>;
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
            "INSERT INTO reports (target_kind, target_id, reporter, reason, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        )
        .arg(target.slug())
        .arg(id)
        .arg(reporter)
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

    async fn open_reports(&self, areas: &[RegionCode]) -> Result<Vec<ReportEntry>, Error> {
        let mut sql = Sql::new(
            "SELECT r.id, r.target_kind, r.target_id, r.reason, r.created_at FROM reports r \
             LEFT JOIN initiatives i ON r.target_kind = 'initiative' AND i.id = r.target_id \
             LEFT JOIN stakeholders s ON r.target_kind = 'stakeholder' AND s.id = r.target_id \
             WHERE NOT r.resolved",
        );
        sql.push_areas("COALESCE(i.region, s.region)", areas, "");
        sql.push(" ORDER BY r.id");
        sql.fetch_all(&self.read)
            .await?
            .iter()
            .map(|row| {
                Ok(ReportEntry {
                    id: row.int("id")?,
                    target_kind: if row.text("target_kind")? == "initiative" {
                        ReportTarget::Initiative
                    } else {
                        ReportTarget::Stakeholder
                    },
                    target_id: row.int("target_id")?,
                    reason: row.text("reason")?,
                    created_at: row.time("created_at")?,
                })
            })
            .collect()
    }

    async fn resolve_reports(&self, target: ReportTarget, id: i64) -> Result<(), Error> {
        let mut tx = self.write.begin().await?;
        // The target first, as `report` locks it: a report arriving meanwhile waits for the
        // resolution (a new report of the same person must know whether the old one is still
        // open) instead of the two waiting on each other.
        Sql::new(format!(
            "SELECT id FROM {} WHERE id = $1{}",
            table_of(target),
            DB::FOR_NO_KEY_UPDATE
        ))
        .arg(id)
        .execute(&mut tx)
        .await?;
        Sql::new("UPDATE reports SET resolved = TRUE WHERE target_kind = $1 AND target_id = $2")
            .arg(target.slug())
            .arg(id)
            .execute(&mut tx)
            .await?;
        if target == ReportTarget::Initiative {
            Sql::new("UPDATE initiatives SET report_count = 0 WHERE id = $1")
                .arg(id)
                .execute(&mut tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
