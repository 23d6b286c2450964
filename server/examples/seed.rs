//! A large synthetic city for load tests and benchmarks (100,000 stakeholders and 20,000
//! initiatives in Kota Bandung by default), or with `--network` a national network: the same
//! numbers spread over all 514 cities and regencies of Indonesia. Deterministic for a given seed,
//! valid by the core's own rules, and written through the server's store like any request, so it
//! exercises the same schema, indexes and triggers on every backend.

use std::time::Instant;

use chrono::{Days, NaiveDate, Utc};
use pentahelix_core::api::{
    Contact, InitiativeInput, InitiativeStatus, NeedInput, StakeholderInput,
};
use pentahelix_core::taxonomy::Taxonomy;
use pentahelix_core::{
    Helix, RegionCode, RegionLevel, Regions, Resource, ResourceSet, Subsector, SubsectorSet,
    validate,
};

use clap::Parser;
use pentahelix_server::Error;
use pentahelix_server::auth::{TokenKind, new_token};
use pentahelix_server::store::Store;

/// Fills a database with a large synthetic city, for `cargo xtask bench`'s load tests.
#[derive(Debug, Clone, Parser)]
struct SeedArgs {
    #[arg(long, env = "DATABASE_URL")]
    database_url: String,
    #[arg(long, default_value = "32.73")]
    city: RegionCode,
    /// Every city and regency of Indonesia instead of `--city` (serve them with `--cities`).
    #[arg(long)]
    network: bool,
    #[arg(long, default_value_t = 100_000)]
    stakeholders: usize,
    #[arg(long, default_value_t = 20_000)]
    initiatives: usize,
    /// Same seed, same city.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
}

const KINDS: [&str; 12] = [
    "Komunitas",
    "Kolektif",
    "Sanggar",
    "Studio",
    "Koperasi",
    "Galeri",
    "Rumah Kreatif",
    "Kedai",
    "Pusat Riset",
    "Radio",
    "Bengkel",
    "Forum",
];
const WORDS: [&str; 16] = [
    "Kopi", "Batik", "Angklung", "Aksara", "Layar", "Nada", "Rupa", "Warna", "Kriya", "Citra",
    "Lensa", "Cerita", "Rasa", "Irama", "Tenun", "Wayang",
];
const PEOPLE: [&str; 10] = [
    "Ani Rahmawati",
    "Budi Santoso",
    "Citra Lestari",
    "Dedi Kurniawan",
    "Eka Putri",
    "Fajar Nugraha",
    "Gita Permata",
    "Hendra Wijaya",
    "Intan Sari",
    "Joko Susilo",
];
const EVENTS: [&str; 8] = [
    "Festival",
    "Lokakarya",
    "Pameran",
    "Pelatihan",
    "Pasar Kreatif",
    "Pentas",
    "Kelas Terbuka",
    "Temu Komunitas",
];

/// A small deterministic generator (xorshift64): the same seed gives the same city.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn some<T: Taxonomy>(&mut self, max: usize) -> impl Iterator<Item = T> + use<T> {
        let count = 1 + self.below(max);
        let picked: Vec<T> = (0..count).map(|_| self.pick(T::ALL)).collect();
        picked.into_iter()
    }
}

/// What was written, and how fast.
#[derive(Debug, Clone, Copy)]
struct Seeded {
    stakeholders: usize,
    initiatives: usize,
    seconds: f64,
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args = SeedArgs::parse();
    let store = pentahelix_server::store::open(&args.database_url).await?;
    let regions = Regions::national();
    let cities: Vec<RegionCode> = if args.network {
        regions
            .at_level(RegionLevel::City)
            .map(|r| r.code)
            .collect()
    } else {
        vec![args.city]
    };
    let seeded = seed(
        store.as_ref(),
        &regions,
        &cities,
        args.stakeholders,
        args.initiatives,
        args.seed,
    )
    .await?;
    println!(
        "Seeded {} stakeholders and {} initiatives in {} cities in {:.1} s",
        seeded.stakeholders,
        seeded.initiatives,
        cities.len(),
        seeded.seconds
    );
    Ok(())
}

async fn seed(
    store: &dyn Store,
    regions: &Regions,
    cities: &[RegionCode],
    stakeholders: usize,
    initiatives: usize,
    seed: u64,
) -> Result<Seeded, Error> {
    let started = Instant::now();
    let scope = validate::Scope {
        served: cities,
        regions,
    };
    let districts: Vec<RegionCode> = cities
        .iter()
        .flat_map(|city| regions.children(*city).map(|r| r.code))
        .collect();
    if let Some(city) = cities
        .iter()
        .find(|c| regions.children(**c).next().is_none())
    {
        return Err(Error::Config(format!(
            "{city} is not a city with kecamatan"
        )));
    }
    let mut dice = Dice(seed | 1);
    let now = Utc::now();
    for n in 0..stakeholders {
        let input = stakeholder(&mut dice, n, &districts);
        validate::stakeholder(&input, &scope)
            .map_err(|e| Error::Internal(format!("generated stakeholder {n} is invalid: {e:?}")))?;
        let (_, hash) = new_token(TokenKind::Manage);
        store.create_stakeholder(&input, &hash, now).await?;
    }
    for n in 0..initiatives {
        let input = initiative(&mut dice, n, &districts);
        validate::initiative(&input, &scope)
            .map_err(|e| Error::Internal(format!("generated initiative {n} is invalid: {e:?}")))?;
        let (_, hash) = new_token(TokenKind::Manage);
        store
            .create_initiative(&input, InitiativeStatus::Open, &hash, now)
            .await?;
    }
    Ok(Seeded {
        stakeholders,
        initiatives,
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn contact(dice: &mut Dice, n: usize) -> Contact {
    Contact {
        person: dice.pick(&PEOPLE).to_owned(),
        email: Some(format!("kontak{n}@contoh.id")),
        phone: None,
    }
}

fn stakeholder(dice: &mut Dice, n: usize, districts: &[RegionCode]) -> StakeholderInput {
    let (kind, word) = (dice.pick(&KINDS), dice.pick(&WORDS));
    StakeholderInput {
        name: format!("{kind} {word} {n}"),
        helix: dice.pick(Helix::ALL),
        region: dice.pick(districts),
        subsectors: dice.some::<Subsector>(3).collect::<SubsectorSet>(),
        offers: dice.some::<Resource>(3).collect::<ResourceSet>(),
        description: format!(
            "{kind} {word} berkarya bersama warga kota sejak {} dan terbuka untuk kolaborasi.",
            2000 + dice.below(25)
        ),
        website: None,
        contact: contact(dice, n),
        contact_consent: true,
    }
}

fn initiative(dice: &mut Dice, n: usize, districts: &[RegionCode]) -> InitiativeInput {
    let (event, word) = (dice.pick(&EVENTS), dice.pick(&WORDS));
    let needs: Vec<NeedInput> = dice
        .some::<Resource>(3)
        .collect::<ResourceSet>()
        .iter()
        .map(|resource| NeedInput {
            resource,
            helix: (dice.below(3) == 0).then(|| dice.pick(Helix::ALL)),
            note: None,
        })
        .collect();
    let start =
        NaiveDate::from_ymd_opt(2027, 1, 1).expect("a date") + Days::new(dice.below(300) as u64);
    InitiativeInput {
        title: format!("{event} {word} {n}"),
        description: format!(
            "{event} {word} untuk warga dan pelaku ekonomi kreatif, terbuka bagi semua kalangan."
        ),
        region: dice.pick(districts),
        subsectors: dice.some::<Subsector>(2).collect::<SubsectorSet>(),
        needs,
        starts_on: Some(start),
        ends_on: Some(start + Days::new(dice.below(3) as u64)),
        place: None,
        contact: contact(dice, n),
        contact_consent: true,
    }
}
