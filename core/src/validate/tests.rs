//! The rules at work on whole records, as the form and the server run them.

use super::*;
use crate::api::{
    Contact, InitiativeInput, NeedInput, PledgeInput, StakeholderId, StakeholderInput,
};
use crate::lang::Lang;
use crate::region::{RegionCode, Regions};
use crate::taxonomy::{Helix, Resource, ResourceSet, Subsector, SubsectorSet};
use chrono::NaiveDate;

fn regions() -> Regions {
    Regions::builtin()
}

fn served() -> Vec<RegionCode> {
    vec!["32.73".parse().unwrap(), "36.74".parse().unwrap()]
}

fn valid_initiative() -> InitiativeInput {
    InitiativeInput {
        title: "Festival Kopi Coblong".into(),
        description: "Pameran dan lokakarya kopi lokal untuk warga dan UMKM di Coblong.".into(),
        region: "32.73.02".parse().unwrap(),
        subsectors: SubsectorSet::of(Subsector::Kuliner),
        needs: vec![NeedInput {
            resource: Resource::Venue,
            helix: Some(Helix::Government),
            note: None,
        }],
        starts_on: NaiveDate::from_ymd_opt(2026, 12, 5),
        ends_on: NaiveDate::from_ymd_opt(2026, 12, 6),
        place: Some("Taman Cibeunying".into()),
        contact: Contact {
            person: "Ani".into(),
            email: Some("ani@contoh.id".into()),
            phone: None,
        },
        contact_consent: true,
    }
}

fn valid_stakeholder() -> StakeholderInput {
    StakeholderInput {
        name: "Kopi Nusantara".into(),
        helix: Helix::Business,
        region: "32.73".parse().unwrap(),
        subsectors: SubsectorSet::of(Subsector::Kuliner),
        offers: ResourceSet::of(Resource::Venue),
        description: "Kedai kopi dengan ruang acara untuk 80 orang di Dago.".into(),
        website: Some("https://kopi.example.id".into()),
        contact: Contact {
            person: "Budi".into(),
            email: None,
            phone: Some("0812 3456 7890".into()),
        },
        contact_consent: true,
    }
}

fn initiative_errors(f: impl FnOnce(&mut InitiativeInput)) -> ValidationErrors {
    let (regions, served) = (regions(), served());
    let mut input = valid_initiative();
    f(&mut input);
    tidy_initiative(&mut input);
    initiative(
        &input,
        &Scope {
            served: &served,
            regions: &regions,
        },
    )
    .unwrap_err()
}

fn stakeholder_errors(f: impl FnOnce(&mut StakeholderInput)) -> ValidationErrors {
    let (regions, served) = (regions(), served());
    let mut input = valid_stakeholder();
    f(&mut input);
    tidy_stakeholder(&mut input);
    stakeholder(
        &input,
        &Scope {
            served: &served,
            regions: &regions,
        },
    )
    .unwrap_err()
}

#[test]
fn valid_records_pass() {
    let (regions, served) = (regions(), served());
    let scope = Scope {
        served: &served,
        regions: &regions,
    };
    assert_eq!(initiative(&valid_initiative(), &scope), Ok(()));
    assert_eq!(stakeholder(&valid_stakeholder(), &scope), Ok(()));
}

#[test]
fn a_blank_title_is_required_not_too_short() {
    let e = initiative_errors(|i| i.title = "   ".into());
    assert_eq!(e.rule("title"), Some(&Rule::Required));
    assert_eq!(e.messages(Lang::Id)["title"], "Wajib diisi.");
    assert_eq!(e.messages(Lang::En)["title"], "This is required.");
}

#[test]
fn lengths_are_enforced_with_the_limit_in_the_message() {
    let e = initiative_errors(|i| i.title = "Kopi".into());
    assert_eq!(
        e.messages(Lang::Id)["title"],
        "Terlalu pendek: tulis minimal 8 karakter."
    );
    let e = initiative_errors(|i| i.description = "x".repeat(5_001));
    assert_eq!(e.rule("description"), Some(&Rule::TooLong { max: 5_000 }));
    let e = initiative_errors(|i| i.place = Some("x".repeat(201)));
    assert_eq!(e.rule("place"), Some(&Rule::TooLong { max: 200 }));
    let e = stakeholder_errors(|s| s.name = "K".into());
    assert_eq!(e.rule("name"), Some(&Rule::TooShort { min: 2 }));
}

#[test]
fn control_characters_are_refused_in_every_text() {
    let e = initiative_errors(|i| i.title = "Festival\u{0007}Kopi".into());
    assert_eq!(e.rule("title"), Some(&Rule::ControlCharacters));
    let e = stakeholder_errors(|s| s.contact.person = "Bu\u{202E}di".into());
    assert_eq!(e.rule("contact.person"), Some(&Rule::ControlCharacters));
}

#[test]
fn an_initiative_needs_a_kecamatan_inside_the_served_cities() {
    let e = initiative_errors(|i| i.region = "32.73".parse().unwrap());
    assert_eq!(e.rule("region"), Some(&Rule::NotAKecamatan));
    let e = initiative_errors(|i| i.region = "32.76.01".parse().unwrap());
    assert_eq!(
        e.rule("region"),
        Some(&Rule::OutsideScope),
        "Depok is not served here"
    );
    let e = initiative_errors(|i| i.region = "32.73.31".parse().unwrap());
    assert_eq!(
        e.rule("region"),
        Some(&Rule::UnknownRegion),
        "Bandung has 30 kecamatan"
    );
    let e = stakeholder_errors(|s| s.region = "32".parse().unwrap());
    assert_eq!(e.rule("region"), Some(&Rule::NotACityOrKecamatan));
}

#[test]
fn subsectors_needs_and_offers_are_bounded() {
    let e = initiative_errors(|i| i.subsectors = SubsectorSet::empty());
    assert_eq!(e.rule("subsectors"), Some(&Rule::Required));
    let e = initiative_errors(|i| i.subsectors = Subsector::ALL[..6].iter().copied().collect());
    assert_eq!(e.messages(Lang::En)["subsectors"], "Choose at most 5.");
    let e = initiative_errors(|i| i.needs.clear());
    assert_eq!(e.rule("needs"), Some(&Rule::Required));
    let e = initiative_errors(|i| {
        i.needs = (0..11)
            .map(|n| NeedInput {
                resource: Resource::ALL[n % 10],
                helix: None,
                note: Some(n.to_string()),
            })
            .collect()
    });
    assert_eq!(e.rule("needs"), Some(&Rule::TooMany { max: 10 }));
    let e = initiative_errors(|i| i.needs.push(i.needs[0].clone()));
    assert_eq!(e.rule("needs[1].resource"), Some(&Rule::Duplicate));
    let e = initiative_errors(|i| i.needs[0].note = Some("x".repeat(281)));
    assert_eq!(e.rule("needs[0].note"), Some(&Rule::TooLong { max: 280 }));
    let e = stakeholder_errors(|s| s.offers = ResourceSet::empty());
    assert_eq!(e.rule("offers"), Some(&Rule::Required));
}

#[test]
fn dates_must_be_in_order_and_an_end_needs_a_start() {
    let e = initiative_errors(|i| i.ends_on = NaiveDate::from_ymd_opt(2026, 12, 4));
    assert_eq!(e.rule("ends_on"), Some(&Rule::DatesOutOfOrder));
    assert!(e.messages(Lang::Id)["ends_on"].contains("sesudah tanggal mulai"));
    let e = initiative_errors(|i| i.starts_on = None);
    assert_eq!(e.rule("starts_on"), Some(&Rule::Required));
}

#[test]
fn dates_must_be_plausible_years() {
    let e = initiative_errors(|i| i.starts_on = NaiveDate::from_ymd_opt(20277, 1, 1));
    assert_eq!(e.rule("starts_on"), Some(&Rule::DateOutOfRange));
    let e = initiative_errors(|i| i.ends_on = NaiveDate::MAX.into());
    assert_eq!(e.rule("ends_on"), Some(&Rule::DateOutOfRange));
    assert!(e.messages(Lang::Id)["ends_on"].contains("2000 dan 2100"));
}

#[test]
fn a_contact_needs_a_reachable_channel_and_consent() {
    let e = initiative_errors(|i| i.contact.email = Some("  ".into()));
    assert_eq!(e.rule("contact.email"), Some(&Rule::ContactMissing));
    let e = initiative_errors(|i| i.contact.email = Some("ani@contoh".into()));
    assert_eq!(e.rule("contact.email"), Some(&Rule::InvalidEmail));
    let e = stakeholder_errors(|s| s.contact.phone = Some("12".into()));
    assert_eq!(e.rule("contact.phone"), Some(&Rule::InvalidPhone));
    let e = initiative_errors(|i| i.contact_consent = false);
    assert_eq!(e.rule("contact_consent"), Some(&Rule::ConsentRequired));
    let e = stakeholder_errors(|s| s.website = Some("javascript:alert(1)".into()));
    assert_eq!(e.rule("website"), Some(&Rule::InvalidWebsite));
}

#[test]
fn every_problem_is_reported_at_once_in_form_order() {
    let e = initiative_errors(|i| {
        i.title.clear();
        i.contact_consent = false;
        i.needs.clear();
    });
    let fields: Vec<_> = e.0.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["title", "needs", "contact_consent"]);
}

#[test]
fn a_pledge_needs_a_message() {
    let input = PledgeInput {
        stakeholder_id: StakeholderId(1),
        resource: Resource::Venue,
        message: " \n ".into(),
    };
    assert_eq!(
        pledge(&input).unwrap_err().rule("message"),
        Some(&Rule::Required)
    );
}

#[test]
fn a_pledge_offers_what_the_stakeholder_has_and_the_initiative_needs() {
    let input = PledgeInput {
        stakeholder_id: StakeholderId(1),
        resource: Resource::Venue,
        message: "Ruang kami siap.".into(),
    };
    let venue = ResourceSet::of(Resource::Venue);
    let funding = ResourceSet::of(Resource::Funding);
    assert_eq!(pledge_fits(&input, venue, venue), Ok(()));
    assert_eq!(
        pledge_fits(&input, funding, venue)
            .unwrap_err()
            .rule("resource"),
        Some(&Rule::NotOffered)
    );
    assert_eq!(
        pledge_fits(&input, venue, funding)
            .unwrap_err()
            .rule("resource"),
        Some(&Rule::NotNeeded)
    );
}

#[test]
fn every_rule_has_a_message_in_both_languages_that_differs() {
    let rules = [
        Rule::Required,
        Rule::TooShort { min: 3 },
        Rule::TooLong { max: 9 },
        Rule::ControlCharacters,
        Rule::TooMany { max: 5 },
        Rule::Duplicate,
        Rule::OutsideScope,
        Rule::NotAKecamatan,
        Rule::NotACityOrKecamatan,
        Rule::UnknownRegion,
        Rule::DatesOutOfOrder,
        Rule::InvalidEmail,
        Rule::InvalidPhone,
        Rule::InvalidWebsite,
        Rule::ContactMissing,
        Rule::ConsentRequired,
        Rule::NotOffered,
        Rule::NotNeeded,
        Rule::DateOutOfRange,
        Rule::WrongCode,
    ];
    for rule in rules {
        let (id, en) = (rule.message(Lang::Id), rule.message(Lang::En));
        assert!(id.ends_with('.') && en.ends_with('.'), "{rule:?}");
        assert_ne!(id, en, "{rule:?}");
    }
}
