//! Liveness for a process supervisor or load balancer.

use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/healthz",
        get(|| async { Json::<Value>(json!({ "status": "ok" })) }),
    )
}
