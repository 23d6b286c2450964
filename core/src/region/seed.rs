//! The seed cities every deployment knows without loading a file: the programs DESIGN.md names
//! (Bandung, Depok, Tangerang Selatan, Metro, Malang). Names and codes are from `idn-area-data`
//! 4.0.1 (ODbL; see `core/data/idn-area-data/ATTRIBUTION.md`).

use super::{RegionCode, Regions};

const PROVINCES: &[(u8, &str)] = &[
    (18, "Lampung"),
    (32, "Jawa Barat"),
    (35, "Jawa Timur"),
    (36, "Banten"),
];

/// Each seed city with its kecamatan in code order (`.01`, `.02`, …).
const CITIES: &[(u8, u8, &str, &[&str])] = &[
    (
        18,
        72,
        "Kota Metro",
        &[
            "Metro Pusat",
            "Metro Utara",
            "Metro Barat",
            "Metro Timur",
            "Metro Selatan",
        ],
    ),
    (
        32,
        73,
        "Kota Bandung",
        &[
            "Sukasari",
            "Coblong",
            "Babakan Ciparay",
            "Bojongloa Kaler",
            "Andir",
            "Cicendo",
            "Sukajadi",
            "Cidadap",
            "Bandung Wetan",
            "Astanaanyar",
            "Regol",
            "Batununggal",
            "Lengkong",
            "Cibeunying Kidul",
            "Bandung Kulon",
            "Kiaracondong",
            "Bojongloa Kidul",
            "Cibeunying Kaler",
            "Sumur Bandung",
            "Antapani",
            "Bandung Kidul",
            "Buahbatu",
            "Rancasari",
            "Arcamanik",
            "Cibiru",
            "Ujungberung",
            "Gedebage",
            "Panyileukan",
            "Cinambo",
            "Mandalajati",
        ],
    ),
    (
        32,
        76,
        "Kota Depok",
        &[
            "Pancoran Mas",
            "Cimanggis",
            "Sawangan",
            "Limo",
            "Sukmajaya",
            "Beji",
            "Cipayung",
            "Cilodong",
            "Cinere",
            "Tapos",
            "Bojongsari",
        ],
    ),
    (
        35,
        73,
        "Kota Malang",
        &["Blimbing", "Klojen", "Kedungkandang", "Sukun", "Lowokwaru"],
    ),
    (
        36,
        74,
        "Kota Tangerang Selatan",
        &[
            "Serpong",
            "Serpong Utara",
            "Pondok Aren",
            "Ciputat",
            "Ciputat Timur",
            "Pamulang",
            "Setu",
        ],
    ),
];

impl Regions {
    /// The seed cities, their provinces and all their kecamatan.
    pub fn builtin() -> Regions {
        let mut regions = Regions::new();
        for &(province, name) in PROVINCES {
            regions.insert(code(province, 0, 0), name);
        }
        for &(province, city, name, districts) in CITIES {
            regions.insert(code(province, city, 0), name);
            for (i, district) in districts.iter().enumerate() {
                let number = u8::try_from(i + 1).expect("fewer than 100 kecamatan per city");
                regions.insert(code(province, city, number), *district);
            }
        }
        regions
    }

    /// The codes of the seed cities, the default scope of a new deployment.
    pub fn builtin_cities() -> Vec<RegionCode> {
        CITIES.iter().map(|&(p, c, _, _)| code(p, c, 0)).collect()
    }
}

fn code(province: u8, city: u8, district: u8) -> RegionCode {
    RegionCode::new(province, city, district).expect("seed codes are valid")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::region::RegionLevel;

    #[test]
    fn seed_cities_have_the_kecamatan_counts_their_programs_plan_for() {
        let regions = Regions::builtin();
        let count = |c: &str| regions.children(c.parse().unwrap()).count();
        assert_eq!(
            count("32.73"),
            30,
            "Bandung's co-working target is all 30 kecamatan"
        );
        assert_eq!(count("32.76"), 11);
        assert_eq!(count("36.74"), 7);
        assert_eq!(count("18.72"), 5);
        assert_eq!(count("35.73"), 5);
        assert_eq!(regions.at_level(RegionLevel::Province).count(), 4);
        assert_eq!(Regions::builtin_cities().len(), 5);
    }
}
