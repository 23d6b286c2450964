//! `GET /api/v1/taxonomy`: the helices, subsectors and resources with their labels.

use axum::routing::get;
use axum::{Json, Router};
use pentahelix_core::api::Taxonomies;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/taxonomy", get(|| async { Json(Taxonomies::official()) }))
}
