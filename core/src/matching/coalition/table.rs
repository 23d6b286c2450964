use super::cover::{Candidate, EXACT_BUDGET, exact_cover, greedy_cover};
use super::{HELIX_SHIFT, explain};
use crate::api::Coalition;
use crate::matching::features::{InitiativeFeatures, StakeholderFeatures};
use crate::taxonomy::{Helix, HelixSet};

/// The best candidate for each set of elements a candidate covers: the strongest, then the lowest
/// id. Two stakeholders that cover exactly the same elements are interchangeable for the cover
/// itself. The table has a slot for each combination of the initiative's open needs (numbered
/// compactly: 2^4 slots for four needs) and each helix, so it stays a few kilobytes that the
/// scan keeps in cache. A table of all 2^15 masks, the first version, was 786 KiB to clear and
/// fill per request; a hash map before it was a quarter of `/matches`' time (both found by
/// profiling the server under load).
pub(in crate::matching) struct MaskTable<'a> {
    initiative: &'a InitiativeFeatures,
    missing: HelixSet,
    /// The slot row of each possible set of offers: the open needs it fills, numbered compactly.
    row: [u16; 1 << HELIX_SHIFT],
    /// The slot column of each helix: 0 when the initiative has it, else 1 + the helix.
    column: [u32; 8],
    pub(super) best: Vec<Slot>,
}

/// A slot's best candidate. A candidate that covers something scores above zero (filling a need
/// or bringing a helix are both points), so a zero score marks an empty slot.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Slot {
    pub(super) score: u32,
    pub(super) mask: u32,
    pub(super) id: i64,
}

impl<'a> MaskTable<'a> {
    pub(in crate::matching) fn new(initiative: &'a InitiativeFeatures) -> MaskTable<'a> {
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
    pub(in crate::matching) fn offer(
        &mut self,
        s: &StakeholderFeatures,
        score: impl FnOnce() -> u32,
    ) {
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

    pub(in crate::matching) fn cover(self) -> Coalition {
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
