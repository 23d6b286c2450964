//! `GET /api/v1/embed/apis`: what the embed loader may believe of a page's markup.

use axum::Json;
use axum::extract::State;
use pentahelix_core::api::EmbedApis;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(other_apis))
}

/// The other Pentahelix servers (`--other-apis`) that an `api` attribute on a city page may name
/// for a widget loaded from this server. Any other `api` attribute is ignored by the loader.
#[utoipa::path(get, path = "/embed/apis", tag = "reference", responses((status = 200, body = EmbedApis)))]
async fn other_apis(State(state): State<AppState>) -> Json<EmbedApis> {
    Json(EmbedApis {
        origins: state.other_apis().to_vec(),
    })
}
