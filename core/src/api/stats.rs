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
    pub starts_on: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
