//! One initiative: what it is and needs, who supports it, who could help (with reasons and a
//! suggested team), "offer support", the owner's controls when this browser holds its manage
//! token, and an "add to calendar" link.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::{
    AnswerPledge, Calendar, ChangeStatus, Empty, GetInitiative, InitiativeMatchList,
    InitiativePledges, Offer, PledgeAction, Report,
};
use pentahelix_core::api::query::{EventsQuery, MatchQuery};
use pentahelix_core::api::{
    Initiative, InitiativeId, InitiativeMatches, InitiativeStatus, MatchScope, Pledge, PledgeId,
    PledgeInput, PledgeStatus, ReportInput, ReportTarget, StatusChange,
};
use pentahelix_core::{Regions, Resource};

use crate::api::{ApiError, Call};
use crate::components::load::{LoadError, Skeletons, error_text};
use crate::components::pentagon::CoveragePentagon;
use crate::components::reasons::Reasons;
use crate::config::View;
use crate::context::{Ctx, use_ctx};
use crate::draft::ProposeDraft;
use crate::format;
use crate::storage;
use crate::views::abort_on_cleanup;
use crate::views::edit::OnDemandEdit;
use crate::views::propose::EditTarget;

pub fn pledge_status(ctx: &Ctx, status: PledgeStatus) -> &'static str {
    let t = ctx.t();
    match status {
        PledgeStatus::Pending => t.pledge_pending,
        PledgeStatus::Accepted => t.pledge_accepted,
        PledgeStatus::Declined => t.pledge_declined,
        PledgeStatus::Withdrawn => t.pledge_withdrawn,
    }
}

#[component]
pub fn InitiativeDetail(id: i64) -> impl IntoView {
    let ctx = use_ctx();
    let token = storage::token("initiative", id);
    let reload = RwSignal::new(0u32);
    // Pledges reload on their own, so offering support does not rebuild the whole page (and
    // the offer form keeps its confirmation).
    let reload_pledges = RwSignal::new(0u32);
    // Without the initiative's own token, this browser's partner profile (if any) speaks for it:
    // the other side of an accepted pledge may see the owner's contact.
    let viewer_token = token.clone().or_else(|| {
        storage::my_stakeholders()
            .first()
            .and_then(|s| storage::token("stakeholder", *s))
    });
    let initiative = LocalResource::new({
        let token = viewer_token.clone();
        move || {
            reload.track();
            let token = token.clone();
            let abort = abort_on_cleanup();
            async move {
                ctx.api()
                    .call(
                        &GetInitiative {
                            id: InitiativeId(id),
                        },
                        Call::with_token(token.as_deref()).abort_with(abort.as_ref()),
                    )
                    .await
            }
        }
    });
    let pledges = LocalResource::new({
        let token = viewer_token;
        move || {
            reload.track();
            reload_pledges.track();
            let token = token.clone();
            let abort = abort_on_cleanup();
            async move {
                ctx.api()
                    .call(
                        &InitiativePledges {
                            id: InitiativeId(id),
                        },
                        Call::with_token(token.as_deref()).abort_with(abort.as_ref()),
                    )
                    .await
            }
        }
    });
    let is_owner = token.is_some();
    let token = StoredValue::new(token);

    view! {
        <section class="ph-section ph-detail">
            <button type="button" class="ph-link ph-back" on:click=move |_| ctx.view.set(View::Initiatives)>
                "← " {move || ctx.t().back}
            </button>
            {move || match initiative.get() {
                None => view! { <Skeletons count=1 /> }.into_any(),
                Some(Err(e)) => view! { <LoadError error=e retry=Callback::new(move |()| reload.update(|n| *n += 1)) /> }.into_any(),
                Some(Ok(i)) => {
                    let owned = i.clone();
                    view! {
                        <Overview initiative=i.clone() />
                        <Pledges pledges=pledges is_owner=is_owner token=token.get_value() reload=reload />
                        <Show when=move || is_owner>
                            <OwnerControls initiative=owned.clone() token=token.get_value().unwrap_or_default() reload=reload />
                        </Show>
                        <Offer initiative=i.clone() reload=reload_pledges />
                        <Matches id=id />
                        <Report id=id />
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn Overview(initiative: Initiative) -> impl IntoView {
    let ctx = use_ctx();
    let place = Regions::builtin()
        .name(initiative.region)
        .unwrap_or_default()
        .to_owned();
    let dates = (initiative.starts_on, initiative.ends_on);
    let status = initiative.status;
    let coverage = initiative.coverage;
    let calendar = ctx.api().url_of(&Calendar {
        query: EventsQuery {
            region: Some(initiative.region),
        },
    });
    view! {
        <header class="ph-detail__header">
            <CoveragePentagon coverage=coverage lang=ctx.lang size=88 />
            <div>
                <h3 class="ph-detail__title" data-testid="detail-title">{initiative.title.clone()}</h3>
                <p class="ph-card__meta">
                    {place} " · "
                    <span class=format!("ph-status ph-status--{}", status.slug())>{move || status.label(ctx.lang.get())}</span>
                </p>
            </div>
        </header>
        <p class="ph-detail__description">{initiative.description.clone()}</p>
        <dl class="ph-facts">
            <dt>{move || ctx.t().when}</dt>
            <dd>
                {move || match dates {
                    (Some(start), end) => format::date_range(start, end, ctx.lang.get()),
                    _ => ctx.t().no_date.to_owned(),
                }}
                {dates.0.map(|_| view! { " · " <a class="ph-link" href=calendar.clone() download="pentahelix.ics">{move || ctx.t().add_to_calendar}</a> })}
            </dd>
            {initiative.place.clone().map(|p| view! { <dt>{move || ctx.t().place}</dt> <dd>{p}</dd> })}
            {initiative.contact.clone().map(|c| {
                view! {
                    <dt>{move || ctx.t().contact}</dt>
                    <dd data-testid="contact">
                        {c.person} {c.email.map(|e| format!(" · {e}"))} {c.phone.map(|p| format!(" · {p}"))}
                    </dd>
                }
            })}
        </dl>
        <h4 class="ph-subheading">{move || ctx.t().needs}</h4>
        <ul class="ph-needs">
            {initiative
                .needs
                .iter()
                .cloned()
                .map(|n| {
                    view! {
                        <li class=if n.fulfilled { "ph-needs__item ph-needs__item--done" } else { "ph-needs__item" }>
                            <span>{move || n.resource.label(ctx.lang.get())}</span>
                            {n.helix.map(|h| view! { <span class="ph-muted">{move || format!(" ({} {})", ctx.t().from_helix, h.label(ctx.lang.get()))}</span> })}
                            <span class="ph-badge">{move || if n.fulfilled { ctx.t().need_fulfilled } else { ctx.t().need_open }}</span>
                            {n.note.clone().map(|note| view! { <p class="ph-muted">{note}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn Pledges(
    pledges: LocalResource<Result<Vec<Pledge>, ApiError>>,
    is_owner: bool,
    token: Option<String>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let ctx = use_ctx();
    let token = StoredValue::new(token);
    let answer = Action::new_local(move |(pledge, action): &(i64, PledgeAction)| {
        let (pledge, action) = (*pledge, *action);
        let token = token.get_value().unwrap_or_default();
        async move {
            let answer = AnswerPledge {
                id: PledgeId(pledge),
                action,
                empty: Empty {},
            };
            let result = ctx
                .api()
                .call(&answer, Call::with_token(Some(&token)))
                .await;
            reload.try_update(|n| *n += 1);
            result
        }
    });
    view! {
        <h4 class="ph-subheading">{move || ctx.t().pledges}</h4>
        {move || answer.value().get().and_then(Result::err).map(|e| view! { <p class="ph-notice ph-notice--error" role="alert">{error_text(&ctx, &e)}</p> })}
        {move || match pledges.get() {
            None => view! { <Skeletons count=1 /> }.into_any(),
            Some(Err(e)) => view! { <LoadError error=e retry=Callback::new(move |()| reload.update(|n| *n += 1)) /> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <p class="ph-muted">{move || ctx.t().no_pledges}</p> }.into_any(),
            Some(Ok(list)) => view! {
                <ul class="ph-pledges" data-testid="pledges">
                    {list
                        .into_iter()
                        .map(|p| {
                            let pending = p.status == PledgeStatus::Pending;
                            let accepted = p.status == PledgeStatus::Accepted;
                            let id = p.id.0;
                            view! {
                                <li class="ph-pledge">
                                    <p>
                                        <strong>{p.stakeholder.name.clone()}</strong>
                                        {move || format!(" · {} · {}", p.stakeholder.helix.label(ctx.lang.get()), p.resource.label(ctx.lang.get()))}
                                        " · " <span class="ph-badge">{move || pledge_status(&ctx, p.status)}</span>
                                    </p>
                                    <p class="ph-muted">{p.message.clone()}</p>
                                    {p.counterpart_contact.clone().map(|c| view! {
                                        <p data-testid="counterpart-contact">{move || ctx.t().contact}": " {c.person.clone()} {c.email.clone().map(|e| format!(" · {e}"))} {c.phone.clone().map(|p| format!(" · {p}"))}</p>
                                    })}
                                    <Show when=move || is_owner && (pending || accepted)>
                                        <div class="ph-actions">
                                            <Show when=move || pending>
                                                <button type="button" class="ph-button" on:click=move |_| { answer.dispatch((id, PledgeAction::Accept)); }>{move || ctx.t().accept}</button>
                                            </Show>
                                            <button type="button" class="ph-button ph-button--ghost" on:click=move |_| { answer.dispatch((id, PledgeAction::Decline)); }>{move || ctx.t().decline}</button>
                                        </div>
                                    </Show>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any(),
        }}
    }
}

/// An owner's status change and its button label.
type StatusButton = (InitiativeStatus, fn(&Ctx) -> &'static str);

#[component]
fn OwnerControls(initiative: Initiative, token: String, reload: RwSignal<u32>) -> impl IntoView {
    let ctx = use_ctx();
    let id = initiative.id.0;
    let current = initiative.status;
    let token = StoredValue::new(token);
    let change = Action::new_local(move |to: &InitiativeStatus| {
        let to = *to;
        let token = token.get_value();
        async move {
            let change = ChangeStatus {
                id: InitiativeId(id),
                change: StatusChange { status: to },
            };
            let result = ctx
                .api()
                .call(&change, Call::with_token(Some(&token)))
                .await;
            reload.try_update(|n| *n += 1);
            result
        }
    });
    let options: Vec<StatusButton> = vec![
        (InitiativeStatus::Active, |c| c.t().start),
        (InitiativeStatus::Completed, |c| c.t().complete),
        (InitiativeStatus::Withdrawn, |c| c.t().withdraw),
    ];
    let editing = RwSignal::new(false);
    let draft = ProposeDraft::from_initiative(&initiative);
    let edit_target = EditTarget {
        id,
        token: token.get_value(),
        initial: draft,
        on_done: Callback::new(move |saved: bool| {
            editing.try_set(false);
            if saved {
                reload.try_update(|n| *n += 1);
            }
        }),
    };
    view! {
        <section class="ph-panel" aria-labelledby=ctx.id("manage")>
            <h4 class="ph-subheading" id=ctx.id("manage")>{move || ctx.t().manage}</h4>
            <Show when=move || editing.get()>
                <OnDemandEdit target=edit_target.clone() />
            </Show>
            <div class="ph-actions">
                <button type="button" class="ph-button ph-button--ghost" data-testid="edit"
                    aria-expanded=move || editing.get().to_string()
                    on:click=move |_| editing.update(|e| *e = !*e)>{move || ctx.t().edit}</button>
                {options
                    .into_iter()
                    .filter(|(to, _)| current.owner_may_change_to(*to))
                    .map(|(to, label)| view! {
                        <button type="button" class="ph-button ph-button--ghost" on:click=move |_| { change.dispatch(to); }>{move || label(&ctx)}</button>
                    })
                    .collect_view()}
            </div>
            {move || change.value().get().and_then(Result::err).map(|e| view! { <p class="ph-notice ph-notice--error" role="alert">{error_text(&ctx, &e)}</p> })}
        </section>
    }
}

#[component]
fn Offer(initiative: Initiative, reload: RwSignal<u32>) -> impl IntoView {
    let ctx = use_ctx();
    let mine = storage::my_stakeholders();
    let live = initiative.status.is_live();
    let needs: Vec<Resource> = initiative.needs.iter().map(|n| n.resource).collect();
    let stakeholder = RwSignal::new(mine.first().copied().unwrap_or_default());
    let resource = RwSignal::new(
        needs
            .first()
            .map(|r| r.slug().to_owned())
            .unwrap_or_default(),
    );
    let message = RwSignal::new(String::new());
    let key = StoredValue::new(storage::new_key());
    let id = initiative.id.0;
    let send = Action::new_local(move |(): &()| {
        let sid = stakeholder.get_untracked();
        let input = resource
            .get_untracked()
            .parse::<Resource>()
            .ok()
            .map(|resource| PledgeInput {
                stakeholder_id: pentahelix_core::api::StakeholderId(sid),
                resource,
                message: message.get_untracked(),
            });
        let token = storage::token("stakeholder", sid).unwrap_or_default();
        let key = key.get_value();
        async move {
            let input = input.ok_or(ApiError::Unreadable)?;
            let offer = Offer {
                id: InitiativeId(id),
                input,
            };
            let result = ctx
                .api()
                .call(&offer, Call::with_token(Some(&token)).idempotent(&key))
                .await;
            if result.is_ok() {
                reload.try_update(|n| *n += 1);
                message.try_set(String::new());
            }
            result
        }
    });
    let names = StoredValue::new(mine.clone());
    view! {
        <Show when=move || live>
            <section class="ph-panel" aria-labelledby=ctx.id("offer")>
                <h4 class="ph-subheading" id=ctx.id("offer")>{move || ctx.t().offer}</h4>
                {if names.with_value(Vec::is_empty) {
                    view! {
                        <p>{move || ctx.t().offer_need_profile}</p>
                        <button type="button" class="ph-button ph-button--ghost" on:click=move |_| ctx.view.set(View::Partners)>{move || ctx.t().go_partners}</button>
                    }
                    .into_any()
                } else {
                    let needs = needs.clone();
                    view! {
                        <form class="ph-form" on:submit=move |ev| { ev.prevent_default(); send.dispatch(()); }>
                            <div class="ph-field">
                                <label class="ph-field__label" for=ctx.id("offer-as")>{move || ctx.t().offer_as}</label>
                                <select id=ctx.id("offer-as") class="ph-input" on:change=move |ev| stakeholder.set(event_target_value(&ev).parse().unwrap_or_default())>
                                    {names.get_value().into_iter().map(|s| view! { <option value=s.to_string()>{storage::name("stakeholder", s).unwrap_or_else(|| format!("#{s}"))}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="ph-field">
                                <label class="ph-field__label" for=ctx.id("offer-resource")>{move || ctx.t().offer_resource}</label>
                                <select id=ctx.id("offer-resource") class="ph-input" on:change=move |ev| resource.set(event_target_value(&ev))>
                                    {needs.into_iter().map(|r| view! { <option value=r.slug()>{move || r.label(ctx.lang.get())}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="ph-field">
                                <label class="ph-field__label" for=ctx.id("offer-message")>{move || ctx.t().offer_message}</label>
                                <textarea id=ctx.id("offer-message") class="ph-input ph-input--multiline" rows="3" maxlength="1000" required=true
                                    prop:value=move || message.get() on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                            </div>
                            <button type="submit" class="ph-button" disabled=move || send.pending().get()>
                                {move || if send.pending().get() { ctx.t().submitting } else { ctx.t().offer_submit }}
                            </button>
                            <p aria-live="polite">
                                {move || match send.value().get() {
                                    Some(Ok(_)) => Some(view! { <span class="ph-notice ph-notice--ok">{ctx.t().offer_sent}</span> }.into_any()),
                                    Some(Err(e)) => {
                                        let fields = e.field_errors();
                                        let text = fields.values().next().cloned().unwrap_or_else(|| error_text(&ctx, &e));
                                        Some(view! { <span class="ph-notice ph-notice--error" role="alert">{text}</span> }.into_any())
                                    }
                                    None => None,
                                }}
                            </p>
                        </form>
                    }
                    .into_any()
                }}
            </section>
        </Show>
    }
}

#[component]
fn Matches(id: i64) -> impl IntoView {
    let ctx = use_ctx();
    let scope = RwSignal::new(MatchScope::City);
    let matches = LocalResource::new(move || {
        let scope = scope.get();
        let abort = abort_on_cleanup();
        async move {
            let matches = InitiativeMatchList {
                id: InitiativeId(id),
                query: MatchQuery {
                    scope: Some(scope),
                    limit: None,
                },
            };
            ctx.api()
                .call(&matches, Call::abortable(abort.as_ref()))
                .await
        }
    });
    view! {
        <section class="ph-panel" aria-labelledby=ctx.id("matches")>
            <div class="ph-panel__head">
                <h4 class="ph-subheading" id=ctx.id("matches")>{move || ctx.t().matches}</h4>
                <ScopeSelect scope=scope />
            </div>
            {move || match matches.get() {
                None => view! { <Skeletons count=2 /> }.into_any(),
                Some(Err(e)) => view! { <LoadError error=e retry=Callback::new(move |()| scope.notify()) /> }.into_any(),
                Some(Ok(m)) => view! { <MatchList matches=m /> }.into_any(),
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
            <label class="ph-field__label" for=id.clone()>{move || ctx.t().scope}</label>
            <select id=id class="ph-input" data-testid="scope" on:change=move |ev| {
                let value = event_target_value(&ev);
                if let Some(s) = MatchScope::ALL.into_iter().find(|s| s.slug() == value) { scope.set(s); }
            }>
                {MatchScope::ALL.into_iter().map(|s| view! { <option value=s.slug() selected=move || scope.get() == s>{move || label(s)}</option> }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn MatchList(matches: InitiativeMatches) -> impl IntoView {
    let ctx = use_ctx();
    let coalition = matches.coalition.clone();
    let members = matches.coalition_members.clone();
    let name_of = move |id: i64| {
        members
            .iter()
            .find(|m| m.id.0 == id)
            .map(|m| m.name.clone())
            .unwrap_or_else(|| format!("#{id}"))
    };
    view! {
        {if matches.stakeholders.is_empty() {
            view! { <p class="ph-muted">{move || ctx.t().no_matches}</p> }.into_any()
        } else {
            view! {
                <ol class="ph-matches" data-testid="matches">
                    {matches.stakeholders.into_iter().map(|m| view! {
                        <li class="ph-match">
                            <p>
                                <strong>{m.stakeholder.name.clone()}</strong>
                                {move || format!(" · {} · {} {}", m.stakeholder.helix.label(ctx.lang.get()), m.score, ctx.t().points)}
                            </p>
                            <Reasons reasons=m.reasons.clone() />
                        </li>
                    }).collect_view()}
                </ol>
            }
            .into_any()
        }}
        <Show when={let empty = coalition.members.is_empty(); move || !empty}>
            <h5 class="ph-subheading">{move || ctx.t().coalition}</h5>
            <p class="ph-muted">{move || ctx.t().coalition_intro}</p>
            <ul class="ph-coalition" data-testid="coalition">
                {coalition.members.iter().map(|m| {
                    let name = name_of(m.stakeholder_id.0);
                    let fills: Vec<Resource> = m.fills.iter().collect();
                    let brings = m.brings_helix;
                    view! {
                        <li>
                            <strong>{name}</strong>
                            {move || {
                                let mut parts = Vec::new();
                                if !fills.is_empty() {
                                    parts.push(format!("{} {}", ctx.t().coalition_fills, fills.iter().map(|r| r.label(ctx.lang.get())).collect::<Vec<_>>().join(", ")));
                                }
                                if let Some(h) = brings {
                                    parts.push(format!("{} {}", ctx.t().coalition_brings, h.label(ctx.lang.get())));
                                }
                                format!(" — {}", parts.join("; "))
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Show>
        <Show when={let none = coalition.uncovered_needs.is_empty(); move || !none}>
            <p class="ph-muted">{
                let uncovered = coalition.uncovered_needs;
                move || format!("{} {}", ctx.t().uncovered, uncovered.iter().map(|r| r.label(ctx.lang.get())).collect::<Vec<_>>().join(", "))
            }</p>
        </Show>
        <Show when={let none = coalition.missing_helices.is_empty(); move || !none}>
            <p class="ph-muted">{
                let missing = coalition.missing_helices;
                move || format!("{} {}", ctx.t().missing_helices, missing.iter().map(|h| h.label(ctx.lang.get())).collect::<Vec<_>>().join(", "))
            }</p>
        </Show>
    }
}

#[component]
fn Report(id: i64) -> impl IntoView {
    let ctx = use_ctx();
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let send = Action::new_local(move |(): &()| {
        let input = ReportInput {
            target: ReportTarget::Initiative,
            id,
            reason: reason.get_untracked(),
        };
        async move { ctx.api().call(&Report { input }, Call::default()).await }
    });
    view! {
        <details class="ph-report" prop:open=move || open.get() on:toggle=move |_| open.update(|o| *o = !*o)>
            <summary>{move || ctx.t().report}</summary>
            <form class="ph-form" on:submit=move |ev| { ev.prevent_default(); send.dispatch(()); }>
                <div class="ph-field">
                    <label class="ph-field__label" for=ctx.id("report-reason")>{move || ctx.t().report_reason}</label>
                    <textarea id=ctx.id("report-reason") class="ph-input" rows="2" maxlength="500" required=true
                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="ph-button ph-button--ghost">{move || ctx.t().send}</button>
                <p aria-live="polite">
                    {move || match send.value().get() {
                        Some(Ok(_)) => Some(ctx.t().report_sent.to_owned()),
                        Some(Err(e)) => Some(e.field_errors().values().next().cloned().unwrap_or_else(|| error_text(&ctx, &e))),
                        None => None,
                    }}
                </p>
            </form>
        </details>
    }
}
