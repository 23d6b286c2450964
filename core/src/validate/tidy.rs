//! Input as a person means it: surrounding white space trimmed, empty optional fields absent.

use crate::api::{Contact, InitiativeInput, StakeholderInput};

fn tidy(s: &mut String) {
    let trimmed = s.trim();
    if trimmed.len() != s.len() {
        *s = trimmed.to_owned();
    }
}

fn tidy_option(s: &mut Option<String>) {
    if let Some(v) = s {
        tidy(v);
        if v.is_empty() {
            *s = None;
        }
    }
}

fn tidy_contact(c: &mut Contact) {
    tidy(&mut c.person);
    tidy_option(&mut c.email);
    tidy_option(&mut c.phone);
}

/// An email address as the server compares and keys it everywhere (sessions, mail settings,
/// the records an address manages): trimmed, lower case. `Ani@Contoh.id` is `ani@contoh.id`.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Trims surrounding white space and turns empty optional fields into absent ones, as a person
/// means them. Both sides call it before validating, so "  " is "missing", not "too short".
pub fn tidy_initiative(input: &mut InitiativeInput) {
    tidy(&mut input.title);
    tidy(&mut input.description);
    tidy_option(&mut input.place);
    for need in &mut input.needs {
        tidy_option(&mut need.note);
    }
    tidy_contact(&mut input.contact);
}

pub fn tidy_stakeholder(input: &mut StakeholderInput) {
    tidy(&mut input.name);
    tidy(&mut input.description);
    tidy_option(&mut input.website);
    tidy_contact(&mut input.contact);
}
