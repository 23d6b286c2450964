//! Pledges: the offers made to an initiative (`/api/v1/initiatives/{id}/pledges`), and answering
//! and withdrawing them (`/api/v1/pledges/{id}/…`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use pentahelix_core::api::{
    InitiativeStatus, Pledge, PledgeId, PledgeInput, PledgeStatus, Problem,
};
use pentahelix_core::validate;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::initiatives::load;
use crate::access::{Viewer, with_counterpart, with_counterparts};
use crate::error::Error;
use crate::http::extract::{JsonBody, PathParam};
use crate::state::AppState;
use crate::store::PledgeChange;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(pledges, offer))
        .routes(routes!(accept))
        .routes(routes!(decline))
        .routes(routes!(withdraw))
}

/// The pledges made to an initiative. Anyone may see who offered what; the other side's
/// contact appears only for the two sides of an accepted pledge.
#[utoipa::path(get, path = "/initiatives/{id}/pledges", tag = "pledges", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Pledge>), (status = 404, body = Problem)))]
async fn pledges(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
) -> Result<Json<Vec<Pledge>>, Error> {
    let initiative = load(&state, &viewer, id).await?;
    let out = with_counterparts(
        &state,
        &viewer,
        state.store().pledges_for_initiative(initiative.id).await?,
    )
    .await?;
    Ok(Json(out))
}

/// Offer support: a stakeholder (with its manage token) pledges one resource it offers to an
/// open or active initiative that needs it.
#[utoipa::path(post, path = "/initiatives/{id}/pledges", tag = "pledges", params(("id" = i64, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry-safe key")),
    request_body = PledgeInput,
    responses((status = 201, body = Pledge), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("manage_token" = [])))]
async fn offer(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
    JsonBody(mut input): JsonBody<PledgeInput>,
) -> Result<(StatusCode, Json<Pledge>), Error> {
    viewer.needs_token()?;
    let initiative = load(&state, &viewer, id).await?;
    if !viewer.owns_stakeholder(input.stakeholder_id) {
        return Err(viewer.denied());
    }
    input.message = input.message.trim().to_owned();
    validate::pledge(&input)?;
    if !initiative.status.is_live() {
        return Err(Error::StateConflict(format!(
            "this initiative is `{}` and no longer takes offers",
            initiative.status.slug()
        )));
    }
    let stakeholder = state
        .store()
        .stakeholder(input.stakeholder_id)
        .await?
        .ok_or(Error::NotFound)?;
    let needs = initiative.needs.iter().map(|n| n.resource).collect();
    validate::pledge_fits(&input, stakeholder.offers, needs)?;
    let pledge = state
        .store()
        .create_pledge(initiative.id, &input, Utc::now())
        .await?;
    Ok((StatusCode::CREATED, Json(pledge)))
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
