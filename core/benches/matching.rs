//! The matching engine at national scale: top-20 partners for one initiative among a million
//! stakeholders, and a coalition over ten thousand. Run with `cargo bench -p pentahelix-core`.

use criterion::{Criterion, criterion_group, criterion_main};
use pentahelix_core::matching::{
    InitiativeFeatures, StakeholderFeatures, coalition, rank_stakeholders,
    rank_stakeholders_with_coalition,
};
use pentahelix_core::{
    Helix, HelixSet, RegionCode, Resource, ResourceSet, Subsector, SubsectorSet,
};
use std::hint::black_box;

/// A deterministic pseudo-random pool spread over the seed cities, as a national index would be.
fn pool(n: usize) -> Vec<StakeholderFeatures> {
    let cities = [
        (32u8, 73u8, 30u8),
        (32, 76, 11),
        (36, 74, 7),
        (18, 72, 5),
        (35, 73, 5),
    ];
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|id| {
            let r = next();
            let (p, c, districts) = cities[(r % 5) as usize];
            StakeholderFeatures {
                id: id as i64,
                region: RegionCode::new(p, c, 1 + ((r >> 8) % u64::from(districts)) as u8).unwrap(),
                subsectors: SubsectorSet::from_bits(1 << ((r >> 16) % 17) | 1 << ((r >> 24) % 17)),
                offers: ResourceSet::from_bits(1 << ((r >> 32) % 10) | 1 << ((r >> 40) % 10)),
                helix: Helix::ALL[((r >> 48) % 5) as usize],
                verified: (r >> 56) % 4 == 0,
            }
        })
        .collect()
}

fn initiative() -> InitiativeFeatures {
    InitiativeFeatures {
        id: 0,
        region: RegionCode::new(32, 73, 2).unwrap(),
        subsectors: [Subsector::Kuliner, Subsector::Musik].into_iter().collect(),
        needs: [
            Resource::Venue,
            Resource::Funding,
            Resource::Publicity,
            Resource::Permits,
        ]
        .into_iter()
        .collect(),
        covered: HelixSet::of(Helix::Community),
        asked: HelixSet::of(Helix::Government),
    }
}

fn bench(c: &mut Criterion) {
    let million = pool(1_000_000);
    let ten_thousand = pool(10_000);
    let i = initiative();
    c.bench_function("top20_of_1m_stakeholders", |b| {
        b.iter(|| rank_stakeholders(black_box(&i), black_box(&million), 20))
    });
    c.bench_function("coalition_over_10k", |b| {
        b.iter(|| coalition(black_box(&i), black_box(&ten_thousand)))
    });
    // What `/matches` does for one initiative in a city of 100,000 stakeholders.
    let city = pool(100_000);
    c.bench_function("matches_top10_and_coalition_of_100k", |b| {
        b.iter(|| rank_stakeholders_with_coalition(black_box(&i), black_box(&city), 10))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
