//! Rows into records: the columns every record is read with, how a row becomes a record, how
//! typed search text becomes words and LIKE patterns, and the error for a value no code writes.

use chrono::{DateTime, NaiveDate, Utc};
use pentahelix_core::api::{
    Contact, Initiative, InitiativeId, InitiativeStatus, Need, NeedInput, Stakeholder,
    StakeholderId,
};
use pentahelix_core::taxonomy::Taxonomy;
use pentahelix_core::{HelixSet, RegionCode, ResourceSet, SubsectorSet};
use sqlx::Row;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;

use crate::error::Error;

pub const STAKEHOLDER_COLUMNS: &str = "id, name, helix, region, subsectors, offers, description, website, verified, \
     contact_person, contact_email, contact_phone, created_at, updated_at";

pub const INITIATIVE_COLUMNS: &str = "id, title, description, region, subsectors, needs, starts_on, ends_on, place, \
     status, coverage, fulfilled, contact_person, contact_email, contact_phone, created_at, updated_at, \
     (SELECT COUNT(*) FROM pledges p WHERE p.initiative_id = initiatives.id AND p.status IN ('pending', 'accepted')) AS pledge_count";

/// Words a full-text search looks for: split on anything but letters and digits, so no search
/// syntax of either backend survives; at most twelve.
const MAX_SEARCH_WORDS: usize = 12;

/// A value in the database that no version of the code writes: reported, never guessed around.
pub fn corrupt(what: impl std::fmt::Display) -> Error {
    Error::Internal(format!("unexpected value in the database: {what}"))
}

/// The words of what a person typed, for each backend to quote in its own query syntax.
pub fn search_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_SEARCH_WORDS)
}

/// `AND` `text` stands anywhere in the name or description, through `like` (`LIKE` or
/// `ILIKE`), with `%`, `_` and `\` escaped.
pub fn push_substring_like(sql: &mut super::Sql, like: &str, text: &str) {
    let pattern = like_pattern(text);
    sql.push(&format!(" AND (name {like} "))
        .push_arg(pattern.clone())
        .push(&format!(" ESCAPE '\\' OR description {like} "))
        .push_arg(pattern)
        .push(" ESCAPE '\\')");
}

/// Escapes `%`, `_` and `\` for a `LIKE`/`ILIKE … ESCAPE '\'` pattern, so a search for "50%"
/// finds it.
fn like_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern("50%_x\\"), "%50\\%\\_x\\\\%");
    }

    #[test]
    fn search_words_drop_every_operator_and_stop_at_twelve() {
        let words: Vec<&str> = search_words("kopi* \"batik\" -wayang:  NEAR(a b)").collect();
        assert_eq!(words, ["kopi", "batik", "wayang", "NEAR", "a", "b"]);
        assert_eq!(search_words(&"kata ".repeat(20)).count(), 12);
    }
}

/// The column reads the queries need, for either backend's row: the queries read rows through
/// these, so they need no driver bounds (see `Db`).
pub trait Columns {
    fn int(&self, column: &str) -> Result<i64, Error>;
    fn maybe_int(&self, column: &str) -> Result<Option<i64>, Error>;
    fn text(&self, column: &str) -> Result<String, Error>;
    fn maybe_text(&self, column: &str) -> Result<Option<String>, Error>;
    fn flag(&self, column: &str) -> Result<bool, Error>;
    fn time(&self, column: &str) -> Result<DateTime<Utc>, Error>;
    fn maybe_date(&self, column: &str) -> Result<Option<NaiveDate>, Error>;
    fn maybe_time(&self, column: &str) -> Result<Option<DateTime<Utc>>, Error>;
    fn bytes(&self, column: &str) -> Result<Vec<u8>, Error>;
    /// The column at `index`, for statements whose columns have no chosen names (`PRAGMA`).
    fn int_at(&self, index: usize) -> Result<i64, Error>;
}

macro_rules! columns_of {
    ($row:ty) => {
        impl Columns for $row {
            fn int(&self, column: &str) -> Result<i64, Error> {
                Ok(self.try_get(column)?)
            }
            fn maybe_int(&self, column: &str) -> Result<Option<i64>, Error> {
                Ok(self.try_get(column)?)
            }
            fn text(&self, column: &str) -> Result<String, Error> {
                Ok(self.try_get(column)?)
            }
            fn maybe_text(&self, column: &str) -> Result<Option<String>, Error> {
                Ok(self.try_get(column)?)
            }
            fn flag(&self, column: &str) -> Result<bool, Error> {
                Ok(self.try_get(column)?)
            }
            fn time(&self, column: &str) -> Result<DateTime<Utc>, Error> {
                Ok(self.try_get(column)?)
            }
            fn maybe_date(&self, column: &str) -> Result<Option<NaiveDate>, Error> {
                Ok(self.try_get(column)?)
            }
            fn maybe_time(&self, column: &str) -> Result<Option<DateTime<Utc>>, Error> {
                Ok(self.try_get(column)?)
            }
            fn bytes(&self, column: &str) -> Result<Vec<u8>, Error> {
                Ok(self.try_get(column)?)
            }
            fn int_at(&self, index: usize) -> Result<i64, Error> {
                Ok(self.try_get(index)?)
            }
        }
    };
}

columns_of!(SqliteRow);
columns_of!(PgRow);

pub fn region(row: &impl Columns, column: &str) -> Result<RegionCode, Error> {
    let packed = row.int(column)?;
    u32::try_from(packed)
        .ok()
        .and_then(RegionCode::from_packed)
        .ok_or_else(|| corrupt(format!("{column} {packed}")))
}

pub fn slug<T: Taxonomy>(row: &impl Columns, column: &str) -> Result<T, Error> {
    let text = row.text(column)?;
    T::from_slug(&text).map_err(corrupt)
}

pub fn bits(row: &impl Columns, column: &str) -> Result<i64, Error> {
    row.int(column)
}

pub fn contact(row: &impl Columns) -> Result<Contact, Error> {
    Ok(Contact {
        person: row.text("contact_person")?,
        email: row.maybe_text("contact_email")?,
        phone: row.maybe_text("contact_phone")?,
    })
}

pub fn stakeholder(row: &impl Columns) -> Result<Stakeholder, Error> {
    Ok(Stakeholder {
        id: StakeholderId(row.int("id")?),
        name: row.text("name")?,
        helix: slug(row, "helix")?,
        region: region(row, "region")?,
        subsectors: SubsectorSet::from_bits(bits(row, "subsectors")? as u32),
        offers: ResourceSet::from_bits(bits(row, "offers")? as u16),
        description: row.text("description")?,
        website: row.maybe_text("website")?,
        verified: row.flag("verified")?,
        contact: Some(contact(row)?),
        created_at: row.time("created_at")?,
        updated_at: row.time("updated_at")?,
    })
}

pub fn initiative(row: &impl Columns) -> Result<Initiative, Error> {
    let needs: Vec<NeedInput> =
        serde_json::from_str(&row.text("needs")?).map_err(|e| corrupt(format!("needs: {e}")))?;
    let fulfilled = ResourceSet::from_bits(bits(row, "fulfilled")? as u16);
    let status = row.text("status")?;
    Ok(Initiative {
        id: InitiativeId(row.int("id")?),
        title: row.text("title")?,
        description: row.text("description")?,
        region: region(row, "region")?,
        subsectors: SubsectorSet::from_bits(bits(row, "subsectors")? as u32),
        needs: needs
            .into_iter()
            .map(|n| Need {
                fulfilled: fulfilled.contains(n.resource),
                resource: n.resource,
                helix: n.helix,
                note: n.note,
            })
            .collect(),
        starts_on: row.maybe_date("starts_on")?,
        ends_on: row.maybe_date("ends_on")?,
        place: row.maybe_text("place")?,
        status: InitiativeStatus::from_slug(&status)
            .ok_or_else(|| corrupt(format!("status {status}")))?,
        coverage: HelixSet::from_bits(bits(row, "coverage")? as u16),
        pledge_count: row.int("pledge_count")? as u32,
        contact: Some(contact(row)?),
        created_at: row.time("created_at")?,
        updated_at: row.time("updated_at")?,
    })
}
