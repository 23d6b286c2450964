//! Wakes this process's delivery worker after a successful write: offers, answers and
//! moderation decisions queue notifications in their transactions, and this sends them now
//! instead of at the worker's next look at the outbox.

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

pub async fn wake_delivery(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let write = request.method() != Method::GET && request.method() != Method::HEAD;
    let response = next.run(request).await;
    if write && response.status().is_success() {
        state.outbox_written();
    }
    response
}
