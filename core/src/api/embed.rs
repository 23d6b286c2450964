use super::{Initiative, Page};
use crate::{Lang, Region, RegionCode};

/// `GET /api/v1/embed/apis`: the other Pentahelix servers that a widget loaded from this one may
/// be pointed at by markup (`data-api`, `api`). The loader believes an `api` attribute only when
/// it names its own origin or one of these: markup that slipped past a CMS's sanitiser must not
/// send a widget, and whatever it may send, to a server of someone else's choosing.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmbedApis {
    /// Origins (`https://pentahelix.depok.go.id`), as the operator listed them with
    /// `--other-apis`.
    pub origins: Vec<String>,
}

/// `GET /api/v1/embed/first-page`: the list a widget opens with, asked by the loader with the
/// widget's own attributes as the page wrote them, so that the server reads them exactly as the
/// widget will ([`region_attribute`], [`limit_attribute`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct FirstPageQuery {
    /// The `region` attribute (a city or a kecamatan; Kota Bandung when absent or malformed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(example = "32.73"))]
    pub region: Option<String>,
    /// The language the widget opens in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<Lang>))]
    pub lang: Option<Lang>,
    /// The `limit` attribute (1 to 50 initiatives; 12 when absent or malformed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(example = "12"))]
    pub limit: Option<String>,
}

/// The list's first page twice: as markup the loader paints into the shadow root before the
/// wasm has arrived, and as the data the widget then starts from, so that it draws the same
/// cards at once instead of asking again (and showing placeholders meanwhile).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FirstPage {
    /// The widget's markup (header, tabs, filters, cards) as the widget draws it for `page`,
    /// element for element; the browser tests compare the two.
    pub html: String,
    pub page: Page<Initiative>,
    /// The city and its kecamatan, for a city the widget does not know built in (any but the
    /// seed cities): it names them at once instead of asking (`GET /regions?within=`) first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<Region>,
}

/// The region a widget shows when its `region` attribute names none.
pub fn default_region() -> RegionCode {
    RegionCode::new(32, 73, 0).expect("Kota Bandung")
}

/// The region a `region` attribute names, if it names one.
pub fn region_attribute(value: &str) -> Option<RegionCode> {
    value.trim().parse().ok()
}

/// Initiatives per page of the list when the `limit` attribute names no number.
pub const DEFAULT_LIMIT: u32 = 12;

/// The page size a `limit` attribute asks for, kept to 1 to 50: a sidebar shows 3, a full page 12.
pub fn limit_attribute(value: &str) -> Option<u32> {
    value.trim().parse::<u32>().ok().map(|n| n.clamp(1, 50))
}
