use crate::api::{Initiative, Stakeholder};
use crate::region::RegionCode;
use crate::taxonomy::{Helix, HelixSet, ResourceSet, SubsectorSet};

/// What matching needs to know of a stakeholder: 24 bytes, so a million fit in cache-friendly
/// 24 MB and scan linearly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StakeholderFeatures {
    pub id: i64,
    pub region: RegionCode,
    pub subsectors: SubsectorSet,
    pub offers: ResourceSet,
    pub helix: Helix,
    pub verified: bool,
}

/// What matching needs to know of an initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InitiativeFeatures {
    pub id: i64,
    pub region: RegionCode,
    pub subsectors: SubsectorSet,
    /// Needed resources no accepted pledge provides yet.
    pub needs: ResourceSet,
    /// Helices that already have an accepted pledge.
    pub covered: HelixSet,
    /// Helices the owner asked for by name on an open need.
    pub asked: HelixSet,
}

impl From<&Stakeholder> for StakeholderFeatures {
    fn from(s: &Stakeholder) -> Self {
        StakeholderFeatures {
            id: s.id.0,
            region: s.region,
            subsectors: s.subsectors,
            offers: s.offers,
            helix: s.helix,
            verified: s.verified,
        }
    }
}

impl From<&Initiative> for InitiativeFeatures {
    fn from(i: &Initiative) -> Self {
        InitiativeFeatures {
            id: i.id.0,
            region: i.region,
            subsectors: i.subsectors,
            needs: i.open_needs(),
            covered: i.coverage,
            asked: i.asked_helices(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stakeholder_features_stay_compact() {
        assert!(std::mem::size_of::<StakeholderFeatures>() <= 24);
    }
}
