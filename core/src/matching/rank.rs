use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::coalition::MaskTable;
use super::features::{InitiativeFeatures, StakeholderFeatures};
use super::score::{Score, partner_score, partner_score_total, score, score_total};
use super::scorer::Scorer;
use crate::api::Coalition;

/// A ranked candidate: its position in the slice it was ranked from, and its explained score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub index: usize,
    pub id: i64,
    pub score: Score,
}

/// Keeps the best `k` of a stream of `(score, id, index)`: higher score first, then lower id, so
/// the order never depends on the order candidates arrive in. A heap of size `k` makes this
/// O(n log k) with no allocation per candidate.
struct TopK {
    k: usize,
    // The heap's top is the worst kept candidate: lowest score, then highest id.
    heap: BinaryHeap<Reverse<(u32, Reverse<i64>, usize)>>,
    /// What a candidate must beat to be kept: nothing scoring zero, and once `k` are kept, the
    /// worst of them. Most candidates fail this one comparison.
    floor: (u32, Reverse<i64>),
}

impl TopK {
    fn new(k: usize) -> TopK {
        TopK {
            k,
            heap: BinaryHeap::with_capacity(k + 1),
            floor: if k == 0 {
                (u32::MAX, Reverse(i64::MIN))
            } else {
                (0, Reverse(i64::MIN))
            },
        }
    }

    #[inline]
    fn offer(&mut self, total: u32, id: i64, index: usize) {
        if (total, Reverse(id)) > self.floor {
            self.keep((total, Reverse(id), index));
        }
    }

    #[inline(never)]
    fn keep(&mut self, entry: (u32, Reverse<i64>, usize)) {
        if self.heap.len() == self.k {
            self.heap.pop();
        }
        self.heap.push(Reverse(entry));
        if self.heap.len() == self.k
            && let Some(Reverse(worst)) = self.heap.peek()
        {
            self.floor = (worst.0, worst.1);
        }
    }

    /// `(index, id)` of the kept candidates, best first.
    fn into_best(self) -> Vec<(usize, i64)> {
        let mut best: Vec<_> = self.heap.into_iter().map(|Reverse(e)| e).collect();
        best.sort_unstable_by_key(|&(total, id, _)| Reverse((total, id)));
        best.into_iter()
            .map(|(_, Reverse(id), index)| (index, id))
            .collect()
    }
}

fn top_k(k: usize, scored: impl Iterator<Item = (u32, i64, usize)>) -> Vec<(usize, i64)> {
    let mut top = TopK::new(k);
    for (total, id, index) in scored {
        top.offer(total, id, index);
    }
    top.into_best()
}

/// The `k` stakeholders that would help `initiative` most, best first.
pub fn rank_stakeholders(
    initiative: &InitiativeFeatures,
    candidates: &[StakeholderFeatures],
    k: usize,
) -> Vec<Ranked> {
    let scorer = Scorer::new(initiative);
    let scored = candidates
        .iter()
        .enumerate()
        .map(|(i, s)| (scorer.total(s), s.id, i));
    top_k(k, scored)
        .into_iter()
        .map(|(index, id)| Ranked {
            index,
            id,
            score: score(initiative, &candidates[index]),
        })
        .collect()
}

/// [`rank_stakeholders`] and [`coalition`](super::coalition) in one pass, each candidate scored
/// once: what `/matches` needs, where the two passes over a city of 100,000 candidates were most
/// of the request's time.
pub fn rank_stakeholders_with_coalition(
    initiative: &InitiativeFeatures,
    candidates: &[StakeholderFeatures],
    k: usize,
) -> (Vec<Ranked>, Coalition) {
    let mut table = MaskTable::new(initiative);
    let scorer = Scorer::new(initiative);
    let mut top = TopK::new(k);
    // One plain loop with everything inlined: through an iterator adapter the per-candidate
    // closure stayed a call, and its register saves were a fifth of the loop (perf annotate).
    for (index, s) in candidates.iter().enumerate() {
        let total = scorer.total(s);
        table.offer(s, || total);
        top.offer(total, s.id, index);
    }
    let best = top.into_best();
    let ranked = best
        .into_iter()
        .map(|(index, id)| Ranked {
            index,
            id,
            score: score(initiative, &candidates[index]),
        })
        .collect();
    (ranked, table.cover())
}

/// The `k` initiatives `stakeholder` could help most, best first.
pub fn rank_initiatives(
    stakeholder: &StakeholderFeatures,
    initiatives: &[InitiativeFeatures],
    k: usize,
) -> Vec<Ranked> {
    let scored = initiatives
        .iter()
        .enumerate()
        .map(|(i, x)| (score_total(x, stakeholder), x.id, i));
    top_k(k, scored)
        .into_iter()
        .map(|(index, id)| Ranked {
            index,
            id,
            score: score(&initiatives[index], stakeholder),
        })
        .collect()
}

/// The `k` stakeholders of other helices that share most with `stakeholder`, best first.
pub fn rank_partners(
    stakeholder: &StakeholderFeatures,
    others: &[StakeholderFeatures],
    k: usize,
) -> Vec<Ranked> {
    let scored = others
        .iter()
        .enumerate()
        .map(|(i, o)| (partner_score_total(stakeholder, o), o.id, i));
    top_k(k, scored)
        .into_iter()
        .map(|(index, id)| Ranked {
            index,
            id,
            score: partner_score(stakeholder, &others[index]),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::region::RegionCode;
    use crate::taxonomy::{Helix, HelixSet, ResourceSet, SubsectorSet};
    use proptest::prelude::*;

    fn arb_region() -> impl Strategy<Value = RegionCode> {
        (
            prop::sample::select(vec![32u8, 36]),
            prop::sample::select(vec![73u8, 74, 76]),
            1u8..=4,
        )
            .prop_map(|(p, c, d)| RegionCode::new(p, c, d).unwrap())
    }

    fn arb_stakeholders() -> impl Strategy<Value = Vec<StakeholderFeatures>> {
        prop::collection::vec(
            (
                arb_region(),
                any::<u32>(),
                any::<u16>(),
                0usize..5,
                any::<bool>(),
            ),
            0..60,
        )
        .prop_map(|rows| {
            rows.into_iter()
                .enumerate()
                .map(
                    |(n, (region, subs, offers, helix, verified))| StakeholderFeatures {
                        id: n as i64 * 3 + 1,
                        region,
                        subsectors: SubsectorSet::from_bits(subs & 0b1111),
                        offers: ResourceSet::from_bits(offers & 0b11_1111),
                        helix: Helix::ALL[helix],
                        verified,
                    },
                )
                .collect()
        })
    }

    fn arb_initiative() -> impl Strategy<Value = InitiativeFeatures> {
        (
            arb_region(),
            any::<u32>(),
            any::<u16>(),
            any::<u16>(),
            any::<u16>(),
        )
            .prop_map(|(region, subs, needs, covered, asked)| InitiativeFeatures {
                id: 99,
                region,
                subsectors: SubsectorSet::from_bits(subs & 0b1111),
                needs: ResourceSet::from_bits(needs & 0b11_1111),
                covered: HelixSet::from_bits(covered),
                asked: HelixSet::from_bits(asked),
            })
    }

    proptest! {
        #[test]
        fn every_score_is_the_sum_of_its_reasons(i in arb_initiative(), pool in arb_stakeholders()) {
            for s in &pool {
                let explained = score(&i, s);
                prop_assert_eq!(explained.total, explained.reasons.iter().map(|r| r.points).sum::<u32>());
                prop_assert_eq!(explained.total, score_total(&i, s));
                prop_assert!(explained.reasons.iter().all(|r| r.points > 0));
                let partner = partner_score(&pool[0], s);
                prop_assert_eq!(partner.total, partner.reasons.iter().map(|r| r.points).sum::<u32>());
            }
        }

        #[test]
        fn one_pass_ranks_and_builds_the_coalition_as_the_two_passes_do(
            i in arb_initiative(),
            pool in arb_stakeholders(),
            k in 0usize..12,
        ) {
            let (ranked, team) = rank_stakeholders_with_coalition(&i, &pool, k);
            prop_assert_eq!(ranked, rank_stakeholders(&i, &pool, k));
            prop_assert_eq!(team, super::super::coalition(&i, &pool));
        }

        #[test]
        fn ranking_ignores_the_order_candidates_come_in(
            i in arb_initiative(),
            pool in arb_stakeholders(),
            seed in any::<u64>(),
            k in 0usize..12,
        ) {
            let ids = |ranked: &[Ranked]| ranked.iter().map(|r| (r.id, r.score.total)).collect::<Vec<_>>();
            let before = rank_stakeholders(&i, &pool, k);
            let mut shuffled = pool.clone();
            // A deterministic shuffle from the seed (Fisher–Yates with an LCG).
            let mut state = seed | 1;
            for n in (1..shuffled.len()).rev() {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(n, (state >> 33) as usize % (n + 1));
            }
            let after = rank_stakeholders(&i, &shuffled, k);
            prop_assert_eq!(ids(&before), ids(&after));
            prop_assert!(before.len() <= k);
            // Best first, ties by id: the order is total and stable.
            for pair in before.windows(2) {
                prop_assert!((pair[0].score.total, -pair[0].id) > (pair[1].score.total, -pair[1].id));
            }
            // Nothing better was left out.
            if let Some(last) = before.last() {
                let kept: Vec<i64> = before.iter().map(|r| r.id).collect();
                for s in &pool {
                    if !kept.contains(&s.id) {
                        prop_assert!((score_total(&i, s), -s.id) < (last.score.total, -last.id));
                    }
                }
            }
        }

        #[test]
        fn initiatives_and_partners_rank_consistently(i in arb_initiative(), pool in arb_stakeholders()) {
            if let Some(s) = pool.first() {
                let inits = [i, InitiativeFeatures { id: 100, ..i }];
                let ranked = rank_initiatives(s, &inits, 5);
                for r in &ranked {
                    prop_assert_eq!(r.score.total, score_total(&inits[r.index], s));
                }
                let partners = rank_partners(s, &pool, 5);
                for p in &partners {
                    prop_assert!(pool[p.index].helix != s.helix);
                    prop_assert!(pool[p.index].id != s.id);
                }
            }
        }
    }

    #[test]
    fn ties_are_broken_by_the_lower_id() {
        let i = InitiativeFeatures {
            id: 1,
            region: "32.73.01".parse().unwrap(),
            subsectors: SubsectorSet::empty(),
            needs: ResourceSet::all(),
            covered: HelixSet::empty(),
            asked: HelixSet::empty(),
        };
        let s = |id| StakeholderFeatures {
            id,
            region: "32.73.01".parse().unwrap(),
            subsectors: SubsectorSet::empty(),
            offers: ResourceSet::all(),
            helix: Helix::Media,
            verified: false,
        };
        let ranked = rank_stakeholders(&i, &[s(9), s(3), s(5)], 2);
        assert_eq!(ranked.iter().map(|r| r.id).collect::<Vec<_>>(), [3, 5]);
    }
}
