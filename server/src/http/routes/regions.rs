//! `GET /api/v1/regions`: the regions of the cities served, searchable by name, so a form can
//! offer "Coblong" as the user types "cob".

use axum::Json;
use axum::extract::State;
use pentahelix_core::api::Problem;
use pentahelix_core::{Region, RegionCode};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::Error;
use crate::http::extract::{PathParam, QueryParams};
use crate::pagination;
use crate::state::AppState;
use pentahelix_core::api::query::RegionQuery;

const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 200;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(one))
}

fn parse_code(param: &str, value: &str) -> Result<RegionCode, Error> {
    value
        .parse()
        .map_err(|e: pentahelix_core::region::InvalidRegionCode| {
            Error::BadRequest(format!("`{param}`: {e}"))
        })
}

/// Regions of the served cities, in code order; names starting with `q` first when searching.
#[utoipa::path(get, path = "/regions", tag = "reference", params(RegionQuery),
    responses((status = 200, body = Vec<Region>), (status = 400, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    QueryParams(query): QueryParams<RegionQuery>,
) -> Result<Json<Vec<Region>>, Error> {
    let within = query
        .within
        .as_deref()
        .map(|w| parse_code("within", w))
        .transpose()?;
    let limit = pagination::limit(query.limit, DEFAULT_LIMIT, MAX_LIMIT)? as usize;
    let regions = match query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => state.regions().search(q, within, usize::MAX),
        None => match within {
            Some(w) => state.regions().within(w).collect(),
            None => state.regions().iter().collect(),
        },
    };
    Ok(Json(
        regions
            .into_iter()
            .filter(|r| state.serves(r.code))
            .take(limit)
            .collect(),
    ))
}

/// One region by its code.
#[utoipa::path(get, path = "/regions/{code}", tag = "reference", params(("code" = RegionCode, Path, example = "32.73.02")),
    responses((status = 200, body = Region), (status = 400, body = Problem), (status = 404, body = Problem)))]
async fn one(
    State(state): State<AppState>,
    PathParam(code): PathParam<String>,
) -> Result<Json<Region>, Error> {
    let code = parse_code("code", &code)?;
    state
        .regions()
        .get(code)
        .filter(|_| state.serves(code))
        .map(Json)
        .ok_or(Error::NotFound)
}
