//! The dashboard: "kecamatan activated: N of M" (the Bandung program's own measure), charts of
//! initiatives per kecamatan, coverage by helix and subsectors, flagship products, upcoming
//! events, what the program achieved month by month, and the cities of the network side by
//! side. Charts are inline SVG bars with their numbers written out, so they read the same to a
//! screen reader.

mod achievements;

use leptos::prelude::*;
use pentahelix_core::api::endpoint::{Stats, StatsOfCities};
use pentahelix_core::api::query::CityQuery;
use pentahelix_core::api::{CityStats, Count};
use pentahelix_core::{Helix, HelixSet, Subsector};

use crate::api::Call;
use crate::components::heading::heading_focus;
use crate::components::load::loaded;
use crate::components::pentagon::CoveragePentagon;
use crate::config::View;
use crate::context::use_ctx;
use crate::format;
use crate::i18n::activated;
use crate::views::abort_on_cleanup;
use achievements::ProgramAchievements;

#[component]
pub fn Dashboard() -> impl IntoView {
    let ctx = use_ctx();
    let heading = heading_focus();
    let city = ctx.city();
    let stats = LocalResource::new(move || {
        let abort = abort_on_cleanup();
        let stats = Stats {
            query: CityQuery { city: Some(city) },
        };
        async move {
            ctx.api()
                .call(&stats, Call::abortable(abort.as_ref()))
                .await
        }
    });
    let cities = LocalResource::new(move || {
        let abort = abort_on_cleanup();
        async move {
            ctx.api()
                .call(&StatsOfCities {}, Call::abortable(abort.as_ref()))
                .await
        }
    });
    view! {
        <section class="ph-section">
            <h3 class="ph-section__title" tabindex="-1" node_ref=heading>
                {move || ctx.t().dashboard_heading}
                {ctx.regions().name(city).map(|n| format!(" · {n}"))}
            </h3>
            {loaded(stats, 2, move |s| view! { <CityView stats=s /> })}
            <ProgramAchievements city=city />
            {move || {
                cities
                    .get()
                    .and_then(Result::ok)
                    .filter(|c| c.len() > 1)
                    .map(|c| view! { <Cities cities=c /> })
            }}
        </section>
    }
}

/// Horizontal bars with the number beside each; `label` names a bar in the current language.
#[component]
fn Bars(
    #[prop(into)] title: Signal<&'static str>,
    counts: Vec<Count>,
    label: Callback<String, String>,
) -> impl IntoView {
    let ctx = use_ctx();
    let max = counts.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    let heading_id = ctx.id(&format!("bars-{}", (js_sys::Math::random() * 1e6) as u32));
    view! {
        <figure class="ph-chart" aria-labelledby=heading_id.clone()>
            <figcaption class="ph-subheading" id=heading_id.clone()>
                {move || title.get()}
            </figcaption>
            <ul class="ph-bars">
                {counts
                    .into_iter()
                    .map(|c| {
                        let width = format::percent(c.count, max);
                        let key = c.key.clone();
                        view! {
                            <li class="ph-bars__row">
                                <span class="ph-bars__label">{move || label.run(key.clone())}</span>
                                <svg
                                    class="ph-bars__bar"
                                    viewBox="0 0 100 10"
                                    preserveAspectRatio="none"
                                    aria-hidden="true"
                                >
                                    <rect x="0" y="0" width=width height="10" />
                                </svg>
                                <span class="ph-bars__value">
                                    {move || format::number(u64::from(c.count), ctx.lang.get())}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </figure>
    }
}

#[component]
fn CityView(stats: CityStats) -> impl IntoView {
    let ctx = use_ctx();
    let regions = ctx.regions();
    let city = stats.city;
    let name = {
        let regions = regions.clone();
        move |code: String| {
            regions
                .name(code.parse().unwrap_or(city))
                .unwrap_or_default()
                .to_owned()
        }
    };
    let share = format::percent(stats.kecamatan_activated, stats.kecamatan_total);
    let (activated_n, total) = (stats.kecamatan_activated, stats.kecamatan_total);
    let helix_counts = stats.by_helix.clone();
    let covered: HelixSet = helix_counts
        .iter()
        .filter(|c| c.count > 0)
        .filter_map(|c| c.key.parse::<Helix>().ok())
        .collect();
    let mut subsectors = stats.by_subsector.clone();
    subsectors.sort_by_key(|c| std::cmp::Reverse(c.count));
    subsectors.retain(|c| c.count > 0);
    let flagship_names = regions.clone();
    let event_names = regions.clone();
    view! {
        <div class="ph-kpis">
            <div class="ph-kpi ph-kpi--main" data-testid="activated">
                <p class="ph-kpi__value">
                    {move || activated(
                        ctx.lang.get(),
                        &format::number(u64::from(activated_n), ctx.lang.get()),
                        &format::number(u64::from(total), ctx.lang.get()),
                    )}
                </p>
                <div
                    class="ph-progress"
                    role="progressbar"
                    aria-valuemin="0"
                    aria-valuemax=total
                    aria-valuenow=activated_n
                    aria-label=move || activated(
                        ctx.lang.get(),
                        &activated_n.to_string(),
                        &total.to_string(),
                    )
                >
                    <svg
                        class="ph-progress__bar"
                        viewBox="0 0 100 10"
                        preserveAspectRatio="none"
                        aria-hidden="true"
                    >
                        <rect x="0" y="0" width=share height="10" />
                    </svg>
                </div>
                <p class="ph-muted">{move || ctx.t().activated_hint}</p>
            </div>
            <div class="ph-kpi">
                <p class="ph-kpi__value">
                    {move || format::number(u64::from(stats.initiatives), ctx.lang.get())}
                </p>
                <p>{move || ctx.t().live_initiatives}</p>
            </div>
            <div class="ph-kpi">
                <p class="ph-kpi__value">
                    {move || format::number(u64::from(stats.stakeholders), ctx.lang.get())}
                </p>
                <p>{move || ctx.t().stakeholders}</p>
            </div>
            <div class="ph-kpi">
                <p class="ph-kpi__value">
                    {move || format::number(u64::from(stats.pentahelix_complete), ctx.lang.get())}
                </p>
                <p>{move || ctx.t().pentahelix_complete}</p>
            </div>
        </div>
        <div class="ph-grid">
            <div class="ph-helix-summary">
                <CoveragePentagon coverage=covered lang=ctx.lang size=96 />
                <Bars
                    title=Signal::derive(move || ctx.t().by_helix)
                    counts=helix_counts
                    label=Callback::new(move |k: String| {
                        k.parse::<Helix>().map(|h| h.label(ctx.lang.get()).to_owned()).unwrap_or(k)
                    })
                />
            </div>
            <Bars
                title=Signal::derive(move || ctx.t().by_subsector)
                counts=subsectors
                label=Callback::new(move |k: String| {
                    k.parse::<Subsector>().map(|s| s.label(ctx.lang.get()).to_owned()).unwrap_or(k)
                })
            />
        </div>
        <Bars
            title=Signal::derive(move || ctx.t().per_kecamatan)
            counts=stats.by_kecamatan.clone()
            label=Callback::new(name)
        />
        <div class="ph-grid">
            <section aria-labelledby=ctx.id("flagships")>
                <h4 class="ph-subheading" id=ctx.id("flagships")>
                    {move || ctx.t().flagships}
                </h4>
                {if stats.flagship_products.is_empty() {
                    view! { <p class="ph-muted">{move || ctx.t().none_yet}</p> }.into_any()
                } else {
                    view! {
                        <dl class="ph-facts" data-testid="flagships">
                            {stats
                                .flagship_products
                                .iter()
                                .map(|f| {
                                    view! {
                                        <dt>
                                            {flagship_names
                                                .name(f.region)
                                                .unwrap_or_default()
                                                .to_owned()}
                                        </dt>
                                        <dd>{f.product.clone()}</dd>
                                    }
                                })
                                .collect_view()}
                        </dl>
                    }
                        .into_any()
                }}
            </section>
            <section aria-labelledby=ctx.id("upcoming")>
                <h4 class="ph-subheading" id=ctx.id("upcoming")>
                    {move || ctx.t().upcoming}
                </h4>
                {if stats.upcoming.is_empty() {
                    view! { <p class="ph-muted">{move || ctx.t().none_yet}</p> }.into_any()
                } else {
                    view! {
                        <ul class="ph-events">
                            {stats
                                .upcoming
                                .iter()
                                .map(|e| {
                                    let (id, start, end) = (
                                        e.initiative_id.0,
                                        e.starts_on,
                                        e.ends_on,
                                    );
                                    let place = event_names
                                        .name(e.region)
                                        .unwrap_or_default()
                                        .to_owned();
                                    view! {
                                        <li>
                                            <span class="ph-events__date">
                                                {move || format::date_range(start, end, ctx.lang.get())}
                                            </span>
                                            " "
                                            <button
                                                type="button"
                                                class="ph-link"
                                                on:click=move |_| ctx.view.set(View::Initiative(id))
                                            >
                                                {e.title.clone()}
                                            </button>
                                            <span class="ph-muted">{format!(" · {place}")}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            </section>
        </div>
    }
}

#[component]
fn Cities(cities: Vec<CityStats>) -> impl IntoView {
    let ctx = use_ctx();
    let regions = ctx.regions();
    view! {
        <section class="ph-section" aria-labelledby=ctx.id("cities")>
            <h4 class="ph-subheading" id=ctx.id("cities")>
                {move || ctx.t().cities}
            </h4>
            <div class="ph-table-wrap">
                <table class="ph-table" data-testid="cities">
                    <thead>
                        <tr>
                            <th scope="col">{move || ctx.t().city}</th>
                            <th scope="col">{move || ctx.t().kecamatan}</th>
                            <th scope="col">{move || ctx.t().live_initiatives}</th>
                            <th scope="col">{move || ctx.t().stakeholders}</th>
                            <th scope="col">{move || ctx.t().pentahelix_complete}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {cities
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <tr>
                                        <th scope="row">
                                            {regions.name(c.city).unwrap_or_default().to_owned()}
                                        </th>
                                        <td>
                                            {format!(
                                                "{} / {}",
                                                c.kecamatan_activated,
                                                c.kecamatan_total,
                                            )}
                                        </td>
                                        <td>{c.initiatives}</td>
                                        <td>{c.stakeholders}</td>
                                        <td>{c.pentahelix_complete}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
