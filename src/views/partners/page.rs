//! A partner's public page: who it is (helix, kecamatan, the city's verification), what it
//! offers, and the initiatives that accepted its support. Reached from its name wherever it is
//! shown, so a suggested partner is someone a citizen can look up before reaching out.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::{GetStakeholder, ListInitiatives};
use pentahelix_core::api::query::InitiativeQuery;
use pentahelix_core::api::{Stakeholder, StakeholderId};

use crate::components::heading::heading_focus;
use crate::components::load::loaded;
use crate::components::verified::VerifiedBadge;
use crate::config::View;
use crate::context::use_ctx;
use crate::views::answer;
use crate::views::initiatives::InitiativeCard;

#[component]
pub fn PartnerPage(id: i64) -> impl IntoView {
    let ctx = use_ctx();
    let partner = answer(None, move || GetStakeholder {
        id: StakeholderId(id),
    });
    // Where "Back" leads: the view the person came from (an initiative's matches, the
    // directory), or the directory.
    let back = ctx
        .nav
        .with_value(|n| n.previous())
        .filter(|v| !matches!(v, View::Partner(_)))
        .unwrap_or(View::Partners);
    view! {
        <section class="ph-section ph-detail" data-testid="partner-page">
            <button type="button" class="ph-link ph-back" on:click=move |_| ctx.view.set(back)>
                "← "
                {move || ctx.t().back_plain}
            </button>
            {loaded(partner, 1, move |p| view! { <PartnerDetails partner=p /> })}
            <Supports id=id />
        </section>
    }
}

#[component]
fn PartnerDetails(partner: Stakeholder) -> impl IntoView {
    let ctx = use_ctx();
    let heading = heading_focus();
    let place = ctx
        .regions()
        .name(partner.region)
        .unwrap_or_default()
        .to_owned();
    let helix = partner.helix;
    let offers: Vec<_> = partner.offers.iter().collect();
    let subsectors: Vec<_> = partner.subsectors.iter().collect();
    // Only web addresses become links: a stored `javascript:` must never be clickable.
    let website = partner
        .website
        .clone()
        .filter(|w| w.starts_with("https://") || w.starts_with("http://"));
    view! {
        <header class="ph-detail__header">
            <div>
                <h3
                    class="ph-detail__title"
                    tabindex="-1"
                    node_ref=heading
                    data-testid="partner-name"
                >
                    {partner.name.clone()}
                </h3>
                <p class="ph-card__meta">
                    <VerifiedBadge verified=partner.verified />
                    " "
                    {move || helix.label(ctx.lang.get())}
                    " · "
                    {place}
                </p>
            </div>
        </header>
        <p class="ph-detail__description">{partner.description.clone()}</p>
        <dl class="ph-facts">
            <dt>{move || ctx.t().partner_offers}</dt>
            <dd data-testid="partner-offers">
                {move || {
                    offers.iter().map(|r| r.label(ctx.lang.get())).collect::<Vec<_>>().join(", ")
                }}
            </dd>
            <dt>{move || ctx.t().filter_subsector}</dt>
            <dd>
                {subsectors
                    .into_iter()
                    .map(|s| {
                        view! { <span class="ph-tag">{move || s.label(ctx.lang.get())}</span> }
                    })
                    .collect_view()}
            </dd>
            {website
                .map(|site| {
                    view! {
                        <dt>{move || ctx.t().website_label}</dt>
                        <dd>
                            <a
                                class="ph-link"
                                href=site.clone()
                                target="_blank"
                                rel="noopener noreferrer nofollow ugc"
                            >
                                {site.clone()}
                            </a>
                        </dd>
                    }
                })}
        </dl>
    }
}

/// The initiatives that accepted this partner's support, newest first.
#[component]
fn Supports(id: i64) -> impl IntoView {
    let ctx = use_ctx();
    let supported = answer(None, move || ListInitiatives {
        query: InitiativeQuery {
            partner: Some(StakeholderId(id)),
            limit: Some(50),
            ..InitiativeQuery::default()
        },
    });
    view! {
        <section class="ph-panel" aria-labelledby=ctx.id("supports")>
            <h4 class="ph-subheading" id=ctx.id("supports")>
                {move || ctx.t().partner_supports}
            </h4>
            {loaded(
                supported,
                1,
                move |page| match page {
                    page if page.items.is_empty() => {
                        view! { <p class="ph-muted">{move || ctx.t().partner_supports_none}</p> }
                            .into_any()
                    }
                    page => {
                        view! {
                            <ul class="ph-cards" data-testid="partner-supports">
                                {page
                                    .items
                                    .into_iter()
                                    .map(|i| view! { <InitiativeCard initiative=i /> })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                },
            )}
        </section>
    }
}
