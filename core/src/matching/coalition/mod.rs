//! The smallest team of stakeholders that covers what an initiative still needs.
//!
//! The goal is a set cover over at most 15 elements: the open needs (up to 10 resources) and the
//! missing helices (up to 5). Everything any candidate can cover must be covered; among such
//! teams the smallest wins, then the one with the highest summed match score, then lower ids.
//! When the pool is small enough the search is exact (a dynamic programme over the subsets of
//! the elements); otherwise the classic greedy cover, which is within a factor ln(15) + 1 of
//! optimal, is used and the answer says so.

use super::features::{InitiativeFeatures, StakeholderFeatures};
use super::score::Scorer;
use crate::api::{Coalition, CoalitionMember, StakeholderId};
use crate::taxonomy::{Helix, HelixSet, ResourceSet};

/// The largest `states × candidates` product searched exactly: a few milliseconds of work.
const EXACT_BUDGET: usize = 1 << 22;
const HELIX_SHIFT: u32 = 10;
// Needs take the bits below HELIX_SHIFT and helices the five above it: 2^15 masks in all.
const _: () = assert!(
    <crate::taxonomy::Resource as crate::taxonomy::Taxonomy>::ALL.len() <= HELIX_SHIFT as usize
);

#[derive(Debug, Clone, Copy)]
struct Candidate {
    id: i64,
    mask: u32,
    score: u32,
}

/// Suggests a coalition for `initiative` from `candidates` (usually those within the match scope).
pub fn coalition(initiative: &InitiativeFeatures, candidates: &[StakeholderFeatures]) -> Coalition {
    let mut table = MaskTable::new(initiative);
    let scorer = Scorer::new(initiative);
    for s in candidates {
        table.offer(s, || scorer.total(s));
    }
    table.cover()
}

/// The best candidate for each set of elements a candidate covers: the strongest, then the lowest
/// id. Two stakeholders that cover exactly the same elements are interchangeable for the cover
/// itself. The table has a slot for each combination of the initiative's open needs (numbered
/// compactly: 2^4 slots for four needs) and each helix, so it stays a few kilobytes that the
/// scan keeps in cache. A table of all 2^15 masks, the first version, was 786 KiB to clear and
/// fill per request; a hash map before it was a quarter of `/matches`' time (both found by
/// profiling the server under load).
pub(super) struct MaskTable<'a> {
    initiative: &'a InitiativeFeatures,
    missing: HelixSet,
    /// The slot row of each possible set of offers: the open needs it fills, numbered compactly.
    row: [u16; 1 << HELIX_SHIFT],
    /// The slot column of each helix: 0 when the initiative has it, else 1 + the helix.
    column: [u32; 8],
    best: Vec<Slot>,
}

/// A slot's best candidate. A candidate that covers something scores above zero (filling a need
/// or bringing a helix are both points), so a zero score marks an empty slot.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    score: u32,
    mask: u32,
    id: i64,
}

impl<'a> MaskTable<'a> {
    pub(super) fn new(initiative: &'a InitiativeFeatures) -> MaskTable<'a> {
        let missing = HelixSet::all().difference(initiative.covered);
        let needs = u32::from(initiative.needs.bits());
        let mut row = [0u16; 1 << HELIX_SHIFT];
        for (offers, row) in row.iter_mut().enumerate() {
            // The filled needs' bits, gathered to the bottom in order.
            let filled = offers as u32 & needs;
            let (mut compact, mut at) = (0u16, 0);
            for bit in 0..HELIX_SHIFT {
                if needs & (1 << bit) != 0 {
                    compact |= (((filled >> bit) & 1) as u16) << at;
                    at += 1;
                }
            }
            *row = compact;
        }
        let mut column = [0u32; 8];
        for &helix in Helix::ALL {
            if missing.contains(helix) {
                column[helix as usize] = 1 + helix as u32;
            }
        }
        MaskTable {
            initiative,
            missing,
            row,
            column,
            best: vec![Slot::default(); (1 << needs.count_ones()) * 8],
        }
    }

    /// Considers `s`; its score is asked for only when it covers something.
    #[inline]
    pub(super) fn offer(&mut self, s: &StakeholderFeatures, score: impl FnOnce() -> u32) {
        let offers = usize::from(s.offers.bits()) & ((1 << HELIX_SHIFT) - 1);
        let helix = s.helix as usize & 7;
        let slot = (usize::from(self.row[offers]) << 3) | self.column[helix] as usize;
        if slot == 0 {
            return;
        }
        let score = score();
        debug_assert!(score > 0, "a candidate that covers something scores");
        let Some(kept) = self.best.get_mut(slot) else {
            return;
        };
        if (score, std::cmp::Reverse(s.id)) > (kept.score, std::cmp::Reverse(kept.id)) {
            let needs = u32::from(self.initiative.needs.intersection(s.offers).bits());
            let brings = u32::from(self.column[helix] != 0) << (HELIX_SHIFT + helix as u32);
            *kept = Slot {
                score,
                mask: needs | brings,
                id: s.id,
            };
        }
    }

    pub(super) fn cover(self) -> Coalition {
        let mut pool: Vec<Candidate> = self
            .best
            .into_iter()
            .filter(|slot| slot.score > 0)
            .map(|slot| Candidate {
                id: slot.id,
                mask: slot.mask,
                score: slot.score,
            })
            .collect();
        pool.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.id.cmp(&b.id)));
        let target = pool.iter().fold(0, |acc, c| acc | c.mask);

        let (chosen, exact) = if target == 0 {
            (Vec::new(), true)
        } else {
            let elements = target.count_ones() as usize;
            if pool.len().saturating_mul(1 << elements) <= EXACT_BUDGET {
                (exact_cover(&pool, target), true)
            } else {
                (greedy_cover(&pool, target), false)
            }
        };

        explain(self.initiative, self.missing, target, chosen, exact)
    }
}

/// Minimum cover by dynamic programming over subsets of the target, numbered compactly.
fn exact_cover(pool: &[Candidate], target: u32) -> Vec<Candidate> {
    let bits: Vec<u32> = (0..32).filter(|b| target & (1 << b) != 0).collect();
    let compact = |mask: u32| {
        bits.iter().enumerate().fold(0usize, |acc, (i, b)| {
            acc | (((mask >> b) & 1) as usize) << i
        })
    };
    let full = (1usize << bits.len()) - 1;
    let masks: Vec<usize> = pool.iter().map(|c| compact(c.mask)).collect();

    #[derive(Clone, Copy)]
    struct State {
        size: u8,
        score: u32,
        prev: usize,
        via: usize,
    }
    let mut states: Vec<Option<State>> = vec![None; full + 1];
    states[0] = Some(State {
        size: 0,
        score: 0,
        prev: 0,
        via: usize::MAX,
    });
    // Adding a member only sets bits, so every transition goes to a larger number and one pass in
    // increasing order sees each state final before expanding it.
    for state in 0..full {
        let Some(here) = states[state] else { continue };
        for (c, &m) in masks.iter().enumerate() {
            let next = state | m;
            if next == state {
                continue;
            }
            let candidate = State {
                size: here.size + 1,
                score: here.score + pool[c].score,
                prev: state,
                via: c,
            };
            let better = match states[next] {
                None => true,
                Some(old) => {
                    (candidate.size, std::cmp::Reverse(candidate.score))
                        < (old.size, std::cmp::Reverse(old.score))
                }
            };
            if better {
                states[next] = Some(candidate);
            }
        }
    }
    let mut chosen = Vec::new();
    let mut at = full;
    while at != 0 {
        let s = states[at].expect("the target is reachable: it is the union of the pool");
        chosen.push(pool[s.via]);
        at = s.prev;
    }
    chosen
}

/// Greedy cover: repeatedly the candidate that covers most of what is still uncovered.
fn greedy_cover(pool: &[Candidate], target: u32) -> Vec<Candidate> {
    let mut covered = 0;
    let mut chosen = Vec::new();
    while covered != target {
        // `pool` is sorted strongest first, so `max_by_key` keeping the first maximum breaks ties
        // towards the stronger, then lower-id, candidate.
        let best = pool
            .iter()
            .copied()
            .rev()
            .max_by_key(|c| (c.mask & !covered).count_ones())
            .expect("a non-empty target has candidates");
        covered |= best.mask;
        chosen.push(best);
    }
    chosen
}

fn explain(
    initiative: &InitiativeFeatures,
    missing: HelixSet,
    target: u32,
    mut chosen: Vec<Candidate>,
    exact: bool,
) -> Coalition {
    // Present members in the order that explains best: each adds the most of what is still
    // uncovered, so each is credited with what it brings that those before it did not. A member
    // that would add nothing (possible after a greedy search) is dropped: the team is smaller.
    let mut covered = 0u32;
    let mut members = Vec::with_capacity(chosen.len());
    while !chosen.is_empty() {
        let (at, gain) = chosen
            .iter()
            .enumerate()
            .map(|(at, c)| {
                (
                    at,
                    (c.mask & !covered).count_ones(),
                    c.score,
                    std::cmp::Reverse(c.id),
                )
            })
            .max_by_key(|&(_, gain, score, id)| (gain, score, id))
            .map(|(at, gain, _, _)| (at, gain))
            .expect("non-empty");
        let c = chosen.swap_remove(at);
        if gain == 0 {
            continue;
        }
        let new = c.mask & !covered;
        covered |= c.mask;
        let helix_bits = new >> HELIX_SHIFT;
        members.push(CoalitionMember {
            stakeholder_id: StakeholderId(c.id),
            fills: ResourceSet::from_bits((new & ((1 << HELIX_SHIFT) - 1)) as u16),
            brings_helix: (helix_bits != 0)
                .then(|| Helix::ALL[helix_bits.trailing_zeros() as usize]),
        });
    }
    let covered_needs = ResourceSet::from_bits((target & ((1 << HELIX_SHIFT) - 1)) as u16);
    let covered_helices = HelixSet::from_bits((target >> HELIX_SHIFT) as u16);
    Coalition {
        members,
        uncovered_needs: initiative.needs.difference(covered_needs),
        missing_helices: missing.difference(covered_helices),
        exact,
    }
}

#[cfg(test)]
mod tests {
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
}
