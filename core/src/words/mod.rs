//! Every word a person reads, in Bahasa Indonesia (`id.rs`) and English (`en.rs`): the widget's,
//! the validation messages, the labels of the taxonomies and statuses, the reasons for a match,
//! the server's problem documents and mails, and (written into `embed.js` by the build) the loader's
//! stand-in.
//!
//! A language is a struct literal per part, gathered in a [`Words`]: a string missing in one
//! language is a compile error, and a translator finds every word of a language in one file, in
//! context. A test below checks what the compiler cannot: that no string is empty and that a
//! sentence with blanks (`{min}`, `{n}`) has the same blanks in both languages.
//!
//! Each part is a static of its own and has its own accessor ([`widget`], [`rules`], ...):
//! the widget's wasm then links only the parts it reads. Reaching a part through [`words`] links
//! every part, the server's problem details included, so code the widget runs never does.
//! Statics, not constants: a constant is copied into each crate that inlines an accessor, and the
//! widget's first view carried its part twice (11 KB) once the core read it too (`format`).

mod en;
mod id;
mod mail;
pub mod sentences;
mod widget;

pub use mail::{Decisions, Mail, Notice};
pub use widget::Widget;

use serde::Serialize;

use crate::api::InitiativeStatus;
use crate::lang::Lang;
use crate::taxonomy::{Helix, Resource, Subsector};

/// One language's words, part by part. `Serialize` lets the tests walk every string; nothing
/// serialises it at run time.
#[derive(Debug, Serialize)]
pub struct Words {
    pub widget: &'static Widget,
    pub labels: &'static Labels,
    pub rules: &'static Rules,
    pub reasons: &'static Reasons,
    pub problems: &'static Problems,
    pub mail: &'static Mail,
}

/// The names of the members of each vocabulary, in the order of its `ALL` (its `index()`). The
/// lengths come from the vocabularies, so a member added without its labels does not compile.
#[derive(Debug, Serialize)]
pub struct Labels {
    pub helices: [&'static str; Helix::ALL.len()],
    pub subsectors: [&'static str; Subsector::ALL.len()],
    pub resources: [&'static str; Resource::ALL.len()],
    pub statuses: [&'static str; InitiativeStatus::ALL.len()],
}

/// What is wrong with a field (`validate::Rule`), shown beside it in the form and sent in a
/// problem document's `errors`.
#[derive(Debug, Serialize)]
pub struct Rules {
    pub required: &'static str,
    /// `{min}`: the fewest characters.
    pub too_short: &'static str,
    /// `{max}`: the most characters.
    pub too_long: &'static str,
    pub control_characters: &'static str,
    /// `{max}`: the most choices.
    pub too_many: &'static str,
    pub duplicate: &'static str,
    pub outside_scope: &'static str,
    pub not_a_kecamatan: &'static str,
    pub not_a_city_or_kecamatan: &'static str,
    pub unknown_region: &'static str,
    pub dates_out_of_order: &'static str,
    pub invalid_email: &'static str,
    pub invalid_phone: &'static str,
    pub invalid_website: &'static str,
    pub contact_missing: &'static str,
    pub consent_required: &'static str,
    pub not_offered: &'static str,
    pub not_needed: &'static str,
    pub date_out_of_range: &'static str,
    pub wrong_code: &'static str,
}

/// Why a partner was suggested (`matching::Reason`); `{label}` is a taxonomy member's label.
#[derive(Debug, Serialize)]
pub struct Reasons {
    pub fills_need: &'static str,
    pub asked_helix: &'static str,
    pub brings_helix: &'static str,
    pub other_helix: &'static str,
    pub shares_subsector: &'static str,
    pub same_district: &'static str,
    pub same_city: &'static str,
    pub same_province: &'static str,
    pub far: &'static str,
    pub verified: &'static str,
}

/// The server's problem documents. Only the server reads this part, so it never reaches the
/// widget's wasm.
#[derive(Debug, Serialize)]
pub struct Problems {
    pub not_found: Problem,
    pub method_not_allowed: Problem,
    pub validation: Problem,
    pub unauthorized: Problem,
    pub forbidden: Problem,
    /// The same open offer exists already.
    pub conflict: Problem,
    pub unsupported_media_type: Problem,
    pub payload_too_large: Problem,
    pub rate_limited: Problem,
    pub unavailable: Problem,
    pub idempotency_mismatch: Problem,
    pub idempotency_in_progress: Problem,
    pub internal: Problem,
    /// The title of a request the API does not understand; the detail names the parameter, for
    /// the developer who wrote the request.
    pub bad_request: &'static str,
    /// The title of a change the record's state forbids; the detail says which, as above.
    pub state_conflict: &'static str,
}

/// A problem document's title and detail.
#[derive(Debug, Serialize)]
pub struct Problem {
    pub title: &'static str,
    pub detail: &'static str,
}

/// Every part, for the server and the build. Code the widget runs reads its part through the
/// part's own accessor instead (see the module's comment).
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Id => &id::ID,
        Lang::En => &en::EN,
    }
}

pub fn widget(lang: Lang) -> &'static Widget {
    match lang {
        Lang::Id => &id::WIDGET,
        Lang::En => &en::WIDGET,
    }
}

pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::Id => &id::LABELS,
        Lang::En => &en::LABELS,
    }
}

pub fn rules(lang: Lang) -> &'static Rules {
    match lang {
        Lang::Id => &id::RULES,
        Lang::En => &en::RULES,
    }
}

/// The server's mails.
pub fn mail(lang: Lang) -> &'static Mail {
    match lang {
        Lang::Id => &id::MAIL,
        Lang::En => &en::MAIL,
    }
}

pub fn reasons(lang: Lang) -> &'static Reasons {
    match lang {
        Lang::Id => &id::REASONS,
        Lang::En => &en::REASONS,
    }
}

/// A label as it reads inside a sentence: "Tempat dan ruang" becomes "tempat dan ruang", while
/// an abbreviation at the start ("UMKM") stays as written.
pub fn in_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_owned(),
    }
}

/// Fills the blanks of a sentence: `fill("at least {min}", &[("min", "8")])` is `at least 8`.
/// A blank without a value stays as written, so a mistake shows on screen rather than vanishing.
/// (`split_once` rather than indexing: the widget's wasm then carries no panic for it.)
pub fn fill(sentence: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut rest = sentence;
    while let Some((before, blank)) = rest.split_once('{') {
        out.push_str(before);
        let filled = blank.split_once('}').and_then(|(name, after)| {
            let (_, value) = values.iter().find(|(n, _)| *n == name)?;
            Some((*value, after))
        });
        rest = match filled {
            Some((value, after)) => {
                out.push_str(value);
                after
            }
            None => {
                out.push('{');
                blank
            }
        };
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    use super::*;

    /// Every string of a language with its path (`widget.tabs_initiatives`, `labels.helices.0`).
    fn strings(words: &Words) -> Vec<(String, String)> {
        fn walk(path: String, value: Value, out: &mut Vec<(String, String)>) {
            match value {
                Value::String(s) => out.push((path, s)),
                Value::Object(map) => {
                    for (key, value) in map {
                        walk(format!("{path}.{key}"), value, out);
                    }
                }
                Value::Array(items) => {
                    for (i, value) in items.into_iter().enumerate() {
                        walk(format!("{path}.{i}"), value, out);
                    }
                }
                other => panic!("{path} is {other}, not a string"),
            }
        }
        let mut out = Vec::new();
        walk(
            String::new(),
            serde_json::to_value(words).unwrap(),
            &mut out,
        );
        out
    }

    fn blanks(sentence: &str) -> BTreeSet<&str> {
        sentence
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn no_string_is_empty_and_both_languages_leave_the_same_blanks() {
        let (id, en) = (strings(words(Lang::Id)), strings(words(Lang::En)));
        assert_eq!(id.len(), en.len());
        for ((path, id), (en_path, en)) in id.iter().zip(&en) {
            assert_eq!(path, en_path);
            assert!(!id.trim().is_empty(), "id{path} is empty");
            assert!(!en.trim().is_empty(), "en{path} is empty");
            assert_eq!(blanks(id), blanks(en), "{path}: {id:?} and {en:?}");
        }
    }

    #[test]
    fn each_part_read_alone_is_the_part_of_the_whole() {
        fn json(part: &impl Serialize) -> Value {
            serde_json::to_value(part).unwrap()
        }
        for lang in Lang::ALL {
            let all = words(lang);
            assert_eq!(json(widget(lang)), json(all.widget));
            assert_eq!(json(labels(lang)), json(all.labels));
            assert_eq!(json(rules(lang)), json(all.rules));
            assert_eq!(json(reasons(lang)), json(all.reasons));
        }
    }

    #[test]
    fn labels_in_a_sentence_lose_their_capital_but_not_an_abbreviation() {
        assert_eq!(in_sentence("Tempat dan ruang"), "tempat dan ruang");
        assert_eq!(in_sentence("Venue and space"), "venue and space");
        assert_eq!(in_sentence("UMKM"), "UMKM");
        assert_eq!(in_sentence(""), "");
    }

    #[test]
    fn blanks_are_filled_by_name_and_unknown_ones_stay() {
        let values = [("n", "28"), ("of", "30")];
        assert_eq!(fill("{n} dari {of}", &values), "28 dari 30");
        assert_eq!(fill("{of}/{n}/{of}", &values), "30/28/30");
        assert_eq!(fill("no blanks", &values), "no blanks");
        assert_eq!(fill("{x} and {", &values), "{x} and {");
        assert_eq!(fill("{n}", &[]), "{n}");
        assert_eq!(fill("Ä {n} ü", &values), "Ä 28 ü");
    }
}
