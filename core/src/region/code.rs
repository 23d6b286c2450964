use std::fmt;
use std::str::FromStr;

/// A validated Kemendagri code of a province, a city/regency or a kecamatan (district).
///
/// Packed into a `u32` (`province << 16 | city << 8 | kecamatan`, zero meaning "absent") so that
/// matching can compare regions with integer operations.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionCode(u32);

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum RegionLevel {
    Province,
    City,
    District,
}

/// How close two regions are, from the matching engine's point of view.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Nearness {
    /// Different provinces.
    Far,
    SameProvince,
    SameCity,
    SameDistrict,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a Kemendagri region code; expected a form like `32`, `32.73` or `32.73.01`")]
pub struct InvalidRegionCode(pub String);

impl RegionCode {
    /// Builds a code from its numeric parts; `city`/`district` of zero mean that level is absent.
    pub fn new(province: u8, city: u8, district: u8) -> Option<RegionCode> {
        let valid = (11..=99).contains(&province)
            && city <= 99
            && district <= 99
            && !(city == 0 && district != 0);
        valid.then(|| {
            RegionCode(u32::from(province) << 16 | u32::from(city) << 8 | u32::from(district))
        })
    }

    pub fn province_code(self) -> u8 {
        (self.0 >> 16) as u8
    }

    pub fn city_code(self) -> u8 {
        (self.0 >> 8) as u8
    }

    pub fn district_code(self) -> u8 {
        self.0 as u8
    }

    pub fn level(self) -> RegionLevel {
        if self.district_code() != 0 {
            RegionLevel::District
        } else if self.city_code() != 0 {
            RegionLevel::City
        } else {
            RegionLevel::Province
        }
    }

    /// The packed form, stable across versions: storage and matching may keep it as an integer.
    pub const fn packed(self) -> u32 {
        self.0
    }

    pub fn from_packed(packed: u32) -> Option<RegionCode> {
        if packed >> 24 != 0 {
            return None;
        }
        RegionCode::new((packed >> 16) as u8, (packed >> 8) as u8, packed as u8)
    }

    pub fn province(self) -> RegionCode {
        RegionCode(self.0 & 0xFF_0000)
    }

    /// The city or regency this code lies in; `None` for a province.
    pub fn city(self) -> Option<RegionCode> {
        (self.level() != RegionLevel::Province).then_some(RegionCode(self.0 & 0xFF_FF00))
    }

    pub fn parent(self) -> Option<RegionCode> {
        match self.level() {
            RegionLevel::Province => None,
            RegionLevel::City => Some(self.province()),
            RegionLevel::District => self.city(),
        }
    }

    /// Whether `other` is this region or lies inside it (`32.73` contains `32.73.01`).
    pub fn contains(self, other: RegionCode) -> bool {
        let mask = match self.level() {
            RegionLevel::Province => 0xFF_0000,
            RegionLevel::City => 0xFF_FF00,
            RegionLevel::District => 0xFF_FFFF,
        };
        other.0 & mask == self.0
    }

    /// The packed codes of this region and everything inside it, as an inclusive range: a
    /// region-prefix filter in storage is `packed BETWEEN low AND high`.
    pub fn packed_range(self) -> (u32, u32) {
        let spread = match self.level() {
            RegionLevel::Province => 0xFFFF,
            RegionLevel::City => 0xFF,
            RegionLevel::District => 0,
        };
        (self.0, self.0 | spread)
    }

    pub fn nearness(self, other: RegionCode) -> Nearness {
        let (a, b) = (self.0, other.0);
        if a >> 16 != b >> 16 {
            Nearness::Far
        } else if a >> 8 != b >> 8 || a & 0xFF00 == 0 {
            Nearness::SameProvince
        } else if a != b || a & 0xFF == 0 {
            Nearness::SameCity
        } else {
            Nearness::SameDistrict
        }
    }
}

impl FromStr for RegionCode {
    type Err = InvalidRegionCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || InvalidRegionCode(s.chars().take(40).collect());
        let mut parts = [0u8; 3];
        for (count, part) in s.split('.').enumerate() {
            if count == 3 || part.len() != 2 || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid());
            }
            let n: u8 = part.parse().map_err(|_| invalid())?;
            // Only the province may be the first level; city and kecamatan numbering starts at 01.
            if n == 0 {
                return Err(invalid());
            }
            parts[count] = n;
        }
        RegionCode::new(parts[0], parts[1], parts[2]).ok_or_else(invalid)
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}", self.province_code())?;
        if self.city_code() != 0 {
            write!(f, ".{:02}", self.city_code())?;
        }
        if self.district_code() != 0 {
            write!(f, ".{:02}", self.district_code())?;
        }
        Ok(())
    }
}

impl fmt::Debug for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RegionCode({self})")
    }
}

impl serde::Serialize for RegionCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for RegionCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for RegionCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            // Province codes run from 11 (Aceh), as `RegionCode::new` checks.
            .pattern(Some(r"^(1[1-9]|[2-9][0-9])(\.(0[1-9]|[1-9][0-9])){0,2}$"))
            .description(Some(
                "Kemendagri region code: province `32`, city `32.73` or kecamatan `32.73.01`",
            ))
            .examples(["32.73.01"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for RegionCode {}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(s: &str) -> RegionCode {
        s.parse().unwrap()
    }

    #[test]
    fn parses_each_level() {
        assert_eq!(code("32").level(), RegionLevel::Province);
        assert_eq!(code("32.73").level(), RegionLevel::City);
        assert_eq!(code("32.73.01").level(), RegionLevel::District);
        assert_eq!(code("32.73.01").to_string(), "32.73.01");
    }

    #[test]
    fn rejects_what_is_not_a_code_and_says_what_is_expected() {
        for bad in [
            "",
            "3",
            "32.",
            "32.7",
            "32.73.1",
            "32.73.01.2001",
            "32.00",
            "00",
            "0x.73",
            "32,73",
            "０２",
            "32.73.01 ",
        ] {
            let err = bad.parse::<RegionCode>().unwrap_err();
            assert!(err.to_string().contains("32.73.01"), "{bad}: {err}");
        }
    }

    #[test]
    fn prefix_relations() {
        assert!(code("32").contains(code("32.73.01")));
        assert!(code("32.73").contains(code("32.73.01")));
        assert!(code("32.73").contains(code("32.73")));
        assert!(!code("32.73").contains(code("32.76.01")));
        assert!(!code("32.73.01").contains(code("32.73")));
        assert_eq!(code("32.73.01").parent(), Some(code("32.73")));
        assert_eq!(code("32.73").parent(), Some(code("32")));
        assert_eq!(code("32").parent(), None);
        assert_eq!(code("32.73.05").city(), Some(code("32.73")));
        assert_eq!(code("32.73.05").province(), code("32"));
    }

    #[test]
    fn nearness_orders_kecamatan_over_city_over_province() {
        let sukasari = code("32.73.01");
        assert_eq!(sukasari.nearness(code("32.73.01")), Nearness::SameDistrict);
        assert_eq!(sukasari.nearness(code("32.73.02")), Nearness::SameCity);
        assert_eq!(sukasari.nearness(code("32.73")), Nearness::SameCity);
        assert_eq!(sukasari.nearness(code("32.76.01")), Nearness::SameProvince);
        assert_eq!(sukasari.nearness(code("36.74.01")), Nearness::Far);
        assert!(
            Nearness::SameDistrict > Nearness::SameCity
                && Nearness::SameCity > Nearness::SameProvince
        );
    }

    #[test]
    fn serialises_as_the_dotted_string() {
        assert_eq!(
            serde_json::to_string(&code("36.74.07")).unwrap(),
            "\"36.74.07\""
        );
        assert!(serde_json::from_str::<RegionCode>("\"36.74.7\"").is_err());
    }

    proptest! {
        #[test]
        fn valid_codes_round_trip_through_text_and_packing(p in 11u8..=99, c in 0u8..=99, d in 0u8..=99) {
            let d = if c == 0 { 0 } else { d };
            let region = RegionCode::new(p, c, d).unwrap();
            prop_assert_eq!(region.to_string().parse::<RegionCode>().unwrap(), region);
            prop_assert_eq!(RegionCode::from_packed(region.packed()), Some(region));
            prop_assert!(region.province().contains(region));
            let (low, high) = region.province().packed_range();
            prop_assert!((low..=high).contains(&region.packed()));
            if let Some(city) = region.city() {
                let (low, high) = city.packed_range();
                prop_assert!((low..=high).contains(&region.packed()));
            }
        }

        #[test]
        fn parsing_arbitrary_text_never_panics(s in "\\PC{0,16}") {
            if let Ok(region) = s.parse::<RegionCode>() {
                prop_assert_eq!(region.to_string(), s);
            }
        }
    }
}
