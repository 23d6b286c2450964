//! The list of initiatives: filters, cards with the coverage pentagon, "load more" over the
//! cursor, skeletons while loading and an empty state that invites a proposal.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::ListInitiatives;
use pentahelix_core::api::query::InitiativeQuery;
use pentahelix_core::api::{Initiative, InitiativeStatus};
use pentahelix_core::{RegionCode, RegionLevel, Resource, Subsector};

use crate::api::{ApiError, Call};
use crate::components::load::{LoadError, Skeletons};
use crate::config::View;
use crate::context::use_ctx;
use crate::i18n::shown;
use crate::views::abort_on_cleanup;
use pentahelix_core::words::fill;

mod card;

pub(crate) use card::InitiativeCard;

#[component]
pub fn Initiatives() -> impl IntoView {
    let ctx = use_ctx();
    let city = ctx.city();
    // A widget configured for one kecamatan starts filtered to it.
    let configured = ctx.config.with_value(|c| c.region);
    let kecamatan = RwSignal::new(if configured.level() == RegionLevel::District {
        configured.to_string()
    } else {
        String::new()
    });
    let subsector = RwSignal::new(String::new());
    let resource = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());

    // The page the loader painted, shown as it is rather than asked for again.
    let first = ctx.first_page.try_update_value(Option::take).flatten();
    let painted = first.is_some();
    let (first_items, first_cursor) =
        first.map_or((Vec::new(), None), |p| (p.items, p.next_cursor));
    let items: RwSignal<Vec<Initiative>> = RwSignal::new(first_items);
    let cursor: RwSignal<Option<String>> = RwSignal::new(first_cursor);
    let loading = RwSignal::new(false);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let generation = StoredValue::new(0u64);

    let query = move |cursor: Option<String>| InitiativeQuery {
        region: kecamatan
            .get_untracked()
            .parse::<RegionCode>()
            .ok()
            .or(Some(city)),
        subsector: subsector.get_untracked().parse().ok(),
        resource: resource.get_untracked().parse().ok(),
        status: InitiativeStatus::from_slug(&status.get_untracked()),
        q: Some(search.get_untracked()).filter(|q| !q.is_empty()),
        cursor,
        limit: Some(ctx.config.with_value(|c| c.limit)),
        ..InitiativeQuery::default()
    };

    // Fetches a page; a newer request (filters changed) makes an older answer stale.
    let fetch = move |append: bool| {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let q = query(if append { cursor.get_untracked() } else { None });
        loading.set(true);
        error.set(None);
        let abort = abort_on_cleanup();
        leptos::task::spawn_local(async move {
            let result = ctx
                .api()
                .call(
                    &ListInitiatives { query: q },
                    Call::abortable(abort.as_ref()),
                )
                .await;
            // The view may be gone (unmounted) or a newer request may have started meanwhile.
            if generation.try_get_value() != Some(mine) {
                return;
            }
            loading.try_set(false);
            match result {
                Ok(page) => {
                    cursor.try_set(page.next_cursor);
                    if append {
                        items.try_update(|list| list.extend(page.items));
                    } else {
                        items.try_set(page.items);
                    }
                }
                Err(ApiError::Aborted) => {}
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };

    // Any filter change reloads from the first page (which, painted, is there already).
    Effect::new(move |ran: Option<()>| {
        kecamatan.track();
        subsector.track();
        resource.track();
        status.track();
        search.track();
        if ran.is_some() || !painted {
            fetch(false);
        }
    });

    // How many filters narrow the list, shown on the toggle that hides them on a phone.
    let active = move || {
        [kecamatan, subsector, resource, status, search]
            .iter()
            .filter(|f| f.with(|v| !v.is_empty()))
            .count()
    };
    let open = RwSignal::new(false);
    let clear = move || {
        for filter in [kecamatan, subsector, resource, status, search, text] {
            filter.set(String::new());
        }
    };

    // The first view's filters are written out rather than built from the shared `FilterSelect`
    // and `SearchBar` (`components/filters.rs`), which the partner directory uses: the generic
    // components made the first view 3.5 KiB (brotli) larger.
    let regions = ctx.regions();
    let kecamatan_options: Vec<(String, String)> = regions
        .children(city)
        .map(|r| (r.code.to_string(), r.name))
        .collect();
    let id = |name: &str| ctx.id(name);

    view! {
        <section class="ph-section">
            <h3 class="ph-visually-hidden" data-list-heading="" tabindex="-1">
                {move || ctx.t().tab_initiatives}
            </h3>
            <form
                class="ph-filters ph-filters--list"
                role="search"
                aria-label=move || ctx.t().filters
                on:submit=move |ev| {
                    ev.prevent_default();
                    search.set(text.get_untracked().trim().to_owned());
                }
            >
                <div class="ph-filters__bar">
                    <div class="ph-field ph-field--grow">
                        <label class="ph-field__label" for=id("f-text")>
                            {move || ctx.t().search}
                        </label>
                        <div class="ph-search">
                            <input
                                id=id("f-text")
                                class="ph-input"
                                type="search"
                                placeholder=move || ctx.t().search_placeholder
                                prop:value=move || text.get()
                                on:input=move |ev| text.set(event_target_value(&ev))
                            />
                            <button type="submit" class="ph-button">
                                {move || ctx.t().search}
                            </button>
                        </div>
                    </div>
                    <button
                        type="button"
                        class="ph-button ph-button--ghost ph-filters__toggle"
                        data-testid="filters-toggle"
                        aria-expanded=move || if open.get() { "true" } else { "false" }
                        aria-controls=id("f-more")
                        on:click=move |_| open.update(|o| *o = !*o)
                    >
                        {move || ctx.t().filter_toggle}
                        {move || {
                            let n = active();
                            (n > 0)
                                .then(|| {
                                    view! {
                                        " "
                                        <span class="ph-count">
                                            {fill(ctx.t().filters_active, &[("n", &n.to_string())])}
                                        </span>
                                    }
                                })
                        }}
                    </button>
                </div>
                <div
                    id=id("f-more")
                    class="ph-filters__more"
                    class:ph-filters__more--open=move || open.get()
                    data-testid="filters"
                >
                    <div class="ph-field">
                        <label class="ph-field__label" for=id("f-kecamatan")>
                            {move || ctx.t().filter_kecamatan}
                        </label>
                        <select
                            id=id("f-kecamatan")
                            class="ph-input"
                            on:change=move |ev| kecamatan.set(event_target_value(&ev))
                            prop:value=move || kecamatan.get()
                        >
                            <option value="">{move || ctx.t().all_kecamatan}</option>
                            {kecamatan_options
                                .into_iter()
                                .map(|(code, name)| view! { <option value=code>{name}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="ph-field">
                        <label class="ph-field__label" for=id("f-subsector")>
                            {move || ctx.t().filter_subsector}
                        </label>
                        <select
                            id=id("f-subsector")
                            class="ph-input"
                            on:change=move |ev| subsector.set(event_target_value(&ev))
                            prop:value=move || subsector.get()
                        >
                            <option value="">{move || ctx.t().all_subsectors}</option>
                            {Subsector::ALL
                                .iter()
                                .map(|s| {
                                    let s = *s;
                                    view! {
                                        <option value=s
                                            .slug()>{move || s.label(ctx.lang.get())}</option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="ph-field">
                        <label class="ph-field__label" for=id("f-resource")>
                            {move || ctx.t().filter_resource}
                        </label>
                        <select
                            id=id("f-resource")
                            class="ph-input"
                            on:change=move |ev| resource.set(event_target_value(&ev))
                            prop:value=move || resource.get()
                        >
                            <option value="">{move || ctx.t().all_resources}</option>
                            {Resource::ALL
                                .iter()
                                .map(|r| {
                                    let r = *r;
                                    view! {
                                        <option value=r
                                            .slug()>{move || r.label(ctx.lang.get())}</option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="ph-field">
                        <label class="ph-field__label" for=id("f-status")>
                            {move || ctx.t().filter_status}
                        </label>
                        <select
                            id=id("f-status")
                            class="ph-input"
                            on:change=move |ev| status.set(event_target_value(&ev))
                            prop:value=move || status.get()
                        >
                            <option value="">{move || ctx.t().all_statuses}</option>
                            {InitiativeStatus::LISTED
                                .into_iter()
                                .map(|s| {
                                    view! {
                                        <option value=s
                                            .slug()>{move || s.label(ctx.lang.get())}</option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <Show when=move || { active() > 0 }>
                        <button
                            type="button"
                            class="ph-button ph-button--ghost ph-filters__clear"
                            data-testid="filters-clear"
                            on:click=move |_| clear()
                        >
                            {move || ctx.t().clear_filters}
                        </button>
                    </Show>
                </div>
            </form>

            <p class="ph-visually-hidden" aria-live="polite">
                {move || (!loading.get()).then(|| shown(ctx.lang.get(), items.with(Vec::len)))}
            </p>

            {move || {
                error
                    .get()
                    .map(|e| {
                        view! { <LoadError error=e retry=Callback::new(move |()| fetch(false)) /> }
                    })
            }}

            <ul class="ph-cards" data-testid="initiative-list">
                <For each=move || items.get() key=|i| (i.id, i.updated_at) let(initiative)>
                    <InitiativeCard initiative=initiative />
                </For>
            </ul>

            <Show when=move || loading.get()>
                <Skeletons />
            </Show>

            <Show when=move || !loading.get() && error.get().is_none() && items.with(Vec::is_empty)>
                <div class="ph-empty" data-testid="empty">
                    <p class="ph-empty__title">{move || ctx.t().empty_title}</p>
                    <p>
                        {move || {
                            if active() > 0 {
                                ctx.t().empty_filtered
                            } else {
                                ctx.t().empty_invite
                            }
                        }}
                    </p>
                    <div class="ph-actions ph-actions--center">
                        <Show when=move || { active() > 0 }>
                            <button
                                type="button"
                                class="ph-button ph-button--ghost"
                                data-testid="empty-clear"
                                on:click=move |_| clear()
                            >
                                {move || ctx.t().clear_filters}
                            </button>
                        </Show>
                        <button
                            type="button"
                            class="ph-button"
                            on:click=move |_| ctx.view.set(View::Propose)
                        >
                            {move || ctx.t().propose_cta}
                        </button>
                    </div>
                </div>
            </Show>

            <Show when=move || cursor.get().is_some() && !loading.get()>
                <button
                    type="button"
                    class="ph-button ph-button--ghost ph-more"
                    data-testid="load-more"
                    on:click=move |_| fetch(true)
                >
                    {move || ctx.t().load_more}
                </button>
            </Show>
        </section>
    }
}
