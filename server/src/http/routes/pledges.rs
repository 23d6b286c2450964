//! `/api/v1/pledges/{id}/…`: answering and withdrawing offers.

use axum::Json;
use axum::extract::State;
use chrono::Utc;
use pentahelix_core::api::{InitiativeStatus, Pledge, PledgeId, PledgeStatus, Problem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::access::{Viewer, with_counterpart};
use crate::error::Error;
use crate::http::extract::PathParam;
use crate::state::AppState;
use crate::store::PledgeChange;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(accept))
        .routes(routes!(decline))
        .routes(routes!(withdraw))
}

async fn change(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    to: PledgeStatus,
) -> Result<Json<Pledge>, Error> {
    viewer.needs_token()?;
    let pledge = state
        .store()
        .pledge(PledgeId(id))
        .await?
        .ok_or(Error::NotFound)?;
    let initiative = state
        .store()
        .initiative(pledge.initiative_id)
        .await?
        .ok_or(Error::NotFound)?;
    if !state.serves(initiative.region) {
        return Err(Error::NotFound);
    }
    let allowed = match to {
        PledgeStatus::Accepted | PledgeStatus::Declined => viewer.owns_initiative(initiative.id),
        PledgeStatus::Withdrawn => viewer.owns_stakeholder(pledge.stakeholder.id),
        PledgeStatus::Pending => false,
    };
    if !allowed {
        return Err(viewer.denied());
    }
    if to == PledgeStatus::Accepted
        && matches!(
            initiative.status,
            InitiativeStatus::Hidden | InitiativeStatus::Withdrawn
        )
    {
        return Err(Error::StateConflict(format!(
            "this initiative is `{}`",
            initiative.status.slug()
        )));
    }
    match state
        .store()
        .change_pledge(pledge.id, to, Utc::now())
        .await?
    {
        PledgeChange::Changed(pledge) => Ok(Json(with_counterpart(state, viewer, pledge).await?)),
        PledgeChange::NotFound => Err(Error::NotFound),
        PledgeChange::NotAllowed(from) => Err(Error::StateConflict(format!(
            "a pledge that is `{}` cannot be {}",
            from.slug(),
            match to {
                PledgeStatus::Accepted => "accepted",
                PledgeStatus::Declined => "declined",
                PledgeStatus::Withdrawn => "withdrawn",
                PledgeStatus::Pending => "reopened",
            }
        ))),
    }
}

/// Accept a pending pledge (the initiative's owner). Both sides then see each other's contact.
#[utoipa::path(post, path = "/pledges/{id}/accept", tag = "pledges", params(("id" = i64, Path)),
    responses((status = 200, body = Pledge), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("manage_token" = [])))]
async fn accept(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
) -> Result<Json<Pledge>, Error> {
    change(&state, &viewer, id, PledgeStatus::Accepted).await
}

/// Decline a pending pledge (the initiative's owner).
#[utoipa::path(post, path = "/pledges/{id}/decline", tag = "pledges", params(("id" = i64, Path)),
    responses((status = 200, body = Pledge), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("manage_token" = [])))]
async fn decline(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
) -> Result<Json<Pledge>, Error> {
    change(&state, &viewer, id, PledgeStatus::Declined).await
}

/// Withdraw a pending or accepted pledge (the stakeholder that made it).
#[utoipa::path(post, path = "/pledges/{id}/withdraw", tag = "pledges", params(("id" = i64, Path)),
    responses((status = 200, body = Pledge), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("manage_token" = [])))]
async fn withdraw(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
) -> Result<Json<Pledge>, Error> {
    change(&state, &viewer, id, PledgeStatus::Withdrawn).await
}
