//! Each kecamatan's flagship product (One District One Product).

use leptos::prelude::*;
use pentahelix_core::api::FlagshipInput;
use pentahelix_core::api::endpoint::SetFlagship;
use pentahelix_core::{RegionCode, RegionLevel};

use crate::api::{ApiError, Call};
use crate::components::load::error_text;
use crate::context::use_ctx;

#[component]
pub fn Flagship(token: String, decisions: RwSignal<u32>) -> impl IntoView {
    let ctx = use_ctx();
    let region = RwSignal::new(String::new());
    let product = RwSignal::new(String::new());
    let token = StoredValue::new(token);
    let save = Action::new_local(move |(): &()| {
        let (r, p, token) = (
            region.get_untracked(),
            product.get_untracked(),
            token.get_value(),
        );
        async move {
            let region = r.parse::<RegionCode>().map_err(|_| ApiError::Unreadable)?;
            let flagship = SetFlagship {
                region,
                input: FlagshipInput {
                    product: Some(p).filter(|p| !p.trim().is_empty()),
                },
            };
            ctx.api()
                .call(&flagship, Call::with_token(Some(&token)))
                .await
        }
    });
    // The audit trail shows the new product at once.
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            decisions.update(|n| *n += 1);
        }
    });
    let kecamatan: Vec<(String, String)> = ctx
        .regions()
        .children(ctx.city())
        .filter(|r| r.level == RegionLevel::District)
        .map(|r| (r.code.to_string(), r.name))
        .collect();
    view! {
        <section class="ph-panel">
            <h4 class="ph-subheading">{move || ctx.t().flagship_set}</h4>
            <form
                class="ph-row"
                on:submit=move |ev| {
                    ev.prevent_default();
                    save.dispatch(());
                }
            >
                <div class="ph-field">
                    <label class="ph-field__label" for=ctx.id("flag-region")>
                        {move || ctx.t().kecamatan}
                    </label>
                    <select
                        id=ctx.id("flag-region")
                        class="ph-input"
                        on:change=move |ev| region.set(event_target_value(&ev))
                    >
                        <option value="">{move || ctx.t().choose}</option>
                        {kecamatan
                            .into_iter()
                            .map(|(code, name)| view! { <option value=code>{name}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="ph-field ph-field--grow">
                    <label class="ph-field__label" for=ctx.id("flag-product")>
                        {move || ctx.t().product}
                    </label>
                    <input
                        id=ctx.id("flag-product")
                        class="ph-input"
                        maxlength="120"
                        prop:value=move || product.get()
                        on:input=move |ev| product.set(event_target_value(&ev))
                    />
                </div>
                <button
                    type="submit"
                    class="ph-button"
                    disabled=move || { region.with(String::is_empty) }
                >
                    {move || ctx.t().save}
                </button>
            </form>
            <p role="status" aria-live="polite">
                {move || match save.value().get() {
                    Some(Ok(())) => Some(ctx.t().saved.to_owned()),
                    Some(Err(e)) => {
                        Some(
                            e
                                .field_errors()
                                .values()
                                .next()
                                .cloned()
                                .unwrap_or_else(|| error_text(&ctx, &e)),
                        )
                    }
                    None => None,
                }}
            </p>
        </section>
    }
}
