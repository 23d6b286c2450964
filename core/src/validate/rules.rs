//! The rules for each kind of record.

use super::text::check_text;
use super::{
    Rule, Scope, ValidationErrors, is_valid_email, is_valid_phone, is_valid_website, limits,
};
use crate::api::{Contact, InitiativeInput, InvitationInput, PledgeInput, StakeholderInput};
use crate::region::{RegionCode, RegionLevel};
use crate::taxonomy::ResourceSet;

fn check_region(
    errors: &mut ValidationErrors,
    region: RegionCode,
    scope: &Scope,
    allowed: &[RegionLevel],
    rule: Rule,
) {
    if !allowed.contains(&region.level()) {
        errors.push("region", rule);
    } else if !scope.serves(region) {
        errors.push("region", Rule::OutsideScope);
    } else if !scope.regions.contains(region) {
        errors.push("region", Rule::UnknownRegion);
    }
}

fn check_contact(errors: &mut ValidationErrors, contact: &Contact, consent: bool) {
    check_text(
        errors,
        "contact.person",
        &contact.person,
        limits::PERSON,
        false,
    );
    match (&contact.email, &contact.phone) {
        (None, None) => errors.push("contact.email", Rule::ContactMissing),
        (email, phone) => {
            if let Some(email) = email
                && !is_valid_email(email)
            {
                errors.push("contact.email", Rule::InvalidEmail);
            }
            if let Some(phone) = phone
                && !is_valid_phone(phone)
            {
                errors.push("contact.phone", Rule::InvalidPhone);
            }
        }
    }
    if !consent {
        errors.push("contact_consent", Rule::ConsentRequired);
    }
}

/// An initiative happens in one kecamatan of a served city, needs at least one resource, and has
/// a contact its owner consented to share.
pub fn initiative(input: &InitiativeInput, scope: &Scope) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    check_text(&mut errors, "title", &input.title, limits::TITLE, false);
    check_text(
        &mut errors,
        "description",
        &input.description,
        limits::DESCRIPTION,
        true,
    );
    check_region(
        &mut errors,
        input.region,
        scope,
        &[RegionLevel::District],
        Rule::NotAKecamatan,
    );
    if input.subsectors.is_empty() {
        errors.push("subsectors", Rule::Required);
    } else if input.subsectors.len() as usize > limits::MAX_SUBSECTORS {
        errors.push(
            "subsectors",
            Rule::TooMany {
                max: limits::MAX_SUBSECTORS,
            },
        );
    }
    if input.needs.is_empty() {
        errors.push("needs", Rule::Required);
    } else if input.needs.len() > limits::MAX_NEEDS {
        errors.push(
            "needs",
            Rule::TooMany {
                max: limits::MAX_NEEDS,
            },
        );
    }
    for (n, need) in input.needs.iter().enumerate() {
        if input.needs[..n]
            .iter()
            .any(|earlier| earlier.resource == need.resource && earlier.helix == need.helix)
        {
            errors.push(format!("needs[{n}].resource"), Rule::Duplicate);
        }
        if let Some(note) = &need.note {
            check_text(
                &mut errors,
                &format!("needs[{n}].note"),
                note,
                (0, limits::NOTE),
                false,
            );
        }
    }
    for (field, date) in [("starts_on", input.starts_on), ("ends_on", input.ends_on)] {
        if date.is_some_and(|d| {
            !(limits::YEARS.0..=limits::YEARS.1).contains(&chrono::Datelike::year(&d))
        }) {
            errors.push(field, Rule::DateOutOfRange);
        }
    }
    match (input.starts_on, input.ends_on) {
        (None, Some(_)) => errors.push("starts_on", Rule::Required),
        (Some(start), Some(end)) if end < start && errors.rule("ends_on").is_none() => {
            errors.push("ends_on", Rule::DatesOutOfOrder)
        }
        _ => {}
    }
    if let Some(place) = &input.place {
        check_text(&mut errors, "place", place, (0, limits::PLACE), false);
    }
    check_contact(&mut errors, &input.contact, input.contact_consent);
    errors.into_result()
}

/// A stakeholder sits in a served city (or one of its kecamatan), works in at least one subsector
/// and offers at least one resource.
pub fn stakeholder(input: &StakeholderInput, scope: &Scope) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    check_text(&mut errors, "name", &input.name, limits::NAME, false);
    check_region(
        &mut errors,
        input.region,
        scope,
        &[RegionLevel::City, RegionLevel::District],
        Rule::NotACityOrKecamatan,
    );
    if input.subsectors.is_empty() {
        errors.push("subsectors", Rule::Required);
    } else if input.subsectors.len() as usize > limits::MAX_SUBSECTORS {
        errors.push(
            "subsectors",
            Rule::TooMany {
                max: limits::MAX_SUBSECTORS,
            },
        );
    }
    if input.offers.is_empty() {
        errors.push("offers", Rule::Required);
    }
    check_text(
        &mut errors,
        "description",
        &input.description,
        limits::DESCRIPTION,
        true,
    );
    if let Some(website) = &input.website
        && !is_valid_website(website)
    {
        errors.push("website", Rule::InvalidWebsite);
    }
    check_contact(&mut errors, &input.contact, input.contact_consent);
    errors.into_result()
}

/// A pledge says what it offers in a message of its own.
pub fn pledge(input: &PledgeInput) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    check_text(
        &mut errors,
        "message",
        input.message.trim(),
        limits::MESSAGE,
        true,
    );
    errors.into_result()
}

pub fn invitation(input: &InvitationInput) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    check_text(
        &mut errors,
        "message",
        input.message.trim(),
        limits::INVITATION_NOTE,
        true,
    );
    errors.into_result()
}

/// A pledge offers something its stakeholder offers and the initiative asked for.
pub fn pledge_fits(
    input: &PledgeInput,
    offers: ResourceSet,
    needs: ResourceSet,
) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    if !offers.contains(input.resource) {
        errors.push("resource", Rule::NotOffered);
    } else if !needs.contains(input.resource) {
        errors.push("resource", Rule::NotNeeded);
    }
    errors.into_result()
}
