//! The coverage pentagon: one vertex per helix, filled where the initiative has that helix.
//! It appears wherever an initiative does, so a reader learns it once and reads it everywhere.
//! Its geometry and words are the core's (`pentahelix_core::pentagon`), which the server's
//! first page draws with too.

use leptos::prelude::*;
use pentahelix_core::pentagon::{coverage_points, label, outline_points, tenths, vertex};
use pentahelix_core::{Helix, HelixSet, Lang};

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
