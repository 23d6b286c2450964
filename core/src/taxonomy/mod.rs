//! The official vocabularies: the five helices, the seventeen creative-economy subsectors and the
//! kinds of resource partners exchange. Each is a closed enum with a stable slug (the API's
//! spelling, never translated) and a label in each language (the UI's spelling), kept with every
//! other word in `crate::words`.

mod helix;
mod resource;
mod set;
mod subsector;

pub use helix::{Helix, HelixSet};
pub use resource::{Resource, ResourceSet};
pub use subsector::{Subsector, SubsectorSet};

use crate::lang::Lang;

/// A slug that names no member of a taxonomy. The message lists the accepted slugs, because the
/// person reading it (a developer integrating a city's system) needs exactly that to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {taxonomy} `{slug}`; expected one of: {}", allowed.join(", "))]
pub struct UnknownSlug {
    pub taxonomy: &'static str,
    pub slug: String,
    pub allowed: Vec<&'static str>,
}

/// What every taxonomy offers, so generic code (filters, forms, sets) can treat them alike.
pub trait Taxonomy: Copy + Eq + Ord + 'static {
    /// Singular name of the taxonomy in API messages (`helix`, `subsector`, `resource`).
    const NAME: &'static str;
    const ALL: &'static [Self];
    fn slug(self) -> &'static str;
    fn label(self, lang: Lang) -> &'static str;
    /// Position in `ALL`, which is also the member's bit in its set type.
    fn index(self) -> usize;
    fn from_slug(slug: &str) -> Result<Self, UnknownSlug> {
        Self::ALL
            .iter()
            .copied()
            .find(|m| m.slug() == slug)
            .ok_or_else(|| UnknownSlug {
                taxonomy: Self::NAME,
                slug: slug.to_owned(),
                allowed: Self::ALL.iter().map(|m| m.slug()).collect(),
            })
    }
}

/// Declares a taxonomy enum with its slugs in one table. Its labels are the `words::Labels` field
/// it names, an array as long as the enum, so a member cannot be added without its labels.
///
/// The slug is a `tt`, not a `literal`: a `literal` fragment reaches derive macros wrapped in an
/// invisible group, which utoipa does not read as `#[serde(rename)]`'s string, so the OpenAPI
/// document would name the variants instead of the slugs the API sends.
macro_rules! taxonomy {
    (
        $(#[$meta:meta])*
        $name:ident as $taxonomy:literal, labels $labels:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $slug:tt; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[derive(serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[repr(u8)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $slug)] $variant, )+
        }

        impl $crate::taxonomy::Taxonomy for $name {
            const NAME: &'static str = $taxonomy;
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug,)+ }
            }

            fn label(self, lang: $crate::lang::Lang) -> &'static str {
                $crate::words::labels(lang).$labels[self as usize]
            }

            fn index(self) -> usize {
                self as usize
            }
        }

        impl $name {
            pub const ALL: &'static [Self] = <Self as $crate::taxonomy::Taxonomy>::ALL;

            pub fn slug(self) -> &'static str {
                <Self as $crate::taxonomy::Taxonomy>::slug(self)
            }

            pub fn label(self, lang: $crate::lang::Lang) -> &'static str {
                <Self as $crate::taxonomy::Taxonomy>::label(self, lang)
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::taxonomy::UnknownSlug;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <Self as $crate::taxonomy::Taxonomy>::from_slug(s)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.slug())
            }
        }
    };
}
pub(crate) use taxonomy;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn round_trips<
        T: Taxonomy + std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned,
    >() {
        for &member in T::ALL {
            assert_eq!(T::from_slug(member.slug()), Ok(member));
            let json = serde_json::to_string(&member).unwrap();
            assert_eq!(json, format!("\"{}\"", member.slug()));
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), member);
        }
    }

    #[test]
    fn every_slug_round_trips_through_text_and_json() {
        round_trips::<Helix>();
        round_trips::<Subsector>();
        round_trips::<Resource>();
    }

    #[test]
    fn the_official_lists_have_their_official_sizes() {
        assert_eq!(Helix::ALL.len(), 5);
        assert_eq!(Subsector::ALL.len(), 17);
        assert_eq!(Resource::ALL.len(), 10);
    }

    #[test]
    fn slugs_are_unique_lowercase_kebab_case() {
        fn check<T: Taxonomy>() {
            let mut seen = std::collections::HashSet::new();
            for m in T::ALL {
                let s = m.slug();
                assert!(seen.insert(s), "duplicate slug {s}");
                assert!(s.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{s}");
            }
        }
        check::<Helix>();
        check::<Subsector>();
        check::<Resource>();
    }

    #[test]
    fn every_member_has_a_label_in_both_languages() {
        for lang in Lang::ALL {
            for h in Helix::ALL {
                assert!(!h.label(lang).is_empty());
            }
            for s in Subsector::ALL {
                assert!(!s.label(lang).is_empty());
            }
            for r in Resource::ALL {
                assert!(!r.label(lang).is_empty());
            }
        }
        assert_eq!(Helix::Government.label(Lang::Id), "Pemerintah");
        assert_eq!(Subsector::Kuliner.label(Lang::En), "Culinary");
    }

    #[test]
    fn an_unknown_slug_names_the_allowed_values() {
        let err = "goverment".parse::<Helix>().unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("unknown helix `goverment`"), "{msg}");
        assert!(
            msg.contains("government, academia, business, community, media"),
            "{msg}"
        );

        let json_err = serde_json::from_str::<Subsector>("\"food\"")
            .unwrap_err()
            .to_string();
        assert!(
            json_err.contains("food") && json_err.contains("kuliner"),
            "{json_err}"
        );
    }

    proptest! {
        #[test]
        fn parsing_never_accepts_a_string_that_is_not_a_slug(s in "\\PC{0,24}") {
            if let Ok(h) = s.parse::<Helix>() { prop_assert_eq!(h.slug(), s.as_str()); }
            if let Ok(x) = s.parse::<Subsector>() { prop_assert_eq!(x.slug(), s.as_str()); }
            if let Ok(r) = s.parse::<Resource>() { prop_assert_eq!(r.slug(), s.as_str()); }
        }
    }
}
