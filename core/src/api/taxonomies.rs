use crate::lang::Lang;
use crate::taxonomy::{Helix, Resource, Subsector, Taxonomy};

/// A label in both languages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Label {
    pub id: String,
    pub en: String,
}

/// One member of a taxonomy: its stable slug and its labels.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Term {
    pub slug: String,
    pub label: Label,
}

/// `GET /api/v1/taxonomy`: every official vocabulary, so another system can build its forms from
/// the same lists the widget uses.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Taxonomies {
    pub helices: Vec<Term>,
    pub subsectors: Vec<Term>,
    pub resources: Vec<Term>,
}

fn terms<T: Taxonomy>() -> Vec<Term> {
    T::ALL
        .iter()
        .map(|m| Term {
            slug: m.slug().to_owned(),
            label: Label {
                id: m.label(Lang::Id).to_owned(),
                en: m.label(Lang::En).to_owned(),
            },
        })
        .collect()
}

impl Taxonomies {
    pub fn official() -> Taxonomies {
        Taxonomies {
            helices: terms::<Helix>(),
            subsectors: terms::<Subsector>(),
            resources: terms::<Resource>(),
        }
    }
}
