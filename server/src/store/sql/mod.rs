//! The one SQL layer. Every query is written once, in the store module of its aggregate
//! (`store/initiatives.rs`…), as a method of [`SqlStore`] generic over the database, and runs on
//! SQLite (a city: one process, one file) or PostgreSQL (a province or the nation: several
//! processes). What truly differs between the two (text search, the bit-set filters' index
//! form, row locks, SQLite's checkpoint after a deletion) is a [`Dialect`], implemented beside
//! each backend's set-up in `store/sqlite.rs` and `store/postgres/`.

pub mod query;
pub mod rows;

use std::future::Future;
use std::pin::Pin;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{Database, Encode, Executor, IntoArguments, Pool, Transaction, Type};

pub use query::{Arg, Sql};
pub use rows::Columns;

use crate::error::Error;

/// What differs between the databases, and nothing else.
pub trait Dialect: Database<Row: Columns> {
    /// Written before a column in a range condition to keep the planner from walking an index
    /// for it (SQLite's unary plus): for a newest-first page, walking the table by id and
    /// stopping at the n-th match beats reading a whole city through the region index and
    /// sorting it — 0.6 ms instead of 44 ms for 20,000 initiatives in one city on SQLite
    /// (found by `cargo xtask bench`). PostgreSQL plans this well by itself.
    const UNINDEXED: &'static str;
    /// Row locks, appended to a `SELECT`. SQLite has none and needs none: its one writer
    /// connection runs write transactions one at a time.
    const FOR_UPDATE: &'static str;
    /// A lock that lets a foreign-key check of a new child row through (see `pledges`).
    const FOR_NO_KEY_UPDATE: &'static str;
    const FOR_SHARE: &'static str;
    /// Row locks that pass over rows another transaction holds, so workers of several processes
    /// each claim different outbox rows instead of queueing on the same ones.
    const SKIP_LOCKED: &'static str;
    /// Run after a deletion, so the personal data deleted leaves the disk now (UU PDP); the
    /// statement's first column is non-zero when it could not finish.
    const AFTER_DELETE: Option<&'static str>;

    /// `AND` the one-member set `member_bits` is in `mask` (an expression over bit-set columns).
    fn push_has_bit(sql: &mut Sql, mask: &str, member_bits: u64);
    /// `AND` the initiative's title or description holds every word of `text` (or, with
    /// [`Words::Any`], at least one) as a prefix ("kop" finds "kopi"), through the backend's
    /// full-text index; nothing when `text` has no words. Words are split on anything but
    /// letters and digits, so no search syntax of either backend survives.
    fn push_initiative_search(sql: &mut Sql, text: &str, words: Words);
    /// `AND` the partner's name or description holds `text` anywhere, ignoring case (a search
    /// for "50%" finds "50%"), through the backend's trigram index when `text` has three
    /// characters or more. Shorter text has no trigram to look up and reads the partners the
    /// other conditions leave.
    fn push_stakeholder_search(sql: &mut Sql, text: &str);
    fn rows_affected(result: &Self::QueryResult) -> u64;
}

/// How a full-text search combines its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Words {
    /// Every word: a person's search.
    Every,
    /// Any word: candidates for similar initiatives.
    Any,
}

/// A database constraint a statement ran into, the one place database errors are classified:
/// sqlx reports the same kinds for SQLite and PostgreSQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Violation {
    /// A unique index already holds the value.
    Unique,
    /// A referenced row does not exist (deleted a moment earlier, say).
    ForeignKey,
}

impl Violation {
    pub fn of(error: &Error) -> Option<Violation> {
        let Error::Database(sqlx::Error::Database(e)) = error else {
            return None;
        };
        match e.kind() {
            sqlx::error::ErrorKind::UniqueViolation => Some(Violation::Unique),
            sqlx::error::ErrorKind::ForeignKeyViolation => Some(Violation::ForeignKey),
            _ => None,
        }
    }
}

/// Where a statement runs: on a pool, or on the connection of an open transaction.
pub enum On<'a, DB: Database> {
    Pool(&'a Pool<DB>),
    Conn(&'a mut DB::Connection),
}

impl<'a, DB: Database> From<&'a Pool<DB>> for On<'a, DB> {
    fn from(pool: &'a Pool<DB>) -> Self {
        On::Pool(pool)
    }
}

impl<'a, 'c, DB: Database> From<&'a mut Transaction<'c, DB>> for On<'a, DB> {
    fn from(tx: &'a mut Transaction<'c, DB>) -> Self {
        On::Conn(&mut **tx)
    }
}

type Running<'a, T> = Pin<Box<dyn Future<Output = Result<T, sqlx::Error>> + Send + 'a>>;

/// Running a [`Sql`] statement. Implemented once, for every database sqlx can bind our
/// arguments for, so the queries need no driver bounds of their own.
pub trait Db: Dialect {
    fn fetch_all<'a>(on: On<'a, Self>, sql: &'a Sql) -> Running<'a, Vec<Self::Row>>;
    fn fetch_optional<'a>(on: On<'a, Self>, sql: &'a Sql) -> Running<'a, Option<Self::Row>>;
    fn execute<'a>(on: On<'a, Self>, sql: &'a Sql) -> Running<'a, u64>;
}

impl<DB> Db for DB
where
    DB: Dialect,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
    for<'q> bool: Encode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> Option<&'q str>: Encode<'q, DB> + Type<DB>,
    for<'q> &'q [u8]: Encode<'q, DB> + Type<DB>,
    for<'q> DateTime<Utc>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<DateTime<Utc>>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<NaiveDate>: Encode<'q, DB> + Type<DB>,
{
    fn fetch_all<'a>(on: On<'a, Self>, sql: &'a Sql) -> Running<'a, Vec<Self::Row>> {
        let query = bound(sql);
        match on {
            On::Pool(pool) => Box::pin(query.fetch_all(pool)),
            On::Conn(conn) => Box::pin(query.fetch_all(conn)),
        }
    }

    fn fetch_optional<'a>(on: On<'a, Self>, sql: &'a Sql) -> Running<'a, Option<Self::Row>> {
        let query = bound(sql);
        match on {
            On::Pool(pool) => Box::pin(query.fetch_optional(pool)),
            On::Conn(conn) => Box::pin(query.fetch_optional(conn)),
        }
    }

    fn execute<'a>(on: On<'a, Self>, sql: &'a Sql) -> Running<'a, u64> {
        let query = bound(sql);
        match on {
            On::Pool(pool) => {
                Box::pin(async move { Ok(DB::rows_affected(&query.execute(pool).await?)) })
            }
            On::Conn(conn) => {
                Box::pin(async move { Ok(DB::rows_affected(&query.execute(conn).await?)) })
            }
        }
    }
}

fn bound<'q, DB>(sql: &'q Sql) -> sqlx::query::Query<'q, DB, DB::Arguments<'q>>
where
    DB: Database,
    for<'a> i64: Encode<'a, DB> + Type<DB>,
    for<'a> bool: Encode<'a, DB> + Type<DB>,
    for<'a> &'a str: Encode<'a, DB> + Type<DB>,
    for<'a> Option<&'a str>: Encode<'a, DB> + Type<DB>,
    for<'a> &'a [u8]: Encode<'a, DB> + Type<DB>,
    for<'a> DateTime<Utc>: Encode<'a, DB> + Type<DB>,
    for<'a> Option<DateTime<Utc>>: Encode<'a, DB> + Type<DB>,
    for<'a> Option<NaiveDate>: Encode<'a, DB> + Type<DB>,
{
    sql.args()
        .iter()
        .fold(sqlx::query::<DB>(sql.text()), |query, arg| match arg {
            Arg::Int(v) => query.bind(*v),
            Arg::Bool(v) => query.bind(*v),
            // Borrowed from the statement, which outlives the query: nothing is copied per run.
            Arg::Text(v) => query.bind(v.as_str()),
            Arg::MaybeText(v) => query.bind(v.as_deref()),
            Arg::Bytes(v) => query.bind(v.as_slice()),
            Arg::Time(v) => query.bind(*v),
            Arg::MaybeTime(v) => query.bind(*v),
            Arg::MaybeDate(v) => query.bind(*v),
        })
}

impl Sql {
    pub async fn fetch_all<'a, DB: Db>(
        &'a self,
        on: impl Into<On<'a, DB>>,
    ) -> Result<Vec<DB::Row>, Error> {
        Ok(DB::fetch_all(on.into(), self).await?)
    }

    /// Every row, each read by `read`.
    pub async fn fetch_all_as<'a, DB: Db, T>(
        &'a self,
        on: impl Into<On<'a, DB>>,
        read: impl Fn(&DB::Row) -> Result<T, Error>,
    ) -> Result<Vec<T>, Error> {
        DB::fetch_all(on.into(), self)
            .await?
            .iter()
            .map(read)
            .collect()
    }

    pub async fn fetch_optional<'a, DB: Db>(
        &'a self,
        on: impl Into<On<'a, DB>>,
    ) -> Result<Option<DB::Row>, Error> {
        Ok(DB::fetch_optional(on.into(), self).await?)
    }

    pub async fn fetch_one<'a, DB: Db>(
        &'a self,
        on: impl Into<On<'a, DB>>,
    ) -> Result<DB::Row, Error> {
        DB::fetch_optional(on.into(), self)
            .await?
            .ok_or(Error::Database(sqlx::Error::RowNotFound))
    }

    /// Runs the statement; how many rows it changed.
    pub async fn execute<'a, DB: Db>(&'a self, on: impl Into<On<'a, DB>>) -> Result<u64, Error> {
        Ok(DB::execute(on.into(), self).await?)
    }
}

/// Both stores: a pool to read from and one to write through (the same pool on PostgreSQL; on
/// SQLite one writer connection, see `store/sqlite.rs`).
pub struct SqlStore<DB: Database> {
    pub(crate) read: Pool<DB>,
    pub(crate) write: Pool<DB>,
    /// Work the backend runs beside the store (SQLite's checkpointer), stopped with it.
    pub(crate) background: Option<tokio::task::JoinHandle<()>>,
}

impl<DB: Database> Drop for SqlStore<DB> {
    fn drop(&mut self) {
        if let Some(task) = &self.background {
            task.abort();
        }
    }
}

impl<DB: Db> SqlStore<DB> {
    /// The pool reads go to (`migrate-data` copies from it).
    pub fn reader(&self) -> &Pool<DB> {
        &self.read
    }

    /// See [`Dialect::AFTER_DELETE`]. The deletion is already committed, so a step that cannot
    /// finish (a long read in progress) is logged, not failed.
    pub(crate) async fn after_delete(&self) {
        let Some(statement) = DB::AFTER_DELETE else {
            return;
        };
        match Sql::new(statement).fetch_optional(&self.write).await {
            Ok(Some(row)) if row.int_at(0).unwrap_or(0) == 0 => {}
            Ok(_) => tracing::warn!(
                "the log still holds deleted pages; the next checkpoint removes them"
            ),
            Err(err) => tracing::warn!(%err, "checkpoint after a deletion failed"),
        }
    }
}
