//! Who could help: ranked partners with the reasons for each, and the suggested team.

use leptos::prelude::*;
use pentahelix_core::Resource;
use pentahelix_core::api::endpoint::InitiativeMatchList;
use pentahelix_core::api::query::MatchQuery;
use pentahelix_core::api::{InitiativeId, InitiativeMatches, MatchScope};

use crate::components::load::{LoadError, Skeletons};
use crate::components::partner::PartnerName;
use crate::components::reasons::MatchedPartner;
use crate::context::use_ctx;
use crate::views::answer;

use super::invite::{InviteButton, Inviting};

/// `owner_token`: the owner's, while the initiative looks for partners; each suggested partner
/// then gets an invite button.
#[component]
pub fn Matches(id: i64, owner_token: Option<String>) -> impl IntoView {
    let ctx = use_ctx();
    let inviting = owner_token.map(|token| Inviting::new(id, token));
    let scope = RwSignal::new(MatchScope::City);
    let matches = answer(None, move || InitiativeMatchList {
        id: InitiativeId(id),
        query: MatchQuery {
            scope: Some(scope.get()),
            limit: None,
        },
    });
    view! {
        <section class="ph-panel" aria-labelledby=ctx.id("matches")>
            <div class="ph-panel__head">
                <h4 class="ph-subheading" id=ctx.id("matches")>
                    {move || ctx.t().matches}
                </h4>
                <ScopeSelect scope=scope />
            </div>
            <Show when=move || inviting.is_some()>
                <p class="ph-muted">{move || ctx.t().invite_intro}</p>
            </Show>
            {move || match matches.get() {
                None => view! { <Skeletons count=2 /> }.into_any(),
                Some(Err(e)) => {
                    view! { <LoadError error=e retry=Callback::new(move |()| scope.notify()) /> }
                        .into_any()
                }
                Some(Ok(m)) => view! { <MatchList matches=m inviting=inviting /> }.into_any(),
            }}
        </section>
    }
}

/// "Look in: this kecamatan / this city / this province / every city": widens a match search.
#[component]
pub fn ScopeSelect(scope: RwSignal<MatchScope>) -> impl IntoView {
    let ctx = use_ctx();
    let label = move |s: MatchScope| {
        let t = ctx.t();
        match s {
            MatchScope::Kecamatan => t.scope_kecamatan,
            MatchScope::City => t.scope_city,
            MatchScope::Province => t.scope_province,
            MatchScope::Network => t.scope_network,
        }
    };
    let id = ctx.id(&format!("scope-{}", (js_sys::Math::random() * 1e6) as u32));
    view! {
        <div class="ph-field ph-field--inline">
            <label class="ph-field__label" for=id.clone()>
                {move || ctx.t().scope}
            </label>
            <select
                id=id
                class="ph-input"
                data-testid="scope"
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    if let Some(s) = MatchScope::ALL.into_iter().find(|s| s.slug() == value) {
                        scope.set(s);
                    }
                }
            >
                {MatchScope::ALL
                    .into_iter()
                    .map(|s| {
                        view! {
                            <option value=s.slug() selected=move || scope.get() == s>
                                {move || label(s)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn MatchList(matches: InitiativeMatches, inviting: Option<Inviting>) -> impl IntoView {
    let ctx = use_ctx();
    let coalition = matches.coalition.clone();
    let members = matches.coalition_members.clone();
    let name_of = move |id: i64| {
        members
            .iter()
            .find(|m| m.id.0 == id)
            .map(|m| (m.name.clone(), m.verified))
            .unwrap_or_else(|| (format!("#{id}"), false))
    };
    view! {
        {if matches.stakeholders.is_empty() {
            view! { <p class="ph-muted">{move || ctx.t().no_matches}</p> }.into_any()
        } else {
            view! {
                <ol class="ph-matches" data-testid="matches">
                    {matches
                        .stakeholders
                        .into_iter()
                        .map(|m| {
                            let (id, name) = (m.stakeholder.id, m.stakeholder.name.clone());
                            view! {
                                <MatchedPartner
                                    stakeholder=m.stakeholder
                                    score=m.score
                                    reasons=m.reasons
                                >
                                    {inviting
                                        .map(|inviting| {
                                            view! {
                                                <InviteButton
                                                    inviting=inviting
                                                    stakeholder=id
                                                    name=name.clone()
                                                />
                                            }
                                        })}
                                </MatchedPartner>
                            }
                        })
                        .collect_view()}
                </ol>
            }
                .into_any()
        }}
        <Show when={
            let empty = coalition.members.is_empty();
            move || !empty
        }>
            <h5 class="ph-subheading">{move || ctx.t().coalition}</h5>
            <p class="ph-muted">{move || ctx.t().coalition_intro}</p>
            <ul class="ph-coalition" data-testid="coalition">
                {coalition
                    .members
                    .iter()
                    .map(|m| {
                        let (name, verified) = name_of(m.stakeholder_id.0);
                        let fills: Vec<Resource> = m.fills.iter().collect();
                        let brings = m.brings_helix;
                        let member = m.stakeholder_id;
                        let invite = inviting
                            .map(|inviting| {
                                view! {
                                    <InviteButton
                                        inviting=inviting
                                        stakeholder=member
                                        name=name.clone()
                                    />
                                }
                            });
                        view! {
                            <li>
                                <PartnerName id=m.stakeholder_id name=name verified=verified />
                                {move || {
                                    let mut parts = Vec::new();
                                    if !fills.is_empty() {
                                        parts
                                            .push(
                                                format!(
                                                    "{} {}",
                                                    ctx.t().coalition_fills,
                                                    fills
                                                        .iter()
                                                        .map(|r| r.label(ctx.lang.get()))
                                                        .collect::<Vec<_>>()
                                                        .join(", "),
                                                ),
                                            );
                                    }
                                    if let Some(h) = brings {
                                        parts
                                            .push(
                                                format!(
                                                    "{} {}",
                                                    ctx.t().coalition_brings,
                                                    h.label(ctx.lang.get()),
                                                ),
                                            );
                                    }
                                    format!(" — {}", parts.join("; "))
                                }}
                                {invite}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </Show>
        <Show when={
            let none = coalition.uncovered_needs.is_empty();
            move || !none
        }>
            <p class="ph-muted">
                {
                    let uncovered = coalition.uncovered_needs;
                    move || {
                        format!(
                            "{} {}",
                            ctx.t().uncovered,
                            uncovered
                                .iter()
                                .map(|r| r.label(ctx.lang.get()))
                                .collect::<Vec<_>>()
                                .join(", "),
                        )
                    }
                }
            </p>
        </Show>
        <Show when={
            let none = coalition.missing_helices.is_empty();
            move || !none
        }>
            <p class="ph-muted">
                {
                    let missing = coalition.missing_helices;
                    move || {
                        format!(
                            "{} {}",
                            ctx.t().missing_helices,
                            missing
                                .iter()
                                .map(|h| h.label(ctx.lang.get()))
                                .collect::<Vec<_>>()
                                .join(", "),
                        )
                    }
                }
            </p>
        </Show>
    }
}
