//! `/api/v1/exports`: the data in the formats a city office already uses. For managers (it
//! carries contacts) one workbook to open in a spreadsheet and CSV for other systems; for every
//! official the audit trail; and an iCalendar feed of upcoming events that anyone may subscribe
//! to.

mod workbook;

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use pentahelix_core::api::{Initiative, InitiativeStatus, OfficialRole, Problem, Stakeholder};
use pentahelix_core::taxonomy::Taxonomy;
use pentahelix_core::{RegionCode, RegionLevel};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::moderation::official;
use super::reply::{attachment, calendar};
use super::stats::area_achievements;
use crate::access::Viewer;
use crate::error::Error;
use crate::http::extract::QueryParams;
use crate::ical;
use crate::state::AppState;
use crate::store::{AuditFilter, InitiativeFilter, PageRequest, StakeholderFilter};
use pentahelix_core::api::query::EventsQuery;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(initiatives_csv))
        .routes(routes!(stakeholders_csv))
        .routes(routes!(audit_csv))
        .routes(routes!(program_xlsx))
        .routes(routes!(events_ics))
}

const BATCH: u32 = 500;

/// Spreadsheet programs execute cells that start with `=`, `+`, `-` or `@`; a leading apostrophe
/// keeps a citizen's text from becoming a formula on an official's computer.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn join<T: Taxonomy>(items: impl Iterator<Item = T>) -> String {
    items.map(|t| t.slug()).collect::<Vec<_>>().join(" ")
}

/// A CSV writer whose file opens in Excel as UTF-8: the byte-order mark tells it so (without it
/// "Cibeunying" survives but "Pasar Kue Ibu Siti – Sukajadi" does not).
fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec())
}

fn csv_response(name: &str, bytes: Vec<u8>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/csv; charset=utf-8"),
        )],
        attachment(name),
        bytes,
    )
        .into_response()
}

fn csv_error(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("csv: {e}"))
}

/// Walks a list to its end, a batch at a time, newest first, through the same keyset pages a
/// client uses.
async fn every_page<T, F, Fut>(mut page: F, id: impl Fn(&T) -> i64) -> Result<Vec<T>, Error>
where
    F: FnMut(PageRequest) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<T>, Error>>,
{
    let mut out: Vec<T> = Vec::new();
    loop {
        let before = out.last().map(&id);
        let batch = page(PageRequest {
            before,
            limit: BATCH,
        })
        .await?;
        let done = batch.len() < BATCH as usize;
        out.extend(batch);
        if done {
            return Ok(out);
        }
    }
}

async fn all_stakeholders(
    state: &AppState,
    areas: Vec<RegionCode>,
) -> Result<Vec<Stakeholder>, Error> {
    let filter = StakeholderFilter {
        areas,
        ..StakeholderFilter::default()
    };
    every_page(
        |page| state.store().list_stakeholders(&filter, page),
        |s| s.id.0,
    )
    .await
}

async fn all_initiatives(
    state: &AppState,
    areas: Vec<RegionCode>,
    statuses: Vec<InitiativeStatus>,
) -> Result<Vec<Initiative>, Error> {
    let filter = InitiativeFilter {
        areas,
        statuses,
        ..InitiativeFilter::default()
    };
    every_page(
        |page| state.store().list_initiatives(&filter, page),
        |i| i.id.0,
    )
    .await
}

/// Every initiative in the admin's regions, with contacts, as CSV (UTF-8, with a header row).
#[utoipa::path(get, path = "/exports/initiatives.csv", tag = "exports",
    responses((status = 200, content_type = "text/csv", body = String), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("admin_token" = [])))]
async fn initiatives_csv(State(state): State<AppState>, viewer: Viewer) -> Result<Response, Error> {
    let (_, areas) = official(&state, &viewer, OfficialRole::Manager)?;
    let initiatives = all_initiatives(&state, areas, InitiativeStatus::ALL.to_vec()).await?;
    let mut writer = csv_writer();
    writer
        .write_record([
            "id",
            "title",
            "status",
            "region",
            "kecamatan",
            "subsectors",
            "needs",
            "coverage",
            "starts_on",
            "ends_on",
            "place",
            "pledges",
            "contact_person",
            "contact_email",
            "contact_phone",
            "created_at",
        ])
        .map_err(csv_error)?;
    for i in initiatives {
        let contact = i.contact.clone().unwrap_or_default();
        writer
            .write_record([
                i.id.0.to_string(),
                cell(&i.title),
                i.status.slug().to_owned(),
                i.region.to_string(),
                state
                    .regions()
                    .name(i.region)
                    .unwrap_or_default()
                    .to_owned(),
                join(i.subsectors.iter()),
                join(i.needs.iter().map(|n| n.resource)),
                join(i.coverage.iter()),
                i.starts_on.map(|d| d.to_string()).unwrap_or_default(),
                i.ends_on.map(|d| d.to_string()).unwrap_or_default(),
                cell(i.place.as_deref().unwrap_or_default()),
                i.pledge_count.to_string(),
                cell(&contact.person),
                cell(contact.email.as_deref().unwrap_or_default()),
                cell(contact.phone.as_deref().unwrap_or_default()),
                i.created_at.to_rfc3339(),
            ])
            .map_err(csv_error)?;
    }
    Ok(csv_response(
        "initiatives.csv",
        writer.into_inner().map_err(csv_error)?,
    ))
}

/// Everything a manager reports on, in one workbook: the initiatives and partners of the
/// manager's regions with their contacts, and what the program achieved per month and
/// kecamatan; Indonesian headings and labels.
#[utoipa::path(get, path = "/exports/program.xlsx", tag = "exports",
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("session_token" = []), ("admin_token" = [])))]
async fn program_xlsx(State(state): State<AppState>, viewer: Viewer) -> Result<Response, Error> {
    let (_, areas) = official(&state, &viewer, OfficialRole::Manager)?;
    let initiatives =
        all_initiatives(&state, areas.clone(), InitiativeStatus::ALL.to_vec()).await?;
    let stakeholders = all_stakeholders(&state, areas.clone()).await?;
    let mut achievements = Vec::new();
    for area in &areas {
        achievements.push((*area, area_achievements(&state, *area).await?.rows));
    }
    let bytes = workbook::write(&workbook::Program {
        regions: state.regions(),
        initiatives: &initiatives,
        stakeholders: &stakeholders,
        achievements: &achievements,
    })?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
        )],
        attachment("program.xlsx"),
        bytes,
    )
        .into_response())
}

/// The audit trail of the official's regions, newest first, as CSV for a spreadsheet (UTF-8 with
/// a byte-order mark, which Excel needs to read it as UTF-8).
#[utoipa::path(get, path = "/exports/audit.csv", tag = "exports",
    responses((status = 200, content_type = "text/csv", body = String), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("session_token" = []), ("admin_token" = [])))]
async fn audit_csv(State(state): State<AppState>, viewer: Viewer) -> Result<Response, Error> {
    let (_, areas) = official(&state, &viewer, OfficialRole::Moderator)?;
    let filter = AuditFilter {
        areas,
        ..AuditFilter::default()
    };
    let entries = every_page(|page| state.store().audit_trail(&filter, page), |e| e.id).await?;
    let mut writer = csv_writer();
    writer
        .write_record([
            "id",
            "at",
            "actor",
            "action",
            "target",
            "target_id",
            "region",
            "area",
            "title",
            "reason",
            "changed",
        ])
        .map_err(csv_error)?;
    for entry in entries {
        writer
            .write_record([
                entry.id.to_string(),
                entry.at.to_rfc3339(),
                cell(&entry.actor),
                entry.action.slug().to_owned(),
                entry.target.slug().to_owned(),
                entry.target_id.to_string(),
                entry.region.to_string(),
                state
                    .regions()
                    .name(entry.region)
                    .unwrap_or_default()
                    .to_owned(),
                cell(&entry.title),
                cell(&entry.reason),
                entry.changed_fields().join(" "),
            ])
            .map_err(csv_error)?;
    }
    Ok(csv_response(
        "audit.csv",
        writer.into_inner().map_err(csv_error)?,
    ))
}

/// Every stakeholder in the admin's regions, with contacts, as CSV.
#[utoipa::path(get, path = "/exports/stakeholders.csv", tag = "exports",
    responses((status = 200, content_type = "text/csv", body = String), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("admin_token" = [])))]
async fn stakeholders_csv(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, Error> {
    let (_, areas) = official(&state, &viewer, OfficialRole::Manager)?;
    let all = all_stakeholders(&state, areas).await?;
    let mut writer = csv_writer();
    writer
        .write_record([
            "id",
            "name",
            "helix",
            "region",
            "area",
            "subsectors",
            "offers",
            "verified",
            "website",
            "contact_person",
            "contact_email",
            "contact_phone",
            "created_at",
        ])
        .map_err(csv_error)?;
    for s in all {
        let contact = s.contact.clone().unwrap_or_default();
        writer
            .write_record([
                s.id.0.to_string(),
                cell(&s.name),
                s.helix.slug().to_owned(),
                s.region.to_string(),
                state
                    .regions()
                    .name(s.region)
                    .unwrap_or_default()
                    .to_owned(),
                join(s.subsectors.iter()),
                join(s.offers.iter()),
                s.verified.to_string(),
                cell(s.website.as_deref().unwrap_or_default()),
                cell(&contact.person),
                cell(contact.email.as_deref().unwrap_or_default()),
                cell(contact.phone.as_deref().unwrap_or_default()),
                s.created_at.to_rfc3339(),
            ])
            .map_err(csv_error)?;
    }
    Ok(csv_response(
        "stakeholders.csv",
        writer.into_inner().map_err(csv_error)?,
    ))
}

/// How far ahead the feed looks.
const FEED_DAYS: u64 = 366;

/// Upcoming open and active initiatives with dates, as an iCalendar feed to subscribe to.
///
/// The feed holds the initiatives dated from today to a year ahead.
#[utoipa::path(get, path = "/exports/events.ics", tag = "exports", params(EventsQuery),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 400, body = Problem)))]
async fn events_ics(
    State(state): State<AppState>,
    QueryParams(query): QueryParams<EventsQuery>,
) -> Result<Response, Error> {
    let areas = state.areas(query.region);
    let today = Utc::now().date_naive();
    // The database reads only what the feed shows (dated from today to a year ahead), so a
    // request is as cheap for a city with years of history as for a new one.
    let filter = InitiativeFilter {
        areas,
        statuses: vec![InitiativeStatus::Open, InitiativeStatus::Active],
        from: Some(today),
        to: Some(today + chrono::Days::new(FEED_DAYS)),
        ..InitiativeFilter::default()
    };
    let mut initiatives = if filter.areas.is_empty() {
        Vec::new()
    } else {
        every_page(
            |page| state.store().list_initiatives(&filter, page),
            |i| i.id.0,
        )
        .await?
    };
    initiatives.retain(|i| {
        i.starts_on
            .is_some_and(|start| i.ends_on.unwrap_or(start) >= today)
    });
    initiatives.sort_by_key(|i| (i.starts_on, i.id));
    let name = match query.region {
        Some(r) if r.level() != RegionLevel::Province => {
            state.regions().name(r).unwrap_or("Pentahelix").to_owned()
        }
        _ => "Pentahelix".to_owned(),
    };
    let events: Vec<ical::Event<'_>> = initiatives
        .iter()
        .filter_map(|i| ical::Event::of(i, state.regions()))
        .collect();
    let body = ical::calendar(&format!("{name} — Kegiatan"), &events, Utc::now());
    Ok(calendar(body).into_response())
}
