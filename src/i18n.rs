//! The widget's own words, one table per language. A struct rather than string keys, so a string
//! missing in one language is a compile error, not a blank button in front of a citizen. Labels
//! of the taxonomies live in `pentahelix-core` beside the taxonomies themselves.

use pentahelix_core::Lang;

pub struct Messages {
    pub app_name: &'static str,
    pub tagline: &'static str,
    /// The language switch names the language it switches *to*, in that language.
    pub switch_language: &'static str,
    pub switch_language_label: &'static str,
    pub helices_heading: &'static str,
    pub helices_intro: &'static str,
    pub subsectors_heading: &'static str,
    pub resources_heading: &'static str,
    pub kecamatan_heading: &'static str,
    pub kecamatan_count: fn(usize) -> String,
    pub pentagon_label: fn(&[&str]) -> String,
    pub region_unknown: &'static str,
}

pub const ID: Messages = Messages {
    app_name: "Pentahelix",
    tagline: "Kolaborasi pemerintah, akademisi, bisnis, komunitas, dan media untuk ekonomi kreatif kota.",
    switch_language: "English",
    switch_language_label: "Switch to English",
    helices_heading: "Lima heliks",
    helices_intro: "Setiap inisiatif tumbuh paling kuat bila kelima heliks ikut serta.",
    subsectors_heading: "17 subsektor ekonomi kreatif",
    resources_heading: "Dukungan yang bisa ditawarkan",
    kecamatan_heading: "Kecamatan",
    kecamatan_count: |n| format!("{n} kecamatan"),
    pentagon_label: |covered| match covered {
        [] => "Belum ada heliks yang terlibat".to_owned(),
        all if all.len() == 5 => "Pentaheliks lengkap: kelima heliks terlibat".to_owned(),
        some => format!("Heliks yang terlibat: {}", some.join(", ")),
    },
    region_unknown: "Wilayah ini belum dikenal oleh widget.",
};

pub const EN: Messages = Messages {
    app_name: "Pentahelix",
    tagline: "Government, academia, business, community and media collaborating on a city's creative economy.",
    switch_language: "Bahasa Indonesia",
    switch_language_label: "Ganti ke Bahasa Indonesia",
    helices_heading: "The five helices",
    helices_intro: "Every initiative grows strongest when all five helices take part.",
    subsectors_heading: "The 17 creative-economy subsectors",
    resources_heading: "Support that can be offered",
    kecamatan_heading: "Kecamatan (districts)",
    kecamatan_count: |n| format!("{n} kecamatan"),
    pentagon_label: |covered| match covered {
        [] => "No helix involved yet".to_owned(),
        all if all.len() == 5 => "Pentahelix complete: all five helices involved".to_owned(),
        some => format!("Helices involved: {}", some.join(", ")),
    },
    region_unknown: "The widget does not know this region yet.",
};

pub fn messages(lang: Lang) -> &'static Messages {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}
