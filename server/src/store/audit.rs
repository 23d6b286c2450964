//! The audit trail of officials' actions. Entries are written in the transaction of the action
//! they record, so no action is committed without its entry, and never changed afterwards: the
//! store has no method to, and the database's triggers refuse it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use pentahelix_core::RegionCode;
use pentahelix_core::api::{AuditAction, AuditEntry, AuditTarget};
use pentahelix_core::validate::email_key;
use serde::Serialize;
use sqlx::Transaction;

use super::PageRequest;
use super::sql::rows;
use super::sql::{Columns, Db, Sql, SqlStore};
use crate::error::Error;

/// An entry to append.
#[derive(Debug, Clone)]
pub struct NewAudit<'a> {
    pub actor: &'a str,
    pub action: AuditAction,
    pub target: AuditTarget,
    pub target_id: i64,
    pub region: RegionCode,
    pub title: &'a str,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub reason: &'a str,
}

/// A record's fields as the trail keeps them: everything the public may read, never the
/// contact, which by law leaves with the record (UU PDP).
pub fn public_fields(record: &impl Serialize) -> Option<serde_json::Value> {
    let mut value = serde_json::to_value(record).ok()?;
    if let Some(fields) = value.as_object_mut() {
        fields.remove("contact");
    }
    Some(value)
}

/// Appends an entry in the action's transaction; its id.
pub async fn append<DB: Db>(
    tx: &mut Transaction<'_, DB>,
    entry: &NewAudit<'_>,
    now: DateTime<Utc>,
) -> Result<i64, Error> {
    let json = |value: &Option<serde_json::Value>| value.as_ref().map(ToString::to_string);
    Sql::new(
        "INSERT INTO audit_trail (at, actor, action, target_kind, target_id, region, title, before, after, reason) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .arg(now)
    .arg(entry.actor)
    .arg(entry.action.slug())
    .arg(entry.target.slug())
    .arg(entry.target_id)
    .arg(i64::from(entry.region.packed()))
    .arg(entry.title)
    .arg(json(&entry.before))
    .arg(json(&entry.after))
    .arg(entry.reason)
    .fetch_one(&mut *tx)
    .await?
    .int("id")
}

/// Which entries to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// The regions the viewer works in (always given: nobody reads the whole trail).
    pub areas: Vec<RegionCode>,
    pub action: Option<AuditAction>,
    pub actor: Option<String>,
}

#[async_trait]
pub trait AuditStore: Send + Sync {
    /// Newest first.
    async fn audit_trail(
        &self,
        filter: &AuditFilter,
        page: PageRequest,
    ) -> Result<Vec<AuditEntry>, Error>;
    async fn audit_entry(&self, id: i64) -> Result<Option<AuditEntry>, Error>;
}

const AUDIT_COLUMNS: &str =
    "id, at, actor, action, target_kind, target_id, region, title, before, after, reason";

fn entry(row: &impl Columns) -> Result<AuditEntry, Error> {
    let json = |column: &str| -> Result<Option<serde_json::Value>, Error> {
        row.maybe_text(column)?
            .map(|text| serde_json::from_str(&text).map_err(rows::corrupt))
            .transpose()
    };
    let action = row.text("action")?;
    let target = row.text("target_kind")?;
    Ok(AuditEntry {
        id: row.int("id")?,
        at: row.time("at")?,
        actor: row.text("actor")?,
        action: AuditAction::from_slug(&action)
            .ok_or_else(|| rows::corrupt(format!("audit action {action}")))?,
        target: AuditTarget::from_slug(&target)
            .ok_or_else(|| rows::corrupt(format!("audit target {target}")))?,
        target_id: row.int("target_id")?,
        region: rows::region(row, "region")?,
        title: row.text("title")?,
        before: json("before")?,
        after: json("after")?,
        reason: row.text("reason")?,
    })
}

#[async_trait]
impl<DB: Db> AuditStore for SqlStore<DB> {
    async fn audit_trail(
        &self,
        filter: &AuditFilter,
        page: PageRequest,
    ) -> Result<Vec<AuditEntry>, Error> {
        let mut sql = Sql::new(format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_trail WHERE TRUE"
        ));
        sql.push_areas("region", &filter.areas, "");
        if let Some(action) = filter.action {
            sql.push(" AND action = ").push_arg(action.slug());
        }
        if let Some(actor) = &filter.actor {
            // An address as sign-in writes it; a token's label as it was given.
            let actor = if actor.starts_with("token: ") {
                actor.clone()
            } else {
                email_key(actor)
            };
            sql.push(" AND actor = ").push_arg(actor);
        }
        if let Some(before) = page.before {
            sql.push(" AND id < ").push_arg(before);
        }
        sql.push(" ORDER BY id DESC LIMIT ")
            .push_arg(i64::from(page.limit));
        sql.fetch_all_as(&self.read, entry).await
    }

    async fn audit_entry(&self, id: i64) -> Result<Option<AuditEntry>, Error> {
        Sql::new(format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_trail WHERE id = $1"
        ))
        .arg(id)
        .fetch_optional(&self.read)
        .await?
        .as_ref()
        .map(entry)
        .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::postgres::testing;
    use crate::store::{PgStore, SqliteStore};

    /// Not the API alone: the database itself refuses to change or delete an entry, whoever
    /// asks (an operator's SQL console, a bug in a later version).
    async fn refuses_changes<DB: Db>(store: &SqlStore<DB>, statements: &[&str]) {
        let mut tx = store.write.begin().await.unwrap();
        let id = append(
            &mut tx,
            &NewAudit {
                actor: "petugas@bandung.go.id",
                action: AuditAction::Hide,
                target: AuditTarget::Initiative,
                target_id: 7,
                region: "32.73.02".parse().unwrap(),
                title: "Festival Kopi Coblong",
                before: None,
                after: None,
                reason: "Iklan.",
            },
            Utc::now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        for statement in statements {
            let refused = Sql::new(*statement).execute(&store.write).await;
            assert!(refused.is_err(), "{statement} went through");
        }
        let kept = store.audit_entry(id).await.unwrap().unwrap();
        assert_eq!(kept.reason, "Iklan.");
        assert_eq!(kept.actor, "petugas@bandung.go.id");
    }

    #[tokio::test]
    async fn sqlite_refuses_to_change_or_delete_an_entry() {
        let store = SqliteStore::open("sqlite::memory:").await.unwrap();
        refuses_changes(
            &store,
            &[
                "UPDATE audit_trail SET reason = 'Tidak ada.'",
                "DELETE FROM audit_trail",
            ],
        )
        .await;
    }

    #[tokio::test]
    async fn postgres_refuses_to_change_delete_or_truncate_an_entry() {
        let Some(server) = testing::server_url() else {
            eprintln!("skipped: set {} to run it", testing::ENV);
            return;
        };
        let url = testing::fresh_database(&server).await.unwrap();
        let store = PgStore::open(&url).await.unwrap();
        refuses_changes(
            &store,
            &[
                "UPDATE audit_trail SET reason = 'Tidak ada.'",
                "DELETE FROM audit_trail",
                "TRUNCATE audit_trail",
            ],
        )
        .await;
    }
}
