//! A query written into a URL by the widget: names and texts, without serde's serializer.

use chrono::NaiveDate;

use super::{
    AuditQuery, CityQuery, EditQuery, EventsQuery, InitiativeQuery, MatchQuery, QueueQuery,
    RegionQuery, SimilarQuery, StakeholderQuery,
};
use crate::api::{
    AuditAction, FirstPageQuery, InitiativeStatus, MatchScope, QueueKind, StakeholderId,
};
use crate::{Helix, Lang, RegionCode, Resource, Subsector};

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

impl QueryValue for Lang {
    fn write(&self, write: &mut dyn FnMut(&str)) {
        write(self.tag());
    }
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
    FirstPageQuery { region, lang, limit }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

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
        names_match(FirstPageQuery {
            region: Some("32.73".into()),
            lang: Some(Lang::En),
            limit: Some("12".into()),
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
