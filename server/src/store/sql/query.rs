//! A statement and its arguments, built once for either database. sqlx's `QueryBuilder` is tied
//! to one driver's argument type, and code generic over the driver cannot pass its arguments on
//! (their lifetime is fixed by an associated type); so a statement is held here as text with
//! `$n` placeholders, which both SQLite and PostgreSQL accept, and owned values that the
//! driver binds when it runs (`Db`).

use chrono::{DateTime, NaiveDate, Utc};
use pentahelix_core::RegionCode;

/// One argument of a statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Int(i64),
    Bool(bool),
    Text(String),
    MaybeText(Option<String>),
    Bytes(Vec<u8>),
    Time(DateTime<Utc>),
    MaybeTime(Option<DateTime<Utc>>),
    MaybeDate(Option<NaiveDate>),
}

macro_rules! arg_from {
    ($($ty:ty => $variant:ident),+ $(,)?) => {
        $(impl From<$ty> for Arg {
            fn from(value: $ty) -> Arg {
                Arg::$variant(value.into())
            }
        })+
    };
}

arg_from! {
    i64 => Int,
    bool => Bool,
    String => Text,
    &str => Text,
    &String => Text,
    Option<String> => MaybeText,
    Vec<u8> => Bytes,
    &[u8] => Bytes,
    DateTime<Utc> => Time,
    Option<DateTime<Utc>> => MaybeTime,
    Option<NaiveDate> => MaybeDate,
}

impl From<&Option<String>> for Arg {
    fn from(value: &Option<String>) -> Arg {
        Arg::MaybeText(value.clone())
    }
}

impl From<NaiveDate> for Arg {
    fn from(value: NaiveDate) -> Arg {
        Arg::MaybeDate(Some(value))
    }
}

/// A statement: SQL text with `$1`, `$2`… and the values they stand for.
#[derive(Debug, Clone, Default)]
pub struct Sql {
    text: String,
    args: Vec<Arg>,
}

impl Sql {
    /// A statement whose text numbers its own placeholders; give their values with [`Sql::arg`],
    /// in order.
    pub fn new(text: impl Into<String>) -> Sql {
        Sql {
            text: text.into(),
            args: Vec::new(),
        }
    }

    /// The value of the next numbered placeholder already in the text.
    pub fn arg(mut self, value: impl Into<Arg>) -> Sql {
        self.args.push(value.into());
        self
    }

    /// Appends text to a statement being built.
    pub fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder for `value`.
    pub fn push_arg(&mut self, value: impl Into<Arg>) -> &mut Sql {
        self.args.push(value.into());
        self.text.push('$');
        self.text.push_str(&self.args.len().to_string());
        self
    }

    /// `AND (column BETWEEN low AND high OR …)` for `areas`, a kecamatan as an equality; no
    /// areas means no restriction. `unindexed` keeps SQLite from walking an index for a wide
    /// area (see `Dialect::UNINDEXED`).
    pub fn push_areas(&mut self, column: &str, areas: &[RegionCode], unindexed: &str) -> &mut Sql {
        if areas.is_empty() {
            return self;
        }
        self.push(" AND (");
        for (n, area) in areas.iter().enumerate() {
            let (low, high) = area.packed_range();
            if n > 0 {
                self.push(" OR ");
            }
            // A kecamatan is one packed code: as an equality the planner can walk
            // `(region, id)` already newest-first (a kecamatan's list page: 3.2 → 0.5 ms on
            // PostgreSQL, found by `cargo xtask bench`).
            if low == high {
                self.push(&format!("{column} = ")).push_arg(i64::from(low));
            } else {
                self.push(&format!("{unindexed}{column} BETWEEN "))
                    .push_arg(i64::from(low))
                    .push(" AND ")
                    .push_arg(i64::from(high));
            }
        }
        self.push(")")
    }

    /// `(a, b, …)` for an `IN` list; an empty list matches nothing.
    pub fn push_list<T: Into<Arg> + Copy>(&mut self, values: &[T]) -> &mut Sql {
        if values.is_empty() {
            return self.push("(NULL)");
        }
        self.push("(");
        for (n, value) in values.iter().enumerate() {
            if n > 0 {
                self.push(", ");
            }
            self.push_arg(*value);
        }
        self.push(")")
    }

    /// The statement under `explain` (`EXPLAIN`, or SQLite's `EXPLAIN QUERY PLAN`), to see how
    /// the database would run it.
    pub fn explained(&self, explain: &str) -> Sql {
        Sql {
            text: format!("{explain} {}", self.text),
            args: self.args.clone(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn args(&self) -> &[Arg] {
        &self.args
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_the_order_of_their_values() {
        let mut sql = Sql::new("SELECT id FROM t WHERE a = $1").arg(7_i64);
        sql.push(" AND b = ")
            .push_arg("x")
            .push(" AND c IN ")
            .push_list(&[1_i64, 2]);
        assert_eq!(
            sql.text(),
            "SELECT id FROM t WHERE a = $1 AND b = $2 AND c IN ($3, $4)"
        );
        assert_eq!(
            sql.args(),
            [Arg::Int(7), Arg::Text("x".into()), Arg::Int(1), Arg::Int(2)]
        );
    }

    #[test]
    fn a_kecamatan_is_an_equality_and_a_city_a_range() {
        let kecamatan: RegionCode = "32.73.02".parse().unwrap();
        let city: RegionCode = "32.73".parse().unwrap();
        let mut sql = Sql::new("SELECT 1 WHERE TRUE");
        sql.push_areas("region", &[kecamatan, city], "+");
        assert_eq!(
            sql.text(),
            "SELECT 1 WHERE TRUE AND (region = $1 OR +region BETWEEN $2 AND $3)"
        );
        let mut none = Sql::new("x");
        none.push_areas("region", &[], "+");
        assert_eq!(none.text(), "x");
    }
}
