//! The partner ranking written as one SQL query: the obvious approach, kept only as the baseline
//! `cargo xtask bench` measures the matching engine against. The score is the engine's
//! (`pentahelix_core::matching::score_total`) term by term; SQLite has no popcount, so set sizes
//! are sums of shifted bits, as anyone writing it by hand would do.

use pentahelix_core::matching::{InitiativeFeatures, weights};
use pentahelix_core::taxonomy::Taxonomy;
use pentahelix_core::{Helix, RegionCode, Resource, Subsector};
use pentahelix_server::Error;
use pentahelix_server::store::sql::Sql;
use sqlx::{Row, SqlitePool};

fn popcount(expr: &str, bits: usize) -> String {
    (0..bits)
        .map(|bit| format!("(({expr} >> {bit}) & 1)"))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// `(score, id)` of the `k` best stakeholders in `areas`, best first, ties to the older record.
pub async fn rank_stakeholders(
    pool: &SqlitePool,
    initiative: &InitiativeFeatures,
    areas: &[RegionCode],
    k: u32,
) -> Result<Vec<(u32, i64)>, Error> {
    let needs = initiative.needs.bits();
    let subsectors = initiative.subsectors.bits();
    let helix_bit = format!(
        "(CASE helix {} END)",
        Helix::ALL
            .iter()
            .map(|h| format!("WHEN '{}' THEN {}", h.slug(), h.index()))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let brings = format!("(1 - (({} >> {helix_bit}) & 1))", initiative.covered.bits());
    let asked = format!("(({} >> {helix_bit}) & 1)", initiative.asked.bits());
    let fills = popcount(&format!("(offers & {needs})"), Resource::ALL.len());
    let shared = popcount(
        &format!("(subsectors & {subsectors})"),
        Subsector::ALL.len(),
    );
    let r = i64::from(initiative.region.packed());
    let near = format!(
        "(CASE WHEN region = {r} AND ({r} & 255) != 0 THEN {} \
          WHEN (region >> 8) = ({r} >> 8) AND ({r} & 65280) != 0 THEN {} \
          WHEN (region >> 16) = ({r} >> 16) THEN {} ELSE 0 END)",
        weights::SAME_DISTRICT,
        weights::SAME_CITY,
        weights::SAME_PROVINCE
    );
    let score = format!(
        "(({fills}) * {fill_w} + {brings} * ({bring_w} + {asked} * {asked_extra}) + ({shared}) * {share_w} \
          + {near} + verified * {verified_w}) * (CASE WHEN ({fills}) > 0 OR {brings} = 1 THEN 1 ELSE 0 END)",
        fill_w = weights::FILLS_NEED,
        bring_w = weights::BRINGS_HELIX,
        asked_extra = weights::BRINGS_ASKED_HELIX - weights::BRINGS_HELIX,
        share_w = weights::SHARES_SUBSECTOR,
        verified_w = weights::VERIFIED,
    );
    let mut sql = Sql::new(format!(
        "SELECT id, score FROM (SELECT id, {score} AS score FROM stakeholders WHERE TRUE"
    ));
    sql.push_areas("region", areas, "");
    sql.push(") WHERE score > 0 ORDER BY score DESC, id ASC LIMIT ")
        .push_arg(i64::from(k));
    let found = sql.fetch_all(pool).await?;
    found
        .iter()
        .map(|row| {
            let score: i64 = row.try_get("score")?;
            Ok((score as u32, row.try_get("id")?))
        })
        .collect()
}
