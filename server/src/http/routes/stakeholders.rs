//! `/api/v1/stakeholders`: organisations and people of the five helices and what they offer.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::Utc;
use pentahelix_core::api::{
    Created, ModerationAction, Page, Pledge, Problem, Stakeholder, StakeholderExport,
    StakeholderId, StakeholderInput,
};
use pentahelix_core::validate;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::moderation::{checked_reason, deleting_official};
use super::reply::{attachment, created};
use crate::access::{Viewer, redact_stakeholder, with_counterparts};
use crate::auth::{TokenKind, new_token};
use crate::error::Error;
use crate::http::extract::{AcceptLang, JsonBody, PathParam, QueryParams};
use crate::pagination::{next_cursor, page_request, search_text};
use crate::state::AppState;
use crate::store::StakeholderFilter;
use pentahelix_core::api::query::{EditQuery, StakeholderQuery};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update, delete))
        .routes(routes!(pledges))
        .routes(routes!(export))
}

/// List stakeholders, newest first.
#[utoipa::path(get, path = "/stakeholders", tag = "stakeholders", params(StakeholderQuery),
    responses((status = 200, body = Page<Stakeholder>), (status = 400, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    QueryParams(query): QueryParams<StakeholderQuery>,
) -> Result<Json<Page<Stakeholder>>, Error> {
    let page = page_request(query.cursor.as_deref(), query.limit)?;
    let text = search_text(query.q)?;
    let areas = state.areas(query.region);
    if areas.is_empty() {
        return Ok(Json(Page {
            items: Vec::new(),
            next_cursor: None,
        }));
    }
    let filter = StakeholderFilter {
        areas,
        helix: query.helix,
        subsector: query.subsector,
        resource: query.resource,
        verified: query.verified,
        text,
    };
    let rows = state.store().list_stakeholders(&filter, page).await?;
    let next_cursor = next_cursor(rows.iter().map(|s| s.id.0), rows.len(), page);
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        items.push(redact_stakeholder(&state, &viewer, row).await?);
    }
    Ok(Json(Page { items, next_cursor }))
}

/// Register a stakeholder. The response carries the manage token, shown this once.
#[utoipa::path(post, path = "/stakeholders", tag = "stakeholders", request_body = StakeholderInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry-safe key: the same key and body within 24 hours returns the first response")),
    responses((status = 201, body = Created<Stakeholder>), (status = 422, body = Problem), (status = 400, body = Problem)))]
async fn create(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    JsonBody(mut input): JsonBody<StakeholderInput>,
) -> Result<(StatusCode, Json<Created<Stakeholder>>), Error> {
    validate::tidy_stakeholder(&mut input);
    validate::stakeholder(&input, &state.scope())?;
    let (token, hash) = new_token(TokenKind::Manage);
    let record = state
        .store()
        .create_stakeholder(&input, &hash, Utc::now())
        .await?;
    // Its mails will speak the language it was written in, until the address chooses.
    if let Some(email) = input.contact.email.as_deref() {
        state
            .store()
            .remember_lang(email, lang, false, Utc::now())
            .await?;
    }
    Ok(created(record, token))
}

pub(super) async fn load(state: &AppState, id: i64) -> Result<Stakeholder, Error> {
    let id = StakeholderId(id);
    state
        .store()
        .stakeholder(id)
        .await?
        .filter(|s| state.serves(s.region))
        .ok_or(Error::NotFound)
}

/// The stakeholder if the viewer may change it: its owner or an admin of its region.
pub(super) async fn load_managed(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
) -> Result<Stakeholder, Error> {
    viewer.needs_token()?;
    let current = load(state, id).await?;
    viewer.may_manage(viewer.owns_stakeholder(current.id), current.region)?;
    Ok(current)
}

/// One stakeholder; the contact only for its owner, its region's admins and accepted partners.
#[utoipa::path(get, path = "/stakeholders/{id}", tag = "stakeholders", params(("id" = i64, Path)),
    responses((status = 200, body = Stakeholder), (status = 404, body = Problem)))]
async fn get_one(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
) -> Result<Json<Stakeholder>, Error> {
    let stakeholder = load(&state, id).await?;
    Ok(Json(
        redact_stakeholder(&state, &viewer, stakeholder).await?,
    ))
}

/// Edit a stakeholder (its owner or an admin of its region).
#[utoipa::path(put, path = "/stakeholders/{id}", tag = "stakeholders", params(("id" = i64, Path), EditQuery), request_body = StakeholderInput,
    responses((status = 200, body = Stakeholder), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("manage_token" = []), ("admin_token" = [])))]
async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
    QueryParams(edit): QueryParams<EditQuery>,
    JsonBody(mut input): JsonBody<StakeholderInput>,
) -> Result<Json<Stakeholder>, Error> {
    let current = load_managed(&state, &viewer, id).await?;
    let reason = checked_reason(edit.reason.as_deref().unwrap_or_default(), false)?;
    validate::tidy_stakeholder(&mut input);
    validate::stakeholder(&input, &state.scope())?;
    let official = viewer.editing(viewer.owns_stakeholder(current.id), input.region, &reason)?;
    if current.already_holds(&input) {
        return Ok(Json(current));
    }
    let updated = state
        .store()
        .update_stakeholder(current.id, &input, official.as_ref(), Utc::now())
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Json(updated))
}

/// Delete a stakeholder and all its personal data (its owner or an admin of its region).
#[utoipa::path(delete, path = "/stakeholders/{id}", tag = "stakeholders", params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("manage_token" = []), ("admin_token" = [])))]
async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
) -> Result<StatusCode, Error> {
    let current = load_managed(&state, &viewer, id).await?;
    if viewer.owns_stakeholder(current.id) {
        state
            .store()
            .delete_stakeholder(current.id, Utc::now())
            .await?;
        return Ok(StatusCode::NO_CONTENT);
    }
    // An official's deletion is a moderation decision: managers only, traced, owner told.
    let official = deleting_official(&viewer, current.region)?;
    state
        .store()
        .moderate_stakeholder(
            current.id,
            ModerationAction::Delete,
            &official.act(""),
            Utc::now(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The pledges a stakeholder has made (its owner or an admin).
#[utoipa::path(get, path = "/stakeholders/{id}/pledges", tag = "pledges", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Pledge>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("manage_token" = []), ("admin_token" = [])))]
async fn pledges(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
) -> Result<Json<Vec<Pledge>>, Error> {
    let current = load_managed(&state, &viewer, id).await?;
    let out = with_counterparts(
        &state,
        &viewer,
        state.store().pledges_for_stakeholder(current.id).await?,
    )
    .await?;
    Ok(Json(out))
}

/// Everything held about a stakeholder, as a JSON file to keep (its owner, or an admin of its
/// region answering a data-subject request).
#[utoipa::path(get, path = "/stakeholders/{id}/export", tag = "stakeholders", params(("id" = i64, Path)),
    responses((status = 200, body = StakeholderExport), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("manage_token" = []), ("admin_token" = [])))]
async fn export(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
) -> Result<impl IntoResponse, Error> {
    let stakeholder = load_managed(&state, &viewer, id).await?;
    let pledges = with_counterparts(
        &state,
        &viewer,
        state
            .store()
            .pledges_for_stakeholder(stakeholder.id)
            .await?,
    )
    .await?;
    let file = format!("pentahelix-stakeholder-{}.json", stakeholder.id.0);
    Ok((
        attachment(&file),
        Json(StakeholderExport {
            exported_at: Utc::now(),
            stakeholder,
            pledges,
        }),
    ))
}
