use chrono::{DateTime, Utc};

use super::{Initiative, Pledge, Stakeholder};

/// Everything Pentahelix holds about one stakeholder, for the person it belongs to: the right of
/// access and portability in UU PDP (Law 27/2022) means a copy they can read and take elsewhere.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StakeholderExport {
    #[serde(deserialize_with = "super::dates::time")]
    pub exported_at: DateTime<Utc>,
    /// The profile with its contact.
    pub stakeholder: Stakeholder,
    /// The offers it made, with their messages.
    pub pledges: Vec<Pledge>,
}

/// Everything Pentahelix holds about one initiative, for the person who proposed it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InitiativeExport {
    #[serde(deserialize_with = "super::dates::time")]
    pub exported_at: DateTime<Utc>,
    /// The initiative with its contact.
    pub initiative: Initiative,
    /// The offers it received.
    pub pledges: Vec<Pledge>,
}
