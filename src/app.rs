//! The app shell: header with the language switch, the tab bar, and the current view.

use leptos::prelude::*;
use pentahelix_core::Lang;

use crate::config::{Config, View};
use crate::context::{Ctx, instance_prefix};
use crate::deeplink;
use crate::manage_link;
use crate::storage;
use crate::views::initiatives::Initiatives;
use crate::views::on_demand::OnDemand;

#[component]
pub fn App(config: Config) -> impl IntoView {
    storage::use_api(&config.api);
    storage::forget_legacy();
    let ctx = Ctx {
        lang: RwSignal::new(config.lang),
        view: RwSignal::new(config.view),
        session: RwSignal::new(if config.preview {
            None
        } else {
            storage::session()
        }),
        config: StoredValue::new(config.clone()),
        ids: StoredValue::new(instance_prefix()),
    };
    provide_context(ctx);
    manage_link::claim_from_address(ctx.view);
    if config.deeplink {
        deeplink::follow_hash(ctx.view);
    }
    // Set through the CSSOM (`style.setProperty`), not a `style` attribute: a host page whose
    // Content-Security-Policy forbids inline styles still gets its colour.
    let theme = config.theme.clone().unwrap_or_default();
    let lang = ctx.lang;
    let toggle = move |_| lang.update(|l| *l = if *l == Lang::Id { Lang::En } else { Lang::Id });

    // The tab bar is rebuilt only when the Admin tab comes or goes, never on a view change:
    // rebuilding would drop the keyboard focus from the tab the person just activated.
    let show_admin = Memo::new(move |_| {
        ctx.session
            .with(|s| s.as_ref().is_some_and(|s| !s.official.is_empty()))
            || ctx.view.get() == View::Admin
    });
    let tabs = move || {
        let t = ctx.t();
        let mut tabs = vec![
            (View::Initiatives, t.tab_initiatives),
            (View::Propose, t.tab_propose),
            (View::Partners, t.tab_partners),
            (View::Dashboard, t.tab_dashboard),
            (View::Mine, t.tab_mine),
        ];
        if show_admin.get() {
            tabs.push((View::Admin, t.tab_admin));
        }
        tabs
    };

    view! {
        <div class="ph-app" style:--ph-primary=theme.clone() lang=move || lang.get().tag()>
            <header class="ph-header">
                <div>
                    <h2 class="ph-header__title">{move || ctx.t().app_name}</h2>
                    <p class="ph-header__tagline">{move || ctx.t().tagline}</p>
                </div>
                <button
                    type="button"
                    class="ph-button ph-button--ghost"
                    data-testid="lang-switch"
                    aria-label=move || ctx.t().switch_language_label
                    on:click=toggle
                >
                    {move || ctx.t().switch_language}
                </button>
            </header>
            <nav class="ph-tabs" aria-label=move || ctx.t().sections>
                {move || {
                    tabs()
                        .into_iter()
                        .map(|(tab, label)| {
                            view! {
                                <button
                                    type="button"
                                    class="ph-tabs__tab"
                                    data-testid=format!("tab-{}", tab.slug())
                                    aria-current=move || (ctx.view.get().tab() == tab).then_some("page")
                                    on:click=move |_| ctx.view.set(tab)
                                >
                                    {label}
                                </button>
                            }
                        })
                        .collect_view()
                }}
            </nav>
            <main class="ph-main">
                {move || match ctx.view.get() {
                    View::Initiatives => view! { <Initiatives /> }.into_any(),
                    other => view! { <OnDemand view=other /> }.into_any(),
                }}
            </main>
        </div>
    }
}
