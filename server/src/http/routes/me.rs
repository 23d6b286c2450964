//! `/api/v1/me`: what a signed-in address manages and has to answer, and its notification
//! settings ("Milik saya" in the widget).

use axum::Json;
use axum::extract::State;
use chrono::Utc;
use pentahelix_core::api::{InvitationStatus, Me, NotificationSettings, PledgeStatus, Problem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::access::{Viewer, with_counterparts};
use crate::error::Error;
use crate::http::extract::JsonBody;
use crate::state::AppState;
use crate::store::Session;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(put_settings))
}

fn session(viewer: &Viewer) -> Result<&Session, Error> {
    viewer.session.as_ref().ok_or(Error::Unauthorized)
}

/// The signed-in address's initiatives and partner profiles (every record whose contact email
/// it is, in any status), the offers waiting for its answer, the invitations waiting for its
/// partners' answer, and its notification settings.
#[utoipa::path(get, path = "/me", tag = "sign-in",
    responses((status = 200, body = Me), (status = 401, body = Problem)))]
async fn me(State(state): State<AppState>, viewer: Viewer) -> Result<Json<Me>, Error> {
    let session = session(&viewer)?;
    let store = state.store();
    let mut initiatives = Vec::new();
    let mut waiting = Vec::new();
    for id in viewer.initiatives() {
        if let Some(initiative) = store.initiative(id).await? {
            initiatives.push(initiative);
            waiting.extend(
                store
                    .pledges_for_initiative(id)
                    .await?
                    .into_iter()
                    .filter(|p| p.status == PledgeStatus::Pending),
            );
        }
    }
    let mut stakeholders = Vec::new();
    let mut invitations = Vec::new();
    for id in viewer.stakeholders() {
        if let Some(stakeholder) = store.stakeholder(id).await? {
            stakeholders.push(stakeholder);
            invitations.extend(
                store
                    .invitations_for_stakeholder(id)
                    .await?
                    .into_iter()
                    .filter(|v| v.status == InvitationStatus::Pending),
            );
        }
    }
    waiting.sort_by_key(|p| p.id.0);
    invitations.sort_by_key(|v| v.id.0);
    Ok(Json(Me {
        email: session.email.clone(),
        initiatives,
        stakeholders,
        pledges_to_answer: with_counterparts(&state, &viewer, waiting).await?,
        invitations,
        settings: store.mail_settings(&session.email).await?,
        official: viewer
            .official
            .as_ref()
            .map(|official| official.grants.clone())
            .unwrap_or_default(),
    }))
}

/// Change the signed-in address's notification settings: the language of its mails and the
/// kinds it does not want.
#[utoipa::path(put, path = "/me/settings", tag = "sign-in", request_body = NotificationSettings,
    responses((status = 200, body = NotificationSettings), (status = 401, body = Problem), (status = 400, body = Problem)))]
async fn put_settings(
    State(state): State<AppState>,
    viewer: Viewer,
    JsonBody(settings): JsonBody<NotificationSettings>,
) -> Result<Json<NotificationSettings>, Error> {
    let session = session(&viewer)?;
    state
        .store()
        .put_mail_settings(&session.email, &settings, Utc::now())
        .await?;
    Ok(Json(state.store().mail_settings(&session.email).await?))
}
