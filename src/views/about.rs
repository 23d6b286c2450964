//! What the program is about: the five helices with their pentagon, the subsectors, the kinds of
//! support, and the kecamatan of the configured city.

use leptos::prelude::*;
use pentahelix_core::{Helix, HelixSet, Regions, Resource, Subsector};

use crate::app::Ctx;
use crate::components::pentagon::CoveragePentagon;
use crate::i18n::messages;

#[component]
pub fn About() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let t = move || messages(lang.get());
    let region = ctx.config.with_value(|c| c.region);
    let city = region.city().unwrap_or(region);
    let regions = Regions::builtin();
    let city_name = regions.name(city).map(str::to_owned);
    let kecamatan: Vec<String> = regions.children(city).map(|r| r.name).collect();
    let kecamatan_count = kecamatan.len();

    view! {
        <section class="ph-section" aria-labelledby="ph-helices">
            <h3 id="ph-helices" class="ph-section__title">{move || t().helices_heading}</h3>
            <div class="ph-helices">
                <CoveragePentagon coverage=HelixSet::all() lang=lang size=96 />
                <div>
                    <p>{move || t().helices_intro}</p>
                    <ul class="ph-chips" data-testid="helices">
                        {Helix::ALL
                            .iter()
                            .map(|h| {
                                let h = *h;
                                view! {
                                    <li class=format!("ph-chip ph-helix--{}", h.slug())>
                                        {move || h.label(lang.get())}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            </div>
        </section>
        <section class="ph-section" aria-labelledby="ph-kecamatan">
            <h3 id="ph-kecamatan" class="ph-section__title">
                {move || t().kecamatan_heading}
                {city_name.clone().map(|name| format!(" · {name}"))}
            </h3>
            {if kecamatan.is_empty() {
                view! { <p class="ph-note">{move || t().region_unknown}</p> }.into_any()
            } else {
                view! {
                    <p class="ph-note">{move || (t().kecamatan_count)(kecamatan_count)}</p>
                    <ul class="ph-list ph-list--columns" data-testid="kecamatan">
                        {kecamatan.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
        <section class="ph-section" aria-labelledby="ph-resources">
            <h3 id="ph-resources" class="ph-section__title">{move || t().resources_heading}</h3>
            <ul class="ph-chips">
                {Resource::ALL
                    .iter()
                    .map(|r| {
                        let r = *r;
                        view! { <li class="ph-chip">{move || r.label(lang.get())}</li> }
                    })
                    .collect_view()}
            </ul>
        </section>
        <section class="ph-section" aria-labelledby="ph-subsectors">
            <h3 id="ph-subsectors" class="ph-section__title">{move || t().subsectors_heading}</h3>
            <ul class="ph-list ph-list--columns">
                {Subsector::ALL
                    .iter()
                    .map(|s| {
                        let s = *s;
                        view! { <li>{move || s.label(lang.get())}</li> }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
