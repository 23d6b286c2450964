//! `/api/v1/embed`: what the embed loader reads before the wasm: which servers a page's markup
//! may name, and the list it paints at once.

use axum::Json;
use axum::extract::State;
use pentahelix_core::Regions;
use pentahelix_core::api::query::InitiativeQuery;
use pentahelix_core::api::{
    DEFAULT_LIMIT, EmbedApis, FirstPage, FirstPageQuery, Problem, default_region, limit_attribute,
    region_attribute,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::initiatives::list_page;
use crate::access::Viewer;
use crate::error::Error;
use crate::http::extract::QueryParams;
use crate::http::first_page::{Opening, render};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(other_apis))
        .routes(routes!(first_page))
}

/// The other Pentahelix servers (`--other-apis`) that an `api` attribute on a city page may name
/// for a widget loaded from this server. Any other `api` attribute is ignored by the loader.
#[utoipa::path(get, path = "/embed/apis", tag = "reference", responses((status = 200, body = EmbedApis)))]
async fn other_apis(State(state): State<AppState>) -> Json<EmbedApis> {
    Json(EmbedApis {
        origins: state.other_apis().to_vec(),
    })
}

/// The list a widget opens with, for the loader to paint before the wasm arrives: the markup of
/// the widget's opening view and the page it shows, read from the widget's own `region` and
/// `limit` attributes. Always a visitor's view (the loader sends no credentials), so the answer
/// is the same for everyone and kept by the public cache. A region outside the cities served is
/// a 404: the loader then draws its placeholders and the widget says what is wrong.
#[utoipa::path(get, path = "/embed/first-page", tag = "reference", params(FirstPageQuery),
    responses((status = 200, body = FirstPage), (status = 404, body = Problem)))]
async fn first_page(
    State(state): State<AppState>,
    QueryParams(query): QueryParams<FirstPageQuery>,
) -> Result<Json<FirstPage>, Error> {
    let region = query
        .region
        .as_deref()
        .and_then(region_attribute)
        .unwrap_or_else(default_region);
    let city = region.city().unwrap_or(region);
    if !state.cities().contains(&city) {
        return Err(Error::NotFound);
    }
    let limit = query
        .limit
        .as_deref()
        .and_then(limit_attribute)
        .unwrap_or(DEFAULT_LIMIT);
    // The widget's own first request: its configured region, nothing else narrowing it.
    let list = InitiativeQuery {
        region: Some(region),
        limit: Some(limit),
        ..InitiativeQuery::default()
    };
    let page = list_page(&state, &Viewer::default(), list).await?;
    let opening = Opening {
        region,
        lang: query.lang.unwrap_or_default(),
        regions: state.regions(),
    };
    let regions = if Regions::builtin().contains(city) {
        Vec::new()
    } else {
        state.regions().within(city).collect()
    };
    Ok(Json(FirstPage {
        html: render(&opening, &page),
        page,
        regions,
    }))
}
