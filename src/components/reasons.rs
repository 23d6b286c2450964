//! The reasons behind a match, in words: the engine's score terms, each with its points.

use leptos::prelude::*;
use pentahelix_core::api::StakeholderSummary;
use pentahelix_core::matching::ScoredReason;

use crate::components::partner::PartnerName;
use crate::context::use_ctx;

#[component]
pub fn Reasons(reasons: Vec<ScoredReason>) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <ul class="ph-reasons">
            {reasons
                .into_iter()
                .map(|r| {
                    view! {
                        <li class="ph-reasons__item">
                            {move || r.reason.describe(ctx.lang.get())}
                            <span class="ph-reasons__points">
                                {move || format!(" +{} {}", r.points, ctx.t().points)}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// A suggested partner in a ranked list: who, which helix, its points and why; `children` is
/// what the viewer can do about it (the owner's invite button), at the end of the name's line.
#[component]
pub fn MatchedPartner(
    stakeholder: StakeholderSummary,
    score: u32,
    reasons: Vec<ScoredReason>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let ctx = use_ctx();
    let helix = stakeholder.helix;
    view! {
        <li class="ph-match">
            <p>
                <PartnerName
                    id=stakeholder.id
                    name=stakeholder.name
                    verified=stakeholder.verified
                />
                {move || {
                    format!(" · {} · {} {}", helix.label(ctx.lang.get()), score, ctx.t().points)
                }}
                {children.map(|action| action())}
            </p>
            <Reasons reasons=reasons />
        </li>
    }
}
