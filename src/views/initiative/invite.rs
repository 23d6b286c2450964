//! The owner's side of a match: "Undang" beside each suggested partner, so a match reaches the
//! partner (by mail, and in its Milik saya) instead of staying a name on the owner's screen.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::{InitiativeInvitations, Invite};
use pentahelix_core::api::{InitiativeId, InvitationInput, StakeholderId};

use crate::api::Call;
use crate::components::load::error_text;
use crate::context::use_ctx;
use crate::views::answer;

/// What every invite button of one initiative shares: the owner's token and who is invited
/// already (read once for the whole list).
#[derive(Clone, Copy)]
pub struct Inviting {
    initiative: InitiativeId,
    token: StoredValue<String>,
    invited: RwSignal<Vec<StakeholderId>>,
}

impl Inviting {
    pub fn new(initiative: i64, token: String) -> Inviting {
        let initiative = InitiativeId(initiative);
        let token = StoredValue::new(token);
        let invited = RwSignal::new(Vec::new());
        let loaded = answer(Some(token.get_value()), move || InitiativeInvitations {
            id: initiative,
        });
        // A failed read leaves every button offered: inviting twice is refused by the server
        // with a clear message, which beats hiding the feature.
        Effect::new(move |_| {
            if let Some(Ok(list)) = loaded.get() {
                invited.set(list.iter().map(|v| v.stakeholder.id).collect());
            }
        });
        Inviting {
            initiative,
            token,
            invited,
        }
    }
}

#[component]
pub fn InviteButton(inviting: Inviting, stakeholder: StakeholderId, name: String) -> impl IntoView {
    let ctx = use_ctx();
    let send = Action::new_local(move |(): &()| {
        let token = inviting.token.get_value();
        let invite = Invite {
            id: inviting.initiative,
            input: InvitationInput {
                stakeholder_id: stakeholder,
                message: String::new(),
            },
        };
        async move {
            let result = ctx
                .api()
                .call(&invite, Call::with_token(Some(&token)))
                .await;
            if result.is_ok() {
                inviting.invited.update(|list| list.push(stakeholder));
            }
            result
        }
    });
    let invited = move || inviting.invited.with(|list| list.contains(&stakeholder));
    let label = move || format!("{} {name}", ctx.t().invite);
    view! {
        <span class="ph-invite" aria-live="polite">
            <Show
                when=invited
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="ph-button ph-button--ghost"
                            data-testid="invite"
                            aria-label=label.clone()
                            disabled=move || send.pending().get()
                            on:click=move |_| {
                                send.dispatch(());
                            }
                        >
                            {move || ctx.t().invite}
                        </button>
                    }
                }
            >
                <span class="ph-badge ph-badge--done" data-testid="invited">
                    "✓ "
                    {move || ctx.t().invited}
                </span>
            </Show>
            {move || {
                send.value()
                    .get()
                    .and_then(Result::err)
                    .map(|e| {
                        view! {
                            <span class="ph-field__error" role="alert">
                                {error_text(&ctx, &e)}
                            </span>
                        }
                    })
            }}
        </span>
    }
}
