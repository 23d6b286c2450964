//! The matching engine against the same ranking written as
//! one SQL query, on the same database in the same process, for `cargo xtask bench`. Both must
//! return the same partners with the same scores, or the comparison is refused.

use std::time::Instant;

use pentahelix_core::matching::rank_stakeholders;

mod ranking_sql;

use clap::Parser;
use pentahelix_core::RegionCode;
use pentahelix_server::Error;
use pentahelix_server::features::FeatureCache;
use pentahelix_server::store::{FeatureStore, SqliteStore};

/// Times the matching engine against the same ranking as one SQL query (SQLite).
#[derive(Debug, Clone, Parser)]
struct CompareRankingArgs {
    #[arg(long, env = "DATABASE_URL")]
    database_url: String,
    #[arg(long, default_value = "32.73")]
    city: RegionCode,
    /// How many initiatives to rank partners for.
    #[arg(long, default_value_t = 30)]
    initiatives: usize,
    #[arg(long, default_value_t = 20)]
    k: u32,
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args = CompareRankingArgs::parse();
    let store = SqliteStore::open(&args.database_url).await?;
    let areas = [args.city];
    let initiatives = store.initiative_features(&areas).await?;
    let sample: Vec<_> = initiatives.iter().take(args.initiatives).collect();
    if sample.is_empty() {
        return Err(Error::Config(
            "no open initiatives to rank partners for".into(),
        ));
    }
    // As the matches endpoint does: features from the process's memory, after asking the
    // database whether they changed. The first, cold read is reported on its own.
    let cache = FeatureCache::default();
    let started = Instant::now();
    cache.stakeholders(&store, &areas).await?;
    let cold = started.elapsed().as_secs_f64() * 1000.0;
    let (mut engine, mut sql) = (Vec::new(), Vec::new());
    let mut candidates_seen = 0;
    for initiative in &sample {
        let started = Instant::now();
        let candidates = cache.stakeholders(&store, &areas).await?;
        let ranked = rank_stakeholders(initiative, &candidates, args.k as usize);
        engine.push(started.elapsed().as_secs_f64() * 1000.0);
        candidates_seen = candidates.len();

        let started = Instant::now();
        let in_sql =
            ranking_sql::rank_stakeholders(store.reader(), initiative, &areas, args.k).await?;
        sql.push(started.elapsed().as_secs_f64() * 1000.0);

        let from_engine: Vec<(u32, i64)> = ranked.iter().map(|r| (r.score.total, r.id)).collect();
        if from_engine != in_sql {
            return Err(Error::Internal(format!(
                "initiative {}: the engine ranked {from_engine:?}, SQL {in_sql:?}",
                initiative.id
            )));
        }
    }
    let (engine, sql) = (median(&mut engine), median(&mut sql));
    println!(
        "{{\"initiatives\":{},\"candidates\":{candidates_seen},\"k\":{},\"engine_ms\":{engine:.3},\"sql_ms\":{sql:.3},\"cold_load_ms\":{cold:.3}}}",
        sample.len(),
        args.k
    );
    Ok(())
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
