//! What a signed-in address sees: the offers waiting for its answer, the invitations its partner
//! profiles received, its initiatives and partner profiles, its email settings, and the ways out.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::{
    AnswerPledge, GetMe, PledgeAction, SignOut, SignOutEverywhere,
};
use pentahelix_core::api::{Me, Pledge};
use pentahelix_core::words::{fill, in_sentence};

use super::settings::Settings;
use crate::api::Call;
use crate::components::heading::heading_focus;
use crate::components::invitations::InvitationList;
use crate::components::load::{LoadError, Skeletons, action_error};
use crate::components::verified::VerifiedBadge;
use crate::config::View;
use crate::context::{Ctx, use_ctx};
use crate::storage::Session;
use crate::views::answer;

#[component]
pub fn Account(session: Session, on_signed_out: Callback<bool>) -> impl IntoView {
    let ctx = use_ctx();
    let heading = heading_focus();
    let token = StoredValue::new(session.token.clone());
    let me = answer(Some(session.token.clone()), || GetMe {});
    // Every view learns what this address manages now (a record made or deleted meanwhile), and
    // a session that ended elsewhere ("sign out everywhere") sends the person back to sign in.
    Effect::new(move |_| match me.get() {
        Some(Ok(me)) => {
            let now = Session {
                token: token.get_value(),
                email: me.email.clone(),
                initiatives: me.initiatives.iter().map(|i| i.id.0).collect(),
                stakeholders: me.stakeholders.iter().map(|s| s.id.0).collect(),
                official: me.official.clone(),
            };
            ctx.credentials().save_session(&now);
            if ctx.session.with_untracked(|s| s.as_ref() != Some(&now)) {
                ctx.session.set(Some(now));
            }
        }
        Some(Err(e)) if e.status() == Some(401) => on_signed_out.run(true),
        _ => {}
    });
    let sign_out = Action::new_local(move |everywhere: &bool| {
        let everywhere = *everywhere;
        let token = token.get_value();
        async move {
            let call = Call::with_token(Some(&token));
            let _ = if everywhere {
                ctx.api().call(&SignOutEverywhere {}, call).await
            } else {
                ctx.api().call(&SignOut {}, call).await
            };
            // Signed out here whatever the server said: an ended session is as good as gone.
            on_signed_out.run(false);
        }
    });
    let email = session.email.clone();

    view! {
        <div class="ph-panel__head">
            <h3 class="ph-section__title" data-testid="signed-in-as" tabindex="-1" node_ref=heading>
                {move || fill(ctx.t().signed_in_as, &[("email", &email)])}
            </h3>
            <div class="ph-actions">
                <button
                    type="button"
                    class="ph-button ph-button--ghost"
                    data-testid="sign-out"
                    disabled=move || sign_out.pending().get()
                    on:click=move |_| {
                        sign_out.dispatch(false);
                    }
                >
                    {move || ctx.t().sign_out}
                </button>
                <button
                    type="button"
                    class="ph-button ph-button--ghost"
                    data-testid="sign-out-everywhere"
                    disabled=move || sign_out.pending().get()
                    on:click=move |_| {
                        sign_out.dispatch(true);
                    }
                >
                    {move || ctx.t().sign_out_everywhere}
                </button>
            </div>
        </div>
        <Transition fallback=|| {
            view! { <Skeletons count=2 /> }
        }>
            {move || {
                me.get()
                    .map(|loaded| match loaded {
                        Ok(found) => {
                            let refresh = Callback::new(move |()| me.refetch());
                            view! { <Everything found=found token=token refresh=refresh /> }
                                .into_any()
                        }
                        Err(e) => {
                            view! {
                                <LoadError error=e retry=Callback::new(move |()| me.refetch()) />
                            }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}

#[component]
fn Everything(found: Me, token: StoredValue<String>, refresh: Callback<()>) -> impl IntoView {
    let ctx = use_ctx();
    let titles: Vec<(i64, String)> = found
        .initiatives
        .iter()
        .map(|i| (i.id.0, i.title.clone()))
        .collect();
    let answer = Action::new_local(move |(pledge, action): &(Pledge, PledgeAction)| {
        let (id, action) = (pledge.id, *action);
        let token = token.get_value();
        async move {
            let result = ctx
                .api()
                .call(&AnswerPledge { id, action }, Call::with_token(Some(&token)))
                .await;
            refresh.run(());
            result
        }
    });
    let offers = found.pledges_to_answer.clone();
    let invitations = found.invitations.clone();
    let no_offers = offers.is_empty();
    let no_initiatives = found.initiatives.is_empty();
    let no_profiles = found.stakeholders.is_empty();
    let nothing = no_initiatives && no_profiles;

    view! {
        <h4 class="ph-subheading">{move || ctx.t().offers_to_answer}</h4>
        {action_error(answer)}
        {if no_offers {
            view! {
                <p class="ph-muted" data-testid="no-offers">
                    {move || ctx.t().no_offers_to_answer}
                </p>
            }
                .into_any()
        } else {
            view! {
                <ul class="ph-list" data-testid="offers-to-answer">
                    {offers
                        .into_iter()
                        .map(|pledge| {
                            let title = titles
                                .iter()
                                .find(|(id, _)| *id == pledge.initiative_id.0)
                                .map(|(_, t)| t.clone())
                                .unwrap_or_default();
                            view! { <OfferRow pledge=pledge title=title answer=answer /> }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        {(!invitations.is_empty())
            .then(|| {
                view! {
                    <h4 class="ph-subheading">{move || ctx.t().invitations}</h4>
                    <InvitationList invitations=invitations token=token refresh=refresh />
                }
            })}
        <Show when=move || nothing>
            <p class="ph-muted">{move || ctx.t().nothing_with_address}</p>
        </Show>
        <h4 class="ph-subheading" hidden=no_initiatives>
            {move || ctx.t().my_initiatives}
        </h4>
        <ul class="ph-list" data-testid="my-initiatives">
            {found
                .initiatives
                .into_iter()
                .map(|initiative| {
                    let id = initiative.id.0;
                    let status = initiative.status;
                    view! {
                        <li class="ph-mine__row">
                            <span>
                                <strong>{initiative.title}</strong>
                                " "
                                <span class="ph-badge">{move || status.label(ctx.lang.get())}</span>
                            </span>
                            <button
                                type="button"
                                class="ph-button ph-button--ghost"
                                on:click=move |_| ctx.view.set(View::Initiative(id))
                            >
                                {move || ctx.t().open_initiative}
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <h4 class="ph-subheading" hidden=no_profiles>
            {move || ctx.t().my_profiles}
        </h4>
        <ul class="ph-list" data-testid="my-profiles">
            {found
                .stakeholders
                .into_iter()
                .map(|stakeholder| {
                    let helix = stakeholder.helix;
                    let verified = stakeholder.verified;
                    view! {
                        <li class="ph-mine__row">
                            <span>
                                <strong>{stakeholder.name}</strong>
                                <VerifiedBadge verified=verified />
                                " "
                                <span class="ph-badge">{move || helix.label(ctx.lang.get())}</span>
                            </span>
                            <button
                                type="button"
                                class="ph-button ph-button--ghost"
                                on:click=move |_| ctx.view.set(View::Partners)
                            >
                                {move || ctx.t().open_initiative}
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <Settings settings=found.settings token=token />
    }
}

#[component]
fn OfferRow(
    pledge: Pledge,
    title: String,
    answer: Action<(Pledge, PledgeAction), Result<Pledge, crate::api::ApiError>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let line = {
        let pledge = pledge.clone();
        move || offer_line(&ctx, &pledge, &title)
    };
    let message = pledge.message.clone();
    let (accept, decline) = (pledge.clone(), pledge.clone());
    let initiative = pledge.initiative_id.0;
    view! {
        <li class="ph-mine__offer" data-testid="offer-to-answer">
            <p>{line} <VerifiedBadge verified=pledge.stakeholder.verified /></p>
            <Show when={
                let message = message.clone();
                move || !message.trim().is_empty()
            }>
                <p class="ph-note">{message.clone()}</p>
            </Show>
            <div class="ph-actions">
                <button
                    type="button"
                    class="ph-button"
                    data-testid="accept-offer"
                    disabled=move || answer.pending().get()
                    on:click=move |_| {
                        answer.dispatch((accept.clone(), PledgeAction::Accept));
                    }
                >
                    {move || ctx.t().accept}
                </button>
                <button
                    type="button"
                    class="ph-button ph-button--ghost"
                    data-testid="decline-offer"
                    disabled=move || answer.pending().get()
                    on:click=move |_| {
                        answer.dispatch((decline.clone(), PledgeAction::Decline));
                    }
                >
                    {move || ctx.t().decline}
                </button>
                <button
                    type="button"
                    class="ph-button ph-button--ghost"
                    on:click=move |_| ctx.view.set(View::Initiative(initiative))
                >
                    {move || ctx.t().open_initiative}
                </button>
            </div>
        </li>
    }
}

fn offer_line(ctx: &Ctx, pledge: &Pledge, title: &str) -> String {
    let lang = ctx.lang.get();
    fill(
        ctx.t().offer_line,
        &[
            ("stakeholder", &pledge.stakeholder.name),
            ("resource", &in_sentence(pledge.resource.label(lang))),
            ("initiative", title),
        ],
    )
}
