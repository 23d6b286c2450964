//! The coverage pentagon's geometry and colours, shared by the widget's SVG and the server's
//! preview image (a shared link's picture), so both draw the same shape.

use crate::Helix;

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
