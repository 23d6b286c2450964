use chrono::{DateTime, NaiveDate, Utc};

use super::Contact;
use crate::region::RegionCode;
use crate::taxonomy::{Helix, HelixSet, Resource, ResourceSet, SubsectorSet};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct InitiativeId(pub i64);

/// Where an initiative is in its life. `hidden` is set by moderation only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum InitiativeStatus {
    /// Waiting for approval where the city moderates before publishing.
    Proposed,
    /// Published and looking for partners.
    Open,
    /// Under way.
    Active,
    Completed,
    Withdrawn,
    Hidden,
}

impl InitiativeStatus {
    pub const ALL: [InitiativeStatus; 6] = [
        InitiativeStatus::Proposed,
        InitiativeStatus::Open,
        InitiativeStatus::Active,
        InitiativeStatus::Completed,
        InitiativeStatus::Withdrawn,
        InitiativeStatus::Hidden,
    ];

    /// The statuses anyone may list initiatives by: the others are not public.
    pub const LISTED: [InitiativeStatus; 3] = [
        InitiativeStatus::Open,
        InitiativeStatus::Active,
        InitiativeStatus::Completed,
    ];

    /// Whether anyone may see it (one of [`Self::LISTED`]).
    pub fn is_listed(self) -> bool {
        Self::LISTED.contains(&self)
    }

    pub fn slug(self) -> &'static str {
        match self {
            InitiativeStatus::Proposed => "proposed",
            InitiativeStatus::Open => "open",
            InitiativeStatus::Active => "active",
            InitiativeStatus::Completed => "completed",
            InitiativeStatus::Withdrawn => "withdrawn",
            InitiativeStatus::Hidden => "hidden",
        }
    }

    pub fn from_slug(slug: &str) -> Option<InitiativeStatus> {
        InitiativeStatus::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// Its name in `lang`, from `crate::words` (listed in the order of `ALL`).
    pub fn label(self, lang: crate::Lang) -> &'static str {
        crate::words::labels(lang).statuses[self as usize]
    }

    /// The changes an initiative's owner may make (`proposed → open → active → completed`, or
    /// withdrawn from any live state). Moderation (`hidden`, approving `proposed`) is the
    /// admin's, not the owner's, and is not listed here.
    pub fn owner_may_change_to(self, next: InitiativeStatus) -> bool {
        use InitiativeStatus::*;
        matches!(
            (self, next),
            (Open, Active) | (Active, Completed) | (Proposed | Open | Active, Withdrawn)
        )
    }

    /// Whether the initiative counts as live for stats and matching.
    pub fn is_live(self) -> bool {
        matches!(self, InitiativeStatus::Open | InitiativeStatus::Active)
    }
}

/// A resource the initiative needs, optionally asking that a given helix provide it
/// ("a venue from government").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NeedInput {
    pub resource: Resource,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helix: Option<Helix>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Need {
    pub resource: Resource,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helix: Option<Helix>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// An accepted pledge provides it.
    pub fulfilled: bool,
}

/// What a citizen or stakeholder sends to propose (or edit) an initiative.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InitiativeInput {
    pub title: String,
    pub description: String,
    /// The kecamatan where it happens.
    pub region: RegionCode,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::taxonomy::Subsector>))]
    pub subsectors: SubsectorSet,
    pub needs: Vec<NeedInput>,
    // The patterns repeat what validation accepts (dates from 2000 to 2100) because JSON Schema
    // leaves checking `format: date` optional: a client built from the API document should not
    // learn the rule from a 400.
    /// The first day, 2000 to 2100.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::dates::optional_date"
    )]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
    )]
    pub starts_on: Option<NaiveDate>,
    /// The last day, 2000 to 2100, not before `starts_on`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::dates::optional_date"
    )]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
    )]
    pub ends_on: Option<NaiveDate>,
    /// Where exactly (a hall, a park, a street), free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    pub contact: Contact,
    pub contact_consent: bool,
}

impl InitiativeInput {
    pub fn needed_resources(&self) -> ResourceSet {
        self.needs.iter().map(|n| n.resource).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Initiative {
    pub id: InitiativeId,
    pub title: String,
    pub description: String,
    pub region: RegionCode,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::taxonomy::Subsector>))]
    pub subsectors: SubsectorSet,
    pub needs: Vec<Need>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::dates::optional_date"
    )]
    pub starts_on: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::dates::optional_date"
    )]
    pub ends_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    pub status: InitiativeStatus,
    /// The helices with an accepted pledge: the coverage pentagon.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::taxonomy::Helix>))]
    pub coverage: HelixSet,
    pub pledge_count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    #[serde(deserialize_with = "super::dates::time")]
    pub created_at: DateTime<Utc>,
    #[serde(deserialize_with = "super::dates::time")]
    pub updated_at: DateTime<Utc>,
}

impl Initiative {
    /// Whether saving `input` would leave the initiative as it is: such an edit writes nothing,
    /// so it does not make every matching cache and kept answer stale.
    pub fn already_holds(&self, input: &InitiativeInput) -> bool {
        self.title == input.title
            && self.description == input.description
            && self.region == input.region
            && self.subsectors == input.subsectors
            && self.starts_on == input.starts_on
            && self.ends_on == input.ends_on
            && self.place == input.place
            && self.contact.as_ref() == Some(&input.contact)
            && self.needs.len() == input.needs.len()
            && self.needs.iter().zip(&input.needs).all(|(need, asked)| {
                need.resource == asked.resource
                    && need.helix == asked.helix
                    && need.note == asked.note
            })
    }

    /// Needed resources that no accepted pledge provides yet: what matching looks for.
    pub fn open_needs(&self) -> ResourceSet {
        self.needs
            .iter()
            .filter(|n| !n.fulfilled)
            .map(|n| n.resource)
            .collect()
    }

    /// Helices the owner asked for by name on an open need.
    pub fn asked_helices(&self) -> HelixSet {
        self.needs
            .iter()
            .filter(|n| !n.fulfilled)
            .filter_map(|n| n.helix)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::InitiativeStatus::{self, *};

    #[test]
    fn the_owner_walks_the_life_cycle_forward_only() {
        assert!(Open.owner_may_change_to(Active));
        assert!(Active.owner_may_change_to(Completed));
        assert!(Open.owner_may_change_to(Withdrawn));
        assert!(!Completed.owner_may_change_to(Open));
        assert!(!Active.owner_may_change_to(Open));
        assert!(
            !Proposed.owner_may_change_to(Open),
            "approval is the moderator's"
        );
        assert!(!Hidden.owner_may_change_to(Open), "an owner cannot unhide");
        assert!(!Withdrawn.owner_may_change_to(Active));
    }

    #[test]
    fn statuses_round_trip_and_have_labels() {
        for s in InitiativeStatus::ALL {
            assert_eq!(InitiativeStatus::from_slug(s.slug()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.slug())
            );
            assert_eq!(
                InitiativeStatus::ALL[s as usize],
                s,
                "ALL is the order of the labels"
            );
        }
        assert_eq!(InitiativeStatus::Active.label(crate::Lang::Id), "Berjalan");
        assert_eq!(InitiativeStatus::Hidden.label(crate::Lang::En), "Hidden");
    }
}
