//! Every body the API accepts goes through serde and then the core's tidy-and-validate: whatever
//! the bytes, this never panics, tidying twice changes nothing more than tidying once, and a
//! rejection carries a message in both languages for every field it names.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pentahelix_core::api::{InitiativeInput, PledgeInput, StakeholderInput};
use pentahelix_core::validate::{self, Scope, ValidationErrors};
use pentahelix_core::{Lang, Regions};

fn messages_are_complete(errors: &ValidationErrors) {
    for lang in [Lang::Id, Lang::En] {
        for (field, message) in errors.messages(lang) {
            assert!(!field.is_empty() && !message.is_empty());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let regions = Regions::builtin();
    let served = Regions::builtin_cities();
    let scope = Scope {
        served: &served,
        regions: &regions,
    };
    if let Ok(mut input) = serde_json::from_slice::<InitiativeInput>(data) {
        validate::tidy_initiative(&mut input);
        let once = input.clone();
        validate::tidy_initiative(&mut input);
        assert_eq!(input, once);
        if let Err(errors) = validate::initiative(&input, &scope) {
            messages_are_complete(&errors);
        }
    }
    if let Ok(mut input) = serde_json::from_slice::<StakeholderInput>(data) {
        validate::tidy_stakeholder(&mut input);
        let once = input.clone();
        validate::tidy_stakeholder(&mut input);
        assert_eq!(input, once);
        if let Err(errors) = validate::stakeholder(&input, &scope) {
            messages_are_complete(&errors);
        }
    }
    if let Ok(input) = serde_json::from_slice::<PledgeInput>(data) {
        if let Err(errors) = validate::pledge(&input) {
            messages_are_complete(&errors);
        }
    }
});
