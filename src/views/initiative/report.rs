//! Reporting an initiative to the city's moderators.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::Report;
use pentahelix_core::api::{ReportInput, ReportTarget};

use crate::api::Call;
use crate::components::load::error_text;
use crate::context::use_ctx;

#[component]
pub fn Report(id: i64) -> impl IntoView {
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
        <details
            class="ph-report"
            prop:open=move || open.get()
            on:toggle=move |_| open.update(|o| *o = !*o)
        >
            <summary>{move || ctx.t().report}</summary>
            <form
                class="ph-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    send.dispatch(());
                }
            >
                <div class="ph-field">
                    <label class="ph-field__label" for=ctx.id("report-reason")>
                        {move || ctx.t().report_reason}
                    </label>
                    <textarea
                        id=ctx.id("report-reason")
                        class="ph-input"
                        rows="2"
                        maxlength="500"
                        required=true
                        prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))
                    ></textarea>
                </div>
                <button type="submit" class="ph-button ph-button--ghost">
                    {move || ctx.t().send}
                </button>
                <p aria-live="polite">
                    {move || match send.value().get() {
                        Some(Ok(_)) => Some(ctx.t().report_sent.to_owned()),
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
            </form>
        </details>
    }
}
