//! The widget's sentences with numbers or names in them, filled from its part of the catalogue.
//! Here rather than in the widget because the server writes some of them into the list's first
//! page, which the widget then takes over word for word.

use super::{fill, widget};
use crate::lang::Lang;

/// `Kecamatan aktif: 28 dari 30`.
pub fn activated(lang: Lang, n: &str, of: &str) -> String {
    fill(widget(lang).activated, &[("n", n), ("of", of)])
}

/// `3 initiatives shown`.
pub fn shown(lang: Lang, n: usize) -> String {
    let t = widget(lang);
    let sentence = if n == 1 { t.shown_one } else { t.shown_many };
    fill(sentence, &[("n", &n.to_string())])
}

/// The coverage pentagon in words, from the labels of the helices involved.
pub fn pentagon_label(lang: Lang, covered: &[&str]) -> String {
    let t = widget(lang);
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
