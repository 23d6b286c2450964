//! Matches: who could help an initiative (and the smallest team that covers it), which
//! initiatives a stakeholder could help, and which stakeholders complement it. Every match comes
//! with the terms of its score, from the core's engine.

use std::collections::HashMap;

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
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::initiatives::load as load_initiative;
use crate::access::Viewer;
use crate::error::Error;
use crate::http::extract::{PathParam, QueryParams};
use crate::pagination;
use crate::state::AppState;
use pentahelix_core::api::query::MatchQuery;

const DEFAULT_LIMIT: u32 = 10;
const MAX_LIMIT: u32 = 50;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(for_initiative))
        .routes(routes!(for_stakeholder))
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

/// The summaries of the stakeholders named by `ids`, in one query. A stakeholder deleted since
/// the features were read is missing from the map, and its match is skipped rather than shown
/// half-empty.
async fn summaries(
    state: &AppState,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, StakeholderSummary>, Error> {
    let ids: Vec<StakeholderId> = ids.into_iter().map(StakeholderId).collect();
    Ok(state
        .store()
        .stakeholders_by_id(&ids)
        .await?
        .iter()
        .map(|s| (s.id.0, StakeholderSummary::from(s)))
        .collect())
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

    let named = summaries(
        &state,
        ranked
            .iter()
            .map(|r| r.id)
            .chain(team.members.iter().map(|m| m.stakeholder_id.0)),
    )
    .await?;
    let stakeholders = ranked
        .into_iter()
        .filter_map(|r| {
            Some(StakeholderMatch {
                stakeholder: named.get(&r.id)?.clone(),
                score: r.score.total,
                reasons: r.score.reasons,
            })
        })
        .collect();
    let coalition_members = team
        .members
        .iter()
        .filter_map(|m| named.get(&m.stakeholder_id.0).cloned())
        .collect();
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
    let ranked = rank_partners(&me, &others, limit);
    let named = summaries(&state, ranked.iter().map(|r| r.id)).await?;
    let partners = ranked
        .into_iter()
        .filter_map(|r| {
            Some(PartnerMatch {
                stakeholder: named.get(&r.id)?.clone(),
                score: r.score.total,
                reasons: r.score.reasons,
            })
        })
        .collect();
    Ok(Json(StakeholderMatches {
        scope,
        initiatives,
        partners,
    }))
}
