//! One module per API resource.

mod health;
mod regions;
mod taxonomy;

use axum::Router;

use crate::state::AppState;

pub fn v1() -> Router<AppState> {
    Router::new()
        .merge(taxonomy::router())
        .merge(regions::router())
}

pub use health::router as health;
