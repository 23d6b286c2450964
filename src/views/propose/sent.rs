//! What a proposer sees once the initiative is sent: where to find it and how to manage it.

use leptos::prelude::*;
use pentahelix_core::api::{Created, Initiative, InitiativeStatus};

use crate::clipboard;
use crate::config::View;
use crate::context::use_ctx;
use crate::manage_link::manage_link;

#[component]
pub fn Sent(
    created: Created<Initiative>,
    /// It holds an earlier text than the form's last one (see `creation`).
    #[prop(optional)]
    outdated: bool,
    on_again: Callback<()>,
) -> impl IntoView {
    let ctx = use_ctx();
    let id = created.record.id.0;
    let link = manage_link("initiative", id, &created.manage_token);
    let copied = RwSignal::new(false);
    let pending = created.record.status == InitiativeStatus::Proposed;
    let copy = {
        let link = link.clone();
        move |_| copied.set(clipboard::copy(&link))
    };
    view! {
        <div class="ph-panel ph-panel--success" data-testid="sent">
            <h3 class="ph-section__title" tabindex="-1">
                {move || ctx.t().sent_heading}
            </h3>
            <Show when=move || pending>
                <p>{move || ctx.t().sent_pending}</p>
            </Show>
            <Show when=move || outdated>
                <p class="ph-notice" data-testid="sent-outdated">
                    {move || ctx.t().sent_outdated}
                </p>
            </Show>
            <div class="ph-field">
                <label class="ph-field__label" for=ctx.id("manage-link")>
                    {move || ctx.t().manage_link}
                </label>
                <p class="ph-field__hint">{move || ctx.t().manage_link_hint}</p>
                <div class="ph-search">
                    <input
                        id=ctx.id("manage-link")
                        class="ph-input"
                        readonly=true
                        data-testid="manage-link"
                        prop:value=link.clone()
                    />
                    <button type="button" class="ph-button" on:click=copy>
                        {move || if copied.get() { ctx.t().copied } else { ctx.t().copy }}
                    </button>
                </div>
            </div>
            <div class="ph-actions">
                <button
                    type="button"
                    class="ph-button"
                    on:click=move |_| ctx.view.set(View::Initiative(id))
                >
                    {move || ctx.t().view_it}
                </button>
                <button
                    type="button"
                    class="ph-button ph-button--ghost"
                    on:click=move |_| on_again.run(())
                >
                    {move || ctx.t().propose_another}
                </button>
            </div>
        </div>
    }
}
