//! The query strings of the API's lists, as the server reads them and the widget writes them:
//! one struct each, so a parameter cannot be renamed on one side only.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{AuditAction, InitiativeStatus, MatchScope, QueueKind, StakeholderId};
use crate::{Helix, RegionCode, Resource, Subsector};

/// `GET /initiatives`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct InitiativeQuery {
    /// Only inside this region (a city `32.73` or a kecamatan `32.73.02`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<RegionCode>, example = "32.73.02"))]
    pub region: Option<RegionCode>,
    /// Initiatives that do not yet have this helix (where a stakeholder of it is wanted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub helix: Option<Helix>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subsector: Option<Subsector>,
    /// Needs this resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<Resource>,
    /// One status; by default the public ones (open, active, completed). `proposed`, `hidden`
    /// and `withdrawn` are listed only for admins of the region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<InitiativeStatus>,
    /// Happening on or after this date.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::dates::optional_date"
    )]
    pub from: Option<NaiveDate>,
    /// Starting on or before this date.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::dates::optional_date"
    )]
    pub to: Option<NaiveDate>,
    /// Words in the title or description (full-text search, prefix matching).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(max_length = 200))]
    pub q: Option<String>,
    /// Only the initiatives this partner supports (an accepted pledge): a partner's profile.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>, minimum = 1))]
    pub partner: Option<StakeholderId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        param(pattern = r"^(v1\.0*[1-9a-fA-F][0-9a-fA-F]{0,14})?$")
    )]
    pub cursor: Option<String>,
    /// Page size, 1 to 100 (default 20).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub limit: Option<u32>,
}

/// `GET /stakeholders`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct StakeholderQuery {
    /// Only inside this region (a city `32.73` or a kecamatan `32.73.02`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<RegionCode>, example = "32.73"))]
    pub region: Option<RegionCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub helix: Option<Helix>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subsector: Option<Subsector>,
    /// Offers this resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<Resource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
    /// Words in the name or description.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(max_length = 200))]
    pub q: Option<String>,
    /// `next_cursor` of the previous page.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        param(pattern = r"^(v1\.0*[1-9a-fA-F][0-9a-fA-F]{0,14})?$")
    )]
    pub cursor: Option<String>,
    /// Page size, 1 to 100 (default 20).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub limit: Option<u32>,
}

/// `GET /initiatives/{id}/matches` and `GET /stakeholders/{id}/matches`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct MatchQuery {
    /// How far to look: the same kecamatan, the city (default), the province, or every city the
    /// deployment serves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<MatchScope>,
    /// How many matches, 1 to 50 (default 10).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 50))]
    pub limit: Option<u32>,
}

/// `GET /stats`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct CityQuery {
    /// The city (`32.73`); defaults to the first city served.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<RegionCode>, example = "32.73"))]
    pub city: Option<RegionCode>,
}

/// `GET /exports/events.ics`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct EventsQuery {
    /// A city (`32.73`) or kecamatan; all served cities when omitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<RegionCode>, example = "32.73"))]
    pub region: Option<RegionCode>,
}

/// `GET /initiatives/similar`: what a citizen is typing into the proposal form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct SimilarQuery {
    /// The city (or kecamatan) to look in.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<RegionCode>, example = "32.73"))]
    pub region: Option<RegionCode>,
    /// The title (and the start of the description) typed so far.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(max_length = 200))]
    pub q: Option<String>,
}

/// `GET /regions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct RegionQuery {
    /// Only regions inside this code (a city's kecamatan: `within=32.73`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<RegionCode>, example = "32.73"))]
    pub within: Option<String>,
    /// Part of a name, any case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// 1 to 200 (default 50).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
}

/// `PUT /initiatives/{id}` and `PUT /stakeholders/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct EditQuery {
    /// Why an official changes someone else's record: mailed to its owner and kept in the audit
    /// trail (an owner's own edit ignores it).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(max_length = 1000))]
    pub reason: Option<String>,
}

/// `GET /moderation/queue`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct QueueQuery {
    /// Only records queued for this reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<QueueKind>,
    /// Only inside this region (a kecamatan `32.73.02`, or a city).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<RegionCode>, example = "32.73.02"))]
    pub region: Option<RegionCode>,
    /// `next_cursor` of the previous page.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        param(pattern = r"^(q1\.[0-9a-f]{1,16}\.[is][0-9a-f]{1,16})?$")
    )]
    pub cursor: Option<String>,
    /// Page size, 1 to 100 (default 20).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub limit: Option<u32>,
}

/// `GET /moderation/audit`, newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct AuditQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<AuditAction>,
    /// Only inside this region (a kecamatan `32.73.02`, or a city).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<RegionCode>, example = "32.73.02"))]
    pub region: Option<RegionCode>,
    /// Only actions of this official (an address, any case) or token (`token: LABEL`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(max_length = 254))]
    pub actor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        param(pattern = r"^(v1\.0*[1-9a-fA-F][0-9a-fA-F]{0,14})?$")
    )]
    pub cursor: Option<String>,
    /// Page size, 1 to 100 (default 20).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub limit: Option<u32>,
}

/// A query's parameters as names and texts, in field order, leaving out those not given: what
/// the widget writes into a URL. Written out rather than through serde's serializer, which
/// weighed more in the widget's first view; a test holds the names equal to the serde names the
/// server reads.
pub trait QueryPairs {
    /// Calls `each` with every parameter given.
    fn each_pair(&self, each: &mut dyn FnMut(&'static str, &str));
}

/// A parameter's text in a URL, handed to `write` (no allocation for the slugs).
trait QueryValue {
    fn write(&self, write: &mut dyn FnMut(&str));
}

impl QueryValue for String {
    fn write(&self, write: &mut dyn FnMut(&str)) {
        write(self);
    }
}

macro_rules! display_value {
    ($($ty:ty),*) => {$(
        impl QueryValue for $ty {
            fn write(&self, write: &mut dyn FnMut(&str)) {
                write(&self.to_string());
            }
        }
    )*};
}

display_value!(RegionCode, NaiveDate, u32, bool);

impl QueryValue for StakeholderId {
    fn write(&self, write: &mut dyn FnMut(&str)) {
        write(&self.0.to_string());
    }
}

macro_rules! slug_value {
    ($($ty:ty),*) => {$(
        impl QueryValue for $ty {
            fn write(&self, write: &mut dyn FnMut(&str)) {
                write(self.slug());
            }
        }
    )*};
}

slug_value!(
    Helix,
    Subsector,
    Resource,
    InitiativeStatus,
    MatchScope,
    QueueKind,
    AuditAction
);

macro_rules! query_pairs {
    ($($ty:ident { $($field:ident),* })*) => {$(
        impl QueryPairs for $ty {
            fn each_pair(&self, each: &mut dyn FnMut(&'static str, &str)) {
                $(if let Some(value) = &self.$field {
                    value.write(&mut |text| each(stringify!($field), text));
                })*
            }
        }
    )*};
}

query_pairs! {
    InitiativeQuery { region, helix, subsector, resource, status, from, to, q, partner, cursor, limit }
    StakeholderQuery { region, helix, subsector, resource, verified, q, cursor, limit }
    MatchQuery { scope, limit }
    CityQuery { city }
    EventsQuery { region }
    SimilarQuery { region, q }
    RegionQuery { within, q, limit }
    EditQuery { reason }
    QueueQuery { kind, region, cursor, limit }
    AuditQuery { action, region, actor, cursor, limit }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(query: &dyn QueryPairs) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        query.each_pair(&mut |name, value| pairs.push((name, value.to_owned())));
        pairs
    }

    /// Every field given, so every name shows in both encodings.
    fn names_match<Q: QueryPairs + Serialize>(query: Q) {
        let serde_names: Vec<String> = match serde_json::to_value(&query).unwrap() {
            serde_json::Value::Object(map) => map.keys().cloned().collect(),
            other => panic!("{other}"),
        };
        let mut ours: Vec<String> = pairs(&query).iter().map(|(n, _)| (*n).to_owned()).collect();
        let mut serde_names = serde_names;
        ours.sort();
        serde_names.sort();
        assert_eq!(ours, serde_names);
    }

    #[test]
    fn the_widget_writes_the_names_the_server_reads() {
        let region: RegionCode = "32.73.02".parse().unwrap();
        let date = NaiveDate::from_ymd_opt(2027, 1, 2).unwrap();
        names_match(InitiativeQuery {
            region: Some(region),
            helix: Some(Helix::Media),
            subsector: Some(Subsector::Kuliner),
            resource: Some(Resource::Venue),
            status: Some(InitiativeStatus::Open),
            from: Some(date),
            to: Some(date),
            q: Some("kopi".into()),
            partner: Some(StakeholderId(12)),
            cursor: Some("v1.a".into()),
            limit: Some(5),
        });
        names_match(StakeholderQuery {
            region: Some(region),
            helix: Some(Helix::Media),
            subsector: Some(Subsector::Kuliner),
            resource: Some(Resource::Venue),
            verified: Some(true),
            q: Some("kopi".into()),
            cursor: Some("v1.a".into()),
            limit: Some(5),
        });
        names_match(MatchQuery {
            scope: Some(MatchScope::City),
            limit: Some(3),
        });
        names_match(CityQuery { city: Some(region) });
        names_match(EventsQuery {
            region: Some(region),
        });
        names_match(SimilarQuery {
            region: Some(region),
            q: Some("festival kopi".into()),
        });
        names_match(RegionQuery {
            within: Some("32.73".into()),
            q: Some("su".into()),
            limit: Some(2),
        });
        names_match(EditQuery {
            reason: Some("Judul memuat nomor telepon.".into()),
        });
        names_match(QueueQuery {
            kind: Some(QueueKind::Reported),
            region: Some(region),
            cursor: Some("q1.1.i2".into()),
            limit: Some(5),
        });
        names_match(AuditQuery {
            action: Some(AuditAction::Hide),
            region: Some(region),
            actor: Some("petugas@bandung.go.id".into()),
            cursor: Some("v1.a".into()),
            limit: Some(5),
        });
    }

    #[test]
    fn values_are_written_as_the_server_parses_them() {
        let query = InitiativeQuery {
            region: Some("32.73.02".parse().unwrap()),
            status: Some(InitiativeStatus::Open),
            from: NaiveDate::from_ymd_opt(2027, 1, 2),
            ..InitiativeQuery::default()
        };
        assert_eq!(
            pairs(&query),
            [
                ("region", "32.73.02".to_owned()),
                ("status", "open".to_owned()),
                ("from", "2027-01-02".to_owned())
            ]
        );
    }
}
