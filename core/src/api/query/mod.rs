//! The query strings of the API's lists, as the server reads them and the widget writes them:
//! one struct each, so a parameter cannot be renamed on one side only.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{AuditAction, InitiativeStatus, MatchScope, QueueKind, StakeholderId};
use crate::{Helix, RegionCode, Resource, Subsector};

mod pairs;

pub use pairs::QueryPairs;

/// `GET /initiatives`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct InitiativeQuery {
    /// Only inside this region (a city `32.73` or a kecamatan `32.73.02`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<RegionCode>, example = "32.73.02"))]
    pub region: Option<RegionCode>,
    /// Initiatives that do not yet have this helix (where a stakeholder of it is wanted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub helix: Option<Helix>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subsector: Option<Subsector>,
    /// Needs this resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<Resource>,
    /// One status; by default the public ones (open, active, completed). `proposed`, `hidden`
    /// and `withdrawn` are listed only for admins of the region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<InitiativeStatus>,
    /// Happening on or after this date.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::dates::optional_date"
    )]
    pub from: Option<NaiveDate>,
    /// Starting on or before this date.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::dates::optional_date"
    )]
    pub to: Option<NaiveDate>,
    /// Words in the title or description (full-text search, prefix matching).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(max_length = 200))]
    pub q: Option<String>,
    /// Only the initiatives this partner supports (an accepted pledge): a partner's profile.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>, minimum = 1))]
    pub partner: Option<StakeholderId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        param(pattern = r"^(v1\.0*[1-9a-fA-F][0-9a-fA-F]{0,14})?$")
    )]
    pub cursor: Option<String>,
    /// Page size, 1 to 100 (default 20).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub limit: Option<u32>,
}

/// `GET /stakeholders`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct StakeholderQuery {
    /// Only inside this region (a city `32.73` or a kecamatan `32.73.02`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<RegionCode>, example = "32.73"))]
    pub region: Option<RegionCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub helix: Option<Helix>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subsector: Option<Subsector>,
    /// Offers this resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<Resource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
    /// Words in the name or description.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(max_length = 200))]
    pub q: Option<String>,
    /// `next_cursor` of the previous page.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        param(pattern = r"^(v1\.0*[1-9a-fA-F][0-9a-fA-F]{0,14})?$")
    )]
    pub cursor: Option<String>,
    /// Page size, 1 to 100 (default 20).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub limit: Option<u32>,
}

/// `GET /initiatives/{id}/matches` and `GET /stakeholders/{id}/matches`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct MatchQuery {
    /// How far to look: the same kecamatan, the city (default), the province, or every city the
    /// deployment serves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<MatchScope>,
    /// How many matches, 1 to 50 (default 10).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 50))]
    pub limit: Option<u32>,
}

/// `GET /stats`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct CityQuery {
    /// The city (`32.73`); defaults to the first city served.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<RegionCode>, example = "32.73"))]
    pub city: Option<RegionCode>,
}

/// `GET /exports/events.ics`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct EventsQuery {
    /// A city (`32.73`) or kecamatan; all served cities when omitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<RegionCode>, example = "32.73"))]
    pub region: Option<RegionCode>,
}

/// `GET /initiatives/similar`: what a citizen is typing into the proposal form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct SimilarQuery {
    /// The city (or kecamatan) to look in.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<RegionCode>, example = "32.73"))]
    pub region: Option<RegionCode>,
    /// The title (and the start of the description) typed so far.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(max_length = 200))]
    pub q: Option<String>,
}

/// `GET /regions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct RegionQuery {
    /// Only regions inside this code (a city's kecamatan: `within=32.73`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<RegionCode>, example = "32.73"))]
    pub within: Option<String>,
    /// Part of a name, any case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// 1 to 200 (default 50).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
}

/// `PUT /initiatives/{id}` and `PUT /stakeholders/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct EditQuery {
    /// Why an official changes someone else's record: mailed to its owner and kept in the audit
    /// trail (an owner's own edit ignores it).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(max_length = 1000))]
    pub reason: Option<String>,
}

/// `GET /moderation/queue`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct QueueQuery {
    /// Only records queued for this reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<QueueKind>,
    /// Only inside this region (a kecamatan `32.73.02`, or a city).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<RegionCode>, example = "32.73.02"))]
    pub region: Option<RegionCode>,
    /// `next_cursor` of the previous page.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        param(pattern = r"^(q1\.[0-9a-f]{1,16}\.[is][0-9a-f]{1,16})?$")
    )]
    pub cursor: Option<String>,
    /// Page size, 1 to 100 (default 20).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub limit: Option<u32>,
}

/// `GET /moderation/audit`, newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct AuditQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<AuditAction>,
    /// Only inside this region (a kecamatan `32.73.02`, or a city).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<RegionCode>, example = "32.73.02"))]
    pub region: Option<RegionCode>,
    /// Only actions of this official (an address, any case) or token (`token: LABEL`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(max_length = 254))]
    pub actor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        param(pattern = r"^(v1\.0*[1-9a-fA-F][0-9a-fA-F]{0,14})?$")
    )]
    pub cursor: Option<String>,
    /// Page size, 1 to 100 (default 20).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub limit: Option<u32>,
}
