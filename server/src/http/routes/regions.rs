//! `GET /api/v1/regions`: the regions of the cities served, searchable by name, so a form can
//! offer "Coblong" as the user types "cob".

use axum::Json;
use axum::extract::State;
use pentahelix_core::api::Problem;
use pentahelix_core::{Region, RegionCode};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::Error;
use crate::http::extract::{PathParam, QueryParams};
use crate::pagination;
use crate::state::AppState;

const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 200;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(one))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only regions inside this code (a city's kecamatan: `within=32.73`).
    #[param(value_type = Option<RegionCode>, example = "32.73")]
    within: Option<String>,
    /// Part of a name, any case.
    q: Option<String>,
    /// 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

fn parse_code(param: &str, value: &str) -> Result<RegionCode, Error> {
    value
        .parse()
        .map_err(|e: pentahelix_core::region::InvalidRegionCode| {
            Error::BadRequest(format!("`{param}`: {e}"))
        })
}

/// Regions of the served cities, in code order; names starting with `q` first when searching.
#[utoipa::path(get, path = "/regions", tag = "reference", params(ListQuery),
    responses((status = 200, body = Vec<Region>), (status = 400, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    QueryParams(query): QueryParams<ListQuery>,
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
