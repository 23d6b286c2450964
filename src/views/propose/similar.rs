//! While a proposal is typed: the open initiatives of the city most like it, each a link to
//! join it instead, since two initiatives for one idea split their partners. Opening one
//! leaves the draft saved.

use std::time::Duration;

use leptos::prelude::*;
use pentahelix_core::api::endpoint::SimilarInitiatives;
use pentahelix_core::api::query::SimilarQuery;

use crate::api::Call;
use crate::config::View;
use crate::context::use_ctx;
use crate::deeplink;

/// How long typing must pause before the widget looks: not a request per keystroke.
const SETTLE: Duration = Duration::from_millis(600);

#[component]
pub fn Similar(title: RwSignal<String>, description: RwSignal<String>) -> impl IntoView {
    let ctx = use_ctx();
    let wanted = RwSignal::new(String::new());
    let typed = StoredValue::new(0u64);
    Effect::new(move |_| {
        let text = format!(
            "{} {}",
            title.get(),
            description.with(|d| d.chars().take(120).collect::<String>())
        );
        typed.update_value(|n| *n += 1);
        let mine = typed.get_value();
        set_timeout(
            move || {
                if typed.try_get_value() == Some(mine) {
                    wanted.try_set(text);
                }
            },
            SETTLE,
        );
    });
    let found = LocalResource::new(move || {
        let q: String = wanted.get().trim().chars().take(200).collect();
        async move {
            if q.chars().count() < 3 {
                return Vec::new();
            }
            let similar = SimilarInitiatives {
                query: SimilarQuery {
                    region: Some(ctx.city()),
                    q: Some(q),
                },
            };
            // Only a hint: if it cannot be asked, the form goes on without it.
            ctx.api()
                .call(&similar, Call::default())
                .await
                .unwrap_or_default()
        }
    });
    move || {
        let list = found.get().unwrap_or_default();
        (!list.is_empty()).then(|| {
            let regions = ctx.regions();
            view! {
                <aside
                    class="ph-panel ph-similar"
                    data-testid="similar"
                    aria-labelledby=ctx.id("similar")
                >
                    <h4 class="ph-subheading" id=ctx.id("similar")>
                        {move || ctx.t().similar_heading}
                    </h4>
                    <p class="ph-muted">{move || ctx.t().similar_intro}</p>
                    <ul class="ph-similar__list">
                        {list
                            .into_iter()
                            .map(|i| {
                                let view = View::Initiative(i.id.0);
                                let place = regions.name(i.region).unwrap_or_default().to_owned();
                                let status = i.status;
                                view! {
                                    <li>
                                        <a
                                            class="ph-link"
                                            href=deeplink::hash_of(view)
                                            on:click=move |ev| {
                                                ev.prevent_default();
                                                ctx.view.set(view);
                                            }
                                        >
                                            {i.title}
                                        </a>
                                        <span class="ph-muted">
                                            {format!(" · {place} · ")}
                                            {move || status.label(ctx.lang.get())}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </aside>
            }
        })
    }
}
