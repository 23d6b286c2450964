use super::cover::{Candidate, exact_cover, greedy_cover};
use super::*;
use crate::region::RegionCode;
use crate::taxonomy::{Resource, SubsectorSet};
use proptest::prelude::*;

fn s(id: i64, helix: Helix, offers: &[Resource]) -> StakeholderFeatures {
    StakeholderFeatures {
        id,
        region: RegionCode::new(32, 73, 1).unwrap(),
        subsectors: SubsectorSet::empty(),
        offers: offers.iter().copied().collect(),
        helix,
        verified: false,
    }
}

fn initiative(needs: &[Resource], covered: &[Helix]) -> InitiativeFeatures {
    InitiativeFeatures {
        id: 1,
        region: RegionCode::new(32, 73, 1).unwrap(),
        subsectors: SubsectorSet::empty(),
        needs: needs.iter().copied().collect(),
        covered: covered.iter().copied().collect(),
        asked: HelixSet::empty(),
    }
}

fn member_ids(c: &Coalition) -> Vec<i64> {
    let mut ids: Vec<i64> = c.members.iter().map(|m| m.stakeholder_id.0).collect();
    ids.sort();
    ids
}

#[test]
fn prefers_one_partner_who_brings_everything_over_several() {
    use Resource::*;
    let i = initiative(
        &[Venue, Funding, Publicity],
        &[
            Helix::Government,
            Helix::Academia,
            Helix::Community,
            Helix::Media,
        ],
    );
    let pool = [
        s(1, Helix::Government, &[Venue]),
        s(2, Helix::Media, &[Publicity]),
        s(3, Helix::Business, &[Venue, Funding, Publicity]),
        s(4, Helix::Business, &[Funding]),
    ];
    let c = coalition(&i, &pool);
    assert_eq!(member_ids(&c), [3]);
    assert!(c.exact);
    assert!(c.uncovered_needs.is_empty() && c.missing_helices.is_empty());
    assert_eq!(c.members[0].brings_helix, Some(Helix::Business));
}

#[test]
fn covers_all_five_helices_when_the_pool_allows_and_reports_what_is_missing() {
    use Resource::*;
    let i = initiative(&[Venue, Research], &[]);
    let pool = [
        s(1, Helix::Government, &[Venue]),
        s(2, Helix::Academia, &[Research]),
        s(3, Helix::Business, &[]),
        s(4, Helix::Community, &[Venue]),
    ];
    let c = coalition(&i, &pool);
    assert_eq!(member_ids(&c), [1, 2, 3, 4]);
    assert_eq!(
        c.missing_helices,
        HelixSet::of(Helix::Media),
        "no media stakeholder in the pool"
    );
    assert!(c.uncovered_needs.is_empty());
}

#[test]
fn a_need_nobody_offers_is_reported_not_hidden() {
    let i = initiative(&[Resource::Permits], &[Helix::Government]);
    let c = coalition(&i, &[s(1, Helix::Government, &[Resource::Funding])]);
    assert!(c.members.is_empty());
    assert_eq!(c.uncovered_needs, ResourceSet::of(Resource::Permits));
}

fn arb_pool() -> impl Strategy<Value = Vec<StakeholderFeatures>> {
    prop::collection::vec((0usize..5, any::<u16>()), 0..40).prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(n, (h, offers))| StakeholderFeatures {
                id: n as i64 + 1,
                region: RegionCode::new(32, 73, 1).unwrap(),
                subsectors: SubsectorSet::empty(),
                offers: ResourceSet::from_bits(offers),
                helix: Helix::ALL[h],
                verified: false,
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn a_coalition_covers_every_need_any_candidate_can_fill(
        pool in arb_pool(),
        needs in any::<u16>(),
        covered in any::<u16>(),
    ) {
        let i = InitiativeFeatures { needs: ResourceSet::from_bits(needs), covered: HelixSet::from_bits(covered), ..initiative(&[], &[]) };
        let c = coalition(&i, &pool);
        let offered = pool.iter().fold(ResourceSet::empty(), |acc, s| acc.union(s.offers)).intersection(i.needs);
        let filled = c.members.iter().fold(ResourceSet::empty(), |acc, m| acc.union(m.fills));
        prop_assert_eq!(filled, offered);
        prop_assert_eq!(c.uncovered_needs, i.needs.difference(offered));
        let present: HelixSet = pool.iter().map(|s| s.helix).collect();
        let brought: HelixSet = c.members.iter().filter_map(|m| m.brings_helix).collect();
        prop_assert_eq!(brought, present.difference(i.covered));
        // No member is redundant in the greedy or exact answer's accounting.
        prop_assert!(c.members.iter().all(|m| !m.fills.is_empty() || m.brings_helix.is_some()));
    }

    #[test]
    fn the_table_keeps_the_best_candidate_of_every_mask(
        pool in arb_pool(),
        needs in any::<u16>(),
        covered in any::<u16>(),
        // A candidate that covers something always scores: filling a need or bringing a
        // helix are points.
        scores in prop::collection::vec(1u32..5, 40),
    ) {
        let i = InitiativeFeatures { needs: ResourceSet::from_bits(needs), covered: HelixSet::from_bits(covered), ..initiative(&[], &[]) };
        let mut table = MaskTable::new(&i);
        let mut expected: std::collections::BTreeMap<u32, (u32, i64)> = Default::default();
        for (s, &score) in pool.iter().zip(&scores) {
            table.offer(s, || score);
            let missing = HelixSet::all().difference(i.covered);
            let mask = u32::from(i.needs.intersection(s.offers).bits())
                | if missing.contains(s.helix) { 1 << (HELIX_SHIFT + s.helix as u32) } else { 0 };
            if mask != 0 {
                let best = expected.entry(mask).or_insert((score, s.id));
                if (score, std::cmp::Reverse(s.id)) > (best.0, std::cmp::Reverse(best.1)) {
                    *best = (score, s.id);
                }
            }
        }
        let kept: std::collections::BTreeMap<u32, (u32, i64)> =
            table.best.iter().filter(|c| c.score > 0).map(|c| (c.mask, (c.score, c.id))).collect();
        prop_assert_eq!(table.best.iter().filter(|c| c.score > 0).count(), kept.len(), "one slot per mask");
        prop_assert_eq!(kept, expected);
    }

    #[test]
    fn the_exact_cover_is_never_larger_than_the_greedy_one(pool in arb_pool(), needs in any::<u16>()) {
        let i = InitiativeFeatures { needs: ResourceSet::from_bits(needs), ..initiative(&[], &[]) };
        let missing = HelixSet::all();
        let cands: Vec<Candidate> = pool.iter().filter_map(|s| {
            let mask = u32::from(i.needs.intersection(s.offers).bits()) | if missing.contains(s.helix) { 1 << (HELIX_SHIFT + s.helix as u32) } else { 0 };
            (mask != 0).then_some(Candidate { id: s.id, mask, score: 1 })
        }).collect();
        let target = cands.iter().fold(0, |a, c| a | c.mask);
        if target != 0 {
            let exact = exact_cover(&cands, target);
            let greedy = greedy_cover(&cands, target);
            prop_assert!(exact.len() <= greedy.len());
            prop_assert_eq!(exact.iter().fold(0, |a, c| a | c.mask), target);
        }
    }
}
