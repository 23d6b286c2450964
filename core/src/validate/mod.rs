//! The rules every record must pass, with messages a citizen understands (in `crate::words`).
//!
//! The widget runs these before sending (instant feedback, even offline) and the server runs the
//! very same functions before storing, so a message seen in the form is the message the API
//! would give.

mod rules;
#[cfg(test)]
mod tests;
mod text;
mod tidy;

pub use rules::{initiative, invitation, pledge, pledge_fits, stakeholder};
pub use text::{is_valid_email, is_valid_phone, is_valid_website};
pub use tidy::{email_key, tidy_initiative, tidy_stakeholder};

use std::collections::BTreeMap;

use crate::lang::Lang;
use crate::region::{RegionCode, Regions};
use crate::words::fill;

/// Length limits, in characters, shared by the forms (as `maxlength`) and the server.
pub mod limits {
    pub const TITLE: (usize, usize) = (8, 120);
    pub const DESCRIPTION: (usize, usize) = (20, 5_000);
    pub const NAME: (usize, usize) = (2, 120);
    pub const PERSON: (usize, usize) = (2, 120);
    pub const PLACE: usize = 200;
    pub const NOTE: usize = 280;
    pub const MESSAGE: (usize, usize) = (1, 1_000);
    /// An invitation may go without a note: the initiative speaks for itself.
    pub const INVITATION_NOTE: (usize, usize) = (0, 1_000);
    pub const EMAIL: usize = 254;
    pub const WEBSITE: usize = 200;
    pub const MAX_SUBSECTORS: usize = 5;
    pub const MAX_NEEDS: usize = 10;
    /// Dates outside these years are typing mistakes (`20277`), and far-off dates break
    /// calendars and date arithmetic downstream.
    pub const YEARS: (i32, i32) = (2000, 2100);
    /// Search text: a few words, not an essay (and never a pattern the database chokes on).
    pub const SEARCH: usize = 200;
}

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    Required,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    ControlCharacters,
    TooMany {
        max: usize,
    },
    Duplicate,
    OutsideScope,
    NotAKecamatan,
    NotACityOrKecamatan,
    UnknownRegion,
    DatesOutOfOrder,
    InvalidEmail,
    InvalidPhone,
    InvalidWebsite,
    ContactMissing,
    ConsentRequired,
    NotOffered,
    NotNeeded,
    DateOutOfRange,
    /// A sign-in code that is wrong, expired, used or out of tries.
    WrongCode,
}

impl Rule {
    /// What to fix, in `lang`, from `crate::words`.
    pub fn message(&self, lang: Lang) -> String {
        let words = crate::words::rules(lang);
        let number =
            |sentence: &str, name: &str, n: usize| fill(sentence, &[(name, &n.to_string())]);
        match *self {
            Rule::Required => words.required.into(),
            Rule::TooShort { min } => number(words.too_short, "min", min),
            Rule::TooLong { max } => number(words.too_long, "max", max),
            Rule::ControlCharacters => words.control_characters.into(),
            Rule::TooMany { max } => number(words.too_many, "max", max),
            Rule::Duplicate => words.duplicate.into(),
            Rule::OutsideScope => words.outside_scope.into(),
            Rule::NotAKecamatan => words.not_a_kecamatan.into(),
            Rule::NotACityOrKecamatan => words.not_a_city_or_kecamatan.into(),
            Rule::UnknownRegion => words.unknown_region.into(),
            Rule::DatesOutOfOrder => words.dates_out_of_order.into(),
            Rule::InvalidEmail => words.invalid_email.into(),
            Rule::InvalidPhone => words.invalid_phone.into(),
            Rule::InvalidWebsite => words.invalid_website.into(),
            Rule::ContactMissing => words.contact_missing.into(),
            Rule::ConsentRequired => words.consent_required.into(),
            Rule::NotOffered => words.not_offered.into(),
            Rule::NotNeeded => words.not_needed.into(),
            Rule::DateOutOfRange => words.date_out_of_range.into(),
            Rule::WrongCode => words.wrong_code.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's path in the request body: `title`, `needs[1].note`, `contact.email`.
    pub field: String,
    pub rule: Rule,
}

/// Everything wrong with a request, field by field, in the order of the form.
#[derive(Debug, Clone, PartialEq, Eq, Default, thiserror::Error)]
#[error("{} invalid field(s): {}", .0.len(), .0.iter().map(|e| e.field.as_str()).collect::<Vec<_>>().join(", "))]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn push(&mut self, field: impl Into<String>, rule: Rule) {
        self.0.push(FieldError {
            field: field.into(),
            rule,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first problem with `field`, which is the one the form shows.
    pub fn rule(&self, field: &str) -> Option<&Rule> {
        self.0.iter().find(|e| e.field == field).map(|e| &e.rule)
    }

    /// Field → message, one message per field (the first found), for problem+json's `errors`.
    pub fn messages(&self, lang: Lang) -> BTreeMap<String, String> {
        let mut map = BTreeMap::new();
        for e in &self.0 {
            map.entry(e.field.clone())
                .or_insert_with(|| e.rule.message(lang));
        }
        map
    }

    fn into_result(self) -> Result<(), ValidationErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

/// Where records may be placed: the cities a deployment serves, and the regions it knows by name.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub served: &'a [RegionCode],
    pub regions: &'a Regions,
}

impl Scope<'_> {
    fn serves(&self, code: RegionCode) -> bool {
        self.served.iter().any(|s| s.contains(code))
    }
}
