//! Stakeholders: the organisations and people of the five helices and what they offer.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use pentahelix_core::api::{
    AuditAction, AuditTarget, Stakeholder, StakeholderId, StakeholderInput,
};
use pentahelix_core::{Helix, RegionCode, Resource, ResourceSet, Subsector, SubsectorSet};
use sqlx::Transaction;

use super::PageRequest;
use super::audit::public_fields;
use super::idempotency::forget_replays;
use super::mail_settings::delete_with_address;
use super::moderation::{ReportTarget, forget_reviewed_reports};
use super::outbox::Recipient;
use super::pledges::recompute_coverage;
use super::sql::rows::{self, STAKEHOLDER_COLUMNS};
use super::sql::{Columns, Db, Sql, SqlStore};
use super::trace::{Act, Notify, Trace, current_stakeholder, trace};
use crate::auth::TokenHash;
use crate::error::Error;

/// Where a list looks: inside any of `areas` (the served cities, or a narrower region).
#[derive(Debug, Clone, Default)]
pub struct StakeholderFilter {
    pub areas: Vec<RegionCode>,
    pub helix: Option<Helix>,
    pub subsector: Option<Subsector>,
    /// Offers this resource.
    pub resource: Option<Resource>,
    pub verified: Option<bool>,
    /// Part of the name or description, any case.
    pub text: Option<String>,
}

#[async_trait]
pub trait StakeholderStore: Send + Sync {
    async fn create_stakeholder(
        &self,
        input: &StakeholderInput,
        token: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Stakeholder, Error>;
    async fn stakeholder(&self, id: StakeholderId) -> Result<Option<Stakeholder>, Error>;
    /// Several stakeholders in one query, in no particular order; ids not found are left out.
    /// A page of matches names a dozen, and one query each cost as much as the ranking.
    async fn stakeholders_by_id(&self, ids: &[StakeholderId]) -> Result<Vec<Stakeholder>, Error>;
    async fn list_stakeholders(
        &self,
        filter: &StakeholderFilter,
        page: PageRequest,
    ) -> Result<Vec<Stakeholder>, Error>;
    async fn update_stakeholder(
        &self,
        id: StakeholderId,
        input: &StakeholderInput,
        by: Option<&Act<'_>>,
        now: DateTime<Utc>,
    ) -> Result<Option<Stakeholder>, Error>;
    /// Deletes the stakeholder, its personal data and its pledges (recomputing the coverage of
    /// initiatives it had pledged to).
    async fn delete_stakeholder(
        &self,
        id: StakeholderId,
        now: DateTime<Utc>,
    ) -> Result<bool, Error>;
    /// An official's verification (or its undoing), traced.
    async fn set_verified(
        &self,
        id: StakeholderId,
        verified: bool,
        act: &Act<'_>,
        now: DateTime<Utc>,
    ) -> Result<Option<Stakeholder>, Error>;
}

/// `sql` with what a person wrote as `$1` to `$10`, in the order both statements name the
/// columns.
fn with_input(sql: Sql, input: &StakeholderInput) -> Sql {
    sql.arg(&input.name)
        .arg(input.helix.slug())
        .arg(i64::from(input.region.packed()))
        .arg(i64::from(input.subsectors.bits()))
        .arg(i64::from(input.offers.bits()))
        .arg(&input.description)
        .arg(&input.website)
        .arg(&input.contact.person)
        .arg(&input.contact.email)
        .arg(&input.contact.phone)
}

/// An admin verified who the partner is: its name, helix, region and website. Changing any of
/// them (a business renaming itself into a city office) clears the badge until an admin looks
/// again; the right-hand side reads the values before the update.
const KEEPS_VERIFIED: &str = "verified = CASE WHEN name = $1 AND helix = $2 AND region = $3 \
     AND website IS NOT DISTINCT FROM $7 THEN verified ELSE FALSE END";

/// The list's statement, separate so a test can ask PostgreSQL how it would run it.
pub fn list_query<DB: Db>(filter: &StakeholderFilter, page: PageRequest) -> Sql {
    let unindexed = DB::UNINDEXED;
    let mut sql = Sql::new(format!(
        "SELECT {STAKEHOLDER_COLUMNS} FROM stakeholders WHERE TRUE"
    ));
    sql.push_areas("region", &filter.areas, unindexed);
    if let Some(helix) = filter.helix {
        sql.push(&format!(" AND {unindexed}helix = "))
            .push_arg(helix.slug());
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
            "offers",
            u64::from(ResourceSet::of(resource).bits()),
        );
    }
    if let Some(verified) = filter.verified {
        sql.push(" AND verified = ").push_arg(verified);
    }
    if let Some(text) = filter.text.as_deref() {
        DB::push_stakeholder_search(&mut sql, text);
    }
    if let Some(before) = page.before {
        sql.push(" AND id < ").push_arg(before);
    }
    sql.push(" ORDER BY id DESC LIMIT ")
        .push_arg(i64::from(page.limit));
    sql
}

/// The initiatives this stakeholder's accepted pledges count towards, in id order (the order
/// they are locked in). Read after the stakeholder's row is locked: pledge changes in flight have
/// then committed, and new ones wait (see `pledges`).
async fn supported<DB: Db>(
    tx: &mut Transaction<'_, DB>,
    id: StakeholderId,
) -> Result<Vec<i64>, Error> {
    Sql::new(
        "SELECT DISTINCT initiative_id FROM pledges WHERE stakeholder_id = $1 AND status = 'accepted' \
         ORDER BY initiative_id",
    )
    .arg(id.0)
    .fetch_all_as(tx, |row| row.int("initiative_id"))
    .await
}

#[async_trait]
impl<DB: Db> StakeholderStore for SqlStore<DB> {
    async fn create_stakeholder(
        &self,
        input: &StakeholderInput,
        token: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Stakeholder, Error> {
        let row = with_input(
            Sql::new(format!(
                "INSERT INTO stakeholders (name, helix, region, subsectors, offers, description, website, \
                 contact_person, contact_email, contact_phone, verified, token_hash, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, FALSE, $11, $12, $12) \
                 RETURNING {STAKEHOLDER_COLUMNS}"
            )),
            input,
        )
        .arg(token.as_bytes())
        .arg(now)
        .fetch_one(&self.write)
        .await?;
        rows::stakeholder(&row)
    }

    async fn stakeholder(&self, id: StakeholderId) -> Result<Option<Stakeholder>, Error> {
        let row = Sql::new(format!(
            "SELECT {STAKEHOLDER_COLUMNS} FROM stakeholders WHERE id = $1"
        ))
        .arg(id.0)
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(rows::stakeholder).transpose()
    }

    async fn stakeholders_by_id(&self, ids: &[StakeholderId]) -> Result<Vec<Stakeholder>, Error> {
        let ids: Vec<i64> = ids.iter().map(|id| id.0).collect();
        let mut sql = Sql::new(format!(
            "SELECT {STAKEHOLDER_COLUMNS} FROM stakeholders WHERE id IN "
        ));
        sql.push_list(&ids);
        sql.fetch_all_as(&self.read, rows::stakeholder).await
    }

    async fn list_stakeholders(
        &self,
        filter: &StakeholderFilter,
        page: PageRequest,
    ) -> Result<Vec<Stakeholder>, Error> {
        list_query::<DB>(filter, page)
            .fetch_all_as(&self.read, rows::stakeholder)
            .await
    }

    async fn update_stakeholder(
        &self,
        id: StakeholderId,
        input: &StakeholderInput,
        by: Option<&Act<'_>>,
        now: DateTime<Utc>,
    ) -> Result<Option<Stakeholder>, Error> {
        let mut tx = self.write.begin().await?;
        let before = match by {
            Some(_) => current_stakeholder(&mut tx, id.0).await?,
            None => None,
        };
        let row = with_input(
            Sql::new(format!(
                "UPDATE stakeholders SET name = $1, helix = $2, region = $3, subsectors = $4, offers = $5, \
                 description = $6, website = $7, contact_person = $8, contact_email = $9, contact_phone = $10, \
                 updated_at = $11, {KEEPS_VERIFIED} WHERE id = $12 RETURNING {STAKEHOLDER_COLUMNS}"
            )),
            input,
        )
        .arg(now)
        .arg(id.0)
        .fetch_optional(&mut tx)
        .await?;
        // A changed helix changes the coverage of every initiative this stakeholder supports.
        for initiative in supported(&mut tx, id).await? {
            recompute_coverage::<DB>(&mut tx, initiative, now).await?;
        }
        let updated = row.as_ref().map(rows::stakeholder).transpose()?;
        if updated.is_some() {
            forget_reviewed_reports(&mut tx, ReportTarget::Stakeholder, id.0).await?;
        }
        if let (Some(act), Some(before)) = (by, before) {
            trace(
                &mut tx,
                act,
                Trace {
                    action: AuditAction::Edit,
                    target: AuditTarget::Stakeholder,
                    target_id: id.0,
                    region: before.region,
                    title: &before.name,
                    before: public_fields(&before),
                    after: updated.as_ref().and_then(public_fields),
                    notify: Notify::Owner(Recipient::Stakeholder(id.0)),
                },
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(updated)
    }

    async fn delete_stakeholder(
        &self,
        id: StakeholderId,
        now: DateTime<Utc>,
    ) -> Result<bool, Error> {
        let mut tx = self.write.begin().await?;
        let deleted = delete_in(&mut tx, id, now).await?;
        tx.commit().await?;
        self.after_delete().await;
        Ok(deleted)
    }

    async fn set_verified(
        &self,
        id: StakeholderId,
        verified: bool,
        act: &Act<'_>,
        now: DateTime<Utc>,
    ) -> Result<Option<Stakeholder>, Error> {
        let mut tx = self.write.begin().await?;
        let Some(before) = current_stakeholder(&mut tx, id.0).await? else {
            return Ok(None);
        };
        let row = Sql::new(format!(
            "UPDATE stakeholders SET verified = $1, updated_at = $2 WHERE id = $3 RETURNING {STAKEHOLDER_COLUMNS}"
        ))
        .arg(verified)
        .arg(now)
        .arg(id.0)
        .fetch_optional(&mut tx)
        .await?;
        let after = row.as_ref().map(rows::stakeholder).transpose()?;
        if before.verified != verified {
            trace(
                &mut tx,
                act,
                Trace {
                    action: if verified {
                        AuditAction::Verify
                    } else {
                        AuditAction::Unverify
                    },
                    target: AuditTarget::Stakeholder,
                    target_id: id.0,
                    region: before.region,
                    title: &before.name,
                    before: public_fields(&before),
                    after: after.as_ref().and_then(public_fields),
                    notify: Notify::Nobody,
                },
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(after)
    }
}

/// Deletes a stakeholder with its pledges, reports and personal data, in the caller's
/// transaction; the initiatives it supported lose its helix.
pub(super) async fn delete_in<DB: Db>(
    tx: &mut Transaction<'_, DB>,
    id: StakeholderId,
    now: DateTime<Utc>,
) -> Result<bool, Error> {
    Sql::new(format!(
        "SELECT id FROM stakeholders WHERE id = $1{}",
        DB::FOR_UPDATE
    ))
    .arg(id.0)
    .execute(&mut *tx)
    .await?;
    let initiatives = supported(tx, id).await?;
    let deleted = delete_with_address(tx, "stakeholders", id.0).await?;
    Sql::new("DELETE FROM reports WHERE target_kind = 'stakeholder' AND target_id = $1")
        .arg(id.0)
        .execute(&mut *tx)
        .await?;
    forget_replays(tx, &format!("stakeholder:{}", id.0)).await?;
    for initiative in initiatives {
        recompute_coverage::<DB>(tx, initiative, now).await?;
    }
    Ok(deleted)
}
