use chrono::{DateTime, Utc};

use super::Contact;
use crate::region::RegionCode;
use crate::taxonomy::{Helix, ResourceSet, SubsectorSet};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct StakeholderId(pub i64);

impl From<i64> for StakeholderId {
    fn from(id: i64) -> Self {
        StakeholderId(id)
    }
}

/// What a stakeholder sends to register or edit its profile.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StakeholderInput {
    /// The organisation's (or person's) public name.
    pub name: String,
    pub helix: Helix,
    /// A kecamatan or a whole city, inside the deployment's cities.
    pub region: RegionCode,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::taxonomy::Subsector>))]
    pub subsectors: SubsectorSet,
    /// What it can offer initiatives.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::taxonomy::Resource>))]
    pub offers: ResourceSet,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    pub contact: Contact,
    /// The person agrees that the contact is stored and shown to accepted partners (UU PDP).
    pub contact_consent: bool,
}

/// A stakeholder's public profile; `contact` only where the reader may see it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stakeholder {
    pub id: StakeholderId,
    pub name: String,
    pub helix: Helix,
    pub region: RegionCode,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::taxonomy::Subsector>))]
    pub subsectors: SubsectorSet,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::taxonomy::Resource>))]
    pub offers: ResourceSet,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Checked by a city official: the organisation is who it says it is.
    pub verified: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    #[serde(deserialize_with = "super::dates::time")]
    pub created_at: DateTime<Utc>,
    #[serde(deserialize_with = "super::dates::time")]
    pub updated_at: DateTime<Utc>,
}

impl Stakeholder {
    /// Whether saving `input` would leave the profile as it is: such an edit writes nothing, so
    /// it does not make every matching cache and kept answer stale.
    pub fn already_holds(&self, input: &StakeholderInput) -> bool {
        self.name == input.name
            && self.helix == input.helix
            && self.region == input.region
            && self.subsectors == input.subsectors
            && self.offers == input.offers
            && self.description == input.description
            && self.website == input.website
            && self.contact.as_ref() == Some(&input.contact)
    }
}

/// The few fields a match or a pledge needs to show who a stakeholder is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StakeholderSummary {
    pub id: StakeholderId,
    pub name: String,
    pub helix: Helix,
    pub region: RegionCode,
    pub verified: bool,
}

impl From<&Stakeholder> for StakeholderSummary {
    fn from(s: &Stakeholder) -> Self {
        StakeholderSummary {
            id: s.id,
            name: s.name.clone(),
            helix: s.helix,
            region: s.region,
            verified: s.verified,
        }
    }
}
