//! The matching features of every stakeholder and initiative, held in memory per process.
//!
//! Ranking partners is fast (a million candidates in about 10 ms); reading 100,000 rows of
//! features out of the database for every request is not (about 450 ms on SQLite, found by
//! `cargo xtask bench`). So each process keeps them, and before each use asks the database one
//! cheap question — have the change counters moved? — and reloads only when they have. The
//! counters live in the database, so a write through any process is seen by all of them.

use std::sync::{Arc, Mutex};

use pentahelix_core::RegionCode;
use pentahelix_core::matching::{InitiativeFeatures, StakeholderFeatures};

use crate::error::Error;
use crate::store::Store;

/// One table's features and the counter value they were read at.
type Slot<T> = Mutex<Option<(i64, Arc<Vec<T>>)>>;

#[derive(Default)]
pub struct FeatureCache {
    stakeholders: Slot<StakeholderFeatures>,
    initiatives: Slot<InitiativeFeatures>,
}

impl FeatureCache {
    /// Stakeholders inside any of `areas`.
    pub async fn stakeholders(
        &self,
        store: &dyn Store,
        areas: &[RegionCode],
    ) -> Result<Vec<StakeholderFeatures>, Error> {
        let version = store.versions().await?.stakeholders;
        let all = match cached(&self.stakeholders, version) {
            Some(all) => all,
            // Read after the counter: a write in between makes the data newer than its label,
            // which costs one extra reload, never a stale answer.
            None => fill(
                &self.stakeholders,
                version,
                store.stakeholder_features(&[]).await?,
            ),
        };
        Ok(within(&all, areas, |s| s.region))
    }

    /// Live initiatives inside any of `areas`.
    pub async fn initiatives(
        &self,
        store: &dyn Store,
        areas: &[RegionCode],
    ) -> Result<Vec<InitiativeFeatures>, Error> {
        let version = store.versions().await?.initiatives;
        let all = match cached(&self.initiatives, version) {
            Some(all) => all,
            None => fill(
                &self.initiatives,
                version,
                store.initiative_features(&[]).await?,
            ),
        };
        Ok(within(&all, areas, |i| i.region))
    }
}

fn cached<T>(slot: &Slot<T>, version: i64) -> Option<Arc<Vec<T>>> {
    let slot = slot.lock().unwrap_or_else(|e| e.into_inner());
    slot.as_ref()
        .filter(|(at, _)| *at == version)
        .map(|(_, all)| all.clone())
}

fn fill<T>(slot: &Slot<T>, version: i64, all: Vec<T>) -> Arc<Vec<T>> {
    let all = Arc::new(all);
    *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some((version, all.clone()));
    all
}

fn within<T: Copy>(all: &[T], areas: &[RegionCode], region: impl Fn(&T) -> RegionCode) -> Vec<T> {
    if areas.is_empty() {
        return all.to_vec();
    }
    let ranges: Vec<(u32, u32)> = areas.iter().map(|a| a.packed_range()).collect();
    all.iter()
        .filter(|item| {
            let code = region(item).packed();
            ranges
                .iter()
                .any(|&(low, high)| (low..=high).contains(&code))
        })
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_features_inside_the_areas_are_kept() {
        let code = |s: &str| s.parse::<RegionCode>().unwrap();
        let all = [
            code("32.73.02"),
            code("32.73.10"),
            code("32.76.01"),
            code("36.74"),
        ];
        let bandung = within(&all, &[code("32.73")], |c| *c);
        assert_eq!(bandung, [code("32.73.02"), code("32.73.10")]);
        let coblong_and_depok = within(&all, &[code("32.73.02"), code("32.76")], |c| *c);
        assert_eq!(coblong_and_depok, [code("32.73.02"), code("32.76.01")]);
        assert_eq!(within(&all, &[], |c| *c).len(), 4);
    }

    #[test]
    fn a_moved_counter_empties_the_slot() {
        let slot: Slot<u8> = Mutex::default();
        fill(&slot, 3, vec![1, 2]);
        assert_eq!(cached(&slot, 3).as_deref(), Some(&vec![1, 2]));
        assert!(cached(&slot, 4).is_none());
    }
}
