//! `/api/v1/…/invitations`: an initiative's owner inviting a suggested partner, and the partner's
//! side of it. The partner answers yes with a pledge (`POST /initiatives/{id}/pledges`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use pentahelix_core::api::{Invitation, InvitationId, InvitationInput, InvitationStatus, Problem};
use pentahelix_core::validate;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{initiatives, stakeholders};
use crate::access::Viewer;
use crate::error::Error;
use crate::http::extract::{JsonBody, PathParam};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(of_initiative, invite))
        .routes(routes!(of_stakeholder))
        .routes(routes!(decline))
}

/// The partners an initiative's owner invited, oldest first (its owner or an admin).
#[utoipa::path(get, path = "/initiatives/{id}/invitations", tag = "pledges", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Invitation>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("manage_token" = []), ("admin_token" = [])))]
async fn of_initiative(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
) -> Result<Json<Vec<Invitation>>, Error> {
    let initiative = initiatives::load_managed(&state, &viewer, id).await?;
    Ok(Json(
        state
            .store()
            .invitations_for_initiative(initiative.id)
            .await?,
    ))
}

/// Invite a partner to support an open or active initiative (its owner). The partner is told by
/// mail and sees the invitation with its profile; inviting the same partner twice is a 409.
#[utoipa::path(post, path = "/initiatives/{id}/invitations", tag = "pledges", params(("id" = i64, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry-safe key")),
    request_body = InvitationInput,
    responses((status = 201, body = Invitation), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("manage_token" = [])))]
async fn invite(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
    JsonBody(mut input): JsonBody<InvitationInput>,
) -> Result<(StatusCode, Json<Invitation>), Error> {
    viewer.needs_token()?;
    let initiative = initiatives::load(&state, &viewer, id).await?;
    if !viewer.owns_initiative(initiative.id) {
        return Err(viewer.denied());
    }
    input.message = input.message.trim().to_owned();
    validate::invitation(&input)?;
    if !initiative.status.is_live() {
        return Err(Error::StateConflict(format!(
            "this initiative is `{}` and no longer looks for partners",
            initiative.status.slug()
        )));
    }
    // A partner of another deployment's cities is not this server's to notify.
    stakeholders::load(&state, input.stakeholder_id.0).await?;
    let invitation = state
        .store()
        .create_invitation(initiative.id, &input, Utc::now())
        .await?;
    Ok((StatusCode::CREATED, Json(invitation)))
}

/// The invitations a partner received, newest first (its owner or an admin). Invitations to
/// initiatives hidden or withdrawn since are left out.
#[utoipa::path(get, path = "/stakeholders/{id}/invitations", tag = "pledges", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Invitation>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("manage_token" = []), ("admin_token" = [])))]
async fn of_stakeholder(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
) -> Result<Json<Vec<Invitation>>, Error> {
    let stakeholder = stakeholders::load_managed(&state, &viewer, id).await?;
    Ok(Json(
        state
            .store()
            .invitations_for_stakeholder(stakeholder.id)
            .await?,
    ))
}

/// Decline a pending invitation (the invited partner). The owner sees it declined; nothing is
/// mailed: a no needs no news.
#[utoipa::path(post, path = "/invitations/{id}/decline", tag = "pledges", params(("id" = i64, Path)),
    responses((status = 200, body = Invitation), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("manage_token" = [])))]
async fn decline(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
) -> Result<Json<Invitation>, Error> {
    viewer.needs_token()?;
    let invitation = state
        .store()
        .invitation(InvitationId(id))
        .await?
        .filter(|v| state.serves(v.stakeholder.region))
        .ok_or(Error::NotFound)?;
    if !viewer.owns_stakeholder(invitation.stakeholder.id) {
        return Err(viewer.denied());
    }
    if invitation.status != InvitationStatus::Pending {
        return Err(Error::StateConflict(format!(
            "an invitation that is `{}` cannot be declined",
            invitation.status.slug()
        )));
    }
    state
        .store()
        .decline_invitation(invitation.id, Utc::now())
        .await?
        .map(Json)
        .ok_or_else(|| Error::StateConflict("the invitation was answered meanwhile".into()))
}
