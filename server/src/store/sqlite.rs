//! The embedded SQLite store: one file, one process — a city's deployment.
//!
//! Durability: WAL with `synchronous = FULL`, so a write the API acknowledged survives a power
//! cut, not just a crash (NORMAL would risk the last transactions on power loss, and a citizen's
//! proposal is worth the extra fsync). Writes go through a one-connection pool: SQLite takes one
//! writer at a time anyway, and queueing in-process avoids `SQLITE_BUSY` on lock upgrades.
//! Reads use a separate pool and run concurrently with the writer, as WAL allows.

use std::str::FromStr;
use std::time::Duration;

use sqlx::Sqlite;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteQueryResult,
    SqliteSynchronous,
};

use super::sql::{Dialect, Sql, SqlStore, Words, rows};
use crate::error::Error;

pub type SqliteStore = SqlStore<Sqlite>;

impl Dialect for Sqlite {
    const UNINDEXED: &'static str = "+";
    const FOR_UPDATE: &'static str = "";
    const FOR_NO_KEY_UPDATE: &'static str = "";
    const FOR_SHARE: &'static str = "";
    const SKIP_LOCKED: &'static str = "";
    /// `secure_delete` zeroes what a delete frees in the database file, but the write-ahead log
    /// still holds the pages as they were before. Copying the log in and truncating it right
    /// after a deletion is what makes the personal data leave the disk now, rather than whenever
    /// the log happens to be overwritten.
    const AFTER_DELETE: Option<&'static str> = Some("PRAGMA wal_checkpoint(TRUNCATE)");

    fn push_has_bit(sql: &mut Sql, mask: &str, member_bits: u64) {
        sql.push(&format!(" AND (({mask}) & "))
            .push_arg(member_bits as i64)
            .push(") <> 0");
    }

    fn push_initiative_search(sql: &mut Sql, text: &str, words: Words) {
        if let Some(fts) = fts_query(text, words) {
            sql.push(" AND id IN (SELECT rowid FROM initiatives_fts WHERE initiatives_fts MATCH ")
                .push_arg(fts)
                .push(")");
        }
    }

    /// A phrase query on the trigram index `stakeholders_fts` (migration 0010) is a substring
    /// search that reads only the partners holding each three characters of it; its case
    /// folding covers all of Unicode, where `LIKE` folds ASCII only. Text under three
    /// characters makes no trigram, so it falls back to `LIKE`.
    fn push_stakeholder_search(sql: &mut Sql, text: &str) {
        if text.chars().count() >= 3 {
            sql.push(
                " AND id IN (SELECT rowid FROM stakeholders_fts WHERE stakeholders_fts MATCH ",
            )
            .push_arg(phrase(text))
            .push(")");
        } else {
            rows::push_substring_like(sql, "LIKE", text);
        }
    }

    fn rows_affected(result: &SqliteQueryResult) -> u64 {
        result.rows_affected()
    }
}

/// A full-text query from what a person typed: every word (or any) must appear, as a prefix
/// ("kop" finds "kopi"). Words are quoted, so FTS5 operators and quotes in the input are plain
/// text.
pub fn fts_query(text: &str, words: Words) -> Option<String> {
    let quoted: Vec<String> = rows::search_words(text)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    let joiner = match words {
        Words::Every => " ",
        Words::Any => " OR ",
    };
    (!quoted.is_empty()).then(|| quoted.join(joiner))
}

/// `text` as one FTS5 phrase: quoted, its own quotes doubled, so nothing in it is query syntax.
fn phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// How often the write-ahead log is copied into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(1);

/// SQLite's own automatic checkpoint never ran here: seeding 120,000 records left every page in
/// a 3.5 GB log and a 4 KiB database file, and reads slowed with the log (found by
/// `cargo xtask bench`). So the store checkpoints on its own, once a second, on the writer
/// connection. A passive checkpoint with nothing to copy costs microseconds, and one that meets
/// a long read copies what it can and finishes next time.
fn spawn_checkpointer(write: SqlitePool) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(CHECKPOINT_EVERY);
        loop {
            every.tick().await;
            if let Err(err) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&write)
                .await
            {
                tracing::warn!(%err, "checkpoint failed; retrying in a second");
            }
        }
    })
}

impl SqlStore<Sqlite> {
    /// Opens (creating if needed) the database at `url` (`sqlite://data/pentahelix.db`, or
    /// `sqlite::memory:` for a throwaway store) and brings its schema up to date.
    pub async fn open(url: &str) -> Result<SqliteStore, Error> {
        let memory = url.contains(":memory:") || url.contains("mode=memory");
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| Error::Config(format!("--database-url `{url}`: {e}")))?
            .create_if_missing(true)
            .journal_mode(if memory {
                SqliteJournalMode::Memory
            } else {
                SqliteJournalMode::Wal
            })
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            // Deleted rows are overwritten, not just unlinked: deleting a record must remove its
            // personal data from the file (UU PDP), not leave it in free pages.
            .pragma("secure_delete", "on")
            .busy_timeout(Duration::from_secs(10));
        if let Some(parent) = options
            .get_filename()
            .parent()
            .filter(|p| !memory && !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent).map_err(|e| {
                Error::Config(format!(
                    "cannot create the folder {} for the database: {e}",
                    parent.display()
                ))
            })?;
        }
        // An in-memory database exists per connection, so it must be a single shared one.
        let (write, read) = if memory {
            let pool = SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
                .connect_with(options)
                .await?;
            (pool.clone(), pool)
        } else {
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(options.clone())
                .await?;
            let read = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options.read_only(true))
                .await?;
            (write, read)
        };
        sqlx::migrate!("./migrations/sqlite").run(&write).await?;
        let checkpointer = (!memory).then(|| spawn_checkpointer(write.clone()));
        Ok(SqlStore {
            read,
            write,
            background: checkpointer,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_queries_quote_every_word() {
        assert_eq!(
            fts_query("Festival kopi", Words::Every).as_deref(),
            Some("\"Festival\"* \"kopi\"*")
        );
        assert_eq!(
            fts_query("Festival kopi", Words::Any).as_deref(),
            Some("\"Festival\"* OR \"kopi\"*")
        );
        assert_eq!(
            fts_query("\" OR 1=1 -- NEAR(", Words::Every).as_deref(),
            Some("\"OR\"* \"1\"* \"1\"* \"NEAR\"*")
        );
        assert_eq!(fts_query("  ;; ", Words::Any), None);
    }

    #[test]
    fn a_phrase_is_plain_text() {
        assert_eq!(phrase("kopi \"susu\" OR"), "\"kopi \"\"susu\"\" OR\"");
    }

    /// A partner search read the whole table (`LIKE '%…%'`), so one request with random text
    /// cost a scan of every partner; three characters or more now go through the trigram index.
    #[tokio::test]
    async fn a_partner_search_goes_through_the_text_index() {
        use crate::store::sql::Columns;
        use crate::store::{PageRequest, StakeholderFilter, stakeholders};

        let store = SqliteStore::open("sqlite::memory:").await.unwrap();
        let page = PageRequest {
            before: None,
            limit: 20,
        };
        let plan = |text: &str| {
            let filter = StakeholderFilter {
                text: Some(text.to_owned()),
                ..Default::default()
            };
            let query =
                stakeholders::list_query::<Sqlite>(&filter, page).explained("EXPLAIN QUERY PLAN");
            let store = &store;
            async move {
                query
                    .fetch_all::<Sqlite>(store.reader())
                    .await
                    .unwrap()
                    .iter()
                    .map(|row| row.text("detail").unwrap())
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        };
        let long = plan("zzzzzzzz").await;
        assert!(
            long.contains("VIRTUAL TABLE INDEX 0:M"),
            "a search looks its trigrams up:\n{long}"
        );
        let short = plan("zz").await;
        assert!(
            !short.contains("stakeholders_fts"),
            "two characters make no trigram:\n{short}"
        );
    }
}
