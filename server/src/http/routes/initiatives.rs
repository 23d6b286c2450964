//! `/api/v1/initiatives`: proposals, their edits, life cycle, export and calendar file (the
//! pledges made to one are in `pledges.rs`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::Utc;
use pentahelix_core::api::{
    Created, Initiative, InitiativeExport, InitiativeId, InitiativeInput, InitiativeStatus, Page,
    Problem,
};
use pentahelix_core::api::{ModerationAction, StatusChange};
use pentahelix_core::validate;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::moderation::{checked_reason, deleting_official};
use super::reply::{attachment, calendar, created};
use crate::access::{Viewer, redact_initiative, with_counterparts};
use crate::auth::{TokenKind, new_token};
use crate::cli::ModerationMode;
use crate::error::Error;
use crate::http::extract::{AcceptLang, JsonBody, PathParam, QueryParams};
use crate::ical;
use crate::pagination::{next_cursor, page_request, search_text};
use crate::state::AppState;
use crate::store::InitiativeFilter;
use pentahelix_core::api::query::{EditQuery, InitiativeQuery, SimilarQuery};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(similar))
        .routes(routes!(get_one, update, delete))
        .routes(routes!(change_status))
        .routes(routes!(export))
        .routes(routes!(event))
}

/// List initiatives, newest first.
#[utoipa::path(get, path = "/initiatives", tag = "initiatives", params(InitiativeQuery),
    responses((status = 200, body = Page<Initiative>), (status = 400, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    QueryParams(query): QueryParams<InitiativeQuery>,
) -> Result<Json<Page<Initiative>>, Error> {
    list_page(&state, &viewer, query).await.map(Json)
}

/// A page of the list as `viewer` may see it; the loader's first page (`embed.rs`) is this too.
pub(super) async fn list_page(
    state: &AppState,
    viewer: &Viewer,
    query: InitiativeQuery,
) -> Result<Page<Initiative>, Error> {
    let page = page_request(query.cursor.as_deref(), query.limit)?;
    let text = search_text(query.q)?;
    if query.partner.is_some_and(|p| p.0 < 1) {
        return Err(Error::BadRequest(
            "`partner`: a stakeholder's id, 1 or more".into(),
        ));
    }
    let mut areas = state.areas(query.region);
    if let Some(status) = query.status
        && !status.is_listed()
    {
        // Moderated and withdrawn initiatives: only where the viewer administers.
        areas.retain(|area| viewer.admin_of(*area));
    }
    if areas.is_empty() {
        return Ok(Page {
            items: Vec::new(),
            next_cursor: None,
        });
    }
    let filter = InitiativeFilter {
        areas,
        missing_helix: query.helix,
        subsector: query.subsector,
        resource: query.resource,
        statuses: query.status.into_iter().collect(),
        from: query.from,
        to: query.to,
        text,
        supported_by: query.partner,
        any_words: None,
    };
    let rows = state.store().list_initiatives(&filter, page).await?;
    let next_cursor = next_cursor(rows.iter().map(|i| i.id.0), rows.len(), page);
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        items.push(redact_initiative(state, viewer, row).await?);
    }
    Ok(Page { items, next_cursor })
}

/// Open and active initiatives like the one being proposed (its title and the start of its
/// description so far), best first, at most five: the proposal form offers to join one instead.
#[utoipa::path(get, path = "/initiatives/similar", tag = "initiatives", params(SimilarQuery),
    responses((status = 200, body = Vec<Initiative>), (status = 400, body = Problem)))]
async fn similar(
    State(state): State<AppState>,
    viewer: Viewer,
    QueryParams(query): QueryParams<SimilarQuery>,
) -> Result<Json<Vec<Initiative>>, Error> {
    let words =
        pentahelix_core::similar::significant_words(&search_text(query.q)?.unwrap_or_default());
    let areas = state.areas(query.region);
    if words.is_empty() || areas.is_empty() {
        return Ok(Json(Vec::new()));
    }
    let filter = InitiativeFilter {
        areas,
        statuses: vec![InitiativeStatus::Open, InitiativeStatus::Active],
        any_words: Some(words.join(" ")),
        ..InitiativeFilter::default()
    };
    // The newest candidates sharing a word; ranking them all would not change what a person
    // sees among five.
    let candidates = state
        .store()
        .list_initiatives(&filter, page_request(None, Some(CANDIDATES))?)
        .await?;
    let mut shown = Vec::new();
    for initiative in pentahelix_core::similar::most_alike(&words, candidates) {
        shown.push(redact_initiative(&state, &viewer, initiative).await?);
    }
    Ok(Json(shown))
}

/// How many candidates of similar initiatives are ranked.
const CANDIDATES: u32 = 50;

/// Propose an initiative. Published at once, or after approval where the city moderates first.
/// The response carries the manage token, shown this once.
#[utoipa::path(post, path = "/initiatives", tag = "initiatives", request_body = InitiativeInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry-safe key: the same key and body within 24 hours returns the first response")),
    responses((status = 201, body = Created<Initiative>), (status = 422, body = Problem), (status = 400, body = Problem)))]
async fn create(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    JsonBody(mut input): JsonBody<InitiativeInput>,
) -> Result<(StatusCode, Json<Created<Initiative>>), Error> {
    validate::tidy_initiative(&mut input);
    validate::initiative(&input, &state.scope())?;
    let status = match state.moderation() {
        ModerationMode::Pre => InitiativeStatus::Proposed,
        ModerationMode::Post => InitiativeStatus::Open,
    };
    let (token, hash) = new_token(TokenKind::Manage);
    let record = state
        .store()
        .create_initiative(&input, status, &hash, Utc::now())
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

/// The initiative if it exists in a served city and the viewer may see it.
pub async fn load(state: &AppState, viewer: &Viewer, id: i64) -> Result<Initiative, Error> {
    state
        .store()
        .initiative(InitiativeId(id))
        .await?
        .filter(|i| state.serves(i.region) && viewer.may_see_initiative(i))
        .ok_or(Error::NotFound)
}

/// The initiative if the viewer may change it: its owner or an admin of its region.
pub(super) async fn load_managed(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
) -> Result<Initiative, Error> {
    viewer.needs_token()?;
    let current = load(state, viewer, id).await?;
    viewer.may_manage(viewer.owns_initiative(current.id), current.region)?;
    Ok(current)
}

/// One initiative; the contact only for its owner, its region's admins and accepted partners.
#[utoipa::path(get, path = "/initiatives/{id}", tag = "initiatives", params(("id" = i64, Path)),
    responses((status = 200, body = Initiative), (status = 404, body = Problem)))]
async fn get_one(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
) -> Result<Json<Initiative>, Error> {
    let initiative = load(&state, &viewer, id).await?;
    Ok(Json(redact_initiative(&state, &viewer, initiative).await?))
}

/// Edit an initiative (its owner or an admin of its region).
#[utoipa::path(put, path = "/initiatives/{id}", tag = "initiatives", params(("id" = i64, Path), EditQuery), request_body = InitiativeInput,
    responses((status = 200, body = Initiative), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("manage_token" = []), ("admin_token" = [])))]
async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
    QueryParams(edit): QueryParams<EditQuery>,
    JsonBody(mut input): JsonBody<InitiativeInput>,
) -> Result<Json<Initiative>, Error> {
    let current = load_managed(&state, &viewer, id).await?;
    let reason = checked_reason(edit.reason.as_deref().unwrap_or_default(), false)?;
    validate::tidy_initiative(&mut input);
    validate::initiative(&input, &state.scope())?;
    let official = viewer.editing(viewer.owns_initiative(current.id), input.region, &reason)?;
    if current.already_holds(&input) {
        return Ok(Json(current));
    }
    let now = Utc::now();
    let updated = state
        .store()
        .update_initiative(current.id, &input, official.as_ref(), now)
        .await?
        .ok_or(Error::NotFound)?;
    // Under pre-moderation, what the public reads was approved: an owner's new text goes back
    // to review, hidden meanwhile (approval gives back the status it had).
    let public = current.status.is_listed();
    if state.moderation() == ModerationMode::Pre
        && public
        && !viewer.admin_of(current.region)
        && text_changed(&current, &input)
    {
        let review = state
            .store()
            .set_initiative_status(current.id, updated.status, InitiativeStatus::Proposed, now)
            .await?;
        return Ok(Json(review.unwrap_or(updated)));
    }
    Ok(Json(updated))
}

/// Whether an edit changes the words the public reads.
fn text_changed(current: &Initiative, input: &InitiativeInput) -> bool {
    let notes = current.needs.iter().filter_map(|n| n.note.as_ref());
    current.title != input.title
        || current.description != input.description
        || current.place != input.place
        || notes.ne(input.needs.iter().filter_map(|n| n.note.as_ref()))
}

/// Delete an initiative with its pledges and personal data (its owner or an admin of its region).
#[utoipa::path(delete, path = "/initiatives/{id}", tag = "initiatives", params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("manage_token" = []), ("admin_token" = [])))]
async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
) -> Result<StatusCode, Error> {
    let current = load_managed(&state, &viewer, id).await?;
    if viewer.owns_initiative(current.id) {
        state.store().delete_initiative(current.id).await?;
        return Ok(StatusCode::NO_CONTENT);
    }
    // An official's deletion is a moderation decision: managers only, traced, owner told.
    let official = deleting_official(&viewer, current.region)?;
    state
        .store()
        .moderate_initiative(
            current.id,
            ModerationAction::Delete,
            &official.act(""),
            Utc::now(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Move an initiative along its life cycle. The owner may go `open → active → completed` or
/// withdraw; approving and hiding are moderation (`/moderation/...`).
#[utoipa::path(post, path = "/initiatives/{id}/status", tag = "initiatives", params(("id" = i64, Path)), request_body = StatusChange,
    responses((status = 200, body = Initiative), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("manage_token" = [])))]
async fn change_status(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
    JsonBody(change): JsonBody<StatusChange>,
) -> Result<Json<Initiative>, Error> {
    viewer.needs_token()?;
    let current = load(&state, &viewer, id).await?;
    if !viewer.owns_initiative(current.id) {
        return Err(viewer.denied());
    }
    if current.status == change.status {
        return Ok(Json(current));
    }
    if !current.status.owner_may_change_to(change.status) {
        return Err(Error::StateConflict(format!(
            "an initiative that is `{}` cannot become `{}`",
            current.status.slug(),
            change.status.slug()
        )));
    }
    let updated = state
        .store()
        .set_initiative_status(current.id, current.status, change.status, Utc::now())
        .await?
        .ok_or_else(|| {
            Error::StateConflict("the initiative changed meanwhile; reload it and try again".into())
        })?;
    Ok(Json(updated))
}

/// Everything held about an initiative, as a JSON file to keep (its owner, or an admin of its
/// region answering a data-subject request).
#[utoipa::path(get, path = "/initiatives/{id}/export", tag = "initiatives", params(("id" = i64, Path)),
    responses((status = 200, body = InitiativeExport), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("manage_token" = []), ("admin_token" = [])))]
async fn export(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
) -> Result<impl IntoResponse, Error> {
    let initiative = load_managed(&state, &viewer, id).await?;
    let pledges = with_counterparts(
        &state,
        &viewer,
        state.store().pledges_for_initiative(initiative.id).await?,
    )
    .await?;
    let file = format!("pentahelix-initiative-{}.json", initiative.id.0);
    Ok((
        attachment(&file),
        Json(InitiativeExport {
            exported_at: Utc::now(),
            initiative,
            pledges,
        }),
    ))
}

/// One initiative's dates as an iCalendar file, for "add to calendar": only this event, where
/// the region feed (`/exports/events.ics`) holds every upcoming one.
#[utoipa::path(get, path = "/initiatives/{id}/event.ics", tag = "initiatives", params(("id" = i64, Path)),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = Problem)))]
async fn event(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
) -> Result<impl IntoResponse, Error> {
    let initiative = load(&state, &viewer, id).await?;
    // An initiative without a date has no event to add.
    let event = ical::Event::of(&initiative, state.regions()).ok_or(Error::NotFound)?;
    let body = ical::calendar(&initiative.title, &[event], Utc::now());
    Ok((
        attachment(&format!("pentahelix-{}.ics", initiative.id.0)),
        calendar(body),
    ))
}
