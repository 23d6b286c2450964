//! The smallest team of stakeholders that covers what an initiative still needs.
//!
//! The goal is a set cover over at most 15 elements: the open needs (up to 10 resources) and the
//! missing helices (up to 5). Everything any candidate can cover must be covered; among such
//! teams the smallest wins, then the one with the highest summed match score, then lower ids.
//! When the pool is small enough the search is exact (a dynamic programme over the subsets of
//! the elements); otherwise the classic greedy cover, which is within a factor ln(15) + 1 of
//! optimal, is used and the answer says so.

mod cover;
mod table;
#[cfg(test)]
mod tests;

use super::features::{InitiativeFeatures, StakeholderFeatures};
use super::scorer::Scorer;
use crate::api::{Coalition, CoalitionMember, StakeholderId};
use crate::taxonomy::{Helix, HelixSet, ResourceSet};
use cover::Candidate;
pub(super) use table::MaskTable;

const HELIX_SHIFT: u32 = 10;
// Needs take the bits below HELIX_SHIFT and helices the five above it: 2^15 masks in all.
const _: () = assert!(
    <crate::taxonomy::Resource as crate::taxonomy::Taxonomy>::ALL.len() <= HELIX_SHIFT as usize
);

/// Suggests a coalition for `initiative` from `candidates` (usually those within the match scope).
pub fn coalition(initiative: &InitiativeFeatures, candidates: &[StakeholderFeatures]) -> Coalition {
    let mut table = MaskTable::new(initiative);
    let scorer = Scorer::new(initiative);
    for s in candidates {
        table.offer(s, || scorer.total(s));
    }
    table.cover()
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
