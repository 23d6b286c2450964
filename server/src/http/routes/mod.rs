//! One module per API resource, each with its handlers, their OpenAPI descriptions and its
//! router; merged here into `/api/v1`.

mod auth;
mod contract;
mod embed;
mod exports;
mod health;
mod initiatives;
mod invitations;
mod matches;
mod me;
mod moderation;
mod pledges;
mod regions;
mod reply;
mod reports;
mod stakeholders;
mod stats;
mod taxonomy;

use axum::Router;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub use health::router as health;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Pentahelix API",
        description = "The JSON API of Pentahelix: initiatives, stakeholders of the five helices, pledges, matches, \
                       stats, moderation and exports for a city's creative-economy program. Errors are RFC 9457 \
                       problem documents; `Accept-Language: en` gives English messages (Indonesian by default).",
        license(name = "MIT OR Apache-2.0", identifier = "MIT OR Apache-2.0")
    ),
    modifiers(&Security),
    tags(
        (name = "initiatives", description = "Proposals and their life cycle"),
        (name = "stakeholders", description = "Organisations and people of the five helices"),
        (name = "pledges", description = "Offers of support and their answers"),
        (name = "matches", description = "Ranked, explained suggestions and coalitions"),
        (name = "stats", description = "Dashboards"),
        (name = "moderation", description = "Reports and the city officials' tools"),
        (name = "exports", description = "CSV and iCalendar"),
        (name = "reference", description = "Taxonomies and regions"),
        (name = "sign-in", description = "Sign-in by a code mailed to an address, and what the address manages"),
    )
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let bearer = |description: &str| {
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(description))
                    .build(),
            )
        };
        components.add_security_scheme(
            contract::MANAGE_TOKEN,
            bearer("A record's manage token (`phm_…`), returned once when it was created"),
        );
        components.add_security_scheme(
            contract::SESSION_TOKEN,
            bearer(
                "A session (`phs_…`) from `POST /api/v1/auth/session`: manages every record whose contact email is the signed-in address",
            ),
        );
        components.add_security_scheme(
            contract::ADMIN_TOKEN,
            bearer(
                "A region-scoped admin token (`pha_…`) made with `pentahelix-server admin create-token`",
            ),
        );
    }
}

/// Every `/api/v1` route with its OpenAPI description.
pub fn v1() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(taxonomy::router())
        .merge(regions::router())
        .merge(stakeholders::router())
        .merge(initiatives::router())
        .merge(pledges::router())
        .merge(invitations::router())
        .merge(matches::router())
        .merge(stats::router())
        .merge(reports::router())
        .merge(moderation::router())
        .merge(exports::router())
        .merge(auth::router())
        .merge(me::router())
        .merge(embed::router())
}

/// The `/api/v1` router and its OpenAPI document, with paths as clients call them. The
/// document-wide modifiers run here rather than in `ApiDoc`, which sees no paths yet.
pub fn v1_with_openapi() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut api) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", v1())
        .split_for_parts();
    contract::SharedResponses.modify(&mut api);
    contract::UniqueOperationIds.modify(&mut api);
    (router, api)
}

/// The OpenAPI document of `/api/v1`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    v1_with_openapi().1
}
