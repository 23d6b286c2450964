//! The city's named officials: which address works which region's queue, in which role.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use pentahelix_core::RegionCode;
use pentahelix_core::api::{OfficialGrant, OfficialRole};
use pentahelix_core::validate::email_key;

use super::sql::rows;
use super::sql::{Columns, Db, Sql, SqlStore};
use crate::error::Error;

/// An official's grant as the operator lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialEntry {
    pub id: i64,
    pub email: String,
    pub region: RegionCode,
    pub role: OfficialRole,
    pub created_at: DateTime<Utc>,
}

/// What an invitation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invited {
    /// A new grant: the address is told.
    New(i64),
    /// The address already worked this region; its role is now the one given.
    Changed(i64),
}

#[async_trait]
pub trait OfficialStore: Send + Sync {
    /// Grants `email` the role in `region`, queueing the invitation mail for a new grant in the
    /// same transaction.
    async fn invite_official(
        &self,
        email: &str,
        region: RegionCode,
        role: OfficialRole,
        now: DateTime<Utc>,
    ) -> Result<Invited, Error>;
    async fn officials(&self) -> Result<Vec<OfficialEntry>, Error>;
    async fn official(&self, id: i64) -> Result<Option<OfficialEntry>, Error>;
    /// Removes the address's grants, in `region` only when given; how many went.
    async fn remove_official(&self, email: &str, region: Option<RegionCode>) -> Result<u64, Error>;
    /// The regions a signed-in address works in as an official.
    async fn official_grants(&self, email: &str) -> Result<Vec<OfficialGrant>, Error>;
}

fn role(row: &impl Columns) -> Result<OfficialRole, Error> {
    let role = row.text("role")?;
    OfficialRole::from_slug(&role).ok_or_else(|| rows::corrupt(format!("official role {role}")))
}

fn entry(row: &impl Columns) -> Result<OfficialEntry, Error> {
    Ok(OfficialEntry {
        id: row.int("id")?,
        email: row.text("email")?,
        region: rows::region(row, "region")?,
        role: role(row)?,
        created_at: row.time("created_at")?,
    })
}

#[async_trait]
impl<DB: Db> OfficialStore for SqlStore<DB> {
    async fn invite_official(
        &self,
        email: &str,
        region: RegionCode,
        role: OfficialRole,
        now: DateTime<Utc>,
    ) -> Result<Invited, Error> {
        let email = email_key(email);
        let mut tx = self.write.begin().await?;
        let existing = Sql::new("SELECT id FROM officials WHERE email = $1 AND region = $2")
            .arg(email.as_str())
            .arg(i64::from(region.packed()))
            .fetch_optional(&mut tx)
            .await?;
        let invited = if let Some(row) = existing {
            let id = row.int("id")?;
            Sql::new("UPDATE officials SET role = $1 WHERE id = $2")
                .arg(role.slug())
                .arg(id)
                .execute(&mut tx)
                .await?;
            Invited::Changed(id)
        } else {
            let id = Sql::new(
                "INSERT INTO officials (email, region, role, created_at) VALUES ($1, $2, $3, $4) \
                 RETURNING id",
            )
            .arg(email.as_str())
            .arg(i64::from(region.packed()))
            .arg(role.slug())
            .arg(now)
            .fetch_one(&mut tx)
            .await?
            .int("id")?;
            super::outbox::enqueue_to_address(
                &mut tx,
                pentahelix_core::api::NotificationKind::OfficialInvited,
                &email,
                id,
                region,
                now,
            )
            .await?;
            Invited::New(id)
        };
        tx.commit().await?;
        Ok(invited)
    }

    async fn officials(&self) -> Result<Vec<OfficialEntry>, Error> {
        Sql::new("SELECT id, email, region, role, created_at FROM officials ORDER BY email, region")
            .fetch_all_as(&self.read, entry)
            .await
    }

    async fn official(&self, id: i64) -> Result<Option<OfficialEntry>, Error> {
        Sql::new("SELECT id, email, region, role, created_at FROM officials WHERE id = $1")
            .arg(id)
            .fetch_optional(&self.read)
            .await?
            .as_ref()
            .map(entry)
            .transpose()
    }

    async fn remove_official(&self, email: &str, region: Option<RegionCode>) -> Result<u64, Error> {
        let mut sql = Sql::new("DELETE FROM officials WHERE email = $1").arg(email_key(email));
        if let Some(region) = region {
            sql.push(" AND region = ")
                .push_arg(i64::from(region.packed()));
        }
        sql.execute(&self.write).await
    }

    async fn official_grants(&self, email: &str) -> Result<Vec<OfficialGrant>, Error> {
        Sql::new("SELECT region, role FROM officials WHERE email = $1 ORDER BY region")
            .arg(email_key(email))
            .fetch_all(&self.read)
            .await?
            .iter()
            .map(|row| {
                Ok(OfficialGrant {
                    region: rows::region(row, "region")?,
                    role: role(row)?,
                })
            })
            .collect()
    }
}
