//! `pentahelix-server migrate-data --from sqlite://… --to postgres://…`: moves a city that
//! outgrew its SQLite file onto PostgreSQL.
//!
//! Every table is copied in key order with its ids, so links, cursors and manage tokens keep
//! working; the id sequences continue after the highest id SQLite ever handed out. The copy runs
//! in one PostgreSQL transaction and is read back before it commits: per table, the row count and
//! a SHA-256 over a canonical form of every row must be the same on both sides, or nothing is
//! kept. Timestamps are compared at microseconds, PostgreSQL's precision.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};
use sqlx::postgres::PgRow;
use sqlx::sqlite::{SqliteConnectOptions, SqliteRow};
use sqlx::{Postgres, QueryBuilder, Row, SqliteConnection, Transaction};

use crate::cli::MigrateDataArgs;
use crate::error::Error;
use crate::store::PgStore;
use crate::store::SqliteStore;
use crate::store::redact_password;

#[derive(Debug, Clone, Copy)]
enum Kind {
    Int,
    Text,
    Bytes,
    Bool,
    Time,
    Date,
}

struct Table {
    name: &'static str,
    /// The column(s) rows are copied and compared in the order of; text sorts bytewise on both
    /// sides.
    order_by: &'static str,
    /// Whether `id` comes from a sequence that must continue after the copied ids.
    identity: bool,
    columns: &'static [(&'static str, Kind)],
}

use Kind::{Bool, Bytes, Date, Int, Text, Time};

/// In foreign-key order: a pledge's initiative and stakeholder are copied before it.
const TABLES: &[Table] = &[
    Table {
        name: "stakeholders",
        order_by: "id",
        identity: true,
        columns: &[
            ("id", Int),
            ("name", Text),
            ("helix", Text),
            ("region", Int),
            ("subsectors", Int),
            ("offers", Int),
            ("description", Text),
            ("website", Text),
            ("verified", Bool),
            ("contact_person", Text),
            ("contact_email", Text),
            ("contact_phone", Text),
            ("token_hash", Bytes),
            ("created_at", Time),
            ("updated_at", Time),
        ],
    },
    Table {
        name: "initiatives",
        order_by: "id",
        identity: true,
        columns: &[
            ("id", Int),
            ("title", Text),
            ("description", Text),
            ("region", Int),
            ("subsectors", Int),
            ("needs", Text),
            ("needed", Int),
            ("starts_on", Date),
            ("ends_on", Date),
            ("place", Text),
            ("status", Text),
            ("status_before_hidden", Text),
            ("coverage", Int),
            ("fulfilled", Int),
            ("report_count", Int),
            ("contact_person", Text),
            ("contact_email", Text),
            ("contact_phone", Text),
            ("token_hash", Bytes),
            ("created_at", Time),
            ("updated_at", Time),
        ],
    },
    Table {
        name: "pledges",
        order_by: "id",
        identity: true,
        columns: &[
            ("id", Int),
            ("initiative_id", Int),
            ("stakeholder_id", Int),
            ("resource", Text),
            ("message", Text),
            ("status", Text),
            ("created_at", Time),
            ("updated_at", Time),
        ],
    },
    Table {
        name: "reports",
        order_by: "id",
        identity: true,
        columns: &[
            ("id", Int),
            ("target_kind", Text),
            ("target_id", Int),
            ("reporter", Bytes),
            ("reason", Text),
            ("resolved", Bool),
            ("created_at", Time),
        ],
    },
    Table {
        name: "admin_tokens",
        order_by: "id",
        identity: true,
        columns: &[
            ("id", Int),
            ("token_hash", Bytes),
            ("label", Text),
            ("regions", Text),
            ("created_at", Time),
            ("expires_at", Time),
        ],
    },
    Table {
        name: "flagship_products",
        order_by: "region",
        identity: false,
        columns: &[("region", Int), ("product", Text), ("updated_at", Time)],
    },
    // Kept so a client retrying across the move still gets its first answer.
    Table {
        name: "idempotency_keys",
        order_by: "key_hash, scope",
        identity: false,
        columns: &[
            ("key_hash", Bytes),
            ("scope", Text),
            ("request_hash", Bytes),
            ("status", Int),
            ("body", Bytes),
            ("created_at", Time),
        ],
    },
    // The reporter key: open reports keep counting each person once.
    Table {
        name: "server_keys",
        order_by: "name",
        identity: false,
        columns: &[("name", Text), ("key", Bytes), ("created_at", Time)],
    },
];

/// Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table.
const CHUNK: usize = 500;

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Null,
    Int(i64),
    Text(String),
    Bytes(Vec<u8>),
    Bool(bool),
    Time(DateTime<Utc>),
    Date(NaiveDate),
}

impl Value {
    fn from_sqlite(row: &SqliteRow, index: usize, kind: Kind) -> Result<Value, sqlx::Error> {
        Ok(match kind {
            Int => row.try_get::<Option<i64>, _>(index)?.map(Value::Int),
            Text => row.try_get::<Option<String>, _>(index)?.map(Value::Text),
            Bytes => row.try_get::<Option<Vec<u8>>, _>(index)?.map(Value::Bytes),
            Bool => row.try_get::<Option<bool>, _>(index)?.map(Value::Bool),
            Time => row
                .try_get::<Option<DateTime<Utc>>, _>(index)?
                .map(Value::Time),
            Date => row.try_get::<Option<NaiveDate>, _>(index)?.map(Value::Date),
        }
        .unwrap_or(Value::Null))
    }

    fn from_postgres(row: &PgRow, index: usize, kind: Kind) -> Result<Value, sqlx::Error> {
        Ok(match kind {
            Int => row.try_get::<Option<i64>, _>(index)?.map(Value::Int),
            Text => row.try_get::<Option<String>, _>(index)?.map(Value::Text),
            Bytes => row.try_get::<Option<Vec<u8>>, _>(index)?.map(Value::Bytes),
            Bool => row.try_get::<Option<bool>, _>(index)?.map(Value::Bool),
            Time => row
                .try_get::<Option<DateTime<Utc>>, _>(index)?
                .map(Value::Time),
            Date => row.try_get::<Option<NaiveDate>, _>(index)?.map(Value::Date),
        }
        .unwrap_or(Value::Null))
    }

    /// A tag and a length before every value, so no two different rows hash alike.
    fn hash_into(&self, hasher: &mut Sha256) {
        let (tag, bytes): (u8, Vec<u8>) = match self {
            Value::Null => (0, Vec::new()),
            Value::Int(n) => (1, n.to_be_bytes().to_vec()),
            Value::Text(text) => (2, text.as_bytes().to_vec()),
            Value::Bytes(bytes) => (3, bytes.clone()),
            Value::Bool(b) => (4, vec![u8::from(*b)]),
            Value::Time(at) => (5, at.timestamp_micros().to_be_bytes().to_vec()),
            Value::Date(date) => (6, date.to_string().into_bytes()),
        };
        hasher.update([tag]);
        hasher.update((bytes.len() as u64).to_be_bytes());
        hasher.update(bytes);
    }

    fn bind(
        &self,
        kind: Kind,
        values: &mut sqlx::query_builder::Separated<'_, '_, Postgres, &str>,
    ) {
        match (self, kind) {
            (Value::Int(n), _) => values.push_bind(*n),
            (Value::Text(text), _) => values.push_bind(text.clone()),
            (Value::Bytes(bytes), _) => values.push_bind(bytes.clone()),
            (Value::Bool(b), _) => values.push_bind(*b),
            (Value::Time(at), _) => values.push_bind(*at),
            (Value::Date(date), _) => values.push_bind(*date),
            (Value::Null, Int) => values.push_bind(None::<i64>),
            (Value::Null, Text) => values.push_bind(None::<String>),
            (Value::Null, Bytes) => values.push_bind(None::<Vec<u8>>),
            (Value::Null, Bool) => values.push_bind(None::<bool>),
            (Value::Null, Time) => values.push_bind(None::<DateTime<Utc>>),
            (Value::Null, Date) => values.push_bind(None::<NaiveDate>),
        };
    }
}

/// What one side holds of a table.
#[derive(Debug, PartialEq, Eq)]
pub struct Figures {
    pub rows: u64,
    pub sha256: String,
}

fn figures(rows: &[Vec<Value>]) -> Figures {
    let mut hasher = Sha256::new();
    for row in rows {
        for value in row {
            value.hash_into(&mut hasher);
        }
    }
    Figures {
        rows: rows.len() as u64,
        sha256: crate::auth::hex(&hasher.finalize()),
    }
}

fn select(table: &Table, text_order: &str) -> String {
    let columns: Vec<&str> = table.columns.iter().map(|(name, _)| *name).collect();
    let order: Vec<String> = table
        .order_by
        .split(", ")
        .map(|column| {
            let text = table
                .columns
                .iter()
                .any(|(name, kind)| *name == column && matches!(kind, Text));
            if text {
                format!("{column}{text_order}")
            } else {
                column.to_owned()
            }
        })
        .collect();
    format!(
        "SELECT {} FROM {} ORDER BY {}",
        columns.join(", "),
        table.name,
        order.join(", ")
    )
}

async fn read_sqlite(
    source: &mut SqliteConnection,
    table: &Table,
) -> Result<Vec<Vec<Value>>, Error> {
    let rows = sqlx::query(&select(table, ""))
        .fetch_all(&mut *source)
        .await?;
    rows.iter()
        .map(|row| {
            table
                .columns
                .iter()
                .enumerate()
                .map(|(i, (_, kind))| Value::from_sqlite(row, i, *kind).map_err(Error::from))
                .collect()
        })
        .collect()
}

async fn read_postgres(
    target: &mut Transaction<'_, Postgres>,
    table: &Table,
) -> Result<Vec<Vec<Value>>, Error> {
    // Bytewise, as SQLite sorts text, whatever the database's collation.
    let rows = sqlx::query(&select(table, " COLLATE \"C\""))
        .fetch_all(&mut **target)
        .await?;
    rows.iter()
        .map(|row| {
            table
                .columns
                .iter()
                .enumerate()
                .map(|(i, (_, kind))| Value::from_postgres(row, i, *kind).map_err(Error::from))
                .collect()
        })
        .collect()
}

async fn insert(
    target: &mut Transaction<'_, Postgres>,
    table: &Table,
    rows: &[Vec<Value>],
) -> Result<(), Error> {
    let columns: Vec<&str> = table.columns.iter().map(|(name, _)| *name).collect();
    for chunk in rows.chunks(CHUNK) {
        let mut query: QueryBuilder<Postgres> = QueryBuilder::new(format!(
            "INSERT INTO {} ({}) ",
            table.name,
            columns.join(", ")
        ));
        query.push_values(chunk, |mut values, row| {
            for (value, (_, kind)) in row.iter().zip(table.columns) {
                value.bind(*kind, &mut values);
            }
        });
        query.build().execute(&mut **target).await?;
    }
    Ok(())
}

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
        let rows = read_sqlite(&mut source, table).await?;
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
        let target_figures = figures(&read_postgres(&mut target, table).await?);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_see_every_value_and_where_it_ends() {
        let row = |a: &str, b: &str| vec![Value::Text(a.into()), Value::Text(b.into())];
        assert_ne!(figures(&[row("ab", "c")]), figures(&[row("a", "bc")]));
        assert_ne!(
            figures(&[vec![Value::Null]]),
            figures(&[vec![Value::Text(String::new())]])
        );
        assert_eq!(figures(&[row("x", "y")]), figures(&[row("x", "y")]));
    }

    #[test]
    fn timestamps_compare_at_postgresqls_microseconds() {
        let at = |nanos| DateTime::<Utc>::from_timestamp(1_800_000_000, nanos).unwrap();
        assert_eq!(
            figures(&[vec![Value::Time(at(123_456_789))]]),
            figures(&[vec![Value::Time(at(123_456_000))]])
        );
    }

    #[test]
    fn text_keys_sort_bytewise_in_postgresql() {
        let keys = TABLES
            .iter()
            .find(|t| t.name == "idempotency_keys")
            .unwrap();
        assert_eq!(
            select(keys, " COLLATE \"C\""),
            "SELECT key_hash, scope, request_hash, status, body, created_at FROM idempotency_keys \
             ORDER BY key_hash, scope COLLATE \"C\""
        );
    }
}
