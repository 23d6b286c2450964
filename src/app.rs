//! The app shell: header with the language switch, the tab bar, and the current view.

use leptos::prelude::*;
use pentahelix_core::Lang;
use pentahelix_core::api::FirstPage;

use crate::config::{Config, View};
use crate::context::{Ctx, instance_prefix};
use crate::deeplink;
use crate::manage_link;
use crate::navigation::{Navigation, bring_into_sight, focus_without_scrolling, return_to_card};
use crate::regions::{self, KnownCity};
use crate::storage::{self, Credentials};
use crate::views::initiatives::Initiatives;
use crate::views::on_demand::OnDemand;

#[component]
pub fn App(
    config: Config,
    /// What the loader painted, if it did (see `Ctx::first_page`).
    #[prop(optional_no_strip)]
    first_page: Option<FirstPage>,
) -> impl IntoView {
    let credentials = Credentials::of(&config.api);
    storage::forget_legacy();
    credentials.adopt_unscoped_tokens();
    let ctx = Ctx {
        lang: RwSignal::new(
            storage::chosen_lang()
                .filter(|_| !config.preview)
                .unwrap_or(config.lang),
        ),
        view: RwSignal::new(config.view),
        session: RwSignal::new(if config.preview {
            None
        } else {
            credentials.session()
        }),
        config: StoredValue::new(config.clone()),
        ids: StoredValue::new(instance_prefix()),
        nav: StoredValue::new(Navigation::default()),
        credentials: StoredValue::new(credentials),
        regions: StoredValue::new(regions::builtin()),
        first_page: StoredValue::new(None),
    };
    if let Some(first) = first_page {
        regions::adopt(ctx, first.regions);
        ctx.first_page.set_value(Some(first.page));
    }
    provide_context(ctx);
    manage_link::claim_from_address(ctx);
    if config.deeplink {
        deeplink::follow_hash(ctx.view, config.view);
    }
    // Set through the CSSOM (`style.setProperty`), not a `style` attribute: a host page whose
    // Content-Security-Policy forbids inline styles still gets its colour.
    let theme = config.theme.clone().unwrap_or_default();
    let lang = ctx.lang;
    let toggle = move |_| {
        let next = if lang.get_untracked() == Lang::Id {
            Lang::En
        } else {
            Lang::Id
        };
        lang.set(next);
        storage::choose_lang(next);
    };

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

    // Where a person lands after each change of view (see `navigation`): the first view is the
    // host page's, so it moves neither the page nor the focus.
    let app = NodeRef::<leptos::html::Div>::new();
    let first = StoredValue::new(true);
    let arrive = move |view: View| {
        ctx.nav.update_value(|n| n.shown(view));
        if std::mem::replace(&mut *first.write_value(), false) {
            return;
        }
        let Some(root) = app.get_untracked() else {
            return;
        };
        // A new arrival cancels any focus a heading that never came was still due.
        ctx.nav.update_value(|n| {
            n.take_heading();
        });
        let back = match view {
            View::Initiative(_) => None,
            // Any other view forgets the card; only the list goes back to it.
            other => ctx
                .nav
                .try_update_value(Navigation::take_return)
                .flatten()
                .filter(|_| other == View::Initiatives),
        };
        if let Some(point) = back {
            return_to_card(root.into(), point);
            return;
        }
        bring_into_sight(&root);
        // The list is already in the page (mounted once, then hidden): its heading is there to
        // focus now. Any other view's heading takes the focus when it mounts.
        let list_heading = (view == View::Initiatives)
            .then(|| root.query_selector("[data-list-heading]").ok().flatten())
            .flatten()
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        match list_heading {
            Some(heading) => focus_without_scrolling(&heading),
            None => ctx.nav.update_value(Navigation::opened),
        }
    };

    view! {
        <div class="ph-app" node_ref=app style:--ph-primary=theme.clone() lang=move || lang.get().tag()>
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
                <KnownCity>
                    // The list stays mounted, hidden while another view shows: coming back finds
                    // the same filters, the pages already loaded and the card the person opened.
                    // A page opened at another view loads the list's first page too.
                    <div hidden=move || { ctx.view.get() != View::Initiatives }>
                        <Initiatives />
                    </div>
                    {move || {
                        let view = ctx.view.get();
                        arrive(view);
                        match view {
                            View::Initiatives => ().into_any(),
                            other => view! { <OnDemand view=other /> }.into_any(),
                        }
                    }}
                </KnownCity>
            </main>
        </div>
    }
}
