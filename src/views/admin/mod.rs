//! The city official's view: enter the admin token, review the moderation queue (approve,
//! hide), verify organisations, set kecamatan flagship products and download the CSV exports.
//! Everything is limited by the server to the token's regions.

mod embed;
mod exports;
mod flagship;
mod queue;
mod verify;

use embed::EmbedCode;
use exports::Exports;
use flagship::Flagship;
use queue::Queue;
use verify::Verify;

use leptos::prelude::*;
use pentahelix_core::api::InitiativeId;
use pentahelix_core::api::endpoint::{Moderate, ModerationAction, Queue};

use crate::api::Call;
use crate::components::load::{LoadError, Skeletons, error_text};
use crate::context::use_ctx;
use crate::storage;
use crate::views::abort_on_cleanup;

#[component]
pub fn Admin() -> impl IntoView {
    let ctx = use_ctx();
    let entered = RwSignal::new(String::new());
    view! {
        <section class="ph-section">
            <h3 class="ph-section__title">{move || ctx.t().admin_heading}</h3>
            {move || match ctx.admin_token.get() {
                None => {
                    view! {
                        <form
                            class="ph-form"
                            on:submit=move |ev| {
                                ev.prevent_default();
                                let token = entered.get_untracked().trim().to_owned();
                                if !token.is_empty() {
                                    storage::save("admin-token", &token);
                                    ctx.admin_token.set(Some(token));
                                }
                            }
                        >
                            <div class="ph-field">
                                <label class="ph-field__label" for=ctx.id("admin-token")>
                                    {move || ctx.t().admin_token}
                                </label>
                                <p class="ph-field__hint" id=ctx.id("admin-token-hint")>
                                    {move || ctx.t().admin_token_hint}
                                </p>
                                <div class="ph-search">
                                    <input
                                        id=ctx.id("admin-token")
                                        class="ph-input"
                                        type="password"
                                        autocomplete="off"
                                        aria-describedby=ctx.id("admin-token-hint")
                                        prop:value=move || entered.get()
                                        on:input=move |ev| entered.set(event_target_value(&ev))
                                    />
                                    <button type="submit" class="ph-button">
                                        {move || ctx.t().use_token}
                                    </button>
                                </div>
                            </div>
                        </form>
                    }
                        .into_any()
                }
                Some(token) => view! { <Console token=token /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Console(token: String) -> impl IntoView {
    let ctx = use_ctx();
    let token = StoredValue::new(token);
    let queue = LocalResource::new(move || {
        let token = token.get_value();
        let abort = abort_on_cleanup();
        async move {
            ctx.api()
                .call(
                    &Queue {},
                    Call::with_token(Some(&token)).abort_with(abort.as_ref()),
                )
                .await
        }
    });
    let moderate = Action::new_local(move |(id, action): &(i64, ModerationAction)| {
        let (id, action, token) = (*id, *action, token.get_value());
        async move {
            let moderation = Moderate {
                id: InitiativeId(id),
                action,
            };
            let result = ctx
                .api()
                .call(&moderation, Call::with_token(Some(&token)))
                .await;
            queue.refetch();
            result
        }
    });
    let forget = move |_| {
        storage::remove("admin-token");
        ctx.admin_token.set(None);
    };
    view! {
        <div class="ph-actions">
            <button type="button" class="ph-button ph-button--ghost" on:click=forget>
                {move || ctx.t().forget_token}
            </button>
        </div>
        {move || {
            moderate
                .value()
                .get()
                .and_then(Result::err)
                .map(|e| {
                    view! {
                        <p class="ph-notice ph-notice--error" role="alert">
                            {error_text(&ctx, &e)}
                        </p>
                    }
                })
        }}
        {move || match queue.get() {
            None => view! { <Skeletons count=2 /> }.into_any(),
            Some(Err(e)) => {
                view! { <LoadError error=e retry=Callback::new(move |()| queue.refetch()) /> }
                    .into_any()
            }
            Some(Ok(q)) => view! { <Queue queue=q moderate=moderate /> }.into_any(),
        }}
        <EmbedCode />
        <Verify token=token.get_value() />
        <Flagship token=token.get_value() />
        <Exports token=token.get_value() />
    }
}
