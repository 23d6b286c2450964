//! Liveness and readiness for a process supervisor or load balancer.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::error::Error;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/healthz",
            get(|| async { Json::<Value>(json!({ "status": "ok" })) }),
        )
        .route("/readyz", get(ready))
}

/// Ready when the database answers: a load balancer sends no traffic to a process that
/// cannot reach its data.
async fn ready(State(state): State<AppState>) -> Result<Json<Value>, Error> {
    state.store().ping().await.map_err(|err| {
        tracing::warn!(%err, "not ready");
        Error::Unavailable
    })?;
    Ok(Json(json!({ "status": "ready" })))
}
