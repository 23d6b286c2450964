//! `/api/v1/moderation`: the officials' workspace. An official works the queue of the regions it
//! was invited to (or an admin token was made for); every action is traced in the audit trail
//! and told to the record's owner with the official's reason.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use pentahelix_core::api::query::{AuditQuery, QueueQuery};
use pentahelix_core::api::{
    AuditEntry, Decided, Decision, FlagshipInput, InitiativeId, ModerationAction, ModerationQueue,
    OfficialRole, Page, Problem, Stakeholder, StakeholderId, Verification,
};
use pentahelix_core::validate::{Rule, ValidationErrors};
use pentahelix_core::{RegionCode, RegionLevel};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::access::{Official, Viewer};
use crate::error::Error;
use crate::http::extract::{JsonBody, PathParam, QueryParams};
use crate::pagination::{self, DEFAULT_LIMIT, MAX_LIMIT, next_cursor, page_request};
use crate::state::AppState;
use crate::store::{AuditFilter, Outcome, QueueFilter, QueuePosition};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(queue))
        .routes(routes!(moderate_initiative))
        .routes(routes!(moderate_stakeholder))
        .routes(routes!(audit))
        .routes(routes!(audit_entry))
        .routes(routes!(verify))
        .routes(routes!(flagship))
}

/// The viewer as an official holding at least `role` somewhere this server serves, and the
/// served areas where it does; 401 without credentials, 403 with others.
pub fn official(
    state: &AppState,
    viewer: &Viewer,
    role: OfficialRole,
) -> Result<(Official, Vec<RegionCode>), Error> {
    let Some(official) = &viewer.official else {
        return Err(viewer.denied());
    };
    let areas = state.administered(&official.regions(role));
    if areas.is_empty() {
        Err(Error::Forbidden)
    } else {
        Ok((official.clone(), areas))
    }
}

/// `areas` narrowed to `region` when given (a kecamatan of the official's city).
fn narrowed(areas: Vec<RegionCode>, region: Option<RegionCode>) -> Vec<RegionCode> {
    let Some(region) = region else { return areas };
    areas
        .into_iter()
        .filter_map(|area| {
            if area.contains(region) {
                Some(region)
            } else if region.contains(area) {
                Some(area)
            } else {
                None
            }
        })
        .collect()
}

/// What waits for the viewer's review: proposals and reported records, longest waiting first,
/// each with its open reports; hidden initiatives with `kind=hidden`.
#[utoipa::path(get, path = "/moderation/queue", tag = "moderation", params(QueueQuery),
    responses((status = 200, body = ModerationQueue), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("session_token" = []), ("admin_token" = [])))]
async fn queue(
    State(state): State<AppState>,
    viewer: Viewer,
    QueryParams(query): QueryParams<QueueQuery>,
) -> Result<Json<ModerationQueue>, Error> {
    let (_, areas) = official(&state, &viewer, OfficialRole::Moderator)?;
    let limit = pagination::limit(query.limit, DEFAULT_LIMIT, MAX_LIMIT)?;
    let after = query
        .cursor
        .as_deref()
        .filter(|c| !c.is_empty())
        .map(pagination::queue_position)
        .transpose()?;
    let areas = narrowed(areas.clone(), query.region);
    if areas.is_empty() {
        return Ok(Json(ModerationQueue {
            items: Vec::new(),
            next_cursor: None,
            failed_notifications: Vec::new(),
        }));
    }
    let items = state
        .store()
        .moderation_queue(&QueueFilter {
            areas: areas.clone(),
            kind: query.kind,
            after,
            limit,
        })
        .await?;
    let next_cursor = (items.len() == limit as usize)
        .then(|| {
            items
                .last()
                .map(|item| pagination::queue_cursor(QueuePosition::of(item)))
        })
        .flatten();
    // Failures are few and need a call each: listed whole on the first page.
    let failed_notifications = if after.is_none() {
        state.store().failed_deliveries(&areas).await?
    } else {
        Vec::new()
    };
    Ok(Json(ModerationQueue {
        items,
        next_cursor,
        failed_notifications,
    }))
}

/// The reason an action needs: required to take something away from its owner.
fn reason(action: ModerationAction, decision: &Decision) -> Result<String, Error> {
    checked_reason(&decision.reason, action.needs_reason())
}

/// An official's reason, trimmed: at most 1000 characters, no control characters but line
/// breaks; 422 when `required` and empty.
pub fn checked_reason(reason: &str, required: bool) -> Result<String, Error> {
    const MAX: usize = 1000;
    let reason = reason.trim();
    let mut errors = ValidationErrors::default();
    if required && reason.is_empty() {
        errors.push("reason", Rule::Required);
    } else if reason.chars().count() > MAX {
        errors.push("reason", Rule::TooLong { max: MAX });
    } else if reason
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r')
    {
        errors.push("reason", Rule::ControlCharacters);
    }
    if errors.is_empty() {
        Ok(reason.to_owned())
    } else {
        Err(errors.into())
    }
}

/// The role an action needs: deleting is for managers.
fn role_for(action: ModerationAction) -> OfficialRole {
    if action == ModerationAction::Delete {
        OfficialRole::Manager
    } else {
        OfficialRole::Moderator
    }
}

/// The reason of an action the official may take on a record of `region`; 403 when the role
/// or region does not cover it.
fn may_decide(
    official: &Official,
    action: ModerationAction,
    region: RegionCode,
    decision: &Decision,
) -> Result<String, Error> {
    if official.may(role_for(action), region) {
        reason(action, decision)
    } else {
        Err(Error::Forbidden)
    }
}

/// The official deleting someone else's record through the plain `DELETE`: a manager of its
/// region, or 403.
pub fn deleting_official(viewer: &Viewer, region: RegionCode) -> Result<&Official, Error> {
    viewer
        .official
        .as_ref()
        .filter(|o| o.may(OfficialRole::Manager, region))
        .ok_or(Error::Forbidden)
}

fn decided(outcome: Outcome, action: ModerationAction) -> Result<Json<Decided>, Error> {
    match outcome {
        Outcome::Done(decided) => Ok(Json(*decided)),
        Outcome::Missing => Err(Error::NotFound),
        Outcome::NotApplicable => Err(Error::StateConflict(format!(
            "`{}` does not apply to this record as it is now; reload the queue",
            action.slug()
        ))),
    }
}

fn action_of(slug: &str) -> Result<ModerationAction, Error> {
    ModerationAction::ALL
        .into_iter()
        .find(|a| a.slug() == slug)
        .ok_or(Error::NotFound)
}

/// Approve or reject a proposal, hide or restore an initiative, dismiss its reports or delete
/// it (managers only). The reason, required to reject, hide or delete, is mailed to the owner.
#[utoipa::path(post, path = "/moderation/initiatives/{id}/{action}", tag = "moderation",
    params(("id" = i64, Path), ("action" = inline(ModerationAction), Path)), request_body = Decision,
    responses((status = 200, body = Decided), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("session_token" = []), ("admin_token" = [])))]
async fn moderate_initiative(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam((id, action)): PathParam<(i64, String)>,
    JsonBody(decision): JsonBody<Decision>,
) -> Result<Json<Decided>, Error> {
    let action = action_of(&action)?;
    let (official, _) = official(&state, &viewer, OfficialRole::Moderator)?;
    let initiative = state
        .store()
        .initiative(InitiativeId(id))
        .await?
        .filter(|i| state.serves(i.region))
        .ok_or(Error::NotFound)?;
    let reason = may_decide(&official, action, initiative.region, &decision)?;
    let outcome = state
        .store()
        .moderate_initiative(initiative.id, action, &official.act(&reason), Utc::now())
        .await?;
    decided(outcome, action)
}

/// Dismiss the reports on a partner's profile, or delete it (managers only).
#[utoipa::path(post, path = "/moderation/stakeholders/{id}/{action}", tag = "moderation",
    params(("id" = i64, Path), ("action" = inline(ModerationAction), Path)), request_body = Decision,
    responses((status = 200, body = Decided), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("session_token" = []), ("admin_token" = [])))]
async fn moderate_stakeholder(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam((id, action)): PathParam<(i64, String)>,
    JsonBody(decision): JsonBody<Decision>,
) -> Result<Json<Decided>, Error> {
    let action = action_of(&action)?;
    let (official, _) = official(&state, &viewer, OfficialRole::Moderator)?;
    let stakeholder = state
        .store()
        .stakeholder(StakeholderId(id))
        .await?
        .filter(|s| state.serves(s.region))
        .ok_or(Error::NotFound)?;
    let reason = may_decide(&official, action, stakeholder.region, &decision)?;
    let outcome = state
        .store()
        .moderate_stakeholder(stakeholder.id, action, &official.act(&reason), Utc::now())
        .await?;
    decided(outcome, action)
}

/// What the officials of the viewer's regions did, newest first. The trail is append-only: no
/// call changes or deletes an entry.
#[utoipa::path(get, path = "/moderation/audit", tag = "moderation", params(AuditQuery),
    responses((status = 200, body = Page<AuditEntry>), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("session_token" = []), ("admin_token" = [])))]
async fn audit(
    State(state): State<AppState>,
    viewer: Viewer,
    QueryParams(query): QueryParams<AuditQuery>,
) -> Result<Json<Page<AuditEntry>>, Error> {
    let (_, areas) = official(&state, &viewer, OfficialRole::Moderator)?;
    let page = page_request(query.cursor.as_deref(), query.limit)?;
    let areas = narrowed(areas, query.region);
    if areas.is_empty() {
        return Ok(Json(Page {
            items: Vec::new(),
            next_cursor: None,
        }));
    }
    let actor = query
        .actor
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty());
    if actor.as_ref().is_some_and(|a| a.chars().count() > 254) {
        return Err(Error::BadRequest("`actor`: at most 254 characters".into()));
    }
    let items = state
        .store()
        .audit_trail(
            &AuditFilter {
                areas,
                action: query.action,
                actor,
            },
            page,
        )
        .await?;
    let next_cursor = next_cursor(items.iter().map(|e| e.id), items.len(), page);
    Ok(Json(Page { items, next_cursor }))
}

/// One entry of the trail, for an official of its region (a link to it can be shared).
#[utoipa::path(get, path = "/moderation/audit/{id}", tag = "moderation", params(("id" = i64, Path)),
    responses((status = 200, body = AuditEntry), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("session_token" = []), ("admin_token" = [])))]
async fn audit_entry(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
) -> Result<Json<AuditEntry>, Error> {
    let (official, _) = official(&state, &viewer, OfficialRole::Moderator)?;
    state
        .store()
        .audit_entry(id)
        .await?
        .filter(|entry| official.may(OfficialRole::Moderator, entry.region))
        .map(Json)
        .ok_or(Error::NotFound)
}

/// Mark an organisation as verified by the city, or undo it (managers).
#[utoipa::path(post, path = "/moderation/stakeholders/{id}/verify", tag = "moderation", params(("id" = i64, Path)), request_body = Verification,
    responses((status = 200, body = Stakeholder), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("session_token" = []), ("admin_token" = [])))]
async fn verify(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
    JsonBody(body): JsonBody<Verification>,
) -> Result<Json<Stakeholder>, Error> {
    let (official, _) = official(&state, &viewer, OfficialRole::Manager)?;
    let stakeholder = state
        .store()
        .stakeholder(StakeholderId(id))
        .await?
        .filter(|s| state.serves(s.region))
        .ok_or(Error::NotFound)?;
    if !official.may(OfficialRole::Manager, stakeholder.region) {
        return Err(Error::Forbidden);
    }
    let updated = state
        .store()
        .set_verified(stakeholder.id, body.verified, &official.act(""), Utc::now())
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Json(updated))
}

const PRODUCT_MAX: usize = 120;

/// Set a kecamatan's flagship product (One District One Product; managers).
#[utoipa::path(put, path = "/moderation/flagships/{region}", tag = "moderation", params(("region" = String, Path, example = "32.73.17")),
    request_body = FlagshipInput,
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("session_token" = []), ("admin_token" = [])))]
async fn flagship(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(region): PathParam<String>,
    JsonBody(body): JsonBody<FlagshipInput>,
) -> Result<StatusCode, Error> {
    let (official, _) = official(&state, &viewer, OfficialRole::Manager)?;
    let region: RegionCode = region.parse().map_err(|_| Error::NotFound)?;
    if region.level() != RegionLevel::District
        || !state.regions().contains(region)
        || !state.serves(region)
    {
        return Err(Error::NotFound);
    }
    if !official.may(OfficialRole::Manager, region) {
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
        .set_flagship(region, product, Some(&official.act("")), Utc::now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
