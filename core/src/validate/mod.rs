//! The rules every record must pass, with messages a citizen understands, in both languages.
//!
//! The widget runs these before sending (instant feedback, even offline) and the server runs the
//! very same functions before storing, so a message seen in the form is the message the API
//! would give.

mod rules;
#[cfg(test)]
mod tests;
mod text;
mod tidy;

pub use rules::{initiative, pledge, pledge_fits, stakeholder};
pub use text::{is_valid_email, is_valid_phone, is_valid_website};
pub use tidy::{tidy_initiative, tidy_stakeholder};

use std::collections::BTreeMap;

use crate::lang::Lang;
use crate::region::{RegionCode, Regions};

/// Length limits, in characters, shared by the forms (as `maxlength`) and the server.
pub mod limits {
    pub const TITLE: (usize, usize) = (8, 120);
    pub const DESCRIPTION: (usize, usize) = (20, 5_000);
    pub const NAME: (usize, usize) = (2, 120);
    pub const PERSON: (usize, usize) = (2, 120);
    pub const PLACE: usize = 200;
    pub const NOTE: usize = 280;
    pub const MESSAGE: (usize, usize) = (1, 1_000);
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
    TooShort { min: usize },
    TooLong { max: usize },
    ControlCharacters,
    TooMany { max: usize },
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
}

impl Rule {
    pub fn message(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match *self {
            Rule::Required if en => "This is required.".into(),
            Rule::Required => "Wajib diisi.".into(),
            Rule::TooShort { min } if en => format!("Too short: write at least {min} characters."),
            Rule::TooShort { min } => format!("Terlalu pendek: tulis minimal {min} karakter."),
            Rule::TooLong { max } if en => format!("Too long: at most {max} characters."),
            Rule::TooLong { max } => format!("Terlalu panjang: maksimal {max} karakter."),
            Rule::ControlCharacters if en => "Contains hidden control characters; please retype it.".into(),
            Rule::ControlCharacters => "Berisi karakter kontrol tersembunyi; silakan ketik ulang.".into(),
            Rule::TooMany { max } if en => format!("Choose at most {max}."),
            Rule::TooMany { max } => format!("Pilih paling banyak {max}."),
            Rule::Duplicate if en => "Already listed above.".into(),
            Rule::Duplicate => "Sudah tercantum di atas.".into(),
            Rule::OutsideScope if en => "This region is outside the cities this site serves.".into(),
            Rule::OutsideScope => "Wilayah ini di luar kota yang dilayani situs ini.".into(),
            Rule::NotAKecamatan if en => "Choose a kecamatan, not a whole city or province.".into(),
            Rule::NotAKecamatan => "Pilih kecamatan, bukan seluruh kota atau provinsi.".into(),
            Rule::NotACityOrKecamatan if en => "Choose a city or a kecamatan, not a whole province.".into(),
            Rule::NotACityOrKecamatan => "Pilih kota atau kecamatan, bukan seluruh provinsi.".into(),
            Rule::UnknownRegion if en => "This region is not in the list of regions.".into(),
            Rule::UnknownRegion => "Wilayah ini tidak ada dalam daftar wilayah.".into(),
            Rule::DatesOutOfOrder if en => "The end date must be on or after the start date.".into(),
            Rule::DatesOutOfOrder => "Tanggal selesai harus sama dengan atau sesudah tanggal mulai.".into(),
            Rule::InvalidEmail if en => "Not a valid email address, for example name@example.id.".into(),
            Rule::InvalidEmail => "Alamat email tidak valid, contoh: nama@contoh.id.".into(),
            Rule::InvalidPhone if en => "Not a valid phone number, for example 0812 3456 7890.".into(),
            Rule::InvalidPhone => "Nomor telepon tidak valid, contoh: 0812 3456 7890.".into(),
            Rule::InvalidWebsite if en => "A web address starts with https:// or http://.".into(),
            Rule::InvalidWebsite => "Alamat web diawali https:// atau http://.".into(),
            Rule::ContactMissing if en => "Give an email address or a phone number.".into(),
            Rule::ContactMissing => "Isi alamat email atau nomor telepon.".into(),
            Rule::ConsentRequired if en => "Tick this box so that your contact can be stored and shared with accepted partners.".into(),
            Rule::DateOutOfRange if en => "Choose a date between the years 2000 and 2100.".into(),
            Rule::DateOutOfRange => "Pilih tanggal antara tahun 2000 dan 2100.".into(),
            Rule::NotOffered if en => "Your profile does not offer this; add it to your profile first.".into(),
            Rule::NotOffered => "Profil Anda belum menawarkan dukungan ini; tambahkan dulu di profil.".into(),
            Rule::NotNeeded if en => "This initiative does not ask for this kind of support.".into(),
            Rule::NotNeeded => "Inisiatif ini tidak membutuhkan dukungan jenis ini.".into(),
            Rule::ConsentRequired => "Centang kotak ini agar kontak Anda boleh disimpan dan dibagikan ke mitra yang diterima.".into(),
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
