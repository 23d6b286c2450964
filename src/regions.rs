//! The names of regions the widget shows. The seed cities' are built in; a widget embedded for
//! any other of Indonesia's cities asks its server for that city's kecamatan once, before its
//! views draw, since every view names them (the filters, the cards, the forms).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use pentahelix_core::api::endpoint::ListRegions;
use pentahelix_core::api::query::RegionQuery;
use pentahelix_core::{Region, Regions};

use crate::api::{ApiError, Call};
use crate::components::load::{LoadError, Skeletons};
use crate::context::{Ctx, use_ctx};
use crate::views::fetched::NotFetched;

/// The most kecamatan a city may have that one answer brings (the most any has is 51).
const MOST: u32 = 200;

/// The regions known without asking: the seed cities.
pub fn builtin() -> Arc<Regions> {
    Arc::new(Regions::builtin())
}

/// How the city's kecamatan are asked for: a future made by code fetched only then, so a seed
/// city's first view carries none of it.
type Asking = Pin<Box<dyn Future<Output = Result<(), ApiError>>>>;

/// Draws `children` once the widget knows its city's kecamatan: at once for a seed city; for any
/// other, after asking the server (placeholder cards meanwhile, the error with a retry if it
/// fails). Written without `Show` and `Fetched`, whose copies for this one use made the first
/// view 2.9 KiB (brotli) larger.
#[component]
pub fn KnownCity(children: ChildrenFn) -> impl IntoView {
    let ctx = use_ctx();
    let known = RwSignal::new(ctx.regions().contains(ctx.city()));
    let failure = RwSignal::new(None::<ApiError>);
    let start = move || {
        failure.set(None);
        leptos::task::spawn_local(async move {
            let asked = match asking(ctx, known).await {
                Ok(asking) => asking.await,
                Err(NotFetched) => Err(ApiError::Network),
            };
            if let Err(error) = asked {
                failure.try_set(Some(error));
            }
        });
    };
    if !known.get_untracked() {
        start();
    }
    move || {
        if known.get() {
            children().into_any()
        } else if let Some(error) = failure.get() {
            view! { <LoadError error=error retry=Callback::new(move |()| start()) /> }.into_any()
        } else {
            view! { <Skeletons /> }.into_any()
        }
    }
}

#[cfg(feature = "split")]
#[wasm_split_helpers::wasm_split(regions, fallible)]
fn asking(ctx: Ctx, known: RwSignal<bool>) -> Result<Asking, NotFetched> {
    Ok(Box::pin(ask(ctx, known)))
}

#[cfg(not(feature = "split"))]
async fn asking(ctx: Ctx, known: RwSignal<bool>) -> Result<Asking, NotFetched> {
    Ok(Box::pin(ask(ctx, known)))
}

/// Asks the server for the city and its kecamatan, and adds them to the regions the views name.
async fn ask(ctx: Ctx, known: RwSignal<bool>) -> Result<(), ApiError> {
    let list = ListRegions {
        query: RegionQuery {
            within: Some(ctx.city().to_string()),
            q: None,
            limit: Some(MOST),
        },
    };
    let found = ctx.api().call(&list, Call::default()).await?;
    adopt(ctx, found);
    known.try_set(true);
    Ok(())
}

/// Adds `found` to the regions the views name: asked for above, or brought by the first page the
/// loader painted.
pub fn adopt(ctx: Ctx, found: Vec<Region>) {
    if found.is_empty() {
        return;
    }
    ctx.regions.update_value(|regions| {
        let regions = Arc::make_mut(regions);
        for region in found {
            regions.insert(region.code, region.name);
        }
    });
}
