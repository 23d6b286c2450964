//! An instance's configuration, as the host page gives it (attributes on the element, passed on
//! by the loader). Every field has a sensible default so that a bare `<pentahelix-widget>` works.

use pentahelix_core::api::{DEFAULT_LIMIT, default_region, limit_attribute, region_attribute};
use pentahelix_core::{Lang, RegionCode};

/// What the widget shows. A signal holds it; there is no router, so the host page's links and
/// URL are never touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Initiatives,
    Initiative(i64),
    Propose,
    /// A partner's public page: who it is, what it offers, the initiatives it supports.
    Partner(i64),
    Partners,
    Dashboard,
    /// "Milik saya": sign-in by email and what the address manages.
    Mine,
    Admin,
}

impl View {
    /// The first view, from the `view` attribute.
    pub fn from_slug(slug: &str) -> Option<View> {
        match slug {
            "initiatives" => Some(View::Initiatives),
            "propose" => Some(View::Propose),
            "partners" => Some(View::Partners),
            "dashboard" => Some(View::Dashboard),
            "mine" => Some(View::Mine),
            "admin" => Some(View::Admin),
            _ => {
                let (kind, id) = slug.split_once('/')?;
                let id = id.parse().ok()?;
                match kind {
                    "initiative" => Some(View::Initiative(id)),
                    "partner" => Some(View::Partner(id)),
                    _ => None,
                }
            }
        }
    }

    /// The inverse of [`View::from_slug`]: what a hash deep link holds.
    pub fn slug(self) -> String {
        match self {
            View::Initiatives => "initiatives".into(),
            View::Initiative(id) => format!("initiative/{id}"),
            View::Partner(id) => format!("partner/{id}"),
            View::Propose => "propose".into(),
            View::Partners => "partners".into(),
            View::Dashboard => "dashboard".into(),
            View::Mine => "mine".into(),
            View::Admin => "admin".into(),
        }
    }

    /// The tab a view belongs to (the detail of an initiative belongs to the list).
    pub fn tab(self) -> View {
        match self {
            View::Initiative(_) => View::Initiatives,
            View::Partner(_) => View::Partners,
            other => other,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Base URL of the Pentahelix API; empty means the page's own origin.
    pub api: String,
    /// The city (or kecamatan) this instance shows.
    pub region: RegionCode,
    pub lang: Lang,
    pub view: View,
    /// A CSS colour for `--ph-primary`, already checked to be harmless.
    pub theme: Option<String>,
    /// Initiatives per page of the list (1 to 50): a sidebar shows 3, a full page 12.
    pub limit: u32,
    /// Whether the view follows the page's `#pentahelix/…` hash (the `deeplink` attribute). Off
    /// by default: the URL belongs to the host page.
    pub deeplink: bool,
    /// Shows the widget as a visitor sees it, whoever is signed in on this browser (the
    /// `preview` attribute): the embed-code generator's preview is not an official's workspace.
    pub preview: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            api: String::new(),
            region: default_region(),
            lang: Lang::Id,
            view: View::default(),
            theme: None,
            limit: DEFAULT_LIMIT,
            deeplink: false,
            preview: false,
        }
    }
}

impl Config {
    /// Builds a configuration from attribute-like pairs. Unknown or malformed values fall back to
    /// the defaults rather than failing: an official's typo must not blank the widget.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, String)>) -> Config {
        let mut config = Config::default();
        for (key, value) in pairs {
            let value = value.trim().to_owned();
            match key {
                "api" => config.api = value.trim_end_matches('/').to_owned(),
                "region" => config.region = region_attribute(&value).unwrap_or(config.region),
                "lang" => config.lang = Lang::from_tag(&value).unwrap_or(config.lang),
                "view" => config.view = View::from_slug(&value).unwrap_or(config.view),
                "theme" => config.theme = is_safe_colour(&value).then_some(value),
                "limit" => config.limit = limit_attribute(&value).unwrap_or(config.limit),
                // A boolean attribute: present (any value but "false") means on.
                "deeplink" => config.deeplink = value != "false",
                "preview" => config.preview = value != "false",
                _ => {}
            }
        }
        config
    }
}

/// Accepts `#rgb`, `#rrggbb` and plain colour names: enough for a city's brand colour, and
/// nothing that could close the style attribute or inject another declaration.
fn is_safe_colour(value: &str) -> bool {
    match value.strip_prefix('#') {
        Some(hex) => matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit()),
        None => {
            !value.is_empty() && value.len() <= 20 && value.chars().all(|c| c.is_ascii_alphabetic())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_element_shows_bandung_in_indonesian() {
        let config = Config::from_pairs([]);
        assert_eq!(config.region.to_string(), "32.73");
        assert_eq!(config.lang, Lang::Id);
        assert_eq!(config.view, View::Initiatives);
    }

    #[test]
    fn attributes_override_defaults_and_typos_fall_back() {
        let config = Config::from_pairs([
            ("api", "https://api.example.id/".to_owned()),
            ("region", "36.74".to_owned()),
            ("lang", "en-GB".to_owned()),
            ("theme", "#0a7".to_owned()),
        ]);
        assert_eq!(config.api, "https://api.example.id");
        assert_eq!(config.region.to_string(), "36.74");
        assert_eq!(config.lang, Lang::En);
        assert_eq!(config.theme.as_deref(), Some("#0a7"));

        let typo =
            Config::from_pairs([("region", "36,74".to_owned()), ("lang", "jawa".to_owned())]);
        assert_eq!(typo.region.to_string(), "32.73");
        assert_eq!(typo.lang, Lang::Id);
    }

    #[test]
    fn the_page_size_is_bounded() {
        assert_eq!(Config::from_pairs([("limit", "3".to_owned())]).limit, 3);
        assert_eq!(Config::from_pairs([("limit", "500".to_owned())]).limit, 50);
        assert_eq!(
            Config::from_pairs([("limit", "banyak".to_owned())]).limit,
            12
        );
    }

    #[test]
    fn the_first_view_comes_from_the_view_attribute() {
        assert_eq!(
            Config::from_pairs([("view", "dashboard".to_owned())]).view,
            View::Dashboard
        );
        assert_eq!(
            Config::from_pairs([("view", "initiative/12".to_owned())]).view,
            View::Initiative(12)
        );
        assert_eq!(
            Config::from_pairs([("view", "nonsense".to_owned())]).view,
            View::Initiatives
        );
        assert_eq!(View::Initiative(3).tab(), View::Initiatives);
    }

    #[test]
    fn every_view_survives_the_round_trip_through_its_slug() {
        for view in [
            View::Initiatives,
            View::Initiative(42),
            View::Propose,
            View::Partners,
            View::Dashboard,
            View::Admin,
        ] {
            assert_eq!(View::from_slug(&view.slug()), Some(view));
        }
    }

    #[test]
    fn deep_links_are_off_unless_the_host_asks() {
        assert!(!Config::from_pairs([]).deeplink);
        assert!(Config::from_pairs([("deeplink", String::new())]).deeplink);
        assert!(!Config::from_pairs([("deeplink", "false".to_owned())]).deeplink);
        assert!(Config::from_pairs([("preview", String::new())]).preview);
        assert!(!Config::from_pairs([]).preview);
    }

    #[test]
    fn a_theme_colour_cannot_inject_css() {
        for bad in [
            "red;background:url(x)",
            "#12345g",
            "expression(alert(1))",
            "#fff}",
        ] {
            assert_eq!(
                Config::from_pairs([("theme", bad.to_owned())]).theme,
                None,
                "{bad}"
            );
        }
        assert_eq!(
            Config::from_pairs([("theme", "teal".to_owned())])
                .theme
                .as_deref(),
            Some("teal")
        );
    }
}
