//! Credentials: the records a manage token belongs to, admin tokens, and the keys every server
//! process of a deployment shares.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use pentahelix_core::RegionCode;
use pentahelix_core::api::{InitiativeId, StakeholderId};
use pentahelix_core::validate::email_key;

use super::sql::rows;
use super::sql::{Columns, Db, Sql, SqlStore};
use crate::auth::TokenHash;
use crate::error::Error;

/// Whose manage token a request carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Initiative(InitiativeId),
    Stakeholder(StakeholderId),
}

/// An admin token's grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminGrant {
    pub id: i64,
    pub label: String,
    pub regions: Vec<RegionCode>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// An admin token as its operator lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminTokenEntry {
    pub id: i64,
    pub label: String,
    pub regions: Vec<RegionCode>,
    /// Where its holder gets the daily digest of the moderation queue.
    pub email: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
}

#[async_trait]
pub trait CredentialStore: Send + Sync {
    /// The record a manage token belongs to. Tokens are 256 random bits, so looking one up by its
    /// hash through an index reveals nothing an attacker could use.
    async fn owner_of_token(&self, token: &TokenHash) -> Result<Option<Owner>, Error>;
    async fn create_admin_token(
        &self,
        token: &TokenHash,
        label: &str,
        regions: &[RegionCode],
        expires_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<i64, Error>;
    /// The address the token's holder gets the daily digest at.
    async fn set_admin_email(&self, id: i64, email: &str) -> Result<(), Error>;
    async fn admin_grant(&self, token: &TokenHash) -> Result<Option<AdminGrant>, Error>;
    async fn admin_tokens(&self) -> Result<Vec<AdminTokenEntry>, Error>;
    /// Whether there was such a token to revoke.
    async fn revoke_admin_token(&self, id: i64) -> Result<bool, Error>;
    /// The key stored under `name`, shared by every process on this database: `candidate` when
    /// none was stored yet (the first process to ask stores its own), else the stored one.
    async fn server_key(
        &self,
        name: &str,
        candidate: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Vec<u8>, Error>;
}

#[async_trait]
impl<DB: Db> CredentialStore for SqlStore<DB> {
    async fn owner_of_token(&self, token: &TokenHash) -> Result<Option<Owner>, Error> {
        let row = Sql::new(
            "SELECT 'initiative' AS kind, id, token_hash FROM initiatives WHERE token_hash = $1 \
             UNION ALL SELECT 'stakeholder', id, token_hash FROM stakeholders WHERE token_hash = $1 LIMIT 1",
        )
        .arg(token.as_bytes())
        .fetch_optional(&self.read)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let stored = row.bytes("token_hash")?;
        if !TokenHash::from_bytes(&stored).is_some_and(|stored| stored.matches(token)) {
            return Ok(None);
        }
        let id = row.int("id")?;
        Ok(Some(if row.text("kind")? == "initiative" {
            Owner::Initiative(InitiativeId(id))
        } else {
            Owner::Stakeholder(StakeholderId(id))
        }))
    }

    async fn create_admin_token(
        &self,
        token: &TokenHash,
        label: &str,
        regions: &[RegionCode],
        expires_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<i64, Error> {
        let regions = regions
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",");
        Sql::new(
            "INSERT INTO admin_tokens (token_hash, label, regions, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .arg(token.as_bytes())
        .arg(label)
        .arg(regions)
        .arg(now)
        .arg(expires_at)
        .fetch_one(&self.write)
        .await?
        .int("id")
    }

    async fn admin_tokens(&self) -> Result<Vec<AdminTokenEntry>, Error> {
        Sql::new(
            "SELECT id, label, regions, email, created_at, expires_at FROM admin_tokens ORDER BY id",
        )
            .fetch_all(&self.read)
            .await?
            .iter()
            .map(|row| {
                Ok(AdminTokenEntry {
                    id: row.int("id")?,
                    label: row.text("label")?,
                    regions: regions(&row.text("regions")?)?,
                    email: row.maybe_text("email")?,
                    created_at: row.time("created_at")?,
                    expires_at: row.maybe_time("expires_at")?,
                })
            })
            .collect()
    }

    async fn set_admin_email(&self, id: i64, email: &str) -> Result<(), Error> {
        Sql::new("UPDATE admin_tokens SET email = $1 WHERE id = $2")
            .arg(email_key(email))
            .arg(id)
            .execute(&self.write)
            .await?;
        Ok(())
    }

    async fn revoke_admin_token(&self, id: i64) -> Result<bool, Error> {
        let deleted = Sql::new("DELETE FROM admin_tokens WHERE id = $1")
            .arg(id)
            .execute(&self.write)
            .await?;
        Ok(deleted > 0)
    }

    async fn admin_grant(&self, token: &TokenHash) -> Result<Option<AdminGrant>, Error> {
        let row = Sql::new(
            "SELECT id, label, regions, expires_at FROM admin_tokens WHERE token_hash = $1",
        )
        .arg(token.as_bytes())
        .fetch_optional(&self.read)
        .await?;
        row.map(|row| {
            Ok(AdminGrant {
                id: row.int("id")?,
                label: row.text("label")?,
                regions: regions(&row.text("regions")?)?,
                expires_at: row.maybe_time("expires_at")?,
            })
        })
        .transpose()
    }

    async fn server_key(
        &self,
        name: &str,
        candidate: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Vec<u8>, Error> {
        // Two processes starting together both offer a key; the first insert wins and both read
        // it.
        Sql::new("INSERT INTO server_keys (name, key, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING")
            .arg(name)
            .arg(candidate)
            .arg(now)
            .execute(&self.write)
            .await?;
        Sql::new("SELECT key FROM server_keys WHERE name = $1")
            .arg(name)
            .fetch_one(&self.write)
            .await?
            .bytes("key")
    }
}

/// The regions column: comma-separated codes.
fn regions(column: &str) -> Result<Vec<RegionCode>, Error> {
    column
        .split(',')
        .map(|r| r.parse().map_err(rows::corrupt))
        .collect()
}
