//! "Offer support": a stakeholder of this browser offers one of the initiative's needs.

use leptos::prelude::*;
use pentahelix_core::Resource;
use pentahelix_core::api::endpoint::Offer;
use pentahelix_core::api::{Initiative, InitiativeId, PledgeInput};

use crate::api::{ApiError, Call};
use crate::components::load::error_text;
use crate::config::View;
use crate::context::use_ctx;
use crate::storage;

#[component]
pub fn Offer(initiative: Initiative, refresh: Callback<()>) -> impl IntoView {
    let ctx = use_ctx();
    let mine = ctx.credentials().my_stakeholders();
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
        let token = ctx
            .credentials()
            .token("stakeholder", sid)
            .unwrap_or_default();
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
                refresh.try_run(());
                message.try_set(String::new());
            }
            result
        }
    });
    let names = StoredValue::new(mine.clone());
    view! {
        <Show when=move || live>
            <section class="ph-panel" data-testid="offer" aria-labelledby=ctx.id("offer")>
                <h4 class="ph-subheading" id=ctx.id("offer")>
                    {move || ctx.t().offer}
                </h4>
                {if names.with_value(Vec::is_empty) {
                    view! {
                        <p>{move || ctx.t().offer_need_profile}</p>
                        <button
                            type="button"
                            class="ph-button ph-button--ghost"
                            on:click=move |_| ctx.view.set(View::Partners)
                        >
                            {move || ctx.t().go_partners}
                        </button>
                    }
                        .into_any()
                } else {
                    let needs = needs.clone();
                    view! {
                        <form
                            class="ph-form"
                            on:submit=move |ev| {
                                ev.prevent_default();
                                send.dispatch(());
                            }
                        >
                            <div class="ph-field">
                                <label class="ph-field__label" for=ctx.id("offer-as")>
                                    {move || ctx.t().offer_as}
                                </label>
                                <select
                                    id=ctx.id("offer-as")
                                    class="ph-input"
                                    on:change=move |ev| {
                                        stakeholder
                                            .set(event_target_value(&ev).parse().unwrap_or_default())
                                    }
                                >
                                    {names
                                        .get_value()
                                        .into_iter()
                                        .map(|s| {
                                            view! {
                                                <option value=s
                                                    .to_string()>
                                                    {storage::name("stakeholder", s)
                                                        .unwrap_or_else(|| format!("#{s}"))}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                            <div class="ph-field">
                                <label class="ph-field__label" for=ctx.id("offer-resource")>
                                    {move || ctx.t().offer_resource}
                                </label>
                                <select
                                    id=ctx.id("offer-resource")
                                    class="ph-input"
                                    on:change=move |ev| resource.set(event_target_value(&ev))
                                >
                                    {needs
                                        .into_iter()
                                        .map(|r| {
                                            view! {
                                                <option value=r
                                                    .slug()>{move || r.label(ctx.lang.get())}</option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                            <div class="ph-field">
                                <label class="ph-field__label" for=ctx.id("offer-message")>
                                    {move || ctx.t().offer_message}
                                </label>
                                <textarea
                                    id=ctx.id("offer-message")
                                    class="ph-input ph-input--multiline"
                                    rows="3"
                                    maxlength="1000"
                                    required=true
                                    prop:value=move || message.get()
                                    on:input=move |ev| message.set(event_target_value(&ev))
                                ></textarea>
                            </div>
                            <button
                                type="submit"
                                class="ph-button"
                                disabled=move || send.pending().get()
                            >
                                {move || {
                                    if send.pending().get() {
                                        ctx.t().submitting
                                    } else {
                                        ctx.t().offer_submit
                                    }
                                }}
                            </button>
                            <p aria-live="polite">
                                {move || match send.value().get() {
                                    Some(Ok(_)) => {
                                        Some(
                                            view! {
                                                <span class="ph-notice ph-notice--ok">
                                                    {ctx.t().offer_sent}
                                                </span>
                                            }
                                                .into_any(),
                                        )
                                    }
                                    Some(Err(e)) => {
                                        let fields = e.field_errors();
                                        let text = fields
                                            .values()
                                            .next()
                                            .cloned()
                                            .unwrap_or_else(|| error_text(&ctx, &e));
                                        Some(
                                            view! {
                                                <span class="ph-notice ph-notice--error" role="alert">
                                                    {text}
                                                </span>
                                            }
                                                .into_any(),
                                        )
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
