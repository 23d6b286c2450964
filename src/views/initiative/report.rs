//! Reporting an initiative to the city's moderators.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::Report;
use pentahelix_core::api::{ReportInput, ReportReason, ReportTarget};

use crate::api::Call;
use crate::components::load::error_text;
use crate::context::use_ctx;

#[component]
pub fn Report(id: i64) -> impl IntoView {
    let ctx = use_ctx();
    let open = RwSignal::new(false);
    let category = RwSignal::new(ReportReason::Spam);
    let reason = RwSignal::new(String::new());
    let send = Action::new_local(move |(): &()| {
        let input = ReportInput {
            target: ReportTarget::Initiative,
            id,
            category: category.get_untracked(),
            reason: reason.get_untracked(),
        };
        async move { ctx.api().call(&Report { input }, Call::default()).await }
    });
    let details_id = ctx.id("report-reason");
    let hint_id = ctx.id("report-hint");
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
                <fieldset class="ph-field ph-choices">
                    <legend class="ph-field__label">{move || ctx.t().report_reason}</legend>
                    {ReportReason::ALL
                        .into_iter()
                        .enumerate()
                        .map(|(n, choice)| {
                            view! {
                                <label class="ph-check">
                                    <input
                                        type="radio"
                                        name=ctx.id("report-category")
                                        value=choice.slug()
                                        prop:checked=move || category.get() == choice
                                        on:change=move |_| category.set(choice)
                                    />
                                    {move || ctx.t().report_categories[n]}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <div class="ph-field">
                    <label class="ph-field__label" for=details_id.clone()>
                        {move || ctx.t().report_details}
                    </label>
                    <p class="ph-field__hint" id=hint_id.clone()>
                        {move || ctx.t().report_details_hint}
                    </p>
                    <textarea
                        id=details_id
                        class="ph-input"
                        rows="2"
                        maxlength="500"
                        aria-describedby=hint_id
                        required=move || category.get() == ReportReason::Other
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
