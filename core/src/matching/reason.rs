use crate::lang::Lang;
use crate::region::Nearness;
use crate::taxonomy::{Helix, Resource, Subsector};
use crate::words::fill;

/// One term of a match score, in words a citizen understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Reason {
    /// Offers a resource the initiative still needs.
    FillsNeed {
        resource: Resource,
    },
    /// Is of a helix the initiative has no accepted pledge from yet; `asked` when the owner asked
    /// for that helix by name.
    BringsHelix {
        helix: Helix,
        asked: bool,
    },
    /// Is of another helix than the stakeholder looking for partners.
    OtherHelix {
        helix: Helix,
    },
    SharesSubsector {
        subsector: Subsector,
    },
    /// Works close by (same kecamatan, city or province).
    Near {
        nearness: Nearness,
    },
    /// A city official has verified the organisation.
    Verified,
}

/// A reason with the points it adds to the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoredReason {
    pub reason: Reason,
    pub points: u32,
}

impl Reason {
    /// The reason as a sentence fragment for the UI ("Mengisi kebutuhan: Publikasi"), from
    /// `crate::words`.
    pub fn describe(self, lang: Lang) -> String {
        let words = crate::words::reasons(lang);
        let (sentence, label) = match self {
            Reason::FillsNeed { resource } => (words.fills_need, resource.label(lang)),
            Reason::BringsHelix { helix, asked: true } => (words.asked_helix, helix.label(lang)),
            Reason::BringsHelix { helix, .. } => (words.brings_helix, helix.label(lang)),
            Reason::OtherHelix { helix } => (words.other_helix, helix.label(lang)),
            Reason::SharesSubsector { subsector } => {
                (words.shares_subsector, subsector.label(lang))
            }
            Reason::Near { nearness } => match nearness {
                Nearness::SameDistrict => (words.same_district, ""),
                Nearness::SameCity => (words.same_city, ""),
                Nearness::SameProvince => (words.same_province, ""),
                Nearness::Far => (words.far, ""),
            },
            Reason::Verified => (words.verified, ""),
        };
        fill(sentence, &[("label", label)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_read_as_words_in_both_languages() {
        let r = Reason::FillsNeed {
            resource: Resource::Venue,
        };
        assert_eq!(r.describe(Lang::Id), "Mengisi kebutuhan: Tempat dan ruang");
        assert_eq!(r.describe(Lang::En), "Fills a need: Venue and space");
        let h = Reason::BringsHelix {
            helix: Helix::Media,
            asked: false,
        };
        assert_eq!(h.describe(Lang::En), "Brings a missing helix: Media");
        assert_eq!(
            Reason::Near {
                nearness: Nearness::SameDistrict
            }
            .describe(Lang::Id),
            "Di kecamatan yang sama"
        );
    }

    #[test]
    fn reasons_serialise_with_a_kind_tag() {
        let r = ScoredReason {
            reason: Reason::SharesSubsector {
                subsector: Subsector::Kuliner,
            },
            points: 6,
        };
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"reason":{"kind":"shares-subsector","subsector":"kuliner"},"points":6}"#
        );
    }
}
