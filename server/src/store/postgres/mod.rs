//! The PostgreSQL store: several server processes on one database — a province or the nation.
//!
//! Nothing here is kept in a process between requests: every rule that must hold across
//! processes (an idempotency key used once, one report per person, a status changed from what
//! its caller saw, coverage in step with pledges) is decided by the database, with the row locks
//! and unique indexes described where they are taken. Transactions run at PostgreSQL's default
//! isolation, READ COMMITTED.

pub mod testing;
#[cfg(test)]
mod tests;

use std::str::FromStr;
use std::time::Duration;

use sqlx::Postgres;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgQueryResult};

use super::sql::{Dialect, Sql, SqlStore, Words, rows};
use crate::error::Error;

impl Dialect for Postgres {
    const UNINDEXED: &'static str = "";
    const FOR_UPDATE: &'static str = " FOR UPDATE";
    const FOR_NO_KEY_UPDATE: &'static str = " FOR NO KEY UPDATE";
    const FOR_SHARE: &'static str = " FOR SHARE";
    const SKIP_LOCKED: &'static str = " FOR UPDATE SKIP LOCKED";
    const AFTER_DELETE: Option<&'static str> = None;

    /// `AND bit_positions(mask) @> ARRAY[bit]` for a one-member set: the form the GIN
    /// indexes on `bit_positions(…)` serve (see the migration). `mask` must be written exactly as in
    /// the index's expression.
    ///
    /// The plain bit test in front is for plans that walk another index: computing
    /// `bit_positions` takes about 12 µs a row, so rows are tested the cheap way first and the
    /// array is built only for those that pass.
    fn push_has_bit(sql: &mut Sql, mask: &str, member_bits: u64) {
        debug_assert_eq!(member_bits.count_ones(), 1, "one member");
        // The column is a BIGINT: the same 64 bits, read as signed.
        sql.push(&format!(" AND (({mask}) & "))
            .push_arg(member_bits as i64)
            .push(&format!(") <> 0 AND bit_positions({mask}) @> ARRAY["))
            .push_arg(i64::from(member_bits.trailing_zeros()))
            .push("::SMALLINT]");
    }

    fn push_initiative_search(sql: &mut Sql, text: &str, words: Words) {
        if let Some(tsquery) = ts_query(text, words) {
            sql.push(" AND search @@ to_tsquery('simple', ")
                .push_arg(tsquery)
                .push(")");
        }
    }

    /// The trigram indexes on `name` and `description` serve `ILIKE '%…%'` (see the migration).
    fn push_stakeholder_search(sql: &mut Sql, text: &str) {
        rows::push_substring_like(sql, "ILIKE", text);
    }

    fn rows_affected(result: &PgQueryResult) -> u64 {
        result.rows_affected()
    }
}

/// A `to_tsquery` text from what a person typed, matching as the SQLite store's FTS5 query does:
/// every word must appear, as a prefix ("kop" finds "kopi"). Words are split on anything but
/// letters and digits and quoted, so tsquery operators (`&`, `|`, `!`, `<->`, `:`) and quotes in
/// the input are plain text, never syntax.
pub fn ts_query(text: &str, words: Words) -> Option<String> {
    let quoted: Vec<String> = rows::search_words(text)
        .map(|w| format!("'{w}':*"))
        .collect();
    let joiner = match words {
        Words::Every => " & ",
        Words::Any => " | ",
    };
    (!quoted.is_empty()).then(|| quoted.join(joiner))
}

pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

/// Connections per process. A request holds one for a query or a short transaction, so a few
/// dozen serve hundreds of requests a second; several processes share the server's
/// `max_connections` (100 by default), so this stays well below it.
const MAX_CONNECTIONS: u32 = 16;

pub type PgStore = SqlStore<Postgres>;

impl SqlStore<Postgres> {
    /// Connects to `url` (`postgres://user:password@host:port/database`, with `?sslmode=require`
    /// for a server across a network) and brings the schema up to date. Processes starting
    /// together migrate one at a time: sqlx holds an advisory lock while it migrates.
    pub async fn open(url: &str) -> Result<PgStore, Error> {
        let options = connect_options(url)?.application_name("pentahelix-server");
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(SqlStore {
            read: pool.clone(),
            write: pool,
            background: None,
        })
    }

    pub fn pool(&self) -> &PgPool {
        &self.write
    }
}

pub fn connect_options(url: &str) -> Result<PgConnectOptions, Error> {
    PgConnectOptions::from_str(url).map_err(|e| {
        Error::Config(format!(
            "--database-url `{}`: {e}",
            crate::store::redact_password(url)
        ))
    })
}

#[cfg(test)]
mod dialect_tests {
    use super::*;

    #[test]
    fn ts_queries_quote_every_word_as_a_prefix() {
        assert_eq!(
            ts_query("Festival kopi", Words::Every).as_deref(),
            Some("'Festival':* & 'kopi':*")
        );
        assert_eq!(
            ts_query("Festival kopi", Words::Any).as_deref(),
            Some("'Festival':* | 'kopi':*")
        );
        assert_eq!(
            ts_query("' | !x <-> y:* & (", Words::Every).as_deref(),
            Some("'x':* & 'y':*")
        );
        assert_eq!(ts_query("  ;; ", Words::Any), None);
    }

    /// The migration's `31 & ~coverage` (the helices still missing) assumes five helices in the
    /// low bits.
    #[test]
    fn the_missing_helix_index_knows_every_helix() {
        assert_eq!(pentahelix_core::HelixSet::all().bits(), 31);
    }
}
