//! The widget's words: its part of the catalogue in `pentahelix_core::words`, where every
//! language's words are one struct literal (a missing one does not compile) beside the validation
//! messages and labels the widget also shows. The views read them as `ctx.t().name`; the sentences
//! with numbers or names are filled here.

use pentahelix_core::Lang;
use pentahelix_core::words::{self, fill};

/// The views' name for the widget's part of the catalogue.
pub use pentahelix_core::words::Widget as Messages;

/// The widget's part alone: through `words::widget` the wasm links no other part, such as the
/// server's problem details.
pub fn messages(lang: Lang) -> &'static Messages {
    words::widget(lang)
}

/// `Kecamatan aktif: 28 dari 30`.
pub fn activated(lang: Lang, n: &str, of: &str) -> String {
    fill(messages(lang).activated, &[("n", n), ("of", of)])
}

/// `3 initiatives shown`.
pub fn shown(lang: Lang, n: usize) -> String {
    let t = messages(lang);
    let sentence = if n == 1 { t.shown_one } else { t.shown_many };
    fill(sentence, &[("n", &n.to_string())])
}

/// The coverage pentagon in words, from the labels of the helices involved.
pub fn pentagon_label(lang: Lang, covered: &[&str]) -> String {
    let t = messages(lang);
    match covered {
        [] => t.pentagon_none.to_owned(),
        all if all.len() == 5 => t.pentagon_complete.to_owned(),
        some => fill(t.pentagon_some, &[("helices", &some.join(", "))]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentences_with_numbers_read_as_before() {
        assert_eq!(
            activated(Lang::Id, "28", "30"),
            "Kecamatan aktif: 28 dari 30"
        );
        assert_eq!(
            activated(Lang::En, "1.234", "30"),
            "Kecamatan activated: 1.234 of 30"
        );
        assert_eq!(shown(Lang::En, 1), "1 initiative shown");
        assert_eq!(shown(Lang::En, 12), "12 initiatives shown");
        assert_eq!(shown(Lang::Id, 1), "1 inisiatif ditampilkan");
        assert_eq!(
            pentagon_label(Lang::Id, &[]),
            "Belum ada heliks yang terlibat"
        );
        assert_eq!(
            pentagon_label(Lang::En, &["a", "b", "c", "d", "e"]),
            "Pentahelix complete: all five helices involved"
        );
        assert_eq!(
            pentagon_label(Lang::Id, &["Pemerintah", "Media"]),
            "Heliks yang terlibat: Pemerintah, Media"
        );
    }
}
