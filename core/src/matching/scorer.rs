use super::features::{InitiativeFeatures, StakeholderFeatures};
use super::score::{near_points, weights};

/// [`score_total`] of one initiative against many stakeholders, with the initiative's side worked
/// out once into small tables: the points for every possible set of offers (10 bits), for every
/// half of a subsector set (9 and 8 bits) and for each helix. Scoring a candidate is then a few
/// table reads instead of two bit counts and the helix tests, which matters at 100,000
/// candidates a request (`/matches`): x86-64's baseline has no popcount instruction, and a
/// counted bit costs a dozen instructions without one.
pub struct Scorer {
    region: u32,
    fills: [u16; 1 << 10],
    subsectors_low: [u8; 1 << 9],
    subsectors_high: [u8; 1 << 8],
    /// Points for bringing each helix (zero when the initiative has it), and whether it brings it.
    helix: [u32; 8],
    brings: [u32; 8],
}

// The tables hold every value the sets can take.
const _: () = assert!(<crate::taxonomy::Resource as crate::taxonomy::Taxonomy>::ALL.len() <= 10);
const _: () = assert!(<crate::taxonomy::Subsector as crate::taxonomy::Taxonomy>::ALL.len() <= 17);
const _: () = assert!(<crate::taxonomy::Helix as crate::taxonomy::Taxonomy>::ALL.len() <= 8);

impl Scorer {
    pub fn new(i: &InitiativeFeatures) -> Scorer {
        let needs = u32::from(i.needs.bits());
        let subsectors = i.subsectors.bits();
        let mut scorer = Scorer {
            region: i.region.packed(),
            fills: [0; 1 << 10],
            subsectors_low: [0; 1 << 9],
            subsectors_high: [0; 1 << 8],
            helix: [0; 8],
            brings: [0; 8],
        };
        for (offers, points) in scorer.fills.iter_mut().enumerate() {
            *points = ((offers as u32 & needs).count_ones() * weights::FILLS_NEED) as u16;
        }
        for (low, points) in scorer.subsectors_low.iter_mut().enumerate() {
            *points = ((low as u32 & subsectors).count_ones() * weights::SHARES_SUBSECTOR) as u8;
        }
        for (high, points) in scorer.subsectors_high.iter_mut().enumerate() {
            let shared = ((high as u32) << 9) & subsectors;
            *points = (shared.count_ones() * weights::SHARES_SUBSECTOR) as u8;
        }
        for &helix in crate::taxonomy::Helix::ALL {
            if !i.covered.contains(helix) {
                scorer.brings[helix as usize] = 1;
                scorer.helix[helix as usize] = if i.asked.contains(helix) {
                    weights::BRINGS_ASKED_HELIX
                } else {
                    weights::BRINGS_HELIX
                };
            }
        }
        scorer
    }

    /// Equals [`score_total`] for the initiative this was made for (a property test holds it).
    #[inline]
    pub fn total(&self, s: &StakeholderFeatures) -> u32 {
        let fills = u32::from(self.fills[usize::from(s.offers.bits()) & 0x3FF]);
        let helix = s.helix as usize & 7;
        let subsectors = s.subsectors.bits() as usize;
        let total = fills
            + self.helix[helix]
            + u32::from(self.subsectors_low[subsectors & 0x1FF])
            + u32::from(self.subsectors_high[(subsectors >> 9) & 0xFF])
            + near_points(self.region, s.region.packed())
            + u32::from(s.verified) * weights::VERIFIED;
        total * (u32::from(fills != 0) | self.brings[helix])
    }
}

#[cfg(test)]
mod tests {
    use super::super::score::score_total;
    use super::*;
    use crate::region::RegionCode;
    use crate::taxonomy::{Helix, HelixSet, ResourceSet, SubsectorSet};
    use proptest::prelude::*;

    /// Any region, down to the kecamatan or stopping at the city or province.
    fn arb_region() -> impl Strategy<Value = RegionCode> {
        (
            prop::sample::select(vec![18u8, 32, 36]),
            prop::sample::select(vec![0u8, 72, 73, 76]),
            prop::sample::select(vec![0u8, 1, 2, 30]),
        )
            .prop_filter_map("a code names its parents", |(p, c, d)| {
                if c == 0 && d != 0 {
                    None
                } else {
                    RegionCode::new(p, c, d)
                }
            })
    }

    fn arb_features() -> impl Strategy<Value = (InitiativeFeatures, StakeholderFeatures)> {
        (
            (
                arb_region(),
                any::<u32>(),
                any::<u16>(),
                any::<u16>(),
                any::<u16>(),
            ),
            (
                arb_region(),
                any::<u32>(),
                any::<u16>(),
                0usize..5,
                any::<bool>(),
            ),
        )
            .prop_map(
                |((ir, isub, needs, covered, asked), (sr, ssub, offers, helix, verified))| {
                    (
                        InitiativeFeatures {
                            id: 1,
                            region: ir,
                            subsectors: SubsectorSet::from_bits(isub),
                            needs: ResourceSet::from_bits(needs),
                            covered: HelixSet::from_bits(covered),
                            asked: HelixSet::from_bits(asked),
                        },
                        StakeholderFeatures {
                            id: 2,
                            region: sr,
                            subsectors: SubsectorSet::from_bits(ssub),
                            offers: ResourceSet::from_bits(offers),
                            helix: Helix::ALL[helix],
                            verified,
                        },
                    )
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The ranking uses the tables; the explanation is built from [`score_total`]'s terms.
        /// They must never disagree, over every set of offers and subsectors.
        #[test]
        fn the_tables_score_as_the_formula_does((i, s) in arb_features()) {
            prop_assert_eq!(Scorer::new(&i).total(&s), score_total(&i, &s));
        }
    }
}
