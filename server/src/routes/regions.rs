//! `GET /api/v1/regions`: the regions of the cities served, searchable by name, so a form can
//! offer "Coblong" as the user types "cob".

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use pentahelix_core::{Region, RegionCode};
use serde::Deserialize;

use crate::error::Error;
use crate::state::AppState;

const DEFAULT_LIMIT: usize = 50;
const MAX_LIMIT: usize = 200;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/regions", get(list))
        .route("/regions/{code}", get(one))
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    /// Only regions inside this code (a city's kecamatan: `within=32.73`).
    within: Option<String>,
    /// Part of a name, any case.
    q: Option<String>,
    limit: Option<usize>,
}

fn parse_code(param: &str, value: &str) -> Result<RegionCode, Error> {
    value
        .parse()
        .map_err(|e: pentahelix_core::region::InvalidRegionCode| {
            Error::BadRequest(format!("`{param}`: {e}"))
        })
}

/// Regions of the served cities. Without `q`, all of them (or all within `within`) in code order.
async fn list(
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Result<Json<Vec<Region>>, Error> {
    let within = query
        .within
        .as_deref()
        .map(|w| parse_code("within", w))
        .transpose()?;
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let served = |code: RegionCode| {
        state
            .cities()
            .iter()
            .any(|c| c.contains(code) || code.contains(*c))
    };
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
            .filter(|r| served(r.code))
            .take(limit)
            .collect(),
    ))
}

async fn one(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Region>, Error> {
    let code = parse_code("code", &code)?;
    let served = state
        .cities()
        .iter()
        .any(|c| c.contains(code) || code.contains(*c));
    state
        .regions()
        .get(code)
        .filter(|_| served)
        .map(Json)
        .ok_or(Error::NotFound)
}
