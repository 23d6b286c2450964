//! What the program achieved, month by month, for the whole city or one kecamatan: offers made
//! and accepted per helix, initiatives completed, and how long proposals waited for a first
//! offer and for a complete pentahelix. The figures a city reports to the ministry.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::CityAchievements;
use pentahelix_core::api::query::CityQuery;
use pentahelix_core::api::{Achievement, Achievements};
use pentahelix_core::{Helix, Lang, RegionCode};

use crate::components::load::loaded;
use crate::context::use_ctx;
use crate::format;
use crate::views::answer;

#[component]
pub fn ProgramAchievements(city: RegionCode) -> impl IntoView {
    let figures = answer(None, move || CityAchievements {
        query: CityQuery { city: Some(city) },
    });
    loaded(
        figures,
        0,
        |achievements| view! { <Table achievements=achievements /> },
    )
}

/// `Nov 2026` from `2026-11`.
fn month_label(month: &str, lang: Lang) -> String {
    let (year, number) = month.split_once('-').unwrap_or((month, "1"));
    let index = number.parse::<usize>().unwrap_or(1).clamp(1, 12) - 1;
    format!("{} {year}", crate::i18n::messages(lang).months[index])
}

fn days(value: Option<f64>, lang: Lang) -> String {
    value.map_or_else(
        || "–".to_owned(),
        |d| {
            let text = format!("{d:.1}");
            if lang == Lang::Id {
                text.replace('.', ",")
            } else {
                text
            }
        },
    )
}

#[component]
fn Table(achievements: Achievements) -> impl IntoView {
    let ctx = use_ctx();
    let kecamatan = RwSignal::new(None::<RegionCode>);
    let regions = ctx.regions();
    let mut places: Vec<RegionCode> = achievements
        .rows
        .iter()
        .filter_map(|row| row.kecamatan)
        .collect();
    places.sort();
    places.dedup();
    let rows = StoredValue::new(achievements.rows);
    let shown = move || -> Vec<Achievement> {
        let place = kecamatan.get();
        let mut list: Vec<Achievement> = rows.with_value(|rows| {
            rows.iter()
                .filter(|r| r.kecamatan == place)
                .cloned()
                .collect()
        });
        list.reverse();
        list
    };
    let caption_id = ctx.id("achievements");
    let labelled_by = caption_id.clone();
    view! {
        <section class="ph-panel" data-testid="achievements" aria-labelledby=labelled_by>
            <h4 class="ph-subheading" id=caption_id>
                {move || ctx.t().achievements_heading}
            </h4>
            <p class="ph-muted">{move || ctx.t().achievements_intro}</p>
            <div class="ph-field">
                <label class="ph-field__label" for=ctx.id("achievements-kecamatan")>
                    {move || ctx.t().kecamatan}
                </label>
                <select
                    id=ctx.id("achievements-kecamatan")
                    class="ph-input"
                    on:change=move |ev| kecamatan.set(event_target_value(&ev).parse().ok())
                >
                    <option value="">{move || ctx.t().whole_city}</option>
                    {places
                        .into_iter()
                        .map(|code| {
                            let name = regions
                                .name(code)
                                .map_or_else(|| code.to_string(), str::to_owned);
                            view! { <option value=code.to_string()>{name}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <Show
                when=move || !shown().is_empty()
                fallback=move || view! { <p class="ph-muted">{move || ctx.t().no_achievements}</p> }
            >
                <div
                    class="ph-scroll"
                    tabindex="0"
                    role="region"
                    aria-label=move || ctx.t().achievements_heading
                >
                    <table class="ph-table">
                        <thead>
                            <tr>
                                <th scope="col">{move || ctx.t().month}</th>
                                {Helix::ALL
                                    .iter()
                                    .map(|helix| {
                                        let helix = *helix;
                                        view! {
                                            <th scope="col">{move || helix.label(ctx.lang.get())}</th>
                                        }
                                    })
                                    .collect_view()}
                                <th scope="col">{move || ctx.t().completed_initiatives}</th>
                                <th scope="col">{move || ctx.t().days_to_first_pledge}</th>
                                <th scope="col">{move || ctx.t().days_to_pentahelix}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                shown()
                                    .into_iter()
                                    .map(|row| {
                                        let lang = ctx.lang.get();
                                        let offered = row.offered.each();
                                        let accepted = row.accepted.each();
                                        view! {
                                            <tr>
                                                <th scope="row">{month_label(&row.month, lang)}</th>
                                                {(0..5)
                                                    .map(|n| {
                                                        view! {
                                                            <td>{format!("{} / {}", offered[n], accepted[n])}</td>
                                                        }
                                                    })
                                                    .collect_view()}
                                                <td>{format::number(u64::from(row.completed), lang)}</td>
                                                <td>{days(row.days_to_first_pledge, lang)}</td>
                                                <td>{days(row.days_to_pentahelix, lang)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_days_read_as_people_write_them() {
        assert_eq!(month_label("2026-12", Lang::Id), "Des 2026");
        assert_eq!(month_label("2027-01", Lang::En), "Jan 2027");
        assert_eq!(days(Some(2.5), Lang::Id), "2,5");
        assert_eq!(days(Some(2.5), Lang::En), "2.5");
        assert_eq!(days(None, Lang::Id), "–");
    }
}
