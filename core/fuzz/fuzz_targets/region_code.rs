//! Region codes arrive in URLs, query strings and JSON from anyone: parsing never panics, and
//! every accepted code prints back to a form that parses to the same code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pentahelix_core::RegionCode;

fuzz_target!(|text: &str| {
    let Ok(code) = text.parse::<RegionCode>() else {
        return;
    };
    let printed = code.to_string();
    assert_eq!(
        printed.parse::<RegionCode>().ok(),
        Some(code),
        "{text:?} → {printed}"
    );
    assert_eq!(RegionCode::from_packed(code.packed()), Some(code));
    assert!(code.contains(code));
    assert!(code.province().contains(code));
    if let Some(parent) = code.parent() {
        assert!(parent.contains(code) && !code.contains(parent));
    }
    let (low, high) = code.packed_range();
    assert!(low <= code.packed() && code.packed() <= high);
    let _ = code.nearness(code.province());
});
