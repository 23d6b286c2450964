//! A list read a page at a time (the moderation queue, the audit trail): the pages so far, the
//! cursor of the next one, the last error, and a "load more" button. A reload starts again from
//! the first page, as a new filter or a decision calls for.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::load::LoadError;
use crate::context::use_ctx;

/// One page of a list and the cursor of the next.
pub type Page<T> = (Vec<T>, Option<String>);

pub struct Pages<T: Send + Sync + 'static> {
    pub items: RwSignal<Vec<T>>,
    pub error: RwSignal<Option<ApiError>>,
    /// The first page arrived.
    pub loaded: RwSignal<bool>,
    next: RwSignal<Option<String>>,
    load: Action<bool, ()>,
}

/// Which load's answer counts: a reload started while another was on its way (a filter changed
/// twice) makes the older answer stale, whatever order they arrive in.
#[derive(Clone, Copy)]
struct Generation(StoredValue<u64>);

impl Generation {
    fn next(self) -> u64 {
        self.0.update_value(|g| *g += 1);
        self.0.get_value()
    }

    fn is_current(self, mine: u64) -> bool {
        self.0.try_get_value() == Some(mine)
    }
}

impl<T: Send + Sync + 'static> Clone for Pages<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Pages<T> {}

impl<T: Clone + Send + Sync + 'static> Pages<T> {
    /// `fetch` reads the page at a cursor (`None`: the first).
    pub fn new<F, Fut>(fetch: F) -> Pages<T>
    where
        F: Fn(Option<String>) -> Fut + 'static,
        Fut: Future<Output = Result<Page<T>, ApiError>> + 'static,
    {
        let items = RwSignal::new(Vec::new());
        let error = RwSignal::new(None);
        let loaded = RwSignal::new(false);
        let next = RwSignal::new(None::<String>);
        let generation = Generation(StoredValue::new(0));
        let load = Action::new_local(move |more: &bool| {
            let more = *more;
            let mine = generation.next();
            let page = fetch(if more { next.get_untracked() } else { None });
            async move {
                let page = page.await;
                if !generation.is_current(mine) {
                    return;
                }
                match page {
                    Ok((list, cursor)) => {
                        error.try_set(None);
                        next.try_set(cursor);
                        if more {
                            items.try_update(|all| all.extend(list));
                        } else {
                            items.try_set(list);
                        }
                        loaded.try_set(true);
                    }
                    Err(ApiError::Aborted) => {}
                    Err(e) => {
                        error.try_set(Some(e));
                    }
                }
            }
        });
        Pages {
            items,
            error,
            loaded,
            next,
            load,
        }
    }

    pub fn reload(&self) {
        self.load.dispatch(false);
    }

    pub fn busy(&self) -> bool {
        self.load.pending().get()
    }
}

/// The error of the last load with its retry, and the "load more" button while pages remain.
#[component]
pub fn PageControls<T: Clone + Send + Sync + 'static>(pages: Pages<T>) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        {move || {
            pages
                .error
                .get()
                .map(|e| {
                    view! { <LoadError error=e retry=Callback::new(move |()| pages.reload()) /> }
                })
        }}
        <Show when=move || pages.next.with(Option::is_some)>
            <button
                type="button"
                class="ph-button ph-button--ghost"
                data-testid="load-more"
                disabled=move || pages.busy()
                on:click=move |_| {
                    pages.load.dispatch(true);
                }
            >
                {move || ctx.t().load_more}
            </button>
        </Show>
    }
}
