//! The HTTP edge: the router (the API under `/api`, health checks, and the built widget at
//! `/`), the routes, the layers around them, the extractors and the mapping of errors to problem
//! documents.

pub mod client;
pub mod extract;
pub mod first_page;
pub mod middleware;
pub mod origin;
pub mod problem;
pub mod routes;
pub mod share;
pub mod unsubscribe;

use std::path::Path;

use axum::error_handling::HandleErrorLayer;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa_swagger_ui::SwaggerUi;

use crate::error::Error;
use middleware::limits::{BODY_LIMIT, REQUEST_TIMEOUT};
use middleware::{idempotency, public_cache, rate_limit, timeout, wake_delivery};
use problem::localize_problems;

use crate::state::AppState;

/// CORS for the city websites that embed the widget, and nobody else.
fn cors(origins: &[String]) -> CorsLayer {
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o.trim_end_matches('/')).ok())
        .collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            header::ACCEPT_LANGUAGE,
            HeaderName::from_static(idempotency::HEADER),
        ])
        .expose_headers([
            header::RETRY_AFTER,
            HeaderName::from_static(idempotency::REPLAYED),
        ])
        .max_age(std::time::Duration::from_secs(3600))
}

pub fn router(state: AppState) -> Router {
    let (v1, openapi) = routes::v1_with_openapi();

    // Layers run outside-in in the reverse order of these calls: CORS and compression wrap
    // everything, then the language of problems, the rate limit, the answers kept in memory,
    // the timeout, the idempotency check and the panic catcher right around the handlers.
    let api = v1
        .route(
            "/api/openapi.json",
            get(move || async move { Json(openapi) }),
        )
        .route("/api/{*rest}", any(|| async { Error::NotFound }))
        .method_not_allowed_fallback(|| async { Error::MethodNotAllowed })
        // A bug answers like any other error: a problem document, inside CORS so the widget can
        // read it.
        .layer(CatchPanicLayer::custom(|_| {
            Error::Internal("a handler panicked".into()).into_response()
        }))
        .layer(from_fn_with_state(state.clone(), idempotency::idempotency))
        .layer(from_fn_with_state(
            state.clone(),
            wake_delivery::wake_delivery,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(timeout::timed_out))
                .timeout(REQUEST_TIMEOUT),
        )
        .layer(from_fn_with_state(
            state.public_cache(),
            public_cache::public_cache,
        ))
        .layer(from_fn_with_state(state.limits(), rate_limit::rate_limit))
        .layer(from_fn(localize_problems))
        // API answers are computed per request; a shared cache must not keep one city's data.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(CompressionLayer::new())
        .layer(cors(state.allowed_origins()));

    // The interactive docs. Swagger UI's files are compiled into the binary, so the page works
    // on an intranet with no internet access.
    let docs = Router::new()
        .merge(SwaggerUi::new("/api/docs").url("/api/docs/openapi.json", routes::openapi()));

    // The iframe fallback: the page that holds nothing but the widget, configured by its query.
    let state_dir = state.static_dir().to_path_buf();
    let frame = ServeFile::new(state_dir.join("frame.html"));

    Router::new()
        .merge(docs)
        .route_service("/embed/frame", frame)
        .route(
            "/mail/unsubscribe",
            get(unsubscribe::ask).post(unsubscribe::confirm),
        )
        .route("/share/initiatives/{id}", get(share::page))
        .route("/share/pentagon/{name}", get(share::picture))
        .merge(api.with_state(state.clone()))
        .merge(routes::health())
        .with_state(state)
        .nest_service(
            "/assets",
            static_files(&state_dir.join("assets"), FINGERPRINTED_ASSETS),
        )
        .fallback_service(static_files(&state_dir, LOADER_AND_PAGES))
        .layer(CatchPanicLayer::new())
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
}

/// The span of a request names its method and path, never its query: an unsubscribe link
/// carries its token there, and a search its words.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    tracing::debug_span!(
        "request",
        method = %request.method(),
        path = request.uri().path(),
    )
}

/// `assets/` holds files named by their content hash: a new build gets new names, so a browser
/// may keep these for a year without asking again.
const FINGERPRINTED_ASSETS: &str = "public, max-age=31536000, immutable";
/// `embed.js` keeps its name (city sites paste it) and names the current fingerprinted files, so
/// an update must reach browsers within minutes; the demo pages are cached as briefly.
const LOADER_AND_PAGES: &str = "public, max-age=300";

/// The widget's files, with the `.br`/`.gz` siblings the build writes served to browsers that
/// accept them: the wasm is several times smaller compressed.
///
/// A city site loads `embed.js` as a module script from another origin, and the module then
/// fetches the glue, the wasm and the stylesheet: all of that needs CORS, and the files are public
/// anyway. Revalidation uses Last-Modified.
fn static_files(dir: &Path, cache_control: &'static str) -> Router {
    Router::new()
        .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
        .layer(SetResponseHeaderLayer::overriding(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ))
        // A missing file must not be remembered for a year: during a deployment the loader may
        // name a file that is still being copied.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            move |response: &Response| {
                Some(HeaderValue::from_static(
                    if response.status().is_success() {
                        cache_control
                    } else {
                        "no-cache"
                    },
                ))
            },
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
}
