//! The city's officials: addresses invited on the command line to work the moderation queue of
//! some regions. They sign in with an emailed code like everyone else; what they may do there
//! follows their role.

use serde::{Deserialize, Serialize};

use crate::RegionCode;

/// What an official may do in a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum OfficialRole {
    /// Works the queue: approves, rejects, hides, restores, dismisses reports and edits records.
    Moderator,
    /// Also deletes records, verifies partners, sets flagship products and exports contacts.
    Manager,
}

impl OfficialRole {
    pub const ALL: [OfficialRole; 2] = [OfficialRole::Moderator, OfficialRole::Manager];

    pub fn slug(self) -> &'static str {
        match self {
            OfficialRole::Moderator => "moderator",
            OfficialRole::Manager => "manager",
        }
    }

    pub fn from_slug(slug: &str) -> Option<OfficialRole> {
        OfficialRole::ALL.into_iter().find(|r| r.slug() == slug)
    }
}

/// Whether `grants` hold at least `role` in a region containing `region`: what the server
/// enforces and the widget offers.
pub fn may(grants: &[OfficialGrant], role: OfficialRole, region: RegionCode) -> bool {
    grants
        .iter()
        .any(|grant| grant.role >= role && grant.region.contains(region))
}

/// One region an official works in, and the role there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficialGrant {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "32.73"))]
    pub region: RegionCode,
    pub role: OfficialRole,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manager_of_a_city_may_moderate_its_kecamatan_but_a_moderator_may_not_manage() {
        let bandung: RegionCode = "32.73".parse().unwrap();
        let coblong: RegionCode = "32.73.02".parse().unwrap();
        let depok: RegionCode = "32.76".parse().unwrap();
        let grants = [
            OfficialGrant {
                region: bandung,
                role: OfficialRole::Moderator,
            },
            OfficialGrant {
                region: coblong,
                role: OfficialRole::Manager,
            },
        ];
        assert!(may(&grants, OfficialRole::Moderator, coblong));
        assert!(may(&grants, OfficialRole::Manager, coblong));
        let sukajadi: RegionCode = "32.73.04".parse().unwrap();
        assert!(may(&grants, OfficialRole::Moderator, sukajadi));
        assert!(!may(&grants, OfficialRole::Manager, sukajadi));
        assert!(!may(&grants, OfficialRole::Moderator, depok));
    }
}
