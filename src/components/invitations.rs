//! The invitations a partner received, in its profile and in the signed-in overview: each names
//! the initiative and the owner's note; a pending one is answered by opening the initiative (to
//! offer support there) or declined here.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::DeclineInvitation;
use pentahelix_core::api::{Invitation, InvitationStatus};

use crate::api::Call;
use crate::components::load::action_error;
use crate::config::View;
use crate::context::use_ctx;

#[component]
pub fn InvitationList(
    invitations: Vec<Invitation>,
    /// The partner's manage token or the session that manages it.
    token: StoredValue<String>,
    /// Called after a decline, to read the list again.
    refresh: Callback<()>,
) -> impl IntoView {
    let ctx = use_ctx();
    let decline = Action::new_local(move |invitation: &Invitation| {
        let id = invitation.id;
        let token = token.get_value();
        async move {
            let result = ctx
                .api()
                .call(&DeclineInvitation { id }, Call::with_token(Some(&token)))
                .await;
            if result.is_ok() {
                refresh.run(());
            }
            result
        }
    });
    let status_label = move |status: InvitationStatus| {
        let index = InvitationStatus::ALL
            .iter()
            .position(|s| *s == status)
            .unwrap_or_default();
        ctx.t().invitation_statuses[index]
    };
    view! {
        {action_error(decline)}
        <ul class="ph-invitations" data-testid="invitations">
            {invitations
                .into_iter()
                .map(|invitation| {
                    let initiative = invitation.initiative_id.0;
                    let status = invitation.status;
                    let pending = status == InvitationStatus::Pending;
                    let message = invitation.message.clone();
                    let title = invitation.initiative_title.clone();
                    view! {
                        <li class="ph-mine__offer" data-testid="invitation">
                            <p>
                                <a
                                    class="ph-link"
                                    href=format!("#pentahelix/initiative/{initiative}")
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        ctx.view.set(View::Initiative(initiative));
                                    }
                                >
                                    {title}
                                </a>
                                " "
                                <span class="ph-badge" data-testid="invitation-status">
                                    {move || status_label(status)}
                                </span>
                            </p>
                            <Show when={
                                let message = message.clone();
                                move || !message.is_empty()
                            }>
                                <p class="ph-note">{message.clone()}</p>
                            </Show>
                            <Show when=move || pending>
                                <div class="ph-actions">
                                    <button
                                        type="button"
                                        class="ph-button"
                                        data-testid="invitation-open"
                                        on:click=move |_| ctx.view.set(View::Initiative(initiative))
                                    >
                                        {move || ctx.t().see_and_offer}
                                    </button>
                                    <button
                                        type="button"
                                        class="ph-button ph-button--ghost"
                                        data-testid="invitation-decline"
                                        disabled=move || decline.pending().get()
                                        on:click={
                                            let invitation = invitation.clone();
                                            move |_| {
                                                decline.dispatch(invitation.clone());
                                            }
                                        }
                                    >
                                        {move || ctx.t().decline_invitation}
                                    </button>
                                </div>
                            </Show>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
