//! How loading and failed loading look everywhere: skeleton cards while waiting, and a message
//! with a retry button when the network fails. Both are announced through `aria-live`.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::context::{Ctx, use_ctx};

/// Grey placeholder cards, so the layout does not jump when the data arrives.
#[component]
pub fn Skeletons(#[prop(default = 3)] count: usize) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <div class="ph-skeletons" role="status" aria-live="polite">
            <span class="ph-visually-hidden">{move || ctx.t().loading}</span>
            {(0..count)
                .map(|_| view! { <div class="ph-skeleton" aria-hidden="true"></div> })
                .collect_view()}
        </div>
    }
}

/// The message for a failed request, in the widget's language.
pub fn error_text(ctx: &Ctx, error: &ApiError) -> String {
    match error {
        ApiError::Problem(p) => p.detail.clone(),
        ApiError::Network | ApiError::Aborted => ctx.t().error_network.to_owned(),
        ApiError::Unreadable => ctx.t().error_unreadable.to_owned(),
    }
}

#[component]
pub fn LoadError(error: ApiError, retry: Callback<()>) -> impl IntoView {
    let ctx = use_ctx();
    let text = error_text(&ctx, &error);
    view! {
        <div class="ph-notice ph-notice--error" role="alert">
            <p>{text}</p>
            <button
                type="button"
                class="ph-button ph-button--ghost"
                on:click=move |_| retry.run(())
            >
                {move || ctx.t().retry}
            </button>
        </div>
    }
}

/// The error of a button's last request (an answer, a status change), until it is pressed again.
pub fn action_error<I, T>(action: Action<I, Result<T, ApiError>>) -> impl IntoView
where
    I: 'static,
    T: Clone + 'static,
{
    let ctx = use_ctx();
    move || {
        action.value().get().and_then(Result::err).map(|e| {
            view! {
                <p class="ph-notice ph-notice--error" role="alert">
                    {error_text(&ctx, &e)}
                </p>
            }
        })
    }
}

/// A resource's answer drawn by `shown`; while it is on its way, `skeletons` placeholder cards
/// (none for 0); when it failed, the error with a retry.
pub fn loaded<T, V>(
    resource: LocalResource<Result<T, ApiError>>,
    skeletons: usize,
    shown: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        None => (skeletons > 0)
            .then(|| view! { <Skeletons count=skeletons /> })
            .into_any(),
        Some(Err(e)) => {
            view! { <LoadError error=e retry=Callback::new(move |()| resource.refetch()) /> }
                .into_any()
        }
        Some(Ok(found)) => shown(found).into_any(),
    }
}
