//! What matching reads: the compact features of every stakeholder and live initiative, and the
//! counters that tell each process when its copy of them is stale.

use async_trait::async_trait;
use pentahelix_core::RegionCode;
use pentahelix_core::api::NeedInput;
use pentahelix_core::matching::{InitiativeFeatures, StakeholderFeatures};
use pentahelix_core::{HelixSet, ResourceSet, SubsectorSet};

use super::sql::rows;
use super::sql::{Columns, Db, Sql, SqlStore};
use crate::error::Error;

/// See [`FeatureStore::versions`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Versions {
    pub stakeholders: i64,
    pub initiatives: i64,
}

#[async_trait]
pub trait FeatureStore: Send + Sync {
    /// Counters that move whenever stakeholders or initiatives change in a way matching sees;
    /// kept by the database (triggers), so every process reads the same ones.
    async fn versions(&self) -> Result<Versions, Error>;
    /// Matching features of the stakeholders inside `areas` (all when empty).
    async fn stakeholder_features(
        &self,
        areas: &[RegionCode],
    ) -> Result<Vec<StakeholderFeatures>, Error>;
    /// Matching features of live (open or active) initiatives inside `areas`.
    async fn initiative_features(
        &self,
        areas: &[RegionCode],
    ) -> Result<Vec<InitiativeFeatures>, Error>;
}

#[async_trait]
impl<DB: Db> FeatureStore for SqlStore<DB> {
    async fn versions(&self) -> Result<Versions, Error> {
        let rows = Sql::new("SELECT name, version FROM change_counters")
            .fetch_all(&self.read)
            .await?;
        let mut versions = Versions::default();
        for row in &rows {
            match row.text("name")?.as_str() {
                "stakeholders" => versions.stakeholders = row.int("version")?,
                "initiatives" => versions.initiatives = row.int("version")?,
                _ => {}
            }
        }
        Ok(versions)
    }

    async fn stakeholder_features(
        &self,
        areas: &[RegionCode],
    ) -> Result<Vec<StakeholderFeatures>, Error> {
        let mut sql = Sql::new(
            "SELECT id, helix, region, subsectors, offers, verified FROM stakeholders WHERE TRUE",
        );
        sql.push_areas("region", areas, "");
        sql.fetch_all(&self.read)
            .await?
            .iter()
            .map(|row| {
                Ok(StakeholderFeatures {
                    id: row.int("id")?,
                    region: rows::region(row, "region")?,
                    subsectors: SubsectorSet::from_bits(rows::bits(row, "subsectors")? as u32),
                    offers: ResourceSet::from_bits(rows::bits(row, "offers")? as u16),
                    helix: rows::slug(row, "helix")?,
                    verified: row.flag("verified")?,
                })
            })
            .collect()
    }

    async fn initiative_features(
        &self,
        areas: &[RegionCode],
    ) -> Result<Vec<InitiativeFeatures>, Error> {
        let mut sql = Sql::new(
            "SELECT id, region, subsectors, needs, needed, fulfilled, coverage FROM initiatives \
             WHERE status IN ('open', 'active')",
        );
        sql.push_areas("region", areas, "");
        sql.fetch_all(&self.read)
            .await?
            .iter()
            .map(|row| {
                let needs: Vec<NeedInput> = serde_json::from_str(&row.text("needs")?)
                    .map_err(|e| rows::corrupt(format!("needs: {e}")))?;
                let fulfilled = ResourceSet::from_bits(rows::bits(row, "fulfilled")? as u16);
                Ok(InitiativeFeatures {
                    id: row.int("id")?,
                    region: rows::region(row, "region")?,
                    subsectors: SubsectorSet::from_bits(rows::bits(row, "subsectors")? as u32),
                    needs: ResourceSet::from_bits(rows::bits(row, "needed")? as u16)
                        .difference(fulfilled),
                    covered: HelixSet::from_bits(rows::bits(row, "coverage")? as u16),
                    asked: needs
                        .iter()
                        .filter(|n| !fulfilled.contains(n.resource))
                        .filter_map(|n| n.helix)
                        .collect(),
                })
            })
            .collect()
    }
}
