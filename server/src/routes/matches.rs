//! Matches: who could help an initiative (and the smallest team that covers it), which
//! initiatives a stakeholder could help, and which stakeholders complement it. Every match comes
//! with the terms of its score, from the core's engine.

use axum::Json;
use axum::extract::State;
use pentahelix_core::RegionCode;
use pentahelix_core::api::{
    InitiativeId, InitiativeMatch, InitiativeMatches, MatchScope, PartnerMatch, Problem,
    StakeholderId, StakeholderMatch, StakeholderMatches, StakeholderSummary,
};
use pentahelix_core::matching::{
    InitiativeFeatures, StakeholderFeatures, rank_initiatives, rank_partners,
    rank_stakeholders_with_coalition,
};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{PathParam, QueryParams};
use super::initiatives::load as load_initiative;
use crate::access::Viewer;
use crate::error::Error;
use crate::pagination;
use crate::state::AppState;

const DEFAULT_LIMIT: u32 = 10;
const MAX_LIMIT: u32 = 50;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(for_initiative))
        .routes(routes!(for_stakeholder))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MatchQuery {
    /// How far to look: the same kecamatan, the city (default), the province, or every city the
    /// deployment serves.
    scope: Option<MatchScope>,
    /// How many matches, 1 to 50 (default 10).
    #[param(minimum = 1, maximum = 50)]
    limit: Option<u32>,
}

/// The served areas a search from `home` covers at `scope`.
fn search_areas(state: &AppState, home: RegionCode, scope: MatchScope) -> Vec<RegionCode> {
    match scope.area(home) {
        None => state.cities().to_vec(),
        Some(area) => state
            .cities()
            .iter()
            .filter(|city| city.contains(area) || area.contains(**city))
            .map(|city| if city.contains(area) { area } else { *city })
            .collect(),
    }
}

async fn summary(state: &AppState, id: i64) -> Result<Option<StakeholderSummary>, Error> {
    Ok(state
        .store()
        .stakeholder(StakeholderId(id))
        .await?
        .as_ref()
        .map(StakeholderSummary::from))
}

/// Stakeholders who could help this initiative, best first, and a suggested coalition.
#[utoipa::path(get, path = "/initiatives/{id}/matches", tag = "matches", params(("id" = i64, Path), MatchQuery),
    responses((status = 200, body = InitiativeMatches), (status = 404, body = Problem)))]
async fn for_initiative(
    State(state): State<AppState>,
    viewer: Viewer,
    PathParam(id): PathParam<i64>,
    QueryParams(query): QueryParams<MatchQuery>,
) -> Result<Json<InitiativeMatches>, Error> {
    let initiative = load_initiative(&state, &viewer, id).await?;
    let scope = query.scope.unwrap_or_default();
    let limit = pagination::limit(query.limit, DEFAULT_LIMIT, MAX_LIMIT)? as usize;
    let features = InitiativeFeatures::from(&initiative);
    let candidates = state
        .features()
        .stakeholders(
            state.store(),
            &search_areas(&state, initiative.region, scope),
        )
        .await?;
    let (ranked, team) = rank_stakeholders_with_coalition(&features, &candidates, limit);

    // A stakeholder deleted since the features were read is skipped, not shown half-empty.
    let mut stakeholders = Vec::with_capacity(ranked.len());
    for r in ranked {
        if let Some(stakeholder) = summary(&state, r.id).await? {
            stakeholders.push(StakeholderMatch {
                stakeholder,
                score: r.score.total,
                reasons: r.score.reasons,
            });
        }
    }
    let mut coalition_members = Vec::with_capacity(team.members.len());
    for member in &team.members {
        coalition_members.extend(summary(&state, member.stakeholder_id.0).await?);
    }
    Ok(Json(InitiativeMatches {
        scope,
        stakeholders,
        coalition: team,
        coalition_members,
    }))
}

/// Initiatives this stakeholder could help, and stakeholders of other helices that complement it.
#[utoipa::path(get, path = "/stakeholders/{id}/matches", tag = "matches", params(("id" = i64, Path), MatchQuery),
    responses((status = 200, body = StakeholderMatches), (status = 404, body = Problem)))]
async fn for_stakeholder(
    State(state): State<AppState>,
    PathParam(id): PathParam<i64>,
    QueryParams(query): QueryParams<MatchQuery>,
) -> Result<Json<StakeholderMatches>, Error> {
    let stakeholder = state
        .store()
        .stakeholder(StakeholderId(id))
        .await?
        .filter(|s| state.serves(s.region))
        .ok_or(Error::NotFound)?;
    let scope = query.scope.unwrap_or_default();
    let limit = pagination::limit(query.limit, DEFAULT_LIMIT, MAX_LIMIT)? as usize;
    let me = StakeholderFeatures::from(&stakeholder);
    let areas = search_areas(&state, stakeholder.region, scope);

    let open = state.features().initiatives(state.store(), &areas).await?;
    let mut initiatives = Vec::new();
    for r in rank_initiatives(&me, &open, limit) {
        if let Some(i) = state.store().initiative(InitiativeId(r.id)).await? {
            initiatives.push(InitiativeMatch {
                initiative_id: i.id,
                title: i.title,
                region: i.region,
                score: r.score.total,
                reasons: r.score.reasons,
            });
        }
    }

    let others = state.features().stakeholders(state.store(), &areas).await?;
    let mut partners = Vec::new();
    for r in rank_partners(&me, &others, limit) {
        if let Some(stakeholder) = summary(&state, r.id).await? {
            partners.push(PartnerMatch {
                stakeholder,
                score: r.score.total,
                reasons: r.score.reasons,
            });
        }
    }
    Ok(Json(StakeholderMatches {
        scope,
        initiatives,
        partners,
    }))
}
