//! Rows in transit: values read from either database, their checksum, and the batched insert.

use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};
use sqlx::{
    ColumnIndex, Database, Decode, Executor, IntoArguments, Postgres, QueryBuilder, Row,
    Transaction, Type,
};

use super::tables::{Kind, Table, select};
use crate::error::Error;
use Kind::{Bool, Bytes, Date, Int, Text, Time};

/// Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table.
const CHUNK: usize = 500;

/// A row of either database that can hold every kind of value the copy moves.
pub(super) trait Readable {
    fn value(&self, index: usize, kind: Kind) -> Result<Value, sqlx::Error>;
}

impl<R: Row> Readable for R
where
    usize: ColumnIndex<R>,
    for<'r> i64: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> Vec<u8>: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> bool: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> DateTime<Utc>: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> NaiveDate: Decode<'r, R::Database> + Type<R::Database>,
{
    fn value(&self, index: usize, kind: Kind) -> Result<Value, sqlx::Error> {
        Ok(match kind {
            Int => self.try_get::<Option<i64>, _>(index)?.map(Value::Int),
            Text => self.try_get::<Option<String>, _>(index)?.map(Value::Text),
            Bytes => self.try_get::<Option<Vec<u8>>, _>(index)?.map(Value::Bytes),
            Bool => self.try_get::<Option<bool>, _>(index)?.map(Value::Bool),
            Time => self
                .try_get::<Option<DateTime<Utc>>, _>(index)?
                .map(Value::Time),
            Date => self
                .try_get::<Option<NaiveDate>, _>(index)?
                .map(Value::Date),
        }
        .unwrap_or(Value::Null))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Null,
    Int(i64),
    Text(String),
    Bytes(Vec<u8>),
    Bool(bool),
    Time(DateTime<Utc>),
    Date(NaiveDate),
}

impl Value {
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

pub(super) fn figures(rows: &[Vec<Value>]) -> Figures {
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

/// Every row of `table`, in its copy order, from either database.
pub(super) async fn read<'c, DB, E>(
    executor: E,
    table: &Table,
    text_order: &str,
) -> Result<Vec<Vec<Value>>, Error>
where
    DB: Database,
    E: Executor<'c, Database = DB>,
    for<'a> <DB as Database>::Arguments<'a>: IntoArguments<'a, DB>,
    DB::Row: Readable,
{
    let rows = sqlx::query(&select(table, text_order))
        .fetch_all(executor)
        .await?;
    rows.iter()
        .map(|row| {
            table
                .columns
                .iter()
                .enumerate()
                .map(|(i, (_, kind))| row.value(i, *kind).map_err(Error::from))
                .collect()
        })
        .collect()
}

pub(super) async fn insert(
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
}
