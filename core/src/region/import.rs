//! Loading the national region lists published as `idn-area-data` (npm, ODbL): `provinces.csv`
//! (`code,name`), `regencies.csv` (`code,province_code,name`) and `districts.csv`
//! (`code,regency_code,name`). Columns are found by header name, so a later release that adds a
//! column still loads.

use super::{RegionCode, RegionLevel, Regions};

/// Why a region file could not be loaded, with the file and line a person must look at.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegionImportError {
    #[error("{file}: the header has no `{column}` column")]
    MissingColumn {
        file: &'static str,
        column: &'static str,
    },
    #[error("{file}, line {line}: {message}")]
    BadRow {
        file: &'static str,
        line: u64,
        message: String,
    },
}

impl Regions {
    /// Parses the three `idn-area-data` files. Every code must be valid, of the file's level, and
    /// agree with its parent column; a bad row fails the whole load rather than being skipped, so
    /// a deployment never runs with a silently partial map.
    pub fn from_idn_area_csv(
        provinces: &str,
        regencies: &str,
        districts: &str,
    ) -> Result<Regions, RegionImportError> {
        let mut regions = Regions::new();
        load(
            &mut regions,
            "provinces.csv",
            provinces,
            RegionLevel::Province,
            None,
        )?;
        load(
            &mut regions,
            "regencies.csv",
            regencies,
            RegionLevel::City,
            Some("province_code"),
        )?;
        load(
            &mut regions,
            "districts.csv",
            districts,
            RegionLevel::District,
            Some("regency_code"),
        )?;
        Ok(regions)
    }
}

fn load(
    regions: &mut Regions,
    file: &'static str,
    text: &str,
    level: RegionLevel,
    parent_column: Option<&'static str>,
) -> Result<(), RegionImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| RegionImportError::BadRow {
            file,
            line: 1,
            message: e.to_string(),
        })?
        .clone();
    let column = |column: &'static str| {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == column)
            .ok_or(RegionImportError::MissingColumn { file, column })
    };
    let code_at = column("code")?;
    let name_at = column("name")?;
    let parent_at = parent_column.map(column).transpose()?;

    for record in reader.records() {
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(0, |p| p.line());
        let bad = |message: String| RegionImportError::BadRow {
            file,
            line,
            message,
        };
        let record = record.map_err(|e| bad(e.to_string()))?;
        let field = |at: usize| record.get(at).unwrap_or_default();
        let code: RegionCode = field(code_at)
            .parse()
            .map_err(|e: super::InvalidRegionCode| bad(e.to_string()))?;
        if code.level() != level {
            return Err(bad(format!(
                "`{code}` is a {:?} code, not a {level:?} code",
                code.level()
            )));
        }
        if let Some(at) = parent_at {
            let parent = field(at);
            if code.parent().map(|p| p.to_string()).as_deref() != Some(parent) {
                return Err(bad(format!(
                    "`{code}` does not lie in its parent `{parent}`"
                )));
            }
            // Found by fuzzing: a row whose parent is missing from the file above it would
            // load as an orphan, a region no province or city leads to.
            if code.parent().is_some_and(|p| !regions.contains(p)) {
                return Err(bad(format!(
                    "`{code}`'s parent `{parent}` is not in the file of the level above"
                )));
            }
        }
        let name = field(name_at);
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(bad(format!("`{code}` has an empty or unreadable name")));
        }
        regions.insert(code, name);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROVINCES: &str = include_str!("../../data/idn-area-data/provinces.csv");
    const REGENCIES: &str = include_str!("../../data/idn-area-data/regencies.csv");
    const DISTRICTS: &str = include_str!("../../data/idn-area-data/districts.csv");

    #[test]
    fn loads_all_of_indonesia() {
        let regions = Regions::from_idn_area_csv(PROVINCES, REGENCIES, DISTRICTS).unwrap();
        assert_eq!(regions.at_level(RegionLevel::Province).count(), 38);
        assert_eq!(regions.at_level(RegionLevel::City).count(), 514);
        assert_eq!(regions.at_level(RegionLevel::District).count(), 7_285);
        // A quoted name with an embedded quote survives.
        assert_eq!(regions.name("35.29.22".parse().unwrap()), Some("Ra\"as"));
    }

    #[test]
    fn columns_are_found_by_name_in_any_order() {
        let regions = Regions::from_idn_area_csv(
            "name,code\nJawa Barat,32\n",
            "name,code,province_code\nKota Bandung,32.73,32\n",
            "\u{feff}code,name,regency_code,extra\n32.73.01,Sukasari,32.73,x\n",
        )
        .unwrap();
        assert_eq!(regions.len(), 3);
        assert_eq!(regions.name("32.73.01".parse().unwrap()), Some("Sukasari"));
    }

    #[test]
    fn a_bad_row_names_the_file_and_line() {
        let err = Regions::from_idn_area_csv(
            "code,name\n32,Jawa Barat\n",
            "code,province_code,name\n32.73,32,Kota Bandung\n32.7x,32,Kota Rusak\n",
            "code,regency_code,name\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "regencies.csv, line 3: `32.7x` is not a Kemendagri region code; expected a form like `32`, `32.73` or `32.73.01`"
        );
    }

    #[test]
    fn rows_must_agree_with_their_level_and_parent() {
        let wrong_level = Regions::from_idn_area_csv(
            "code,name\n32.73,Kota Bandung\n",
            "code,province_code,name\n",
            "code,regency_code,name\n",
        );
        assert!(matches!(
            wrong_level,
            Err(RegionImportError::BadRow { line: 2, .. })
        ));
        let wrong_parent = Regions::from_idn_area_csv(
            "code,name\n",
            "code,province_code,name\n",
            "code,regency_code,name\n32.73.01,32.76,Sukasari\n",
        )
        .unwrap_err();
        assert!(
            wrong_parent
                .to_string()
                .contains("does not lie in its parent `32.76`")
        );
        let missing = Regions::from_idn_area_csv("kode,nama\n", "", "").unwrap_err();
        assert_eq!(
            missing,
            RegionImportError::MissingColumn {
                file: "provinces.csv",
                column: "code"
            }
        );
    }

    #[test]
    fn a_row_whose_parent_was_not_loaded_is_refused() {
        let err = Regions::from_idn_area_csv(
            "code,name\n51,Bali\n",
            "code,province_code,name\n11.01,11,Kabupaten Aceh Selatan\n",
            "code,regency_code,name\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("regencies.csv, line 2") && err.contains("`11`"),
            "{err}"
        );
    }

    #[test]
    fn an_empty_name_is_refused() {
        let err = Regions::from_idn_area_csv(
            "code,name\n32,\n",
            "code,province_code,name\n",
            "code,regency_code,name\n",
        );
        assert!(err.is_err());
    }
}
