//! What an initiative is: its pentagon, status, place, dates, contact and needs, and the link
//! that adds this one event to a calendar.

use leptos::prelude::*;
use pentahelix_core::api::Initiative;
use pentahelix_core::api::endpoint::InitiativeEvent;

use crate::components::heading::heading_focus;
use crate::components::pentagon::CoveragePentagon;
use crate::context::use_ctx;
use crate::format;

#[component]
pub fn Overview(initiative: Initiative) -> impl IntoView {
    let ctx = use_ctx();
    let heading = heading_focus();
    let place = ctx
        .regions()
        .name(initiative.region)
        .unwrap_or_default()
        .to_owned();
    let dates = (initiative.starts_on, initiative.ends_on);
    let status = initiative.status;
    let coverage = initiative.coverage;
    let calendar = ctx.api().url_of(&InitiativeEvent { id: initiative.id });
    let calendar_file = format!("pentahelix-{}.ics", initiative.id.0);
    view! {
        <header class="ph-detail__header">
            <CoveragePentagon coverage=coverage lang=ctx.lang size=88 />
            <div>
                <h3
                    class="ph-detail__title"
                    data-testid="detail-title"
                    tabindex="-1"
                    node_ref=heading
                >
                    {initiative.title.clone()}
                </h3>
                <p class="ph-card__meta">
                    {place} " · "
                    <span class=format!(
                        "ph-status ph-status--{}",
                        status.slug(),
                    )>{move || status.label(ctx.lang.get())}</span>
                </p>
            </div>
        </header>
        <p class="ph-detail__description">{initiative.description.clone()}</p>
        <dl class="ph-facts">
            <dt>{move || ctx.t().when}</dt>
            <dd>
                {move || match dates {
                    (Some(start), end) => format::date_range(start, end, ctx.lang.get()),
                    _ => ctx.t().no_date.to_owned(),
                }}
                {dates
                    .0
                    .map(|_| {
                        view! {
                            " · "
                            <a
                                class="ph-link"
                                data-testid="calendar-link"
                                href=calendar.clone()
                                download=calendar_file.clone()
                            >
                                {move || ctx.t().add_to_calendar}
                            </a>
                        }
                    })}
            </dd>
            {initiative
                .place
                .clone()
                .map(|p| {
                    view! {
                        <dt>{move || ctx.t().place}</dt>
                        <dd>{p}</dd>
                    }
                })}
            {initiative
                .contact
                .clone()
                .map(|c| {
                    view! {
                        <dt>{move || ctx.t().contact}</dt>
                        <dd data-testid="contact">
                            {c.person} {c.email.map(|e| format!(" · {e}"))}
                            {c.phone.map(|p| format!(" · {p}"))}
                        </dd>
                    }
                })}
        </dl>
        <h4 class="ph-subheading">{move || ctx.t().needs}</h4>
        <ul class="ph-needs">
            {initiative
                .needs
                .iter()
                .cloned()
                .map(|n| {
                    view! {
                        <li class=if n.fulfilled {
                            "ph-needs__item ph-needs__item--done"
                        } else {
                            "ph-needs__item"
                        }>
                            <span>{move || n.resource.label(ctx.lang.get())}</span>
                            {n
                                .helix
                                .map(|h| {
                                    view! {
                                        <span class="ph-muted">
                                            {move || {
                                                format!(
                                                    " ({} {})",
                                                    ctx.t().from_helix,
                                                    h.label(ctx.lang.get()),
                                                )
                                            }}
                                        </span>
                                    }
                                })}
                            <span class="ph-badge">
                                {move || {
                                    if n.fulfilled {
                                        ctx.t().need_fulfilled
                                    } else {
                                        ctx.t().need_open
                                    }
                                }}
                            </span>
                            {n.note.clone().map(|note| view! { <p class="ph-muted">{note}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
