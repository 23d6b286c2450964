//! Every province, city and regency, and kecamatan of Indonesia: what a server knows, so that it
//! may serve any of the 514 cities and regencies. Behind the `national` feature: the widget
//! carries only the seed cities and asks its server for any other city's kecamatan, since the
//! lists are 200 KB of text a citizen's phone should not download.

use super::Regions;

impl Regions {
    /// The national lists bundled from `idn-area-data` 4.0.1 (ODbL; see
    /// `core/data/idn-area-data/ATTRIBUTION.md`).
    pub fn national() -> Regions {
        Regions::from_idn_area_csv(
            include_str!("../../data/idn-area-data/provinces.csv"),
            include_str!("../../data/idn-area-data/regencies.csv"),
            include_str!("../../data/idn-area-data/districts.csv"),
        )
        .expect("the bundled region lists are valid (checked by the test below)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::region::RegionLevel;

    #[test]
    fn every_city_and_regency_of_indonesia_is_known_with_its_kecamatan() {
        let national = Regions::national();
        assert_eq!(national.at_level(RegionLevel::Province).count(), 38);
        let cities: Vec<_> = national.at_level(RegionLevel::City).collect();
        assert_eq!(cities.len(), 514);
        assert!(
            cities
                .iter()
                .all(|city| national.children(city.code).next().is_some()),
            "a city without kecamatan could not hold an initiative"
        );
        let semarang = "33.74".parse().unwrap();
        assert_eq!(national.name(semarang), Some("Kota Semarang"));
        assert_eq!(national.children(semarang).count(), 16);
        for region in Regions::builtin().iter() {
            assert_eq!(national.name(region.code), Some(region.name.as_str()));
        }
    }
}
