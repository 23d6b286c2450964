//! Views whose code is fetched the first time they are shown: the split points' shape, and what
//! is shown while a view's file arrives or when it cannot be fetched.
//!
//! Each view declared with [`split_views!`] is a split point: with the `split` feature its
//! function lives in its own wasm file and the first call fetches that file. Without the feature
//! (unit and browser tests of the widget, which run unsplit wasm) the same function is called
//! directly; the views behave alike.

use leptos::prelude::*;

use crate::components::load::Skeletons;
use crate::context::use_ctx;

/// A view's code could not be fetched: offline, or a deployment replaced the files meanwhile.
/// Nothing is cached on failure, so asking again fetches afresh.
#[derive(Debug, Clone, Copy)]
pub struct NotFetched;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for NotFetched {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        NotFetched
    }
}

/// Declares one split point per view: `file => function(arguments) = view;`. Views named by one
/// file share it.
macro_rules! split_views {
    ($($file:ident => $name:ident($($arg:ident: $ty:ty),*) = $body:expr;)*) => {$(
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($file, fallible)]
        fn $name($($arg: $ty),*) -> Result<AnyView, NotFetched> {
            Ok($body)
        }

        #[cfg(not(feature = "split"))]
        async fn $name($($arg: $ty),*) -> Result<AnyView, NotFetched> {
            Ok($body)
        }
    )*};
}

pub(crate) use split_views;

/// Shows what `fetch` makes: placeholder cards while its file (and the view's first data)
/// arrives, and a message with a retry button when the file cannot be fetched.
#[component]
pub fn Fetched<F, Fut>(fetch: F) -> impl IntoView
where
    F: Fn() -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, NotFetched>> + Send + 'static,
{
    let ctx = use_ctx();
    let attempt = RwSignal::new(0u32);
    let shown = move || {
        attempt.track();
        let fetch = fetch.clone();
        Suspend::new(async move {
            match fetch().await {
                Ok(shown) => shown,
                Err(NotFetched) => view! {
                    <div
                        class="ph-notice ph-notice--error"
                        role="alert"
                        data-testid="view-not-fetched"
                    >
                        <p>{move || ctx.t().error_network}</p>
                        <button
                            type="button"
                            class="ph-button ph-button--ghost"
                            on:click=move |_| attempt.update(|n| *n += 1)
                        >
                            {move || ctx.t().retry}
                        </button>
                    </div>
                }
                .into_any(),
            }
        })
    };
    // A transition, not a suspense: the views' own data reloads (a pledge sent, a profile picked)
    // must update them in place, not swap the whole view back to placeholders and drop the focus.
    view! { <Transition fallback=|| view! { <Skeletons /> }>{shown}</Transition> }
}
