//! The forms' state as the person typed it, kept in `localStorage` on every change so nothing is
//! lost to a reload, a dropped connection or a closed tab. Drafts hold text, not parsed values:
//! a half-typed date survives too. Turning a draft into an API request runs the core's own
//! validation, so the messages beside the fields are the server's messages.

use chrono::NaiveDate;
use pentahelix_core::api::{Contact, InitiativeInput, NeedInput, StakeholderInput};
use pentahelix_core::validate::{self, Rule, Scope, ValidationErrors};
use pentahelix_core::{Helix, RegionCode, Resource, ResourceSet, Subsector, SubsectorSet};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NeedDraft {
    pub resource: Option<Resource>,
    pub helix: Option<Helix>,
    pub note: String,
}

/// The "propose an initiative" form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProposeDraft {
    pub title: String,
    pub description: String,
    pub region: String,
    pub subsectors: Vec<Subsector>,
    pub needs: Vec<NeedDraft>,
    pub starts_on: String,
    pub ends_on: String,
    pub place: String,
    pub person: String,
    pub email: String,
    pub phone: String,
    pub consent: bool,
    /// Sent as the Idempotency-Key of every attempt to submit this draft.
    pub idempotency_key: String,
    /// The JSON sent under the key when no answer came back (`creation`).
    pub sent: Option<String>,
}

/// The stakeholder profile form (register or edit).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileDraft {
    pub name: String,
    pub helix: Option<Helix>,
    pub region: String,
    pub subsectors: Vec<Subsector>,
    pub offers: Vec<Resource>,
    pub description: String,
    pub website: String,
    pub person: String,
    pub email: String,
    pub phone: String,
    pub consent: bool,
    pub idempotency_key: String,
    /// The JSON sent under the key when no answer came back (`creation`).
    pub sent: Option<String>,
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn date(errors: &mut ValidationErrors, field: &str, text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match pentahelix_core::api::dates::parse_date(text) {
        Some(date) => Some(date),
        None => {
            errors.push(field, Rule::Required);
            None
        }
    }
}

fn region(errors: &mut ValidationErrors, text: &str) -> Option<RegionCode> {
    match text.trim().parse() {
        Ok(code) => Some(code),
        Err(_) => {
            errors.push("region", Rule::Required);
            None
        }
    }
}

/// The request, or the draft's own problems followed by the core's — one per field, and none
/// about a region the draft already reported as missing.
fn finish<T>(
    input: T,
    mut errors: ValidationErrors,
    checked: Result<(), ValidationErrors>,
    region_parsed: bool,
) -> Result<T, ValidationErrors> {
    if let Err(more) = checked {
        for e in more.0 {
            if (region_parsed || e.field != "region") && errors.rule(&e.field).is_none() {
                errors.0.push(e);
            }
        }
    }
    if errors.is_empty() {
        Ok(input)
    } else {
        Err(errors)
    }
}

fn contact(person: &str, email: &str, phone: &str) -> Contact {
    Contact {
        person: person.trim().to_owned(),
        email: optional(email),
        phone: optional(phone),
    }
}

impl ProposeDraft {
    /// A draft holding an existing initiative, for its owner to edit.
    pub fn from_initiative(i: &pentahelix_core::api::Initiative) -> ProposeDraft {
        let contact = i.contact.clone().unwrap_or_default();
        ProposeDraft {
            title: i.title.clone(),
            description: i.description.clone(),
            region: i.region.to_string(),
            subsectors: i.subsectors.iter().collect(),
            needs: i
                .needs
                .iter()
                .map(|n| NeedDraft {
                    resource: Some(n.resource),
                    helix: n.helix,
                    note: n.note.clone().unwrap_or_default(),
                })
                .collect(),
            starts_on: i.starts_on.map(|d| d.to_string()).unwrap_or_default(),
            ends_on: i.ends_on.map(|d| d.to_string()).unwrap_or_default(),
            place: i.place.clone().unwrap_or_default(),
            person: contact.person,
            email: contact.email.unwrap_or_default(),
            phone: contact.phone.unwrap_or_default(),
            consent: true,
            idempotency_key: String::new(),
            sent: None,
        }
    }

    pub fn is_empty(&self) -> bool {
        ProposeDraft {
            idempotency_key: String::new(),
            ..self.clone()
        } == ProposeDraft::default()
    }

    /// The request this draft makes, or every problem with it, field by field.
    pub fn to_input(&self, scope: &Scope) -> Result<InitiativeInput, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let region = region(&mut errors, &self.region);
        let starts_on = date(&mut errors, "starts_on", &self.starts_on);
        let ends_on = date(&mut errors, "ends_on", &self.ends_on);
        let mut needs = Vec::new();
        for (n, need) in self.needs.iter().enumerate() {
            match need.resource {
                Some(resource) => needs.push(NeedInput {
                    resource,
                    helix: need.helix,
                    note: optional(&need.note),
                }),
                None => errors.push(format!("needs[{n}].resource"), Rule::Required),
            }
        }
        let mut input = InitiativeInput {
            title: self.title.clone(),
            description: self.description.clone(),
            region: region.unwrap_or(RegionCode::new(11, 0, 0).expect("valid")),
            subsectors: self.subsectors.iter().copied().collect::<SubsectorSet>(),
            needs,
            starts_on,
            ends_on,
            place: optional(&self.place),
            contact: contact(&self.person, &self.email, &self.phone),
            contact_consent: self.consent,
        };
        validate::tidy_initiative(&mut input);
        let checked = validate::initiative(&input, scope);
        finish(input, errors, checked, region.is_some())
    }
}

impl ProfileDraft {
    pub fn from_stakeholder(s: &pentahelix_core::api::Stakeholder) -> ProfileDraft {
        let contact = s.contact.clone().unwrap_or_default();
        ProfileDraft {
            name: s.name.clone(),
            helix: Some(s.helix),
            region: s.region.to_string(),
            subsectors: s.subsectors.iter().collect(),
            offers: s.offers.iter().collect(),
            description: s.description.clone(),
            website: s.website.clone().unwrap_or_default(),
            person: contact.person,
            email: contact.email.unwrap_or_default(),
            phone: contact.phone.unwrap_or_default(),
            consent: true,
            idempotency_key: String::new(),
            sent: None,
        }
    }

    pub fn to_input(&self, scope: &Scope) -> Result<StakeholderInput, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        if self.helix.is_none() {
            errors.push("helix", Rule::Required);
        }
        let region = region(&mut errors, &self.region);
        let mut input = StakeholderInput {
            name: self.name.clone(),
            helix: self.helix.unwrap_or(Helix::Community),
            region: region.unwrap_or(RegionCode::new(11, 0, 0).expect("valid")),
            subsectors: self.subsectors.iter().copied().collect::<SubsectorSet>(),
            offers: self.offers.iter().copied().collect::<ResourceSet>(),
            description: self.description.clone(),
            website: optional(&self.website),
            contact: contact(&self.person, &self.email, &self.phone),
            contact_consent: self.consent,
        };
        validate::tidy_stakeholder(&mut input);
        let checked = validate::stakeholder(&input, scope);
        finish(input, errors, checked, region.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pentahelix_core::Regions;

    fn filled() -> ProposeDraft {
        ProposeDraft {
            title: "Festival Kopi Coblong".into(),
            description: "Pameran dan lokakarya kopi lokal untuk warga dan UMKM di Coblong.".into(),
            region: "32.73.02".into(),
            subsectors: vec![Subsector::Kuliner],
            needs: vec![NeedDraft {
                resource: Some(Resource::Venue),
                helix: Some(Helix::Government),
                note: String::new(),
            }],
            starts_on: "2027-02-13".into(),
            ends_on: "2027-02-14".into(),
            person: "Ani".into(),
            email: "ani@contoh.id".into(),
            consent: true,
            ..ProposeDraft::default()
        }
    }

    fn scope_parts() -> (Vec<RegionCode>, Regions) {
        (vec!["32.73".parse().unwrap()], Regions::builtin())
    }

    #[test]
    fn a_complete_draft_becomes_the_request() {
        let (served, regions) = scope_parts();
        let input = filled()
            .to_input(&Scope {
                served: &served,
                regions: &regions,
            })
            .unwrap();
        assert_eq!(input.region.to_string(), "32.73.02");
        assert_eq!(input.needs[0].helix, Some(Helix::Government));
        assert_eq!(input.ends_on, NaiveDate::from_ymd_opt(2027, 2, 14));
        assert_eq!(
            input.place, None,
            "an empty optional field is absent, not empty"
        );
    }

    #[test]
    fn every_problem_is_reported_against_its_field() {
        let (served, regions) = scope_parts();
        let scope = Scope {
            served: &served,
            regions: &regions,
        };
        let draft = ProposeDraft {
            title: "Kopi".into(),
            region: String::new(),
            starts_on: "13/02/2027".into(),
            needs: vec![NeedDraft::default()],
            consent: false,
            ..filled()
        };
        let errors = draft.to_input(&scope).unwrap_err();
        assert_eq!(errors.rule("title"), Some(&Rule::TooShort { min: 8 }));
        assert_eq!(errors.rule("region"), Some(&Rule::Required));
        assert_eq!(errors.rule("starts_on"), Some(&Rule::Required));
        assert_eq!(errors.rule("needs[0].resource"), Some(&Rule::Required));
        assert_eq!(errors.rule("contact_consent"), Some(&Rule::ConsentRequired));
    }

    #[test]
    fn drafts_survive_a_round_trip_through_storage_text() {
        let draft = ProposeDraft {
            idempotency_key: "k-1".into(),
            ..filled()
        };
        let text = serde_json::to_string(&draft).unwrap();
        assert_eq!(serde_json::from_str::<ProposeDraft>(&text).unwrap(), draft);
        assert!(
            ProposeDraft {
                idempotency_key: "k".into(),
                ..ProposeDraft::default()
            }
            .is_empty()
        );
        assert!(!draft.is_empty());
        let old: ProposeDraft = serde_json::from_str(r#"{"title":"Lama"}"#).unwrap();
        assert_eq!(
            old.title, "Lama",
            "a draft saved by an older version still loads"
        );
    }

    #[test]
    fn a_profile_needs_a_helix_and_a_region() {
        let (served, regions) = scope_parts();
        let draft = ProfileDraft {
            name: "Kopi Nusantara".into(),
            ..ProfileDraft::default()
        };
        let errors = draft
            .to_input(&Scope {
                served: &served,
                regions: &regions,
            })
            .unwrap_err();
        assert_eq!(errors.rule("helix"), Some(&Rule::Required));
        assert_eq!(errors.rule("region"), Some(&Rule::Required));
        assert_eq!(errors.rule("offers"), Some(&Rule::Required));
    }
}
