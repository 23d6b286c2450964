//! The router: the API under `/api`, health checks, and the built widget at `/`.

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::middleware;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::error::Error;
use crate::lang::localize_problems;
use crate::routes;
use crate::state::AppState;

pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .nest("/v1", routes::v1())
        .fallback(|| async { Error::NotFound })
        .method_not_allowed_fallback(|| async { Error::MethodNotAllowed })
        .layer(middleware::from_fn(localize_problems))
        // API answers are computed per request; a shared cache must not keep one city's data.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));

    // The widget's files, with the `.br`/`.gz` siblings the build writes served to browsers that
    // accept them: the wasm is several times smaller compressed.
    let widget = ServeDir::new(state.static_dir())
        .precompressed_br()
        .precompressed_gzip();

    Router::new()
        .nest("/api", api)
        .merge(routes::health())
        .fallback_service(widget)
        .with_state(state)
        .layer(CatchPanicLayer::new())
        .layer(TraceLayer::new_for_http())
}
