//! The pledges on an initiative, and the owner's answer to each.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::{AnswerPledge, PledgeAction};
use pentahelix_core::api::{Pledge, PledgeId, PledgeStatus};

use crate::api::{ApiError, Call};
use crate::components::load::{action_error, loaded};
use crate::components::partner::PartnerName;
use crate::context::{Ctx, use_ctx};

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
pub fn Pledges(
    pledges: LocalResource<Result<Vec<Pledge>, ApiError>>,
    is_owner: bool,
    token: Option<String>,
    refresh: Callback<()>,
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
            };
            let result = ctx
                .api()
                .call(&answer, Call::with_token(Some(&token)))
                .await;
            refresh.try_run(());
            result
        }
    });
    // The last list read: a refetch keeps it on screen until the new one arrives.
    let listed = Memo::new(move |_| pledges.get().and_then(Result::ok).unwrap_or_default());
    view! {
        <h4 class="ph-subheading">{move || ctx.t().pledges}</h4>
        {action_error(answer)}
        {loaded(
            pledges,
            1,
            move |list| {
                list.is_empty()
                    .then(|| {
                        view! {
                            <p class="ph-muted" data-testid="no-pledges">
                                {move || {
                                    if is_owner {
                                        ctx.t().no_pledges_owner
                                    } else {
                                        ctx.t().no_pledges
                                    }
                                }}
                            </p>
                        }
                    })
            },
        )}
        // Keyed by id and status: after an answer, only the answered row is drawn again.
        <Show when=move || !listed.with(Vec::is_empty)>
            <ul class="ph-pledges" data-testid="pledges">
                <For each=move || listed.get() key=|p| (p.id, p.status) let(pledge)>
                    <PledgeRow pledge=pledge is_owner=is_owner answer=answer />
                </For>
            </ul>
        </Show>
    }
}

#[component]
fn PledgeRow(
    pledge: Pledge,
    is_owner: bool,
    answer: Action<(i64, PledgeAction), Result<Pledge, ApiError>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let p = pledge;
    let pending = p.status == PledgeStatus::Pending;
    let accepted = p.status == PledgeStatus::Accepted;
    let id = p.id.0;
    view! {
        <li class="ph-pledge">
            <p>
                <PartnerName
                    id=p.stakeholder.id
                    name=p.stakeholder.name.clone()
                    verified=p.stakeholder.verified
                />
                {move || {
                    format!(
                        " · {} · {}",
                        p.stakeholder.helix.label(ctx.lang.get()),
                        p.resource.label(ctx.lang.get()),
                    )
                }}
                " · "
                <span class="ph-badge">{move || pledge_status(&ctx, p.status)}</span>
            </p>
            <p class="ph-muted">{p.message.clone()}</p>
            {p
                .counterpart_contact
                .clone()
                .map(|c| {
                    view! {
                        <p data-testid="counterpart-contact">
                            {move || ctx.t().contact}": " {c.person.clone()}
                            {c.email.clone().map(|e| format!(" · {e}"))}
                            {c.phone.clone().map(|p| format!(" · {p}"))}
                        </p>
                    }
                })}
            <Show when=move || is_owner && (pending || accepted)>
                <div class="ph-actions">
                    <Show when=move || pending>
                        <button
                            type="button"
                            class="ph-button"
                            on:click=move |_| {
                                answer.dispatch((id, PledgeAction::Accept));
                            }
                        >
                            {move || ctx.t().accept}
                        </button>
                    </Show>
                    <button
                        type="button"
                        class="ph-button ph-button--ghost"
                        on:click=move |_| {
                            answer.dispatch((id, PledgeAction::Decline));
                        }
                    >
                        {move || ctx.t().decline}
                    </button>
                </div>
            </Show>
        </li>
    }
}
