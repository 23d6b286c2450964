//! Webhooks: the addresses of a city's own systems that hear of every event of its region, and
//! the key each one's deliveries are signed with. Their deliveries go through the outbox like
//! mails (see `outbox::enqueue`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use pentahelix_core::RegionCode;

use super::sql::rows;
use super::sql::{Columns, Db, Sql, SqlStore};
use crate::error::Error;

/// A webhook as its operator lists it (never its key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookEntry {
    pub id: i64,
    pub region: RegionCode,
    pub url: String,
    pub created_at: DateTime<Utc>,
}

/// Where to deliver, and the key to sign with.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookTarget {
    pub url: String,
    pub secret: Vec<u8>,
}

impl std::fmt::Debug for WebhookTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookTarget")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

#[async_trait]
pub trait WebhookStore: Send + Sync {
    async fn add_webhook(
        &self,
        region: RegionCode,
        url: &str,
        secret: &[u8],
        now: DateTime<Utc>,
    ) -> Result<i64, Error>;
    async fn webhooks(&self) -> Result<Vec<WebhookEntry>, Error>;
    /// Whether there was such a webhook; its undelivered events go with it.
    async fn remove_webhook(&self, id: i64) -> Result<bool, Error>;
    async fn webhook_target(&self, id: i64) -> Result<Option<WebhookTarget>, Error>;
}

#[async_trait]
impl<DB: Db> WebhookStore for SqlStore<DB> {
    async fn add_webhook(
        &self,
        region: RegionCode,
        url: &str,
        secret: &[u8],
        now: DateTime<Utc>,
    ) -> Result<i64, Error> {
        let (low, high) = region.packed_range();
        Sql::new(
            "INSERT INTO webhooks (region, region_low, region_high, url, secret, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .arg(region.to_string())
        .arg(i64::from(low))
        .arg(i64::from(high))
        .arg(url)
        .arg(secret)
        .arg(now)
        .fetch_one(&self.write)
        .await?
        .int("id")
    }

    async fn webhooks(&self) -> Result<Vec<WebhookEntry>, Error> {
        Sql::new("SELECT id, region, url, created_at FROM webhooks ORDER BY id")
            .fetch_all(&self.read)
            .await?
            .iter()
            .map(|row| {
                Ok(WebhookEntry {
                    id: row.int("id")?,
                    region: row.text("region")?.parse().map_err(rows::corrupt)?,
                    url: row.text("url")?,
                    created_at: row.time("created_at")?,
                })
            })
            .collect()
    }

    async fn remove_webhook(&self, id: i64) -> Result<bool, Error> {
        let mut tx = self.write.begin().await?;
        // Explicitly, for SQLite files whose connections were opened without foreign keys.
        Sql::new("DELETE FROM outbox WHERE webhook_id = $1")
            .arg(id)
            .execute(&mut tx)
            .await?;
        let removed = Sql::new("DELETE FROM webhooks WHERE id = $1")
            .arg(id)
            .execute(&mut tx)
            .await?;
        tx.commit().await?;
        Ok(removed > 0)
    }

    async fn webhook_target(&self, id: i64) -> Result<Option<WebhookTarget>, Error> {
        let row = Sql::new("SELECT url, secret FROM webhooks WHERE id = $1")
            .arg(id)
            .fetch_optional(&self.read)
            .await?;
        row.map(|row| {
            Ok(WebhookTarget {
                url: row.text("url")?,
                secret: row.bytes("secret")?,
            })
        })
        .transpose()
    }
}
