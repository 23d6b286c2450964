use chrono::NaiveDate;

use super::InitiativeId;
use crate::region::RegionCode;

/// A count keyed by a slug or region code, for the dashboard's charts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Count {
    pub key: String,
    pub count: u32,
}

/// A kecamatan's flagship product (Bandung's *One District One Product*), set by its officials.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlagshipProduct {
    pub region: RegionCode,
    pub product: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpcomingEvent {
    pub initiative_id: InitiativeId,
    pub title: String,
    pub region: RegionCode,
    #[serde(deserialize_with = "super::dates::date")]
    pub starts_on: NaiveDate,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::dates::optional_date"
    )]
    pub ends_on: Option<NaiveDate>,
}

/// One city's program at a glance: the dashboard's data.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CityStats {
    pub city: RegionCode,
    /// All kecamatan of the city.
    pub kecamatan_total: u32,
    /// Kecamatan with at least one open or active initiative: Bandung's own measure.
    pub kecamatan_activated: u32,
    pub initiatives: u32,
    pub stakeholders: u32,
    /// Live initiatives whose accepted pledges cover all five helices.
    pub pentahelix_complete: u32,
    /// Accepted pledges per helix.
    pub by_helix: Vec<Count>,
    /// Live initiatives per subsector.
    pub by_subsector: Vec<Count>,
    /// Live initiatives per kecamatan.
    pub by_kecamatan: Vec<Count>,
    pub flagship_products: Vec<FlagshipProduct>,
    pub upcoming: Vec<UpcomingEvent>,
}

/// Pledges per helix.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelixCounts {
    pub government: u32,
    pub academia: u32,
    pub business: u32,
    pub community: u32,
    pub media: u32,
}

impl HelixCounts {
    pub fn total(&self) -> u32 {
        self.government + self.academia + self.business + self.community + self.media
    }

    /// The counts in the order of `Helix::ALL`.
    pub fn each(&self) -> [u32; 5] {
        [
            self.government,
            self.academia,
            self.business,
            self.community,
            self.media,
        ]
    }
}

/// One month of the program in one kecamatan, or in the whole city.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Achievement {
    /// `2026-11`.
    pub month: String,
    /// The kecamatan; absent for the whole city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "32.73.02"))]
    pub kecamatan: Option<RegionCode>,
    /// Pledges offered this month, per helix of the offering partner.
    pub offered: HelixCounts,
    /// Pledges accepted this month (and still accepted).
    pub accepted: HelixCounts,
    /// Initiatives marked completed this month.
    pub completed: u32,
    /// The median wait, in days, from a proposal to its first offer, of the initiatives whose
    /// first offer came this month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_to_first_pledge: Option<f64>,
    /// The median wait, in days, from a proposal to accepted partners of all five helices, of
    /// the initiatives completed so this month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_to_pentahelix: Option<f64>,
}

/// `GET /api/v1/stats/achievements`: what a city's program achieved, for its report.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Achievements {
    pub city: RegionCode,
    /// Oldest month first; in each month the whole city first, then each kecamatan.
    pub rows: Vec<Achievement>,
}
