//! One of my partner profiles: the initiatives it can help, complementary partners, my offers.

use leptos::prelude::*;
use pentahelix_core::api::MatchScope;
use pentahelix_core::api::StakeholderId;
use pentahelix_core::api::endpoint::{
    GetStakeholder, StakeholderInvitations, StakeholderMatchList, StakeholderPledges,
};
use pentahelix_core::api::query::MatchQuery;

use crate::components::invitations::InvitationList;
use crate::components::load::loaded;
use crate::components::reasons::{MatchedPartner, Reasons};
use crate::components::verified::VerifiedBadge;
use crate::config::View;
use crate::context::use_ctx;
use crate::storage;
use crate::views::answer;
use crate::views::initiative::{ScopeSelect, pledge_status};

use super::ProfileForm;

#[component]
pub fn Profile(
    id: i64,
    mine: RwSignal<Vec<i64>>,
    selected: RwSignal<Option<i64>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let token = ctx
        .credentials()
        .token("stakeholder", id)
        .unwrap_or_default();
    let unverified = RwSignal::new(false);
    let editing = RwSignal::new(false);
    let scope = RwSignal::new(MatchScope::City);
    let matches = answer(None, move || StakeholderMatchList {
        id: StakeholderId(id),
        query: MatchQuery {
            scope: Some(scope.get()),
            limit: None,
        },
    });
    // Whether the city verified it, shown beside the picker (and gone after an edit that
    // cleared it).
    let verified = answer(None, move || {
        unverified.track();
        GetStakeholder {
            id: StakeholderId(id),
        }
    });
    let pledges = answer(Some(token.clone()), move || StakeholderPledges {
        id: StakeholderId(id),
    });
    let invitations = answer(Some(token.clone()), move || StakeholderInvitations {
        id: StakeholderId(id),
    });
    let token = StoredValue::new(token);
    view! {
        <div class="ph-actions">
            <label class="ph-field__label" for=ctx.id("profile-pick")>
                {move || ctx.t().my_profile}
            </label>
            <select
                id=ctx.id("profile-pick")
                class="ph-input"
                on:change=move |ev| selected.set(event_target_value(&ev).parse().ok())
            >
                {move || {
                    mine.get()
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option value=s.to_string() selected=s == id>
                                    {storage::name("stakeholder", s)
                                        .unwrap_or_else(|| format!("#{s}"))}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            {move || {
                verified
                    .get()
                    .map(|partner| {
                        view! { <VerifiedBadge verified=partner.is_ok_and(|p| p.verified) /> }
                    })
            }}
            <button
                type="button"
                class="ph-button ph-button--ghost"
                data-testid="edit-profile"
                aria-expanded=move || editing.get().to_string()
                on:click=move |_| editing.update(|e| *e = !*e)
            >
                {move || ctx.t().edit_profile}
            </button>
            <button
                type="button"
                class="ph-button ph-button--ghost"
                on:click=move |_| selected.set(None)
            >
                "+ "
                {move || ctx.t().register_profile}
            </button>
        </div>
        <Show when=move || unverified.get()>
            <p class="ph-notice" role="status" data-testid="unverified">
                {move || ctx.t().verification_cleared}
            </p>
        </Show>
        <Show when=move || editing.get()>
            <ProfileForm
                id=Some(id)
                on_unverified=Callback::new(move |()| unverified.set(true))
                on_saved=Callback::new(move |_| {
                    editing.set(false);
                    matches.refetch();
                    pledges.refetch();
                })
            />
        </Show>
        <section class="ph-panel" aria-labelledby=ctx.id("invitations")>
            <h4 class="ph-subheading" id=ctx.id("invitations")>
                {move || ctx.t().invitations}
            </h4>
            {loaded(
                invitations,
                1,
                move |list| match list {
                    list if list.is_empty() => {
                        view! {
                            <p class="ph-muted" data-testid="no-invitations">
                                {move || ctx.t().invitations_none}
                            </p>
                        }
                            .into_any()
                    }
                    list => {
                        view! {
                            <InvitationList
                                invitations=list
                                token=token
                                refresh=Callback::new(move |()| invitations.refetch())
                            />
                        }
                            .into_any()
                    }
                },
            )}
        </section>
        <section class="ph-panel" aria-labelledby=ctx.id("opportunities")>
            <div class="ph-panel__head">
                <h4 class="ph-subheading" id=ctx.id("opportunities")>
                    {move || ctx.t().opportunities}
                </h4>
                <ScopeSelect scope=scope />
            </div>
            {loaded(
                matches,
                2,
                move |m| {
                    view! {
                        {if m.initiatives.is_empty() {
                            Some(view! { <p class="ph-muted">{move || ctx.t().no_matches}</p> })
                        } else {
                            None
                        }}
                        <ol class="ph-matches" data-testid="opportunities">
                            {m
                                .initiatives
                                .into_iter()
                                .map(|i| {
                                    let target = i.initiative_id.0;
                                    view! {
                                        <li class="ph-match">
                                            <p>
                                                <button
                                                    type="button"
                                                    class="ph-link"
                                                    on:click=move |_| ctx.view.set(View::Initiative(target))
                                                >
                                                    {i.title.clone()}
                                                </button>
                                                {move || format!(" · {} {}", i.score, ctx.t().points)}
                                            </p>
                                            <Reasons reasons=i.reasons.clone() />
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                        <h4 class="ph-subheading">{move || ctx.t().complements}</h4>
                        {if m.partners.is_empty() {
                            Some(view! { <p class="ph-muted">{move || ctx.t().no_matches}</p> })
                        } else {
                            None
                        }}
                        <ol class="ph-matches" data-testid="complements">
                            {m
                                .partners
                                .into_iter()
                                .map(|p| {
                                    view! {
                                        <MatchedPartner
                                            stakeholder=p.stakeholder
                                            score=p.score
                                            reasons=p.reasons
                                        />
                                    }
                                })
                                .collect_view()}
                        </ol>
                    }
                        .into_any()
                },
            )}
        </section>
        <section class="ph-panel" aria-labelledby=ctx.id("my-pledges")>
            <h4 class="ph-subheading" id=ctx.id("my-pledges")>
                {move || ctx.t().my_pledges}
            </h4>
            {loaded(
                pledges,
                1,
                move |list| match list {
                    list if list.is_empty() => {
                        view! { <p class="ph-muted">{move || ctx.t().none_yet}</p> }.into_any()
                    }
                    list => {
                        view! {
                            <ul class="ph-pledges">
                                {list
                                    .into_iter()
                                    .map(|p| {
                                        let target = p.initiative_id.0;
                                        view! {
                                            <li class="ph-pledge">
                                                <button
                                                    type="button"
                                                    class="ph-link"
                                                    on:click=move |_| ctx.view.set(View::Initiative(target))
                                                >
                                                    {format!("#{target}")}
                                                </button>
                                                {move || {
                                                    format!(
                                                        " · {} · {}",
                                                        p.resource.label(ctx.lang.get()),
                                                        pledge_status(&ctx, p.status),
                                                    )
                                                }}
                                                {p
                                                    .counterpart_contact
                                                    .clone()
                                                    .map(|c| {
                                                        view! {
                                                            <p>
                                                                {move || ctx.t().contact}": " {c.person.clone()}
                                                                {c.email.clone().map(|e| format!(" · {e}"))}
                                                                {c.phone.clone().map(|p| format!(" · {p}"))}
                                                            </p>
                                                        }
                                                    })}
                                            </li>
                                        }
                                    })
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
