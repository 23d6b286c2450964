//! The views fetched the first time they are shown. A citizen opening the widget sees the list of
//! initiatives; the other views' code is split off into their own wasm files by the release build
//! (`cargo xtask dist`, through wasm-split), so the first view downloads only what it needs on a
//! slow mobile link.
//!
//! Each view below is a split point: with the `split` feature its function lives in its own wasm
//! file and the first call fetches that file. Without the feature (unit and browser tests of the
//! widget, which run unsplit wasm) the same function is called directly; the views behave alike.

use leptos::prelude::*;

use crate::app::Ctx;
use crate::components::load::Skeletons;
use crate::config::View;
use crate::views::admin::Admin;
use crate::views::dashboard::Dashboard;
use crate::views::initiative::InitiativeDetail;
use crate::views::initiatives::Initiatives;
use crate::views::partners::Partners;
use crate::views::propose::{EditTarget, Propose};

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

split_views! {
    initiative => initiative_view(id: i64) = view! { <InitiativeDetail id=id /> }.into_any();
    propose => propose_view() = view! { <Propose /> }.into_any();
    partners => partners_view() = view! { <Partners /> }.into_any();
    dashboard => dashboard_view() = view! { <Dashboard /> }.into_any();
    admin => admin_view() = view! { <Admin /> }.into_any();
    // Only an initiative's owner edits it: the form stays out of what every reader fetches.
    edit => edit_view(target: EditTarget) = view! { <Propose edit=target /> }.into_any();
}

async fn fetch_view(view: View) -> Result<AnyView, NotFetched> {
    match view {
        View::Initiative(id) => initiative_view(id).await,
        View::Propose => propose_view().await,
        View::Partners => partners_view().await,
        View::Dashboard => dashboard_view().await,
        View::Admin => admin_view().await,
        View::Initiatives => Ok(view! { <Initiatives /> }.into_any()),
    }
}

/// Shows `view`, fetching its code first when this is its first showing.
#[component]
pub fn OnDemand(view: View) -> impl IntoView {
    view! { <Fetched fetch=move || fetch_view(view) /> }
}

/// An initiative's edit form for its owner, fetched the first time it opens.
#[component]
pub fn OnDemandEdit(target: EditTarget) -> impl IntoView {
    view! { <Fetched fetch=move || edit_view(target.clone()) /> }
}

/// Shows what `fetch` makes: placeholder cards while its file (and the view's first data)
/// arrives, and a message with a retry button when the file cannot be fetched.
#[component]
fn Fetched<F, Fut>(fetch: F) -> impl IntoView
where
    F: Fn() -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, NotFetched>> + Send + 'static,
{
    let ctx = expect_context::<Ctx>();
    let attempt = RwSignal::new(0u32);
    let shown = move || {
        attempt.track();
        let fetch = fetch.clone();
        Suspend::new(async move {
            match fetch().await {
                Ok(shown) => shown,
                Err(NotFetched) => view! {
                    <div class="ph-notice ph-notice--error" role="alert" data-testid="view-not-fetched">
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
    view! {
        <Transition fallback=|| view! { <Skeletons /> }>{shown}</Transition>
    }
}
