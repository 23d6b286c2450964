//! The idn-area-data importer reads CSV files an operator downloads: a malformed file is an error
//! naming the file and line, never a panic, and an accepted one holds only codes whose parents
//! were loaded too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pentahelix_core::Regions;

fuzz_target!(|data: &[u8]| {
    // The three files, separated by NUL bytes (which no CSV of theirs contains).
    let text = String::from_utf8_lossy(data);
    let mut files = text.splitn(3, '\0');
    let (provinces, regencies, districts) = (
        files.next().unwrap_or_default(),
        files.next().unwrap_or_default(),
        files.next().unwrap_or_default(),
    );
    match Regions::from_idn_area_csv(provinces, regencies, districts) {
        Ok(regions) => {
            for region in regions.iter() {
                if let Some(parent) = region.code.parent() {
                    assert!(
                        regions.contains(parent),
                        "{:?} without its parent",
                        region.code
                    );
                }
            }
        }
        Err(err) => assert!(!err.to_string().is_empty()),
    }
});
