//! `/api/v1/moderation`: what a city's officials do with an admin token, always limited to the
//! regions the token was made for.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use pentahelix_core::api::{FlagshipInput, ModerationQueue, Verification};
use pentahelix_core::api::{
    Initiative, InitiativeId, InitiativeStatus, Problem, Stakeholder, StakeholderId,
};
use pentahelix_core::validate::{Rule, ValidationErrors};
use pentahelix_core::{RegionCode, RegionLevel};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::access::Viewer;
use crate::error::Error;
use crate::http::extract::{JsonBody, PathParam};
use crate::pagination::MAX_LIMIT;
use crate::state::AppState;
use crate::store::{InitiativeFilter, PageRequest, ReportTarget};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(queue))
        .routes(routes!(approve))
        .routes(routes!(hide))
        .routes(routes!(verify))
        .routes(routes!(flagship))
}

/// The served areas the viewer administers; 401/403 when none.
pub fn admin_areas(state: &AppState, viewer: &Viewer) -> Result<Vec<RegionCode>, Error> {
    let Some(grant) = &viewer.admin else {
        return Err(viewer.denied());
    };
    let areas = state.administered(&grant.regions);
    if areas.is_empty() {
        Err(Error::Forbidden)
    } else {
        Ok(areas)
    }
}

async fn with_status(
    state: &AppState,
    areas: &[RegionCode],
    status: InitiativeStatus,
) -> Result<Vec<Initiative>, Error> {
    let filter = InitiativeFilter {
        areas: areas.to_vec(),
        statuses: vec![status],
        ..InitiativeFilter::default()
    };
    state
        .store()
        .list_initiatives(
            &filter,
            PageRequest {
                before: None,
                limit: MAX_LIMIT,
            },
        )
        .await
}

/// What awaits review in the viewer's regions.
#[utoipa::path(get, path = "/moderation/queue", tag = "moderation",
    responses((status = 200, body = ModerationQueue), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("admin_token" = [])))]
async fn queue(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<ModerationQueue>, Error> {
    let areas = admin_areas(&state, &viewer)?;
    Ok(Json(ModerationQueue {
        proposed: with_status(&state, &areas, InitiativeStatus::Proposed).await?,
        hidden: with_status(&state, &areas, InitiativeStatus::Hidden).await?,
        reports: state.store().open_reports(&areas).await?,
        failed_notifications: state.store().failed_deliveries(&areas).await?,
    }))
}

async fn moderate(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    to: InitiativeStatus,
) -> Result<Json<Initiative>, Error> {
    admin_areas(state, viewer)?;
    let initiative = state
        .store()
        .initiative(InitiativeId(id))
        .await?
        .filter(|i| state.serves(i.region))
        .ok_or(Error::NotFound)?;
    if !viewer.admin_of(initiative.region) {
        return Err(Error::Forbidden);
    }
    let now = Utc::now();
    let updated = match to {
        InitiativeStatus::Open => state.store().restore_initiative(initiative.id, now).await?,
        _ if initiative.status == InitiativeStatus::Withdrawn => None,
        _ => {
            state
                .store()
                .set_initiative_status(initiative.id, initiative.status, to, now)
                .await?
        }
    };
    let Some(updated) = updated else {
        return Err(Error::StateConflict(format!(
            "an initiative that is `{}` cannot become `{}`",
            initiative.status.slug(),
            to.slug()
        )));
    };
    if to == InitiativeStatus::Open {
        state
            .store()
            .resolve_reports(ReportTarget::Initiative, id)
            .await?;
    }
    Ok(Json(updated))
}

/// Approve a proposed initiative (it becomes open) or a hidden one (it gets back the status it
/// had before it was hidden); its reports are resolved.
#[utoipa::path(post, path = "/moderation/initiatives/{id}/approve", tag = "moderation", params(("id" = i64, Path)),
    responses((status = 200, body = Initiative), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("admin_token" = [])))]
async fn approve(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
) -> Result<Json<Initiative>, Error> {
    moderate(&state, &viewer, id, InitiativeStatus::Open).await
}

/// Hide an initiative from the public.
#[utoipa::path(post, path = "/moderation/initiatives/{id}/hide", tag = "moderation", params(("id" = i64, Path)),
    responses((status = 200, body = Initiative), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("admin_token" = [])))]
async fn hide(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
) -> Result<Json<Initiative>, Error> {
    moderate(&state, &viewer, id, InitiativeStatus::Hidden).await
}

/// Mark an organisation as verified (or not) by the city.
#[utoipa::path(post, path = "/moderation/stakeholders/{id}/verify", tag = "moderation", params(("id" = i64, Path)), request_body = Verification,
    responses((status = 200, body = Stakeholder), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("admin_token" = [])))]
async fn verify(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
    JsonBody(body): JsonBody<Verification>,
) -> Result<Json<Stakeholder>, Error> {
    admin_areas(&state, &viewer)?;
    let stakeholder = state
        .store()
        .stakeholder(StakeholderId(id))
        .await?
        .filter(|s| state.serves(s.region))
        .ok_or(Error::NotFound)?;
    if !viewer.admin_of(stakeholder.region) {
        return Err(Error::Forbidden);
    }
    let updated = state
        .store()
        .set_verified(stakeholder.id, body.verified, Utc::now())
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Json(updated))
}

const PRODUCT_MAX: usize = 120;

/// Set a kecamatan's flagship product (One District One Product).
#[utoipa::path(put, path = "/moderation/flagships/{region}", tag = "moderation", params(("region" = String, Path, example = "32.73.17")),
    request_body = FlagshipInput,
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("admin_token" = [])))]
async fn flagship(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(region): PathParam<String>,
    JsonBody(body): JsonBody<FlagshipInput>,
) -> Result<StatusCode, Error> {
    admin_areas(&state, &viewer)?;
    let region: RegionCode = region.parse().map_err(|_| Error::NotFound)?;
    if region.level() != RegionLevel::District
        || !state.regions().contains(region)
        || !state.serves(region)
    {
        return Err(Error::NotFound);
    }
    if !viewer.admin_of(region) {
        return Err(Error::Forbidden);
    }
    let product = body
        .product
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    if let Some(product) = product {
        let mut errors = ValidationErrors::default();
        if product.chars().any(char::is_control) {
            errors.push("product", Rule::ControlCharacters);
        } else if product.chars().count() > PRODUCT_MAX {
            errors.push("product", Rule::TooLong { max: PRODUCT_MAX });
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
    }
    state
        .store()
        .set_flagship(region, product, Utc::now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
