//! The coverage pentagon's geometry, words and colours, shared by the widget's SVG, the server's
//! preview image (a shared link's picture) and the list's first page the server paints, so all
//! three draw the same shape.

use crate::lang::Lang;
use crate::words::sentences::pentagon_label;
use crate::{Helix, HelixSet};

/// The vertices of the unit pentagon, first at the top and going clockwise (cosine and sine of
/// -90°, -18°, 54°, 126° and 198°). Written out rather than computed: the trigonometry and float
/// formatting code they would pull in weighed more in the widget's first view than the widget's
/// whole pentagon component.
const UNIT: [(f64, f64); 5] = [
    (0.0, -1.0),
    (0.951_056_516_295_153_5, -0.309_016_994_374_947_4),
    (0.587_785_252_292_473_1, 0.809_016_994_374_947_5),
    (-0.587_785_252_292_473_1, 0.809_016_994_374_947_5),
    (-0.951_056_516_295_153_5, -0.309_016_994_374_947_4),
];

/// Vertex `n` of a regular pentagon of radius `r` around (`c`, `c`), first vertex at the top and
/// going clockwise in helix order.
pub fn vertex(n: usize, c: f64, r: f64) -> (f64, f64) {
    let (x, y) = UNIT[n % 5];
    (c + r * x, c + r * y)
}

/// `v` with one decimal, rounded half away from zero, through integers: float formatting code
/// would weigh more in the widget's first view than its whole pentagon component. `{v:.1}`
/// rounds the exact binary value instead, so at a few halves the two differ by a tenth of a
/// view-box unit, which no one can see.
pub fn tenths(v: f64) -> String {
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

/// The whole pentagon's outline.
pub fn outline_points(c: f64, r: f64) -> String {
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

/// Each helix's colour as RGB, the defaults of the widget's `--ph-helix-*` properties (a test
/// reads the stylesheet to keep the two equal).
pub fn colour(helix: Helix) -> [u8; 3] {
    match helix {
        Helix::Government => [0x1f, 0x5f, 0xa8],
        Helix::Academia => [0x7a, 0x3f, 0xa0],
        Helix::Business => [0xb3, 0x59, 0x00],
        Helix::Community => [0x0b, 0x7a, 0x3e],
        Helix::Media => [0xb0, 0x28, 0x4a],
    }
}

/// The widget's default `--ph-primary`, which fills the covered part.
pub const PRIMARY: [u8; 3] = [0x0b, 0x6e, 0x4f];
/// The widget's default `--ph-border`, which draws the outline.
pub const BORDER: [u8; 3] = [0xd3, 0xda, 0xd6];

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

    #[test]
    fn the_first_vertex_is_at_the_top_and_all_lie_on_the_circle() {
        let (x, y) = vertex(0, 50.0, 40.0);
        assert!((x - 50.0).abs() < 1e-9 && (y - 10.0).abs() < 1e-9);
        for n in 0..5 {
            let (x, y) = vertex(n, 50.0, 40.0);
            assert!(((x - 50.0).hypot(y - 50.0) - 40.0).abs() < 1e-9);
        }
    }

    #[test]
    fn the_written_out_vertices_are_the_computed_ones() {
        for (n, (x, y)) in UNIT.iter().enumerate() {
            let angle = -std::f64::consts::FRAC_PI_2 + n as f64 * 2.0 * std::f64::consts::PI / 5.0;
            assert!((x - angle.cos()).abs() < 1e-12 && (y - angle.sin()).abs() < 1e-12);
        }
    }

    /// A city that restyles its widget changes the custom properties, not these defaults; the
    /// shared preview image must look like the widget it links to.
    #[test]
    fn the_colours_are_the_stylesheets_defaults() {
        let css = include_str!("../../style/widget.css");
        let hex = |[r, g, b]: [u8; 3]| format!("#{r:02x}{g:02x}{b:02x}");
        for helix in Helix::ALL {
            let declared = format!("--ph-helix-{}: {};", helix.slug(), hex(colour(*helix)));
            assert!(
                css.contains(&declared),
                "style/widget.css lacks `{declared}`"
            );
        }
        assert!(css.contains(&format!("--ph-primary: {};", hex(PRIMARY))));
        assert!(css.contains(&format!("--ph-border: {};", hex(BORDER))));
    }
}
