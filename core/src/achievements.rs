//! What the program achieved, month by month and kecamatan by kecamatan: the figures a city
//! reports to the ministry. Computed here, from the dated facts the server reads, so the
//! dashboard and the export say the same thing.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Utc};

use crate::api::{Achievement, HelixCounts};
use crate::{Helix, RegionCode};

/// An initiative, as the figures need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitiativeFact {
    pub id: i64,
    pub region: RegionCode,
    pub created_at: DateTime<Utc>,
    /// When it was marked completed, if it is.
    pub completed_at: Option<DateTime<Utc>>,
}

/// A pledge made to an initiative, with its helix and, while accepted, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PledgeFact {
    pub initiative: i64,
    pub helix: Helix,
    pub offered_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
}

/// `2026-11`.
fn month(at: DateTime<Utc>) -> String {
    format!("{:04}-{:02}", at.year(), at.month())
}

fn days(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).num_seconds().max(0) as f64 / 86_400.0
}

/// The middle value (the mean of the two middle ones for an even count), to a tenth of a day.
fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    let middle = if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    };
    Some((middle * 10.0).round() / 10.0)
}

fn add(counts: &mut HelixCounts, helix: Helix) {
    let slot = match helix {
        Helix::Government => &mut counts.government,
        Helix::Academia => &mut counts.academia,
        Helix::Business => &mut counts.business,
        Helix::Community => &mut counts.community,
        Helix::Media => &mut counts.media,
    };
    *slot += 1;
}

#[derive(Default)]
struct Bucket {
    offered: HelixCounts,
    accepted: HelixCounts,
    completed: u32,
    to_first_pledge: Vec<f64>,
    to_pentahelix: Vec<f64>,
}

/// The figures per month and kecamatan, and per month for the whole area (`kecamatan: None`),
/// oldest month first. Each event counts in the month it happened: an offer when it was made,
/// an acceptance when accepted, a completion when completed, and an initiative's waits in the
/// month its first offer came or its fifth helix was accepted.
pub fn achievements(initiatives: &[InitiativeFact], pledges: &[PledgeFact]) -> Vec<Achievement> {
    let mut buckets: BTreeMap<(String, Option<RegionCode>), Bucket> = BTreeMap::new();
    let mut both = |at: DateTime<Utc>, region: RegionCode, each: &mut dyn FnMut(&mut Bucket)| {
        each(buckets.entry((month(at), Some(region))).or_default());
        each(buckets.entry((month(at), None)).or_default());
    };
    let by_id: BTreeMap<i64, &InitiativeFact> = initiatives.iter().map(|i| (i.id, i)).collect();
    for pledge in pledges {
        let Some(initiative) = by_id.get(&pledge.initiative) else {
            continue;
        };
        both(pledge.offered_at, initiative.region, &mut |b| {
            add(&mut b.offered, pledge.helix)
        });
        if let Some(at) = pledge.accepted_at {
            both(at, initiative.region, &mut |b| {
                add(&mut b.accepted, pledge.helix)
            });
        }
    }
    for initiative in initiatives {
        if let Some(at) = initiative.completed_at {
            both(at, initiative.region, &mut |b| b.completed += 1);
        }
        let own = || pledges.iter().filter(|p| p.initiative == initiative.id);
        if let Some(first) = own().map(|p| p.offered_at).min() {
            let wait = days(initiative.created_at, first);
            both(first, initiative.region, &mut |b| {
                b.to_first_pledge.push(wait)
            });
        }
        // The pentahelix is complete when the last of the five helices had its first
        // acceptance.
        let firsts: Option<Vec<DateTime<Utc>>> = Helix::ALL
            .iter()
            .map(|helix| {
                own()
                    .filter(|p| p.helix == *helix)
                    .filter_map(|p| p.accepted_at)
                    .min()
            })
            .collect();
        if let Some(complete) = firsts.and_then(|at| at.into_iter().max()) {
            let wait = days(initiative.created_at, complete);
            both(complete, initiative.region, &mut |b| {
                b.to_pentahelix.push(wait)
            });
        }
    }
    buckets
        .into_iter()
        .map(|((month, kecamatan), bucket)| Achievement {
            month,
            kecamatan,
            offered: bucket.offered,
            accepted: bucket.accepted,
            completed: bucket.completed,
            days_to_first_pledge: median(bucket.to_first_pledge),
            days_to_pentahelix: median(bucket.to_pentahelix),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn pledge(initiative: i64, helix: Helix, offered: &str, accepted: Option<&str>) -> PledgeFact {
        PledgeFact {
            initiative,
            helix,
            offered_at: at(offered),
            accepted_at: accepted.map(at),
        }
    }

    #[test]
    fn each_event_counts_in_its_month_and_kecamatan_and_in_the_city() {
        let coblong: RegionCode = "32.73.02".parse().unwrap();
        let andir: RegionCode = "32.73.05".parse().unwrap();
        let initiatives = [
            InitiativeFact {
                id: 1,
                region: coblong,
                created_at: at("2026-10-01T00:00:00Z"),
                completed_at: Some(at("2026-11-20T00:00:00Z")),
            },
            InitiativeFact {
                id: 2,
                region: andir,
                created_at: at("2026-10-10T00:00:00Z"),
                completed_at: None,
            },
        ];
        let mut pledges = vec![
            pledge(
                1,
                Helix::Government,
                "2026-10-03T00:00:00Z",
                Some("2026-10-04T00:00:00Z"),
            ),
            pledge(
                1,
                Helix::Academia,
                "2026-10-05T00:00:00Z",
                Some("2026-10-06T00:00:00Z"),
            ),
            pledge(
                1,
                Helix::Business,
                "2026-10-07T00:00:00Z",
                Some("2026-10-08T00:00:00Z"),
            ),
            pledge(
                1,
                Helix::Community,
                "2026-10-09T00:00:00Z",
                Some("2026-10-10T00:00:00Z"),
            ),
            pledge(2, Helix::Media, "2026-10-11T00:00:00Z", None),
        ];
        pledges.push(pledge(
            1,
            Helix::Media,
            "2026-10-20T00:00:00Z",
            Some("2026-11-01T00:00:00Z"),
        ));
        let rows = achievements(&initiatives, &pledges);
        let find = |month: &str, kecamatan: Option<RegionCode>| {
            rows.iter()
                .find(|r| r.month == month && r.kecamatan == kecamatan)
                .unwrap()
        };
        let october = find("2026-10", None);
        assert_eq!(october.offered.total(), 6);
        assert_eq!(october.accepted.total(), 4);
        assert_eq!(october.offered.media, 2);
        // Initiative 1 waited 2 days for its first offer, initiative 2 one day.
        assert_eq!(october.days_to_first_pledge, Some(1.5));
        assert_eq!(find("2026-10", Some(andir)).days_to_first_pledge, Some(1.0));
        assert_eq!(october.days_to_pentahelix, None);
        // The fifth helix came on 1 November: a month after it was proposed.
        let november = find("2026-11", Some(coblong));
        assert_eq!(november.accepted.media, 1);
        assert_eq!(november.days_to_pentahelix, Some(31.0));
        assert_eq!(november.completed, 1);
        assert_eq!(
            rows.iter().map(|r| r.month.as_str()).collect::<Vec<_>>(),
            ["2026-10", "2026-10", "2026-10", "2026-11", "2026-11"],
            "oldest first"
        );
    }

    #[test]
    fn the_median_is_the_middle_value() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![9.0, 1.0, 4.0]), Some(4.0));
        assert_eq!(median(vec![1.0, 2.0, 3.0, 10.0]), Some(2.5));
    }
}
