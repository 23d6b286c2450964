use super::features::{InitiativeFeatures, StakeholderFeatures};
use super::reason::{Reason, ScoredReason};
use crate::region::Nearness;

/// The points each term is worth. Filling a need outweighs everything else because a need
/// unfilled is an initiative that does not happen; a missing helix comes next because the program
/// is about all five working together; nearness and shared subsectors break the rest.
pub mod weights {
    pub const FILLS_NEED: u32 = 30;
    pub const BRINGS_HELIX: u32 = 20;
    pub const BRINGS_ASKED_HELIX: u32 = 30;
    pub const OTHER_HELIX: u32 = 20;
    pub const SHARES_SUBSECTOR: u32 = 6;
    pub const SAME_DISTRICT: u32 = 15;
    pub const SAME_CITY: u32 = 8;
    pub const SAME_PROVINCE: u32 = 3;
    pub const VERIFIED: u32 = 5;
}

/// A score and the terms it is the sum of.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Score {
    pub total: u32,
    pub reasons: Vec<ScoredReason>,
}

fn nearness_points(n: Nearness) -> u32 {
    match n {
        Nearness::SameDistrict => weights::SAME_DISTRICT,
        Nearness::SameCity => weights::SAME_CITY,
        Nearness::SameProvince => weights::SAME_PROVINCE,
        Nearness::Far => 0,
    }
}

/// The score of `s` for `i`, without explaining it: the ranking hot path. Zero when `s` neither
/// fills an open need nor brings a missing helix, because nearness alone is no reason to call.
///
/// Written without branches: over a million random candidates, mispredicted branches cost more
/// than all the arithmetic (measured: 16.3 ms with branches, see BENCHMARKS.md).
#[inline]
pub fn score_total(i: &InitiativeFeatures, s: &StakeholderFeatures) -> u32 {
    let fills = i.needs.intersection(s.offers).len();
    let brings = u32::from(!i.covered.contains(s.helix));
    let asked = u32::from(i.asked.contains(s.helix));
    let relevant = u32::from(fills != 0) | brings;
    let total = fills * weights::FILLS_NEED
        + brings
            * (weights::BRINGS_HELIX
                + asked * (weights::BRINGS_ASKED_HELIX - weights::BRINGS_HELIX))
        + i.subsectors.intersection(s.subsectors).len() * weights::SHARES_SUBSECTOR
        + near_points(i.region.packed(), s.region.packed())
        + u32::from(s.verified) * weights::VERIFIED;
    total * relevant
}

/// [`nearness_points`] of two packed region codes, without branches.
#[inline]
pub(super) fn near_points(a: u32, b: u32) -> u32 {
    let diff = a ^ b;
    let province = u32::from(diff >> 16 == 0);
    let city = province & u32::from(diff >> 8 == 0) & u32::from(a & 0xFF00 != 0);
    let district = city & u32::from(diff == 0) & u32::from(a & 0xFF != 0);
    province * weights::SAME_PROVINCE
        + city * (weights::SAME_CITY - weights::SAME_PROVINCE)
        + district * (weights::SAME_DISTRICT - weights::SAME_CITY)
}

/// The score of `s` for `i` with its reasons; `total` always equals [`score_total`].
pub fn score(i: &InitiativeFeatures, s: &StakeholderFeatures) -> Score {
    if score_total(i, s) == 0 {
        return Score::default();
    }
    let mut reasons = Vec::new();
    for resource in i.needs.intersection(s.offers).iter() {
        reasons.push(ScoredReason {
            reason: Reason::FillsNeed { resource },
            points: weights::FILLS_NEED,
        });
    }
    if !i.covered.contains(s.helix) {
        let asked = i.asked.contains(s.helix);
        let points = if asked {
            weights::BRINGS_ASKED_HELIX
        } else {
            weights::BRINGS_HELIX
        };
        reasons.push(ScoredReason {
            reason: Reason::BringsHelix {
                helix: s.helix,
                asked,
            },
            points,
        });
    }
    common_terms(
        &mut reasons,
        i.subsectors.intersection(s.subsectors),
        i.region.nearness(s.region),
        s.verified,
    );
    finish(reasons)
}

/// How well `other` complements `s` as a partner: another helix and at least one shared
/// subsector are required; nearness and verification add to it.
#[inline]
pub fn partner_score_total(s: &StakeholderFeatures, other: &StakeholderFeatures) -> u32 {
    let shared = s.subsectors.intersection(other.subsectors).len();
    if s.helix == other.helix || shared == 0 || s.id == other.id {
        return 0;
    }
    weights::OTHER_HELIX
        + shared * weights::SHARES_SUBSECTOR
        + nearness_points(s.region.nearness(other.region))
        + if other.verified { weights::VERIFIED } else { 0 }
}

/// [`partner_score_total`] with its reasons.
pub fn partner_score(s: &StakeholderFeatures, other: &StakeholderFeatures) -> Score {
    if partner_score_total(s, other) == 0 {
        return Score::default();
    }
    let mut reasons = vec![ScoredReason {
        reason: Reason::OtherHelix { helix: other.helix },
        points: weights::OTHER_HELIX,
    }];
    common_terms(
        &mut reasons,
        s.subsectors.intersection(other.subsectors),
        s.region.nearness(other.region),
        other.verified,
    );
    finish(reasons)
}

fn common_terms(
    reasons: &mut Vec<ScoredReason>,
    shared: crate::taxonomy::SubsectorSet,
    nearness: Nearness,
    verified: bool,
) {
    for subsector in shared.iter() {
        reasons.push(ScoredReason {
            reason: Reason::SharesSubsector { subsector },
            points: weights::SHARES_SUBSECTOR,
        });
    }
    let near = nearness_points(nearness);
    if near > 0 {
        reasons.push(ScoredReason {
            reason: Reason::Near { nearness },
            points: near,
        });
    }
    if verified {
        reasons.push(ScoredReason {
            reason: Reason::Verified,
            points: weights::VERIFIED,
        });
    }
}

fn finish(reasons: Vec<ScoredReason>) -> Score {
    Score {
        total: reasons.iter().map(|r| r.points).sum(),
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::{Helix, HelixSet, Resource, Subsector, SubsectorSet};

    fn initiative() -> InitiativeFeatures {
        InitiativeFeatures {
            id: 1,
            region: "32.73.02".parse().unwrap(),
            subsectors: [Subsector::Kuliner, Subsector::Musik].into_iter().collect(),
            needs: [Resource::Venue, Resource::Publicity].into_iter().collect(),
            covered: HelixSet::of(Helix::Community),
            asked: HelixSet::of(Helix::Government),
        }
    }

    fn stakeholder(helix: Helix, region: &str, offers: &[Resource]) -> StakeholderFeatures {
        StakeholderFeatures {
            id: 7,
            region: region.parse().unwrap(),
            subsectors: SubsectorSet::of(Subsector::Kuliner),
            offers: offers.iter().copied().collect(),
            helix,
            verified: true,
        }
    }

    #[test]
    fn a_venue_from_the_asked_helix_next_door_scores_every_term() {
        let s = stakeholder(
            Helix::Government,
            "32.73.02",
            &[Resource::Venue, Resource::Funding],
        );
        let score = score(&initiative(), &s);
        let kinds: Vec<_> = score.reasons.iter().map(|r| r.reason).collect();
        assert_eq!(
            kinds,
            [
                Reason::FillsNeed {
                    resource: Resource::Venue
                },
                Reason::BringsHelix {
                    helix: Helix::Government,
                    asked: true
                },
                Reason::SharesSubsector {
                    subsector: Subsector::Kuliner
                },
                Reason::Near {
                    nearness: Nearness::SameDistrict
                },
                Reason::Verified,
            ]
        );
        assert_eq!(score.total, 30 + 30 + 6 + 15 + 5);
        assert_eq!(score.total, score_total(&initiative(), &s));
    }

    #[test]
    fn a_stakeholder_that_fills_nothing_and_brings_no_new_helix_is_no_match() {
        let s = stakeholder(Helix::Community, "32.73.02", &[Resource::Funding]);
        assert_eq!(score_total(&initiative(), &s), 0);
        assert!(score(&initiative(), &s).reasons.is_empty());
    }

    #[test]
    fn branch_free_nearness_agrees_with_the_region_relation() {
        let codes = [
            "32", "32.73", "32.73.01", "32.73.02", "32.76", "32.76.01", "36.74.01", "36",
        ];
        for a in codes {
            for b in codes {
                let (a, b): (crate::region::RegionCode, crate::region::RegionCode) =
                    (a.parse().unwrap(), b.parse().unwrap());
                assert_eq!(
                    near_points(a.packed(), b.packed()),
                    nearness_points(a.nearness(b)),
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn nearer_is_better_all_else_equal() {
        let i = initiative();
        let at = |r: &str| score_total(&i, &stakeholder(Helix::Media, r, &[Resource::Publicity]));
        assert!(at("32.73.02") > at("32.73.10"));
        assert!(at("32.73.10") > at("32.76.01"));
        assert!(at("32.76.01") > at("36.74.01"));
    }

    #[test]
    fn partners_must_differ_in_helix_and_share_a_subsector() {
        let me = stakeholder(Helix::Business, "32.73.02", &[Resource::Venue]);
        let mut other = stakeholder(Helix::Media, "32.73.02", &[]);
        other.id = 8;
        let s = partner_score(&me, &other);
        assert_eq!(s.total, partner_score_total(&me, &other));
        assert_eq!(
            s.reasons[0].reason,
            Reason::OtherHelix {
                helix: Helix::Media
            }
        );
        other.helix = Helix::Business;
        assert_eq!(partner_score_total(&me, &other), 0);
        other.helix = Helix::Media;
        other.subsectors = SubsectorSet::of(Subsector::Fesyen);
        assert_eq!(partner_score_total(&me, &other), 0);
        assert_eq!(
            partner_score_total(&me, &me),
            0,
            "nobody is their own partner"
        );
    }
}
