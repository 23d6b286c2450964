//! The officials' workspace: an official signed in under "Milik saya" works the moderation
//! queue of their regions, reads the audit trail and, as a manager, verifies partners, sets
//! kecamatan flagship products and downloads the exports. The server limits everything to the
//! official's regions and role; admin tokens are for automation and never typed in here.

mod audit;
mod embed;
mod exports;
mod flagship;
mod queue;
mod verify;

use audit::AuditTrail;
use embed::EmbedCode;
use exports::Exports;
use flagship::Flagship;
use queue::Queue;
use verify::Verify;

use leptos::prelude::*;
use pentahelix_core::api::{OfficialGrant, OfficialRole};
use pentahelix_core::words::fill;

use crate::components::heading::heading_focus;
use crate::config::View;
use crate::context::{Ctx, use_ctx};
use crate::storage::Session;

#[component]
pub fn Admin() -> impl IntoView {
    let ctx = use_ctx();
    let heading = heading_focus();
    let official = Memo::new(move |_| ctx.session.get().filter(|s| !s.official.is_empty()));
    view! {
        <section class="ph-section" data-testid="workspace">
            <h3 class="ph-section__title" tabindex="-1" node_ref=heading>
                {move || ctx.t().admin_heading}
            </h3>
            {move || match official.get() {
                None => {
                    view! {
                        <div class="ph-panel" data-testid="workspace-sign-in">
                            <p>{move || ctx.t().workspace_for_officials}</p>
                            <button
                                type="button"
                                class="ph-button"
                                on:click=move |_| ctx.view.set(View::Mine)
                            >
                                {move || ctx.t().go_sign_in}
                            </button>
                        </div>
                    }
                        .into_any()
                }
                Some(session) => view! { <Workspace session=session /> }.into_any(),
            }}
        </section>
    }
}

/// Who works here, in which role, for which regions: "petugas@bandung.go.id — moderator for
/// Kota Bandung".
fn signed_in_as(ctx: &Ctx, session: &Session) -> String {
    let t = ctx.t();
    let regions = ctx.regions();
    let mut roles: Vec<OfficialRole> = session.official.iter().map(|g| g.role).collect();
    roles.sort();
    roles.dedup();
    let role = roles
        .iter()
        .map(|role| match role {
            OfficialRole::Moderator => t.roles[0],
            OfficialRole::Manager => t.roles[1],
        })
        .collect::<Vec<_>>()
        .join(", ");
    let places = session
        .official
        .iter()
        .map(|grant| {
            regions
                .name(grant.region)
                .map_or_else(|| grant.region.to_string(), str::to_owned)
        })
        .collect::<Vec<_>>()
        .join(", ");
    fill(
        t.official_as,
        &[
            ("email", &session.email),
            ("role", &role),
            ("regions", &places),
        ],
    )
}

/// Whether the grants make the official a manager anywhere: the manager's tools show.
fn manages_somewhere(grants: &[OfficialGrant]) -> bool {
    grants.iter().any(|g| g.role == OfficialRole::Manager)
}

#[component]
fn Workspace(session: Session) -> impl IntoView {
    let ctx = use_ctx();
    let manager = manages_somewhere(&session.official);
    let line = {
        let session = session.clone();
        move || signed_in_as(&ctx, &session)
    };
    let token = StoredValue::new(session.token.clone());
    // Counts the decisions taken here, so the audit trail shows each at once.
    let decisions = RwSignal::new(0_u32);
    view! {
        <p class="ph-muted" data-testid="official-as">
            {line}
        </p>
        <Queue session=session.clone() decisions=decisions />
        <Show when=move || manager>
            <Verify token=token.get_value() decisions=decisions />
        </Show>
        <AuditTrail session=session decisions=decisions />
        <Show when=move || manager>
            <Flagship token=token.get_value() decisions=decisions />
            <Exports token=token.get_value() />
        </Show>
        <EmbedCode />
    }
}
