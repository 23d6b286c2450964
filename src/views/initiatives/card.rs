//! One initiative in a list: its coverage pentagon, title (the link to its page), place, dates,
//! status, subsectors and the needs still open.

use leptos::prelude::*;
use pentahelix_core::api::Initiative;
use pentahelix_core::{Resource, Subsector};

use crate::components::pentagon::CoveragePentagon;
use crate::config::View;
use crate::context::use_ctx;
use crate::format;
use crate::navigation::{ReturnPoint, top_of};

#[component]
pub(crate) fn InitiativeCard(initiative: Initiative) -> impl IntoView {
    let ctx = use_ctx();
    let regions = ctx.regions();
    let place = regions
        .name(initiative.region)
        .unwrap_or_default()
        .to_owned();
    let id = initiative.id.0;
    let coverage = initiative.coverage;
    let subsectors: Vec<Subsector> = initiative.subsectors.iter().collect();
    let open_needs: Vec<Resource> = initiative
        .needs
        .iter()
        .filter(|n| !n.fulfilled)
        .map(|n| n.resource)
        .collect();
    let dates = (initiative.starts_on, initiative.ends_on);
    let status = initiative.status;
    let title = initiative.title.clone();
    let link = NodeRef::<leptos::html::Button>::new();
    let open = move |_| {
        if let Some(link) = link.get_untracked() {
            let top = top_of(&link);
            ctx.nav
                .update_value(|n| n.leave_list_at(ReturnPoint { id, top }));
        }
        ctx.view.set(View::Initiative(id));
    };
    view! {
        <li class="ph-card" data-card=id.to_string()>
            <CoveragePentagon coverage=coverage lang=ctx.lang size=56 />
            <div class="ph-card__body">
                <h3 class="ph-card__title">
                    <button type="button" class="ph-link" node_ref=link on:click=open>
                        {title}
                    </button>
                </h3>
                <p class="ph-card__meta">
                    <span>{place}</span>
                    " · "
                    <span>
                        {move || match dates {
                            (Some(start), end) => format::date_range(start, end, ctx.lang.get()),
                            _ => ctx.t().no_date.to_owned(),
                        }}
                    </span>
                    " · "
                    <span class=format!(
                        "ph-status ph-status--{}",
                        status.slug(),
                    )>{move || status.label(ctx.lang.get())}</span>
                </p>
                <p class="ph-card__tags">
                    {subsectors
                        .into_iter()
                        .map(|s| {
                            view! { <span class="ph-tag">{move || s.label(ctx.lang.get())}</span> }
                        })
                        .collect_view()}
                </p>
                <Show when={
                    let empty = open_needs.is_empty();
                    move || !empty
                }>
                    <p class="ph-card__needs">
                        <span class="ph-card__needs-label">{move || ctx.t().needs}": "</span>
                        {
                            let open_needs = open_needs.clone();
                            move || {
                                open_needs
                                    .iter()
                                    .map(|r| r.label(ctx.lang.get()))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            }
                        }
                    </p>
                </Show>
            </div>
        </li>
    }
}
