//! Which open initiatives look like the one a citizen is writing, so they can join it instead of
//! splitting its partners with a duplicate (the proposal form shows them as the title is typed).
//!
//! The database finds candidates sharing any significant word (full-text, prefix); this ranks
//! them: a shared word in the title counts twice what one in the description does.

use crate::api::Initiative;

/// How many similar initiatives the form shows.
pub const SHOWN: usize = 5;

/// At most this many words of what was typed are looked for.
const MAX_WORDS: usize = 8;

/// Words that say nothing about what an initiative is, in both languages.
const STOP_WORDS: &[&str] = &[
    "ada", "agar", "akan", "and", "atau", "bagi", "bersama", "dalam", "dan", "dari", "dengan",
    "for", "from", "ini", "itu", "kami", "kita", "kota", "ke", "oleh", "pada", "para", "serta",
    "the", "untuk", "warga", "with", "yang",
];

/// The words of `text` of three letters or more, in lower case.
fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
}

/// The words of `text` worth comparing: lower case, three letters or more, no stop words, each
/// once, the first [`MAX_WORDS`].
pub fn significant_words(text: &str) -> Vec<String> {
    let mut significant: Vec<String> = Vec::new();
    for word in words_of(text) {
        if STOP_WORDS.contains(&word.as_str()) || significant.contains(&word) {
            continue;
        }
        significant.push(word);
        if significant.len() == MAX_WORDS {
            break;
        }
    }
    significant
}

/// How alike `initiative` is to what was typed (its significant `words`): 2 points for each word
/// its title holds, 1 for each its description holds; a word matches the start of a word
/// ("kopi" matches "kopinya"), as the search does.
pub fn likeness(words: &[String], initiative: &Initiative) -> u32 {
    let title: Vec<String> = words_of(&initiative.title).collect();
    let description: Vec<String> = words_of(&initiative.description).collect();
    let holds = |list: &[String], word: &str| list.iter().any(|w| w.starts_with(word));
    words
        .iter()
        .map(|w| {
            if holds(&title, w) {
                2
            } else {
                u32::from(holds(&description, w))
            }
        })
        .sum()
}

/// The candidates most like `words`, best first (newest first among equals), at most [`SHOWN`];
/// one shared description word alone is not enough.
pub fn most_alike(words: &[String], candidates: Vec<Initiative>) -> Vec<Initiative> {
    let mut scored: Vec<(u32, Initiative)> = candidates
        .into_iter()
        .map(|i| (likeness(words, &i), i))
        .filter(|(score, _)| *score >= 2)
        .collect();
    scored.sort_by(|(a, x), (b, y)| b.cmp(a).then(y.id.cmp(&x.id)));
    scored.into_iter().take(SHOWN).map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_short_words_and_repeats_are_not_compared() {
        assert_eq!(
            significant_words("Festival Kopi di Kota Bandung untuk warga, festival KOPI!"),
            ["festival", "kopi", "bandung"]
        );
        assert!(significant_words("di ke dan yang").is_empty());
        assert_eq!(significant_words(&"kata ".repeat(3)), ["kata"]);
        let many = "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh";
        assert_eq!(significant_words(many).len(), MAX_WORDS);
    }
}
