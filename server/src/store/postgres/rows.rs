//! Turning rows into the core's types, and the SQL pieces every query shares.

use pentahelix_core::RegionCode;
use pentahelix_core::api::{InitiativeId, StakeholderId};
use sqlx::{PgPool, Postgres, QueryBuilder, Row};

use crate::auth::TokenHash;
use crate::error::Error;
use crate::store::Owner;

pub use crate::store::sql::{
    INITIATIVE_COLUMNS, STAKEHOLDER_COLUMNS, bits, corrupt, initiative, like_pattern, region, slug,
    stakeholder,
};

/// Appends `AND (region BETWEEN … OR …)` for the areas; no areas means no restriction.
pub fn push_areas(query: &mut QueryBuilder<'_, Postgres>, column: &str, areas: &[RegionCode]) {
    if areas.is_empty() {
        return;
    }
    query.push(" AND (");
    for (n, area) in areas.iter().enumerate() {
        let (low, high) = area.packed_range();
        if n > 0 {
            query.push(" OR ");
        }
        // A kecamatan is one packed code: as an equality the planner can walk `(region, id)`
        // already newest-first, where a range made it walk the whole table by id (a kecamatan's
        // list page: 3.2 → 0.5 ms, found by `cargo xtask bench`).
        if low == high {
            query.push(format!("{column} = ")).push_bind(i64::from(low));
        } else {
            query
                .push(format!("{column} BETWEEN "))
                .push_bind(i64::from(low))
                .push(" AND ")
                .push_bind(i64::from(high));
        }
    }
    query.push(")");
}

/// Appends `AND bit_positions(mask) @> ARRAY[bit]` for a one-member set: the form the GIN
/// indexes on `bit_positions(…)` serve (see the migration). `mask` must be written exactly as in
/// the index's expression.
///
/// The plain bit test in front is for plans that walk another index: computing
/// `bit_positions` takes about 12 µs a row, so rows are tested the cheap way first and the
/// array is built only for those that pass.
pub fn push_has_bit(query: &mut QueryBuilder<'_, Postgres>, mask: &str, member_bits: u64) {
    debug_assert_eq!(member_bits.count_ones(), 1, "one member");
    // The column is a BIGINT: the same 64 bits, read as signed.
    let bits = member_bits as i64;
    query
        .push(format!(" AND (({mask}) & "))
        .push_bind(bits)
        .push(") <> 0")
        .push(format!(" AND bit_positions({mask}) @> ARRAY["))
        .push_bind(member_bits.trailing_zeros() as i16)
        .push("::SMALLINT]");
}

/// A `to_tsquery` text from what a person typed, matching as the SQLite store's FTS5 query does:
/// every word must appear, as a prefix ("kop" finds "kopi"). Words are split on anything but
/// letters and digits and quoted, so tsquery operators (`&`, `|`, `!`, `<->`, `:`) and quotes in
/// the input are plain text, never syntax.
pub fn ts_query(text: &str) -> Option<String> {
    let words: Vec<String> = crate::store::sql::search_words(text)
        .map(|w| format!("'{w}':*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" & "))
}

pub async fn owner_of_token(pool: &PgPool, token: &TokenHash) -> Result<Option<Owner>, Error> {
    let row = sqlx::query(
        "SELECT 'initiative' AS kind, id, token_hash FROM initiatives WHERE token_hash = $1 \
         UNION ALL SELECT 'stakeholder', id, token_hash FROM stakeholders WHERE token_hash = $1 LIMIT 1",
    )
    .bind(token.as_bytes())
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let stored: Vec<u8> = row.try_get("token_hash")?;
    if !TokenHash::from_bytes(&stored).is_some_and(|stored| stored.matches(token)) {
        return Ok(None);
    }
    let id: i64 = row.try_get("id")?;
    let kind: String = row.try_get("kind")?;
    Ok(Some(if kind == "initiative" {
        Owner::Initiative(InitiativeId(id))
    } else {
        Owner::Stakeholder(StakeholderId(id))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ts_queries_quote_every_word_as_a_prefix() {
        assert_eq!(
            ts_query("Festival kopi").as_deref(),
            Some("'Festival':* & 'kopi':*")
        );
        assert_eq!(
            ts_query("' | !x <-> y:* & (").as_deref(),
            Some("'x':* & 'y':*")
        );
        assert_eq!(ts_query("  ;; "), None);
    }

    /// The migration's `31 & ~coverage` (the helices still missing) assumes five helices in the
    /// low bits.
    #[test]
    fn the_missing_helix_index_knows_every_helix() {
        assert_eq!(pentahelix_core::HelixSet::all().bits(), 31);
    }
}
