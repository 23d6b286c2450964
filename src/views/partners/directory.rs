//! Every partner of the city, with the list of initiatives' filters (kecamatan, helix,
//! subsector, what it offers, verified) and a search: where a citizen or an owner finds who
//! could help, then opens its page.

use leptos::prelude::*;
use pentahelix_core::api::Stakeholder;
use pentahelix_core::api::endpoint::ListStakeholders;
use pentahelix_core::api::query::StakeholderQuery;
use pentahelix_core::{Helix, RegionCode, Resource, Subsector};

use crate::api::Call;
use crate::components::filters::{FilterSelect, SearchBar, choices};
use crate::components::load::Skeletons;
use crate::components::pages::{PageControls, Pages};
use crate::components::partner::PartnerName;
use crate::context::use_ctx;

#[component]
pub fn Directory() -> impl IntoView {
    let ctx = use_ctx();
    let city = ctx.city();
    let kecamatan = RwSignal::new(String::new());
    let helix = RwSignal::new(String::new());
    let subsector = RwSignal::new(String::new());
    let offers = RwSignal::new(String::new());
    let verified = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = move || {
        [kecamatan, helix, subsector, offers, search]
            .iter()
            .filter(|f| f.with(|v| !v.is_empty()))
            .count()
            + usize::from(verified.get())
    };
    let clear = move || {
        for filter in [kecamatan, helix, subsector, offers, search, text] {
            filter.set(String::new());
        }
        verified.set(false);
    };

    let pages = Pages::new(move |cursor| {
        let query = StakeholderQuery {
            region: kecamatan
                .get_untracked()
                .parse::<RegionCode>()
                .ok()
                .or(Some(city)),
            helix: helix.get_untracked().parse().ok(),
            subsector: subsector.get_untracked().parse().ok(),
            resource: offers.get_untracked().parse().ok(),
            verified: verified.get_untracked().then_some(true),
            q: Some(search.get_untracked()).filter(|q| !q.is_empty()),
            cursor,
            limit: Some(20),
        };
        async move {
            ctx.api()
                .call(&ListStakeholders { query }, Call::default())
                .await
                .map(|page| (page.items, page.next_cursor))
        }
    });
    // Any filter change reloads from the first page.
    Effect::new(move |_| {
        kecamatan.track();
        helix.track();
        subsector.track();
        offers.track();
        verified.track();
        search.track();
        pages.reload();
    });

    let kecamatan_options: Vec<(String, String)> = ctx
        .regions()
        .children(city)
        .map(|r| (r.code.to_string(), r.name))
        .collect();
    let id = move |name: &str| ctx.id(&format!("d-{name}"));
    let t = move || ctx.t();
    view! {
        <p class="ph-muted">{move || t().directory_intro}</p>
        <form
            class="ph-filters ph-filters--list"
            role="search"
            aria-label=move || t().directory
            on:submit=move |ev| {
                ev.prevent_default();
                search.set(text.get_untracked().trim().to_owned());
            }
        >
            <SearchBar
                id=id("text")
                panel=id("more")
                text=text
                open=open
                active=Signal::derive(active)
            />
            <div
                id=id("more")
                class="ph-filters__more"
                class:ph-filters__more--open=move || open.get()
            >
                <FilterSelect
                    id=id("kecamatan")
                    label=Signal::derive(move || t().filter_kecamatan)
                    any=Signal::derive(move || t().all_kecamatan)
                    value=kecamatan
                    options=Signal::stored(kecamatan_options)
                />
                <FilterSelect
                    id=id("helix")
                    label=Signal::derive(move || t().helix)
                    any=Signal::derive(move || t().all_helices)
                    value=helix
                    options=Signal::derive(move || choices::<Helix>(ctx.lang.get()))
                />
                <FilterSelect
                    id=id("subsector")
                    label=Signal::derive(move || t().filter_subsector)
                    any=Signal::derive(move || t().all_subsectors)
                    value=subsector
                    options=Signal::derive(move || choices::<Subsector>(ctx.lang.get()))
                />
                <FilterSelect
                    id=id("offers")
                    label=Signal::derive(move || t().filter_offers)
                    any=Signal::derive(move || t().all_offers)
                    value=offers
                    options=Signal::derive(move || choices::<Resource>(ctx.lang.get()))
                />
                <label class="ph-check">
                    <input
                        type="checkbox"
                        prop:checked=move || verified.get()
                        on:change=move |ev| verified.set(event_target_checked(&ev))
                    />
                    {move || t().verified_only}
                </label>
                <Show when=move || { active() > 0 }>
                    <button
                        type="button"
                        class="ph-button ph-button--ghost ph-filters__clear"
                        on:click=move |_| clear()
                    >
                        {move || t().clear_filters}
                    </button>
                </Show>
            </div>
        </form>

        <ul class="ph-partners" data-testid="directory">
            <For each=move || pages.items.get() key=|s| (s.id, s.updated_at) let(partner)>
                <DirectoryEntry partner=partner />
            </For>
        </ul>
        <Show when=move || pages.busy()>
            <Skeletons count=2 />
        </Show>
        <Show when=move || {
            pages.loaded.get() && !pages.busy() && pages.error.with(Option::is_none)
                && pages.items.with(Vec::is_empty)
        }>
            <div class="ph-empty" data-testid="directory-empty">
                <p class="ph-empty__title">{move || t().no_partners}</p>
                <button type="button" class="ph-button ph-button--ghost" on:click=move |_| clear()>
                    {move || t().clear_filters}
                </button>
            </div>
        </Show>
        <PageControls pages=pages />
    }
}

#[component]
fn DirectoryEntry(partner: Stakeholder) -> impl IntoView {
    let ctx = use_ctx();
    let place = ctx
        .regions()
        .name(partner.region)
        .unwrap_or_default()
        .to_owned();
    let helix = partner.helix;
    let offers: Vec<Resource> = partner.offers.iter().collect();
    view! {
        <li class="ph-partner">
            <p class="ph-partner__name">
                <PartnerName id=partner.id name=partner.name.clone() verified=partner.verified />
            </p>
            <p class="ph-card__meta">{move || helix.label(ctx.lang.get())} " · " {place}</p>
            <p class="ph-card__needs">
                <span class="ph-card__needs-label">{move || ctx.t().partner_offers}": "</span>
                {move || {
                    offers.iter().map(|r| r.label(ctx.lang.get())).collect::<Vec<_>>().join(", ")
                }}
            </p>
        </li>
    }
}
