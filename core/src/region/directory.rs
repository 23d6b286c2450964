use std::collections::BTreeMap;

use super::{RegionCode, RegionLevel};

/// A named region, as the API lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Region {
    pub code: RegionCode,
    pub name: String,
    pub level: RegionLevel,
}

/// The regions a deployment knows by name: the built-in seed cities, or the national list loaded
/// from `idn-area-data`. Ordered by code, which is Kemendagri's own order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Regions {
    by_code: BTreeMap<RegionCode, String>,
}

impl Regions {
    pub fn new() -> Regions {
        Regions::default()
    }

    /// Adds or renames a region. Its parent need not be known: a deployment may load a city
    /// without its province's other cities.
    pub fn insert(&mut self, code: RegionCode, name: impl Into<String>) {
        self.by_code.insert(code, name.into());
    }

    pub fn len(&self) -> usize {
        self.by_code.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }

    pub fn get(&self, code: RegionCode) -> Option<Region> {
        self.by_code.get(&code).map(|name| region(code, name))
    }

    pub fn name(&self, code: RegionCode) -> Option<&str> {
        self.by_code.get(&code).map(String::as_str)
    }

    pub fn contains(&self, code: RegionCode) -> bool {
        self.by_code.contains_key(&code)
    }

    /// Every known region at `level`, in code order.
    pub fn at_level(&self, level: RegionLevel) -> impl Iterator<Item = Region> + '_ {
        self.iter().filter(move |r| r.level == level)
    }

    pub fn iter(&self) -> impl Iterator<Item = Region> + '_ {
        self.by_code.iter().map(|(code, name)| region(*code, name))
    }

    /// The regions one level below `parent` (a province's cities, a city's kecamatan).
    pub fn children(&self, parent: RegionCode) -> impl Iterator<Item = Region> + '_ {
        self.within(parent)
            .filter(move |r| r.code.parent() == Some(parent))
    }

    /// `parent` itself and everything inside it. Codes sort by prefix, so this is a range scan.
    pub fn within(&self, parent: RegionCode) -> impl Iterator<Item = Region> + '_ {
        let end = match parent.level() {
            RegionLevel::Province => parent.packed() | 0xFFFF,
            RegionLevel::City => parent.packed() | 0xFF,
            RegionLevel::District => parent.packed(),
        };
        self.by_code
            .range(parent..)
            .take_while(move |(code, _)| code.packed() <= end)
            .map(|(code, name)| region(*code, name))
    }

    /// Regions whose name contains `query`, ignoring case and spacing, optionally inside `scope`.
    /// Names that start with the query come first, so typing "cib" offers Cibeunying before
    /// Babakan Ciparay.
    pub fn search(&self, query: &str, scope: Option<RegionCode>, limit: usize) -> Vec<Region> {
        let needle = fold(query);
        let mut hits: Vec<(bool, Region)> = self
            .iter()
            .filter(|r| scope.is_none_or(|s| s.contains(r.code)))
            .filter_map(|r| {
                let hay = fold(&r.name);
                let pos = hay.find(&needle)?;
                Some((pos != 0 && !hay[..pos].ends_with(' '), r))
            })
            .collect();
        hits.sort_by(|(a_late, a), (b_late, b)| a_late.cmp(b_late).then(a.code.cmp(&b.code)));
        hits.into_iter().take(limit).map(|(_, r)| r).collect()
    }

    /// Adds every region of `other`, keeping `other`'s names where both know a code.
    pub fn extend(&mut self, other: Regions) {
        self.by_code.extend(other.by_code);
    }
}

fn region(code: RegionCode, name: &str) -> Region {
    Region {
        code,
        name: name.to_owned(),
        level: code.level(),
    }
}

fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> RegionCode {
        s.parse().unwrap()
    }

    #[test]
    fn children_and_within_follow_the_code_hierarchy() {
        let regions = Regions::builtin();
        let bandung: Vec<_> = regions.children(code("32.73")).map(|r| r.name).collect();
        assert_eq!(bandung.len(), 30);
        assert_eq!(bandung.first().map(String::as_str), Some("Sukasari"));
        assert_eq!(bandung.last().map(String::as_str), Some("Mandalajati"));
        let jabar_cities: Vec<_> = regions
            .children(code("32"))
            .map(|r| r.code.to_string())
            .collect();
        assert_eq!(jabar_cities, ["32.73", "32.76"]);
        assert_eq!(regions.within(code("32")).count(), 1 + 2 + 30 + 11);
    }

    #[test]
    fn search_is_case_insensitive_and_prefers_word_starts() {
        let regions = Regions::builtin();
        let hits = regions.search("CIB", Some(code("32.73")), 10);
        let names: Vec<_> = hits.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Cibeunying Kidul", "Cibeunying Kaler", "Cibiru"]);
        let hits = regions.search("serpong", None, 10);
        assert_eq!(hits.len(), 2);
        assert!(regions.search("metro", Some(code("32")), 10).is_empty());
    }
}
