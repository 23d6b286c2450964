//! `pentahelix-server migrate-data --from sqlite://… --to postgres://…`: moves a city that
//! outgrew its SQLite file onto PostgreSQL.
//!
//! Every table is copied in key order with its ids, so links, cursors and manage tokens keep
//! working; the id sequences continue after the highest id SQLite ever handed out. The copy runs
//! in one PostgreSQL transaction and is read back before it commits: per table, the row count and
//! a SHA-256 over a canonical form of every row must be the same on both sides, or nothing is
//! kept. Timestamps are compared at microseconds, PostgreSQL's precision.

use std::str::FromStr;

use sqlx::SqliteConnection;
use sqlx::sqlite::SqliteConnectOptions;

use crate::cli::MigrateDataArgs;
use crate::error::Error;
use crate::store::PgStore;
use crate::store::SqliteStore;
use crate::store::redact_password;

mod rows;
mod tables;

pub use rows::Figures;
use rows::{figures, insert, read};
use tables::{TABLES, Table};

/// The highest id SQLite ever gave out in `table` (AUTOINCREMENT remembers ids of deleted rows
/// too), so PostgreSQL never hands one out again.
async fn highest_id(source: &mut SqliteConnection, table: &Table) -> Result<i64, Error> {
    let remembered: Option<i64> =
        sqlx::query_scalar("SELECT seq FROM sqlite_sequence WHERE name = ?")
            .bind(table.name)
            .fetch_optional(&mut *source)
            .await?;
    let present: Option<i64> = sqlx::query_scalar(&format!("SELECT MAX(id) FROM {}", table.name))
        .fetch_one(&mut *source)
        .await?;
    Ok(remembered.unwrap_or(0).max(present.unwrap_or(0)))
}

/// One table's outcome, as printed.
#[derive(Debug)]
pub struct Copied {
    pub table: &'static str,
    pub source: Figures,
    pub target: Figures,
}

/// Copies everything from the SQLite database at `from` into the empty PostgreSQL database at
/// `to` (migrating its schema first), verifies the copy and commits it. On any difference nothing
/// is committed and the figures of both sides are in the error.
pub async fn copy(from: &str, to: &str) -> Result<Vec<Copied>, Error> {
    if !from.starts_with("sqlite:") {
        return Err(Error::Config(format!(
            "--from `{}`: copy from a SQLite database (sqlite://PATH)",
            redact_password(from)
        )));
    }
    if !(to.starts_with("postgres://") || to.starts_with("postgresql://")) {
        return Err(Error::Config(format!(
            "--to `{}`: copy into a PostgreSQL database (postgres://USER:PASSWORD@HOST:PORT/DATABASE)",
            redact_password(to)
        )));
    }
    let file = SqliteConnectOptions::from_str(from)
        .map_err(|e| Error::Config(format!("--from `{from}`: {e}")))?
        .get_filename()
        .to_path_buf();
    if !file.is_file() {
        return Err(Error::Config(format!(
            "--from `{from}`: there is no database at {}",
            file.display()
        )));
    }
    // Opening brings an older file's schema up to date, so both sides have the same tables.
    let source_store = SqliteStore::open(from).await?;
    let target_store = PgStore::open(to).await?;

    let mut target = target_store.pool().begin().await?;
    let mut filled = Vec::new();
    for table in TABLES {
        let any: bool =
            sqlx::query_scalar(&format!("SELECT EXISTS (SELECT 1 FROM {})", table.name))
                .fetch_one(&mut *target)
                .await?;
        if any {
            filled.push(table.name);
        }
    }
    if !filled.is_empty() {
        return Err(Error::Config(format!(
            "--to `{}`: the database already holds data (in {}); migrate-data copies into an empty \
             database only, so nothing was changed",
            redact_password(to),
            filled.join(", ")
        )));
    }

    // One read transaction: a consistent snapshot even if a server is still writing (stop it
    // first anyway, or its later writes are not copied).
    let mut source = source_store.reader().begin().await?;
    let mut copied = Vec::new();
    for table in TABLES {
        let rows = read(&mut *source, table, "").await?;
        insert(&mut target, table, &rows).await?;
        if table.identity {
            let next_after = highest_id(&mut source, table).await?;
            sqlx::query("SELECT setval(pg_get_serial_sequence($1, 'id'), GREATEST($2, 1), $2 > 0)")
                .bind(table.name)
                .bind(next_after)
                .execute(&mut *target)
                .await?;
        }
        let source_figures = figures(&rows);
        let target_figures = figures(
            // Bytewise, as SQLite sorts text, whatever the database's collation.
            &read(&mut *target, table, " COLLATE \"C\"").await?,
        );
        copied.push(Copied {
            table: table.name,
            source: source_figures,
            target: target_figures,
        });
    }
    source.rollback().await?;
    let differing: Vec<String> = copied
        .iter()
        .filter(|c| c.source != c.target)
        .map(|c| {
            format!(
                "{}: SQLite {} rows sha256 {}, PostgreSQL {} rows sha256 {}",
                c.table, c.source.rows, c.source.sha256, c.target.rows, c.target.sha256
            )
        })
        .collect();
    if !differing.is_empty() {
        target.rollback().await?;
        return Err(Error::Internal(format!(
            "the copy differs from the original, so nothing was kept: {}",
            differing.join("; ")
        )));
    }
    target.commit().await?;
    // Fresh statistics, so the planner picks its plans for a city this size from the first
    // request rather than after autovacuum gets round to it.
    sqlx::query("ANALYZE").execute(target_store.pool()).await?;
    Ok(copied)
}

/// The command: copies, then prints the figures that show the copy is whole.
pub async fn run(args: MigrateDataArgs) -> Result<(), Error> {
    let copied = copy(&args.from, &args.to).await?;
    println!(
        "{:<18} {:>9}  sha-256 (SQLite = PostgreSQL)",
        "table", "rows"
    );
    for c in &copied {
        println!("{:<18} {:>9}  {}", c.table, c.source.rows, c.source.sha256);
    }
    eprintln!(
        "Copied {} rows from {} to {}; counts and checksums match. Point --database-url at the \
         PostgreSQL database to serve from it.",
        copied.iter().map(|c| c.source.rows).sum::<u64>(),
        redact_password(&args.from),
        redact_password(&args.to),
    );
    Ok(())
}
