//! The matching features of every stakeholder and initiative, held in memory per process.
//!
//! Ranking partners is fast (a million candidates in about 10 ms); reading 100,000 rows of
//! features out of the database for every request is not (about 450 ms on SQLite, found by
//! `cargo xtask bench`). So each process keeps them, and before each use asks the database one
//! cheap question — have the change counters moved? — and reloads only when they have. The
//! counters live in the database, so a write through any process is seen by all of them.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::Mutex;

use pentahelix_core::RegionCode;
use pentahelix_core::matching::{InitiativeFeatures, StakeholderFeatures};

use crate::error::Error;
use crate::store::FeatureStore;

/// One table's features and the counter value they were read at.
type Slot<T> = Mutex<Option<(i64, Loaded<T>)>>;

/// Features as loaded, ordered by region, with the span of packed region codes they lie in: an
/// area that holds the whole span needs no per-feature check, and any other area is one run of
/// them, found by binary search.
struct Loaded<T> {
    all: Arc<Vec<T>>,
    span: Option<(u32, u32)>,
}

impl<T> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        Loaded {
            all: self.all.clone(),
            span: self.span,
        }
    }
}

impl<T> Loaded<T> {
    /// Ranking breaks ties by id, never by position, so the order may serve the areas instead.
    fn new(mut all: Vec<T>, region: impl Fn(&T) -> RegionCode) -> Loaded<T> {
        all.sort_by_key(|item| region(item).packed());
        let span = all
            .iter()
            .map(|item| region(item).packed())
            .fold(None, |span, code| {
                let (low, high) = span.unwrap_or((code, code));
                Some((low.min(code), high.max(code)))
            });
        Loaded {
            all: Arc::new(all),
            span,
        }
    }
}

#[derive(Default)]
pub struct FeatureCache {
    stakeholders: Slot<StakeholderFeatures>,
    initiatives: Slot<InitiativeFeatures>,
}

impl FeatureCache {
    /// Stakeholders inside any of `areas`.
    pub async fn stakeholders(
        &self,
        store: &dyn FeatureStore,
        areas: &[RegionCode],
    ) -> Result<Arc<Vec<StakeholderFeatures>>, Error> {
        let version = store.versions().await?.stakeholders;
        let loaded = current(
            &self.stakeholders,
            version,
            || store.stakeholder_features(&[]),
            |s| s.region,
        )
        .await?;
        Ok(within(loaded, areas, |s| s.region))
    }

    /// Live initiatives inside any of `areas`.
    pub async fn initiatives(
        &self,
        store: &dyn FeatureStore,
        areas: &[RegionCode],
    ) -> Result<Arc<Vec<InitiativeFeatures>>, Error> {
        let version = store.versions().await?.initiatives;
        let loaded = current(
            &self.initiatives,
            version,
            || store.initiative_features(&[]),
            |i| i.region,
        )
        .await?;
        Ok(within(loaded, areas, |i| i.region))
    }
}

/// The slot's features if they were read at `version`, else freshly loaded ones. The slot stays
/// locked during a load: requests that find the features stale together wait for one reload
/// (found by the benchmark: sixteen concurrent first requests each read 100,000 rows). The
/// data is read after the counter, so a write in between makes it newer than its label: that
/// costs one extra reload, never a stale answer.
async fn current<T, F, Fut>(
    slot: &Slot<T>,
    version: i64,
    load: F,
    region: impl Fn(&T) -> RegionCode,
) -> Result<Loaded<T>, Error>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<Vec<T>, Error>>,
{
    let mut slot = slot.lock().await;
    if let Some((at, loaded)) = slot.as_ref()
        && *at == version
    {
        return Ok(loaded.clone());
    }
    let loaded = Loaded::new(load().await?, region);
    *slot = Some((version, loaded.clone()));
    Ok(loaded)
}

/// The features inside any of `areas`; `all` itself (no copy) when every one is inside, as for a
/// city's own matches, since copying 100,000 features per request showed in the profile. An area
/// holding the loaded span answers that at once. Any other area is the run of features between
/// its first and last code: a network of a million stakeholders checked one by one spent about
/// 20 ms of every city's `/matches` finding the city's few thousand.
fn within<T: Copy>(
    loaded: Loaded<T>,
    areas: &[RegionCode],
    region: impl Fn(&T) -> RegionCode,
) -> Arc<Vec<T>> {
    let Loaded { all, span } = loaded;
    let ranges = merged(areas);
    let holds_span =
        |&(low, high): &(u32, u32)| span.is_none_or(|(first, last)| low <= first && last <= high);
    if ranges.is_empty() || ranges.iter().any(holds_span) {
        return all;
    }
    let runs: Vec<&[T]> = ranges
        .iter()
        .map(|&(low, high)| {
            let start = all.partition_point(|item| region(item).packed() < low);
            let end = all.partition_point(|item| region(item).packed() <= high);
            &all[start..end]
        })
        .collect();
    if runs.iter().map(|run| run.len()).sum::<usize>() == all.len() {
        return all;
    }
    Arc::new(runs.concat())
}

/// `areas` as sorted ranges of packed codes, those that touch or overlap merged: a national
/// network serves 514 cities, and checking each feature against every city in turn took about
/// 25 ms of every `/matches?scope=network` over 100,000 stakeholders.
fn merged(areas: &[RegionCode]) -> Vec<(u32, u32)> {
    let mut ranges: Vec<(u32, u32)> = areas.iter().map(|a| a.packed_range()).collect();
    ranges.sort_unstable();
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
    for (low, high) in ranges {
        match merged.last_mut() {
            Some(last) if low <= last.1.saturating_add(1) => last.1 = last.1.max(high),
            _ => merged.push((low, high)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_features_inside_the_areas_are_kept() {
        let code = |s: &str| s.parse::<RegionCode>().unwrap();
        let loaded = Loaded::new(
            vec![
                code("32.73.02"),
                code("32.73.10"),
                code("32.76.01"),
                code("36.74"),
            ],
            |c| *c,
        );
        let all = loaded.all.clone();
        let bandung = within(loaded.clone(), &[code("32.73")], |c| *c);
        assert_eq!(*bandung, [code("32.73.02"), code("32.73.10")]);
        let coblong_and_depok = within(loaded.clone(), &[code("32.73.02"), code("32.76")], |c| *c);
        assert_eq!(*coblong_and_depok, [code("32.73.02"), code("32.76.01")]);
        let everything = within(loaded.clone(), &[], |c| *c);
        assert!(
            Arc::ptr_eq(&everything, &all),
            "nothing to leave out: no copy"
        );
        let both_provinces = within(loaded.clone(), &[code("32"), code("36")], |c| *c);
        assert!(Arc::ptr_eq(&both_provinces, &all));
        let java = within(loaded, &[code("36"), code("32")], |c| *c);
        assert!(Arc::ptr_eq(&java, &all), "areas in any order");

        let one_city = Loaded::new(vec![code("32.73.02"), code("32.73.30")], |c| *c);
        let city = within(one_city.clone(), &[code("32.73")], |c| *c);
        assert!(
            Arc::ptr_eq(&city, &one_city.all),
            "a city holding every feature: no copy"
        );
        let empty = Loaded::new(Vec::new(), |c: &RegionCode| *c);
        assert!(within(empty, &[code("32.73.02")], |c| *c).is_empty());

        // Read in id order, which is no region's order.
        let by_id = Loaded::new(
            vec![
                code("36.74.01"),
                code("32.73.10"),
                code("32.76.01"),
                code("32.73.02"),
            ],
            |c| *c,
        );
        let bandung = within(by_id, &[code("32.73")], |c| *c);
        assert_eq!(*bandung, [code("32.73.02"), code("32.73.10")]);
    }

    #[test]
    fn a_network_of_every_city_keeps_what_a_scan_of_each_city_would() {
        let regions = pentahelix_core::Regions::national();
        let cities: Vec<RegionCode> = regions
            .at_level(pentahelix_core::RegionLevel::City)
            .map(|r| r.code)
            .collect();
        // Every tenth city and a province that holds some of them, out of order.
        let mut areas: Vec<RegionCode> = cities.iter().step_by(10).copied().collect();
        areas.push("33".parse().unwrap());
        areas.reverse();
        let districts: Vec<RegionCode> = regions
            .iter()
            .filter(|r| r.level == pentahelix_core::RegionLevel::District)
            .map(|r| r.code)
            .collect();
        let kept = within(Loaded::new(districts.clone(), |c| *c), &areas, |c| *c);
        let scanned: Vec<RegionCode> = districts
            .into_iter()
            .filter(|d| areas.iter().any(|a| a.contains(*d)))
            .collect();
        assert!(scanned.len() > 500 && scanned.len() < 7_000);
        assert_eq!(*kept, scanned);
        let every = within(Loaded::new(cities.clone(), |c| *c), &cities, |c| *c);
        assert_eq!(every.len(), 514);
    }

    #[tokio::test]
    async fn features_load_once_per_version_however_many_ask() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let slot: Slot<u8> = Mutex::default();
        let loads = AtomicUsize::new(0);
        let here = |_: &u8| "32.73".parse::<RegionCode>().unwrap();
        let load = || async {
            loads.fetch_add(1, Ordering::SeqCst);
            tokio::task::yield_now().await;
            Ok(vec![1, 2])
        };
        let together =
            futures_util::future::join_all((0..16).map(|_| current(&slot, 3, load, here))).await;
        assert!(
            together
                .iter()
                .all(|r| r.as_ref().unwrap().all.as_slice() == [1, 2])
        );
        assert_eq!(
            loads.load(Ordering::SeqCst),
            1,
            "one load for sixteen requests"
        );
        current(&slot, 3, load, here).await.unwrap();
        assert_eq!(
            loads.load(Ordering::SeqCst),
            1,
            "the same version is served from memory"
        );
        current(&slot, 4, load, here).await.unwrap();
        assert_eq!(loads.load(Ordering::SeqCst), 2, "a moved counter reloads");
    }
}
