//! Initiatives: what citizens and organisations propose, and the dashboard's view of them.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use pentahelix_core::api::{
    AuditAction, AuditTarget, Initiative, InitiativeId, InitiativeInput, InitiativeStatus,
    NotificationKind, StakeholderId,
};
use pentahelix_core::{
    Helix, HelixSet, RegionCode, Resource, ResourceSet, Subsector, SubsectorSet,
};

use super::PageRequest;
use super::audit::public_fields;
use super::idempotency::forget_replays;
use super::mail_settings::delete_with_address;
use super::moderation::{ReportTarget, forget_reviewed_reports};
use super::outbox::{Recipient, enqueue};
use super::pledges::recompute_coverage;
use super::sql::rows::{self, INITIATIVE_COLUMNS};
use super::sql::{Db, Sql, SqlStore, Words};
use super::trace::{Act, Notify, Trace, current_initiative, locked_initiative, trace};
use crate::auth::TokenHash;
use crate::error::Error;
use sqlx::Transaction;

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
    /// Words to find in the title or description (full-text search), every one of them.
    pub text: Option<String>,
    /// Words of which the title or description holds at least one: similar initiatives.
    pub any_words: Option<String>,
    /// Supported by this stakeholder: it has an accepted pledge to them.
    pub supported_by: Option<StakeholderId>,
}

#[async_trait]
pub trait InitiativeStore: Send + Sync {
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
    /// `by` an official other than the owner: the edit is traced and its owner told.
    async fn update_initiative(
        &self,
        id: InitiativeId,
        input: &InitiativeInput,
        by: Option<&Act<'_>>,
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
    async fn delete_initiative(&self, id: InitiativeId) -> Result<bool, Error>;
}

/// What a list shows when it names no status.
const PUBLIC: [InitiativeStatus; 3] = InitiativeStatus::LISTED;

/// `sql` with what a person wrote as `$1` to `$12`, in the order both statements name the columns.
fn with_input(sql: Sql, input: &InitiativeInput) -> Result<Sql, Error> {
    let needs = serde_json::to_string(&input.needs)
        .map_err(|e| Error::Internal(format!("needs do not serialise: {e}")))?;
    Ok(sql
        .arg(&input.title)
        .arg(&input.description)
        .arg(i64::from(input.region.packed()))
        .arg(i64::from(input.subsectors.bits()))
        .arg(needs)
        .arg(i64::from(input.needed_resources().bits()))
        .arg(input.starts_on)
        .arg(input.ends_on)
        .arg(&input.place)
        .arg(&input.contact.person)
        .arg(&input.contact.email)
        .arg(&input.contact.phone))
}

/// The list's statement, separate so a test can ask PostgreSQL how it would run it.
pub fn list_query<DB: Db>(filter: &InitiativeFilter, page: PageRequest) -> Sql {
    let unindexed = DB::UNINDEXED;
    // The page is chosen first and the pledge counts (a subquery per row) computed for its rows
    // only: PostgreSQL evaluates the select list before a sort, so counting in the outer query
    // saves a subquery for every row of the city (found by `cargo xtask bench`).
    let mut sql = Sql::new(format!(
        "SELECT {INITIATIVE_COLUMNS} FROM (SELECT * FROM initiatives WHERE TRUE"
    ));
    sql.push_areas("region", &filter.areas, unindexed);
    let statuses: &[InitiativeStatus] = if filter.statuses.is_empty() {
        &PUBLIC
    } else {
        &filter.statuses
    };
    let slugs: Vec<&str> = statuses.iter().map(|s| s.slug()).collect();
    sql.push(&format!(" AND {unindexed}status IN "))
        .push_list(&slugs);
    if let Some(helix) = filter.missing_helix {
        DB::push_has_bit(
            &mut sql,
            "31 & ~coverage",
            u64::from(HelixSet::of(helix).bits()),
        );
    }
    if let Some(subsector) = filter.subsector {
        DB::push_has_bit(
            &mut sql,
            "subsectors",
            u64::from(SubsectorSet::of(subsector).bits()),
        );
    }
    if let Some(resource) = filter.resource {
        DB::push_has_bit(
            &mut sql,
            "needed",
            u64::from(ResourceSet::of(resource).bits()),
        );
    }
    if let Some(from) = filter.from {
        sql.push(" AND COALESCE(ends_on, starts_on) >= ")
            .push_arg(from);
    }
    if let Some(to) = filter.to {
        sql.push(" AND starts_on <= ").push_arg(to);
    }
    if let Some(text) = filter.text.as_deref() {
        DB::push_initiative_search(&mut sql, text, Words::Every);
    }
    if let Some(text) = filter.any_words.as_deref() {
        DB::push_initiative_search(&mut sql, text, Words::Any);
    }
    if let Some(partner) = filter.supported_by {
        sql.push(
            " AND EXISTS (SELECT 1 FROM pledges WHERE pledges.initiative_id = initiatives.id \
             AND pledges.status = 'accepted' AND pledges.stakeholder_id = ",
        )
        .push_arg(partner.0)
        .push(")");
    }
    if let Some(before) = page.before {
        sql.push(" AND id < ").push_arg(before);
    }
    sql.push(" ORDER BY id DESC LIMIT ")
        .push_arg(i64::from(page.limit));
    sql.push(") AS initiatives ORDER BY id DESC");
    sql
}

#[async_trait]
impl<DB: Db> InitiativeStore for SqlStore<DB> {
    async fn create_initiative(
        &self,
        input: &InitiativeInput,
        status: InitiativeStatus,
        token: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Initiative, Error> {
        let row = with_input(
            Sql::new(format!(
                "INSERT INTO initiatives (title, description, region, subsectors, needs, needed, starts_on, \
                 ends_on, place, contact_person, contact_email, contact_phone, status, token_hash, created_at, \
                 updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) \
                 RETURNING {INITIATIVE_COLUMNS}"
            )),
            input,
        )?
        .arg(status.slug())
        .arg(token.as_bytes())
        .arg(now)
        .fetch_one(&self.write)
        .await?;
        rows::initiative(&row)
    }

    async fn initiative(&self, id: InitiativeId) -> Result<Option<Initiative>, Error> {
        let row = Sql::new(format!(
            "SELECT {INITIATIVE_COLUMNS} FROM initiatives WHERE id = $1"
        ))
        .arg(id.0)
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(rows::initiative).transpose()
    }

    async fn list_initiatives(
        &self,
        filter: &InitiativeFilter,
        page: PageRequest,
    ) -> Result<Vec<Initiative>, Error> {
        list_query::<DB>(filter, page)
            .fetch_all_as(&self.read, rows::initiative)
            .await
    }

    async fn update_initiative(
        &self,
        id: InitiativeId,
        input: &InitiativeInput,
        by: Option<&Act<'_>>,
        now: DateTime<Utc>,
    ) -> Result<Option<Initiative>, Error> {
        let mut tx = self.write.begin().await?;
        let before = match by {
            Some(_) => locked_initiative(&mut tx, id.0).await?,
            None => None,
        };
        let updated = with_input(
            Sql::new(
                "UPDATE initiatives SET title = $1, description = $2, region = $3, subsectors = $4, needs = $5, \
                 needed = $6, starts_on = $7, ends_on = $8, place = $9, contact_person = $10, \
                 contact_email = $11, contact_phone = $12, updated_at = $13 WHERE id = $14",
            ),
            input,
        )?
        .arg(now)
        .arg(id.0)
        .execute(&mut tx)
        .await?
            > 0;
        if updated {
            recompute_coverage::<DB>(&mut tx, id.0, now).await?;
            forget_reviewed_reports(&mut tx, ReportTarget::Initiative, id.0).await?;
        }
        if let (Some(act), Some(before)) = (by, before) {
            let after = current_initiative(&mut tx, id.0).await?;
            trace(
                &mut tx,
                act,
                Trace {
                    action: AuditAction::Edit,
                    target: AuditTarget::Initiative,
                    target_id: id.0,
                    region: before.region,
                    title: &before.title,
                    before: public_fields(&before),
                    after: after.as_ref().and_then(public_fields),
                    notify: Notify::Owner(Recipient::InitiativeOwner(id.0)),
                },
                now,
            )
            .await?;
        }
        tx.commit().await?;
        if updated {
            self.initiative(id).await
        } else {
            Ok(None)
        }
    }

    async fn set_initiative_status(
        &self,
        id: InitiativeId,
        from: InitiativeStatus,
        to: InitiativeStatus,
        now: DateTime<Utc>,
    ) -> Result<Option<Initiative>, Error> {
        // The expected status is part of the WHERE clause, which PostgreSQL re-checks on the
        // newest row version after waiting for a concurrent change (and SQLite's one writer
        // runs one at a time): of two changes, one applies and the other finds nothing to change.
        let mut tx = self.write.begin().await?;
        let row = Sql::new(format!(
            "UPDATE initiatives SET status = $1, updated_at = $2, \
             status_before_hidden = CASE WHEN $1 IN ('hidden', 'proposed') THEN status ELSE status_before_hidden END \
             WHERE id = $3 AND status = $4 RETURNING {INITIATIVE_COLUMNS}"
        ))
        .arg(to.slug())
        .arg(now)
        .arg(id.0)
        .arg(from.slug())
        .fetch_optional(&mut tx)
        .await?;
        if row.is_some() && to == InitiativeStatus::Hidden {
            enqueue(
                &mut tx,
                NotificationKind::InitiativeHidden,
                Recipient::InitiativeOwner(id.0),
                id.0,
                id.0,
                now,
            )
            .await?;
        }
        tx.commit().await?;
        row.as_ref().map(rows::initiative).transpose()
    }

    async fn delete_initiative(&self, id: InitiativeId) -> Result<bool, Error> {
        let mut tx = self.write.begin().await?;
        let deleted = delete_in(&mut tx, id).await?;
        tx.commit().await?;
        self.after_delete().await;
        Ok(deleted)
    }
}

/// Deletes an initiative with its pledges, reports and personal data, in the caller's
/// transaction.
pub(super) async fn delete_in<DB: Db>(
    tx: &mut Transaction<'_, DB>,
    id: InitiativeId,
) -> Result<bool, Error> {
    lock_pledges(tx, id).await?;
    let deleted = delete_with_address(tx, "initiatives", id.0).await?;
    Sql::new("DELETE FROM reports WHERE target_kind = 'initiative' AND target_id = $1")
        .arg(id.0)
        .execute(&mut *tx)
        .await?;
    forget_replays(tx, &format!("initiative:{}", id.0)).await?;
    Ok(deleted)
}

/// Locks an initiative's pledges: every transaction locks them before initiatives (see
/// `pledges`), and deleting the initiative alone would lock it and then, by the cascade, its
/// pledges.
pub(super) async fn lock_pledges<DB: Db>(
    tx: &mut Transaction<'_, DB>,
    id: InitiativeId,
) -> Result<(), Error> {
    Sql::new(format!(
        "SELECT id FROM pledges WHERE initiative_id = $1 ORDER BY id{}",
        DB::FOR_UPDATE
    ))
    .arg(id.0)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
