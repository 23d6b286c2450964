//! `/api/v1/stats`: a city's program at a glance, and the cities of the network side by side.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use chrono::{NaiveDate, Utc};
use pentahelix_core::api::{Achievements, CityStats, Count, Problem, UpcomingEvent};
use pentahelix_core::{Helix, HelixSet, RegionCode, RegionLevel, Subsector};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::Error;
use crate::http::extract::QueryParams;
use crate::state::AppState;
use pentahelix_core::api::query::CityQuery;

const UPCOMING: usize = 10;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(city))
        .routes(routes!(cities))
        .routes(routes!(achievements))
}

/// The served city a `city` parameter names (a kecamatan names its city; none, the first).
fn served_city(state: &AppState, asked: Option<RegionCode>) -> Result<RegionCode, Error> {
    let city = asked.unwrap_or(state.cities()[0]);
    let city = if city.level() == RegionLevel::District {
        city.city().unwrap_or(city)
    } else {
        city
    };
    if city.level() != RegionLevel::City || !state.cities().contains(&city) {
        return Err(Error::NotFound);
    }
    Ok(city)
}

/// What one city's program achieved, per month and kecamatan: pledges offered and accepted
/// per helix, initiatives completed, and the median days from a proposal to its first offer and
/// to a complete pentahelix. For the city's report to the ministry.
#[utoipa::path(get, path = "/stats/achievements", tag = "stats", params(CityQuery),
    responses((status = 200, body = Achievements), (status = 404, body = Problem)))]
async fn achievements(
    State(state): State<AppState>,
    QueryParams(query): QueryParams<CityQuery>,
) -> Result<Json<Achievements>, Error> {
    let city = served_city(&state, query.city)?;
    Ok(Json(area_achievements(&state, city).await?))
}

/// What the program achieved in an area: a city, or the kecamatan a manager works in.
pub async fn area_achievements(state: &AppState, area: RegionCode) -> Result<Achievements, Error> {
    let (initiatives, pledges) = state.store().achievement_facts(area).await?;
    Ok(Achievements {
        city: area,
        rows: pentahelix_core::achievements::achievements(&initiatives, &pledges),
    })
}

/// Computes one city's stats. `today` is a parameter so the upcoming list is testable.
pub async fn city_stats(
    state: &AppState,
    city: RegionCode,
    today: NaiveDate,
) -> Result<CityStats, Error> {
    let rows = state.store().stats_rows(city).await?;
    let kecamatan: Vec<RegionCode> = state.regions().children(city).map(|r| r.code).collect();
    let live: Vec<_> = rows
        .initiatives
        .iter()
        .filter(|i| i.status.is_live())
        .collect();

    let mut by_kecamatan: BTreeMap<RegionCode, u32> = kecamatan.iter().map(|k| (*k, 0)).collect();
    for i in &live {
        *by_kecamatan.entry(i.region).or_default() += 1;
    }
    let kecamatan_activated = by_kecamatan.values().filter(|n| **n > 0).count() as u32;

    let by_helix = Helix::ALL
        .iter()
        .map(|h| Count {
            key: h.slug().to_owned(),
            count: rows
                .accepted_pledge_helices
                .iter()
                .filter(|x| *x == h)
                .count() as u32,
        })
        .collect();
    let by_subsector = Subsector::ALL
        .iter()
        .map(|s| Count {
            key: s.slug().to_owned(),
            count: live.iter().filter(|i| i.subsectors.contains(*s)).count() as u32,
        })
        .collect();

    let mut upcoming: Vec<UpcomingEvent> = rows
        .initiatives
        .iter()
        .filter(|i| i.status.is_live())
        .filter_map(|i| {
            let starts_on = i.starts_on?;
            (i.ends_on.unwrap_or(starts_on) >= today).then(|| UpcomingEvent {
                initiative_id: i.id,
                title: i.title.clone(),
                region: i.region,
                starts_on,
                ends_on: i.ends_on,
            })
        })
        .collect();
    upcoming.sort_by_key(|e| (e.starts_on, e.initiative_id));
    upcoming.truncate(UPCOMING);

    Ok(CityStats {
        city,
        kecamatan_total: kecamatan.len() as u32,
        kecamatan_activated,
        initiatives: live.len() as u32,
        stakeholders: rows.stakeholders,
        pentahelix_complete: live
            .iter()
            .filter(|i| i.coverage == HelixSet::all())
            .count() as u32,
        by_helix,
        by_subsector,
        by_kecamatan: by_kecamatan
            .into_iter()
            .map(|(k, count)| Count {
                key: k.to_string(),
                count,
            })
            .collect(),
        flagship_products: state.store().flagships(city).await?,
        upcoming,
    })
}

/// One city's dashboard: kecamatan activated out of all, pentahelix-complete initiatives, counts
/// by helix, subsector and kecamatan, flagship products and upcoming events.
#[utoipa::path(get, path = "/stats", tag = "stats", params(CityQuery),
    responses((status = 200, body = CityStats), (status = 404, body = Problem)))]
async fn city(
    State(state): State<AppState>,
    QueryParams(query): QueryParams<CityQuery>,
) -> Result<Json<CityStats>, Error> {
    let city = served_city(&state, query.city)?;
    Ok(Json(
        city_stats(&state, city, Utc::now().date_naive()).await?,
    ))
}

/// Every served city's dashboard, for comparing the cities of the network.
#[utoipa::path(get, path = "/stats/cities", tag = "stats", responses((status = 200, body = Vec<CityStats>)))]
async fn cities(State(state): State<AppState>) -> Result<Json<Vec<CityStats>>, Error> {
    let today = Utc::now().date_naive();
    let mut out = Vec::new();
    for city in state.cities() {
        out.push(city_stats(&state, *city, today).await?);
    }
    Ok(Json(out))
}
