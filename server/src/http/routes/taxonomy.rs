//! `GET /api/v1/taxonomy`: the helices, subsectors and resources with their labels.

use axum::Json;
use pentahelix_core::api::Taxonomies;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(taxonomy))
}

/// The official vocabularies: 5 helices, 17 subsectors, 10 resource kinds, with id/en labels.
#[utoipa::path(get, path = "/taxonomy", tag = "reference", responses((status = 200, body = Taxonomies)))]
async fn taxonomy() -> Json<Taxonomies> {
    Json(Taxonomies::official())
}
