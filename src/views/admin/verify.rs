//! Verifying an organisation, so its badge shows wherever it appears.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::Verify;
use pentahelix_core::api::{StakeholderId, Verification};

use crate::api::Call;
use crate::components::load::error_text;
use crate::context::use_ctx;

#[component]
pub fn Verify(token: String) -> impl IntoView {
    let ctx = use_ctx();
    let id = RwSignal::new(String::new());
    let token = StoredValue::new(token);
    let verify = Action::new_local(move |(): &()| {
        let (target, token) = (
            id.get_untracked()
                .trim()
                .trim_start_matches('#')
                .parse::<i64>()
                .unwrap_or(0),
            token.get_value(),
        );
        let verify = Verify {
            id: StakeholderId(target),
            verification: Verification { verified: true },
        };
        async move {
            ctx.api()
                .call(&verify, Call::with_token(Some(&token)))
                .await
        }
    });
    view! {
        <section class="ph-panel">
            <h4 class="ph-subheading">{move || ctx.t().verify}</h4>
            <form
                class="ph-search"
                on:submit=move |ev| {
                    ev.prevent_default();
                    verify.dispatch(());
                }
            >
                <label class="ph-visually-hidden" for=ctx.id("verify-id")>
                    {move || ctx.t().stakeholder_id}
                </label>
                <input
                    id=ctx.id("verify-id")
                    class="ph-input"
                    inputmode="numeric"
                    placeholder=move || ctx.t().stakeholder_id
                    prop:value=move || id.get()
                    on:input=move |ev| id.set(event_target_value(&ev))
                />
                <button type="submit" class="ph-button">
                    {move || ctx.t().set_verified}
                </button>
            </form>
            <p role="status" aria-live="polite">
                {move || match verify.value().get() {
                    Some(Ok(s)) => Some(format!("{} — {}", s.name, ctx.t().verified)),
                    Some(Err(e)) => Some(error_text(&ctx, &e)),
                    None => None,
                }}
            </p>
        </section>
    }
}
