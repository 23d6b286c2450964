//! The SQL both backends share word for word: the columns every record is read with, how typed
//! search text becomes words and LIKE patterns, and the error for a value no code writes.

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

/// Escapes `%`, `_` and `\` for a `LIKE`/`ILIKE … ESCAPE '\'` pattern, so a search for "50%"
/// finds it.
pub fn like_pattern(text: &str) -> String {
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
