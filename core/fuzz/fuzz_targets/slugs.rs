//! Taxonomy slugs (`helix=business`, `subsectors: ["kuliner"]`) come from query strings and JSON:
//! an unknown slug is an error naming the allowed ones, a known one round-trips exactly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pentahelix_core::taxonomy::Taxonomy;
use pentahelix_core::{Helix, Resource, Subsector};

fn check<T: Taxonomy + std::fmt::Debug>(text: &str) {
    match T::from_slug(text) {
        Ok(member) => assert_eq!(member.slug(), text),
        Err(unknown) => assert_eq!(unknown.allowed.len(), T::ALL.len()),
    }
}

fuzz_target!(|text: &str| {
    check::<Helix>(text);
    check::<Subsector>(text);
    check::<Resource>(text);
    // The same strings through JSON, as the API reads them.
    let json = serde_json::to_string(text).unwrap();
    if let Ok(helix) = serde_json::from_str::<Helix>(&json) {
        assert_eq!(helix.slug(), text);
    }
});
