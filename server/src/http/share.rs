//! A shared initiative's link: `/share/initiatives/{id}?page=…`. A chat app fetching it reads
//! Open Graph tags (title, description, the coverage pentagon as a picture) and shows a preview
//! card; a browser is sent on at once to the city's page that embeds the widget, opened at the
//! initiative. The city's page is the one the link was shared from, accepted only when its
//! origin is this server's or one of `--allowed-origins` (anything else would make this server
//! an open redirect); otherwise the server's own page.

use std::sync::OnceLock;

use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use pentahelix_core::api::InitiativeId;
use pentahelix_core::pentagon::{self, vertex};
use pentahelix_core::words;
use pentahelix_core::{Helix, HelixSet};
use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Stroke, Transform};

use crate::error::Error;
use crate::http::extract::{AcceptLang, PathParam};
use crate::http::origin::origin_of;
use crate::notify::letters::escape;
use crate::state::AppState;

/// The size chat apps show large (Open Graph's common 1.91:1).
const WIDTH: u32 = 1200;
const HEIGHT: u32 = 630;
/// Previews and the pages behind them change rarely; a chat app or a proxy may keep them.
const CACHE: &str = "public, max-age=300";

#[derive(Debug, serde::Deserialize)]
pub struct Shared {
    /// The page the link was shared from, without its fragment.
    #[serde(default)]
    page: Option<String>,
}

/// Where a browser goes: the shared-from page when its origin is allowed, else the server's own.
fn city_page(state: &AppState, page: Option<&str>) -> String {
    let own = state.public_url().trim_end_matches('/');
    let allowed = |origin: &str| {
        origin_of(own).as_deref() == Some(origin)
            || state
                .allowed_origins()
                .iter()
                .any(|o| o.trim_end_matches('/').eq_ignore_ascii_case(origin))
    };
    page.map(|p| p.split('#').next().unwrap_or_default())
        .filter(|p| origin_of(p).is_some_and(|o| allowed(&o)))
        .map_or_else(|| format!("{own}/"), str::to_owned)
}

/// The first sentences of a description, cut at a word for a preview line.
fn summary(text: &str) -> String {
    const MAX: usize = 200;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= MAX {
        return text;
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

pub async fn page(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    PathParam(id): PathParam<i64>,
    Query(shared): Query<Shared>,
) -> Result<Response, Error> {
    let initiative = state
        .store()
        .initiative(InitiativeId(id))
        .await?
        .filter(|i| state.serves(i.region) && i.status.is_listed())
        .ok_or(Error::NotFound)?;
    let target = format!(
        "{}#pentahelix/initiative/{}",
        city_page(&state, shared.page.as_deref()),
        initiative.id.0
    );
    let image = format!(
        "{}/share/pentagon/{}.png",
        state.public_url().trim_end_matches('/'),
        initiative.coverage.bits()
    );
    let title = escape(&initiative.title);
    let description = escape(&summary(&initiative.description));
    let target = escape(&target);
    let html = format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title>\
         <meta name=\"description\" content=\"{description}\">\
         <meta property=\"og:type\" content=\"website\">\
         <meta property=\"og:site_name\" content=\"Pentahelix\">\
         <meta property=\"og:title\" content=\"{title}\">\
         <meta property=\"og:description\" content=\"{description}\">\
         <meta property=\"og:url\" content=\"{target}\">\
         <meta property=\"og:image\" content=\"{image}\">\
         <meta property=\"og:image:width\" content=\"{WIDTH}\">\
         <meta property=\"og:image:height\" content=\"{HEIGHT}\">\
         <meta name=\"twitter:card\" content=\"summary_large_image\">\
         <link rel=\"canonical\" href=\"{target}\">\
         <meta http-equiv=\"refresh\" content=\"0; url={target}\">\
         </head><body style=\"font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem\">\
         <p>{opening}</p><p><a href=\"{target}\">{title}</a></p></body></html>",
        lang = lang.tag(),
        opening = escape(words::mail(lang).share_opening),
    );
    let mut response = Html(html).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE));
    Ok(response)
}

/// The picture of a coverage: `/share/pentagon/{bits}.png`, one of 32, drawn once each.
pub async fn picture(PathParam(name): PathParam<String>) -> Result<Response, Error> {
    let bits = name
        .strip_suffix(".png")
        .and_then(|bits| bits.parse::<u8>().ok())
        .filter(|bits| *bits < 32)
        .ok_or(Error::NotFound)?;
    static DRAWN: [OnceLock<Vec<u8>>; 32] = [const { OnceLock::new() }; 32];
    let png = DRAWN[usize::from(bits)].get_or_init(|| draw(HelixSet::from_bits(u16::from(bits))));
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/png")),
            // The picture of a set of bits never changes.
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        png.clone(),
    )
        .into_response())
}

fn rgba([r, g, b]: [u8; 3], alpha: u8) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(Color::from_rgba8(r, g, b, alpha));
    paint.anti_alias = true;
    paint
}

/// The widget's pentagon, large: the outline, the covered part filled, a dot per helix in its
/// colour where covered.
fn draw(coverage: HelixSet) -> Vec<u8> {
    let mut pixmap = Pixmap::new(WIDTH, HEIGHT).expect("a non-empty canvas");
    pixmap.fill(Color::from_rgba8(0xf4, 0xf8, 0xf6, 0xff));
    let (cx, cy, r) = (
        f64::from(WIDTH) / 2.0,
        f64::from(HEIGHT) / 2.0 + 15.0,
        250.0,
    );
    let at = |n: usize, to_centre: bool| {
        let (x, y) = vertex(n, 0.0, r);
        if to_centre {
            (cx as f32, cy as f32)
        } else {
            ((cx + x) as f32, (cy + y) as f32)
        }
    };
    let polygon = |points: Vec<(f32, f32)>| {
        let mut path = PathBuilder::new();
        path.move_to(points[0].0, points[0].1);
        for (x, y) in &points[1..] {
            path.line_to(*x, *y);
        }
        path.close();
        path.finish().expect("a closed polygon")
    };
    let outline = polygon((0..5).map(|n| at(n, false)).collect());
    let stroke = Stroke {
        width: 10.0,
        ..Stroke::default()
    };
    pixmap.fill_path(
        &outline,
        &rgba([0xff, 0xff, 0xff], 0xff),
        FillRule::Winding,
        Transform::identity(),
        None,
    );
    pixmap.stroke_path(
        &outline,
        &rgba(pentagon::BORDER, 0xff),
        &stroke,
        Transform::identity(),
        None,
    );
    if !coverage.is_empty() {
        let covered = polygon(
            Helix::ALL
                .iter()
                .enumerate()
                .map(|(n, h)| at(n, !coverage.contains(*h)))
                .collect(),
        );
        pixmap.fill_path(
            &covered,
            &rgba(pentagon::PRIMARY, 0x40),
            FillRule::Winding,
            Transform::identity(),
            None,
        );
        pixmap.stroke_path(
            &covered,
            &rgba(pentagon::PRIMARY, 0xff),
            &stroke,
            Transform::identity(),
            None,
        );
    }
    for (n, helix) in Helix::ALL.iter().enumerate() {
        let (x, y) = at(n, false);
        let dot = PathBuilder::from_circle(x, y, 34.0).expect("a circle");
        if coverage.contains(*helix) {
            let colour = rgba(pentagon::colour(*helix), 0xff);
            pixmap.fill_path(
                &dot,
                &colour,
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        } else {
            pixmap.fill_path(
                &dot,
                &rgba([0xff, 0xff, 0xff], 0xff),
                FillRule::Winding,
                Transform::identity(),
                None,
            );
            pixmap.stroke_path(
                &dot,
                &rgba(pentagon::BORDER, 0xff),
                &stroke,
                Transform::identity(),
                None,
            );
        }
    }
    pixmap.encode_png().expect("a pixmap encodes as PNG")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_description_is_cut_at_a_word() {
        let long = "kata ".repeat(100);
        let cut = summary(&long);
        assert!(cut.ends_with("kata…"), "{cut}");
        assert!(cut.chars().count() <= 201);
        assert_eq!(summary("Pendek  saja.\n"), "Pendek saja.");
    }
}
