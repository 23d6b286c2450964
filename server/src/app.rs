//! The router: the API under `/api`, health checks, and the built widget at `/`.

use axum::http::{HeaderValue, header};
use axum::routing::{any, get};
use axum::{Json, Router, middleware};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

use crate::error::Error;
use crate::lang::localize_problems;
use crate::routes::{self, ApiDoc};
use crate::state::AppState;

pub fn router(state: AppState) -> Router {
    let (v1, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", routes::v1())
        .split_for_parts();

    let api = v1
        .route(
            "/api/openapi.json",
            get(move || async move { Json(openapi) }),
        )
        .route("/api/{*rest}", any(|| async { Error::NotFound }))
        .method_not_allowed_fallback(|| async { Error::MethodNotAllowed })
        .layer(middleware::from_fn(localize_problems))
        // API answers are computed per request; a shared cache must not keep one city's data.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));

    // The interactive docs. Swagger UI's files are compiled into the binary, so the page works
    // on an intranet with no internet access.
    let docs = Router::new()
        .merge(SwaggerUi::new("/api/docs").url("/api/docs/openapi.json", routes::openapi()));

    // The widget's files, with the `.br`/`.gz` siblings the build writes served to browsers that
    // accept them: the wasm is several times smaller compressed.
    let widget = ServeDir::new(state.static_dir())
        .precompressed_br()
        .precompressed_gzip();

    Router::new()
        .merge(docs)
        .merge(api.with_state(state.clone()))
        .merge(routes::health().with_state(state))
        .fallback_service(widget)
        .layer(CatchPanicLayer::new())
        .layer(TraceLayer::new_for_http())
}
