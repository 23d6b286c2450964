//! The two languages the product speaks. Bahasa Indonesia comes first: most users are citizens of
//! Indonesian cities, and English is offered to visitors and partners from elsewhere.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Id, Lang::En];

    /// The BCP 47 tag, also the slug used in attributes and query strings.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// Reads a tag such as `en`, `en-GB` or `id-ID`; anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "id" | "in" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the language from an `Accept-Language` header, honouring q-values. Indonesian is the
    /// fallback because it is the language of the cities this serves.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(Lang, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(Lang::from_tag) else {
                continue;
            };
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(_, bq)| q > bq) {
                best = Some((lang, q));
            }
        }
        best.map(|(lang, _)| lang).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_is_the_default_for_missing_or_unknown_languages() {
        assert_eq!(Lang::from_accept_language(""), Lang::Id);
        assert_eq!(Lang::from_accept_language("fr-FR, de;q=0.8"), Lang::Id);
    }

    #[test]
    fn accept_language_honours_quality_values() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Lang::En);
        assert_eq!(
            Lang::from_accept_language("en;q=0.5, id-ID;q=0.9"),
            Lang::Id
        );
        assert_eq!(Lang::from_accept_language("fr, en;q=0.7"), Lang::En);
        assert_eq!(Lang::from_accept_language("en;q=0"), Lang::Id);
    }

    #[test]
    fn tags_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_tag("id-ID"), Some(Lang::Id));
        assert_eq!(Lang::from_tag("jv"), None);
    }
}
