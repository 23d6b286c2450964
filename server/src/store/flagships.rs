//! Each kecamatan's flagship product (Bandung's One District One Product), set by officials.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use pentahelix_core::RegionCode;
use pentahelix_core::api::{AuditAction, AuditTarget, FlagshipProduct};

use super::sql::rows;
use super::sql::{Columns, Db, Sql, SqlStore};
use super::trace::{Act, Notify, Trace, trace};
use crate::error::Error;

#[async_trait]
pub trait FlagshipStore: Send + Sync {
    /// Sets the region's product, or clears it with `None`; traced as the official's action
    /// (`None` when no official sets it: the demo data).
    async fn set_flagship(
        &self,
        region: RegionCode,
        product: Option<&str>,
        act: Option<&Act<'_>>,
        now: DateTime<Utc>,
    ) -> Result<(), Error>;
    async fn flagships(&self, area: RegionCode) -> Result<Vec<FlagshipProduct>, Error>;
}

#[async_trait]
impl<DB: Db> FlagshipStore for SqlStore<DB> {
    async fn set_flagship(
        &self,
        region: RegionCode,
        product: Option<&str>,
        act: Option<&Act<'_>>,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let code = region;
        let region = i64::from(region.packed());
        let mut tx = self.write.begin().await?;
        let before = Sql::new("SELECT product FROM flagship_products WHERE region = $1")
            .arg(region)
            .fetch_optional(&mut tx)
            .await?
            .map(|row| row.text("product"))
            .transpose()?;
        let sql = match product {
            Some(product) => Sql::new(
                "INSERT INTO flagship_products (region, product, updated_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (region) DO UPDATE SET product = excluded.product, updated_at = excluded.updated_at",
            )
            .arg(region)
            .arg(product)
            .arg(now),
            None => Sql::new("DELETE FROM flagship_products WHERE region = $1").arg(region),
        };
        sql.execute(&mut tx).await?;
        if let Some(act) = act
            && before.as_deref() != product
        {
            let field = |product: Option<&str>| Some(serde_json::json!({ "product": product }));
            trace(
                &mut tx,
                act,
                Trace {
                    action: AuditAction::Flagship,
                    target: AuditTarget::Kecamatan,
                    target_id: region,
                    region: code,
                    title: product.or(before.as_deref()).unwrap_or_default(),
                    before: field(before.as_deref()),
                    after: field(product),
                    notify: Notify::Nobody,
                },
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn flagships(&self, area: RegionCode) -> Result<Vec<FlagshipProduct>, Error> {
        let mut sql = Sql::new("SELECT region, product FROM flagship_products WHERE TRUE");
        sql.push_areas("region", &[area], "");
        sql.push(" ORDER BY region");
        sql.fetch_all(&self.read)
            .await?
            .iter()
            .map(|row| {
                Ok(FlagshipProduct {
                    region: rows::region(row, "region")?,
                    product: row.text("product")?,
                })
            })
            .collect()
    }
}
