//! What the dashboard counts: the public initiatives of an area, its stakeholders, and the
//! helices of accepted pledges, read once per dashboard and summed up in `http::routes::stats`.

use async_trait::async_trait;
use chrono::NaiveDate;
use pentahelix_core::achievements::{InitiativeFact, PledgeFact};
use pentahelix_core::api::{InitiativeId, InitiativeStatus};
use pentahelix_core::{Helix, HelixSet, RegionCode, SubsectorSet};

use super::sql::rows;
use super::sql::{Columns, Db, Sql, SqlStore};
use crate::error::Error;

/// One initiative as the dashboard sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsInitiative {
    pub id: InitiativeId,
    pub title: String,
    pub region: RegionCode,
    pub subsectors: SubsectorSet,
    pub coverage: HelixSet,
    pub status: InitiativeStatus,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatsRows {
    /// Initiatives visible to the public (open, active, completed).
    pub initiatives: Vec<StatsInitiative>,
    pub stakeholders: u32,
    /// Helix of the stakeholder of every accepted pledge.
    pub accepted_pledge_helices: Vec<Helix>,
}

#[async_trait]
pub trait StatsStore: Send + Sync {
    /// What the dashboard counts, for the initiatives and stakeholders inside `area`.
    async fn stats_rows(&self, area: RegionCode) -> Result<StatsRows, Error>;
    /// The dated facts of what the program achieved inside `area`: every initiative the public
    /// saw (open, active, completed) and every pledge made to one.
    async fn achievement_facts(
        &self,
        area: RegionCode,
    ) -> Result<(Vec<InitiativeFact>, Vec<PledgeFact>), Error>;
}

#[async_trait]
impl<DB: Db> StatsStore for SqlStore<DB> {
    async fn stats_rows(&self, area: RegionCode) -> Result<StatsRows, Error> {
        let mut sql = Sql::new(
            "SELECT id, title, region, subsectors, coverage, status, starts_on, ends_on FROM initiatives \
             WHERE status IN ('open', 'active', 'completed')",
        );
        sql.push_areas("region", &[area], "");
        let initiatives = sql
            .fetch_all(&self.read)
            .await?
            .iter()
            .map(|row| {
                let status = row.text("status")?;
                Ok(StatsInitiative {
                    id: InitiativeId(row.int("id")?),
                    title: row.text("title")?,
                    region: rows::region(row, "region")?,
                    subsectors: SubsectorSet::from_bits(rows::bits(row, "subsectors")? as u32),
                    coverage: HelixSet::from_bits(rows::bits(row, "coverage")? as u16),
                    status: InitiativeStatus::from_slug(&status)
                        .ok_or_else(|| rows::corrupt(format!("status {status}")))?,
                    starts_on: row.maybe_date("starts_on")?,
                    ends_on: row.maybe_date("ends_on")?,
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;

        let mut sql = Sql::new("SELECT COUNT(*) AS n FROM stakeholders WHERE TRUE");
        sql.push_areas("region", &[area], "");
        let stakeholders = sql.fetch_one(&self.read).await?.int("n")?;

        let mut sql = Sql::new(
            "SELECT s.helix FROM pledges p JOIN initiatives i ON i.id = p.initiative_id \
             JOIN stakeholders s ON s.id = p.stakeholder_id \
             WHERE p.status = 'accepted' AND i.status IN ('open', 'active', 'completed')",
        );
        sql.push_areas("i.region", &[area], "");
        let accepted_pledge_helices = sql
            .fetch_all(&self.read)
            .await?
            .iter()
            .map(|row| rows::slug(row, "helix"))
            .collect::<Result<_, Error>>()?;
        Ok(StatsRows {
            initiatives,
            stakeholders: stakeholders as u32,
            accepted_pledge_helices,
        })
    }

    async fn achievement_facts(
        &self,
        area: RegionCode,
    ) -> Result<(Vec<InitiativeFact>, Vec<PledgeFact>), Error> {
        // A completed initiative's last change is its completion: the owner's last step.
        let mut sql = Sql::new(
            "SELECT id, region, created_at, updated_at, status FROM initiatives \
             WHERE status IN ('open', 'active', 'completed')",
        );
        sql.push_areas("region", &[area], "");
        let initiatives = sql
            .fetch_all(&self.read)
            .await?
            .iter()
            .map(|row| {
                Ok(InitiativeFact {
                    id: row.int("id")?,
                    region: rows::region(row, "region")?,
                    created_at: row.time("created_at")?,
                    completed_at: (row.text("status")? == "completed")
                        .then(|| row.time("updated_at"))
                        .transpose()?,
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        // An accepted pledge's last change is its acceptance (a later one would end it).
        let mut sql = Sql::new(
            "SELECT p.initiative_id, s.helix, p.status, p.created_at, p.updated_at FROM pledges p \
             JOIN initiatives i ON i.id = p.initiative_id JOIN stakeholders s ON s.id = p.stakeholder_id \
             WHERE i.status IN ('open', 'active', 'completed')",
        );
        sql.push_areas("i.region", &[area], "");
        let pledges = sql
            .fetch_all(&self.read)
            .await?
            .iter()
            .map(|row| {
                Ok(PledgeFact {
                    initiative: row.int("initiative_id")?,
                    helix: rows::slug(row, "helix")?,
                    offered_at: row.time("created_at")?,
                    accepted_at: (row.text("status")? == "accepted")
                        .then(|| row.time("updated_at"))
                        .transpose()?,
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        Ok((initiatives, pledges))
    }
}
