//! `/api/v1/reports`: anyone may report abusive content. Reports from enough different people
//! hide an initiative until an admin reviews it, so a city's page does not show spam for a
//! weekend — and one person cannot hide someone else's initiative alone.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use pentahelix_core::api::{
    InitiativeId, InitiativeStatus, Problem, ReportInput, ReportReason, ReportReceipt,
};
use pentahelix_core::validate::{Rule, ValidationErrors};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::Error;
use crate::http::client::ClientAddr;
use crate::http::extract::JsonBody;
use crate::state::AppState;
use crate::store::ReportTarget;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(create))
}

const REASON: (usize, usize) = (3, 500);

/// Report an initiative or a stakeholder to the city's moderators.
#[utoipa::path(post, path = "/reports", tag = "moderation", request_body = ReportInput,
    responses((status = 202, body = ReportReceipt), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn create(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    JsonBody(input): JsonBody<ReportInput>,
) -> Result<(StatusCode, Json<ReportReceipt>), Error> {
    let reason = input.reason.trim();
    let length = reason.chars().count();
    let mut errors = ValidationErrors::default();
    // A named category says enough; "other" needs the reporter's words.
    if length == 0 && input.category != ReportReason::Other {
    } else if length == 0 {
        errors.push("reason", Rule::Required);
    } else if reason.chars().any(|c| c.is_control() && c != '\n') {
        errors.push("reason", Rule::ControlCharacters);
    } else if length < REASON.0 {
        errors.push("reason", Rule::TooShort { min: REASON.0 });
    } else if length > REASON.1 {
        errors.push("reason", Rule::TooLong { max: REASON.1 });
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let region = match input.target {
        ReportTarget::Initiative => state
            .store()
            .initiative(InitiativeId(input.id))
            .await?
            .map(|i| i.region),
        ReportTarget::Stakeholder => state
            .store()
            .stakeholder(pentahelix_core::api::StakeholderId(input.id))
            .await?
            .map(|s| s.region),
    };
    if !region.is_some_and(|r| state.serves(r)) {
        return Err(Error::NotFound);
    }
    let now = Utc::now();
    let reporter = state.reporter_hash(client);
    let count = state
        .store()
        .report(
            input.target,
            input.id,
            &reporter,
            input.category,
            reason,
            now,
        )
        .await?
        .ok_or(Error::NotFound)?;
    let mut hidden = false;
    if input.target == ReportTarget::Initiative && count >= state.report_threshold() {
        let id = InitiativeId(input.id);
        if let Some(initiative) = state.store().initiative(id).await?
            && initiative.status.is_listed()
        {
            hidden = state
                .store()
                .set_initiative_status(id, initiative.status, InitiativeStatus::Hidden, now)
                .await?
                .is_some();
            tracing::info!(
                initiative = input.id,
                reporters = count,
                "initiative hidden pending review"
            );
        }
    }
    Ok((StatusCode::ACCEPTED, Json(ReportReceipt { hidden })))
}
