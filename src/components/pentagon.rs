//! The coverage pentagon: one vertex per helix, filled where the initiative has that helix.
//! It appears wherever an initiative does, so a reader learns it once and reads it everywhere.

use leptos::prelude::*;
use pentahelix_core::pentagon::vertex;
use pentahelix_core::{Helix, HelixSet, Lang};

use crate::i18n::pentagon_label;

/// `v` with one decimal, rounded half away from zero, through integers: float formatting code
/// would weigh more in the first view than this whole component. `{v:.1}` rounds the exact
/// binary value instead, so at a few halves the two differ by a tenth of a view-box unit, which
/// no one can see.
fn tenths(v: f64) -> String {
    let t = (v * 10.0).round() as i64;
    let sign = if t < 0 { "-" } else { "" };
    let t = t.unsigned_abs();
    format!("{sign}{}.{}", t / 10, t % 10)
}

/// The polygon of covered helices, drawn through the centre where a helix is missing, so the
/// filled shape grows towards a full pentagon as helices join.
pub fn coverage_points(coverage: HelixSet, c: f64, r: f64) -> String {
    Helix::ALL
        .iter()
        .enumerate()
        .map(|(n, h)| {
            let (x, y) = if coverage.contains(*h) {
                vertex(n, c, r)
            } else {
                (c, c)
            };
            format!("{},{}", tenths(x), tenths(y))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn outline_points(c: f64, r: f64) -> String {
    (0..5)
        .map(|n| vertex(n, c, r))
        .map(|(x, y)| format!("{},{}", tenths(x), tenths(y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The accessible name: the covered helices in words, since the shape says nothing to a screen
/// reader.
pub fn label(coverage: HelixSet, lang: Lang) -> String {
    let names: Vec<&str> = coverage.iter().map(|h| h.label(lang)).collect();
    pentagon_label(lang, &names)
}

/// Draws the pentagon for `coverage` at `size` pixels.
#[component]
pub fn CoveragePentagon(
    #[prop(into)] coverage: Signal<HelixSet>,
    #[prop(into)] lang: Signal<Lang>,
    #[prop(default = 48)] size: u32,
) -> impl IntoView {
    const C: f64 = 50.0;
    // Leaves room for the vertex dots (radius 7) inside the 100 × 100 view box.
    const R: f64 = 40.0;
    view! {
        <svg
            class="ph-pentagon"
            viewBox="0 0 100 100"
            width=size
            height=size
            role="img"
            aria-label=move || label(coverage.get(), lang.get())
        >
            <polygon class="ph-pentagon__outline" points=outline_points(C, R) />
            <polygon
                class="ph-pentagon__fill"
                points=move || coverage_points(coverage.get(), C, R)
            />
            {Helix::ALL
                .iter()
                .enumerate()
                .map(|(n, h)| {
                    let (x, y) = vertex(n, C, R);
                    let helix = *h;
                    view! {
                        <circle
                            class=move || {
                                if coverage.get().contains(helix) {
                                    format!(
                                        "ph-pentagon__dot ph-pentagon__dot--on ph-helix--{}",
                                        helix.slug(),
                                    )
                                } else {
                                    "ph-pentagon__dot".to_owned()
                                }
                            }
                            cx=tenths(x)
                            cy=tenths(y)
                            r="7"
                        />
                    }
                })
                .collect_view()}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_written_with_one_decimal() {
        for (v, written) in [
            (0.0, "0.0"),
            (0.04, "0.0"),
            (0.05, "0.1"),
            (9.96, "10.0"),
            (37.639, "37.6"),
            (88.042, "88.0"),
            (99.99, "100.0"),
            (-0.3, "-0.3"),
            (-12.36, "-12.4"),
        ] {
            assert_eq!(tenths(v), written, "{v}");
        }
    }

    #[test]
    fn missing_helices_collapse_to_the_centre() {
        let only_government = coverage_points(HelixSet::of(Helix::Government), 50.0, 40.0);
        assert_eq!(
            only_government,
            "50.0,10.0 50.0,50.0 50.0,50.0 50.0,50.0 50.0,50.0"
        );
        assert!(!coverage_points(HelixSet::all(), 50.0, 40.0).contains("50.0,50.0"));
    }

    #[test]
    fn the_accessible_name_lists_the_covered_helices() {
        let set: HelixSet = [Helix::Government, Helix::Media].into_iter().collect();
        assert_eq!(
            label(set, Lang::Id),
            "Heliks yang terlibat: Pemerintah, Media"
        );
        assert_eq!(label(set, Lang::En), "Helices involved: Government, Media");
        assert_eq!(label(HelixSet::empty(), Lang::En), "No helix involved yet");
        assert_eq!(
            label(HelixSet::all(), Lang::Id),
            "Pentahelix lengkap: kelima heliks terlibat"
        );
    }
}
