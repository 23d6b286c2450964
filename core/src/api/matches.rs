use super::{InitiativeId, StakeholderId, StakeholderSummary};
use crate::matching::ScoredReason;
use crate::region::RegionCode;
use crate::taxonomy::{Helix, HelixSet, ResourceSet};

/// How far a match search looks from the initiative's (or stakeholder's) kecamatan.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum MatchScope {
    Kecamatan,
    #[default]
    City,
    Province,
    /// Every city the deployment serves.
    Network,
}

impl MatchScope {
    pub const ALL: [MatchScope; 4] = [
        MatchScope::Kecamatan,
        MatchScope::City,
        MatchScope::Province,
        MatchScope::Network,
    ];

    /// The region a search from `home` covers; `None` means the whole network.
    pub fn area(self, home: RegionCode) -> Option<RegionCode> {
        match self {
            MatchScope::Kecamatan => Some(home),
            MatchScope::City => Some(home.city().unwrap_or(home)),
            MatchScope::Province => Some(home.province()),
            MatchScope::Network => None,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            MatchScope::Kecamatan => "kecamatan",
            MatchScope::City => "city",
            MatchScope::Province => "province",
            MatchScope::Network => "network",
        }
    }
}

/// A stakeholder suggested for an initiative, with the terms of its score.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StakeholderMatch {
    pub stakeholder: StakeholderSummary,
    pub score: u32,
    pub reasons: Vec<ScoredReason>,
}

/// An initiative a stakeholder could help, with the terms of its score.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InitiativeMatch {
    pub initiative_id: InitiativeId,
    pub title: String,
    pub region: RegionCode,
    pub score: u32,
    pub reasons: Vec<ScoredReason>,
}

/// Another stakeholder that complements this one (another helix, shared subsectors).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerMatch {
    pub stakeholder: StakeholderSummary,
    pub score: u32,
    pub reasons: Vec<ScoredReason>,
}

/// The smallest team that covers what an initiative still needs, suggested as one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Coalition {
    pub members: Vec<CoalitionMember>,
    /// Needs nobody in the search area offers: the initiative must look further.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::taxonomy::Resource>))]
    pub uncovered_needs: ResourceSet,
    /// Helices still missing even with the whole coalition.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::taxonomy::Helix>))]
    pub missing_helices: HelixSet,
    /// True when the coalition is proven smallest; false when found by the greedy heuristic
    /// because the pool was too large to search exhaustively.
    pub exact: bool,
}

/// One coalition member and what it adds that earlier members did not.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoalitionMember {
    pub stakeholder_id: StakeholderId,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::taxonomy::Resource>))]
    pub fills: ResourceSet,
    /// Its helix, when no earlier member or accepted pledge brought it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brings_helix: Option<Helix>,
}

/// `GET /api/v1/initiatives/{id}/matches`: who could help, and the smallest team that covers it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InitiativeMatches {
    pub scope: MatchScope,
    pub stakeholders: Vec<StakeholderMatch>,
    pub coalition: Coalition,
    /// The coalition's members, for showing names beside the ids.
    pub coalition_members: Vec<StakeholderSummary>,
}

/// `GET /api/v1/stakeholders/{id}/matches`: initiatives it could help, and partners that
/// complement it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StakeholderMatches {
    pub scope: MatchScope,
    pub initiatives: Vec<InitiativeMatch>,
    pub partners: Vec<PartnerMatch>,
}
