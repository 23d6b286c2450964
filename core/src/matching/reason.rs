use crate::lang::Lang;
use crate::region::Nearness;
use crate::taxonomy::{Helix, Resource, Subsector};

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
    /// The reason as a sentence fragment for the UI ("Mengisi kebutuhan: Publikasi").
    pub fn describe(self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self {
            Reason::FillsNeed { resource } => {
                let label = resource.label(lang);
                if en {
                    format!("Fills a need: {label}")
                } else {
                    format!("Mengisi kebutuhan: {label}")
                }
            }
            Reason::BringsHelix { helix, asked: true } => {
                let label = helix.label(lang);
                if en {
                    format!("The helix asked for: {label}")
                } else {
                    format!("Heliks yang diminta: {label}")
                }
            }
            Reason::BringsHelix {
                helix,
                asked: false,
            } => {
                let label = helix.label(lang);
                if en {
                    format!("Brings a missing helix: {label}")
                } else {
                    format!("Melengkapi heliks: {label}")
                }
            }
            Reason::OtherHelix { helix } => {
                let label = helix.label(lang);
                if en {
                    format!("From another helix: {label}")
                } else {
                    format!("Dari heliks lain: {label}")
                }
            }
            Reason::SharesSubsector { subsector } => {
                let label = subsector.label(lang);
                if en {
                    format!("Same subsector: {label}")
                } else {
                    format!("Subsektor sama: {label}")
                }
            }
            Reason::Near { nearness } => match (nearness, en) {
                (Nearness::SameDistrict, false) => "Di kecamatan yang sama".to_owned(),
                (Nearness::SameDistrict, true) => "In the same kecamatan".to_owned(),
                (Nearness::SameCity, false) => "Di kota yang sama".to_owned(),
                (Nearness::SameCity, true) => "In the same city".to_owned(),
                (Nearness::SameProvince, false) => "Di provinsi yang sama".to_owned(),
                (Nearness::SameProvince, true) => "In the same province".to_owned(),
                (Nearness::Far, false) => "Dari kota lain".to_owned(),
                (Nearness::Far, true) => "From another city".to_owned(),
            },
            Reason::Verified if en => "Verified organisation".to_owned(),
            Reason::Verified => "Organisasi terverifikasi".to_owned(),
        }
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
