//! The app shell: header with the language switch, and the current view.

use leptos::prelude::*;
use pentahelix_core::Lang;

use crate::config::{Config, View};
use crate::i18n::messages;
use crate::views::about::About;

/// Small `Copy` handles every view may read: the instance's configuration and language.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub config: StoredValue<Config>,
    pub lang: RwSignal<Lang>,
    pub view: RwSignal<View>,
}

#[component]
pub fn App(config: Config) -> impl IntoView {
    let ctx = Ctx {
        lang: RwSignal::new(config.lang),
        view: RwSignal::new(config.view),
        config: StoredValue::new(config.clone()),
    };
    provide_context(ctx);
    let style = config.theme.map(|colour| format!("--ph-primary: {colour}"));
    let lang = ctx.lang;
    let t = move || messages(lang.get());
    let toggle = move |_| lang.update(|l| *l = if *l == Lang::Id { Lang::En } else { Lang::Id });

    view! {
        <div class="ph-app" style=style lang=move || lang.get().tag()>
            <header class="ph-header">
                <div>
                    <h2 class="ph-header__title">{move || t().app_name}</h2>
                    <p class="ph-header__tagline">{move || t().tagline}</p>
                </div>
                <button
                    type="button"
                    class="ph-button ph-button--ghost"
                    data-testid="lang-switch"
                    aria-label=move || t().switch_language_label
                    on:click=toggle
                >
                    {move || t().switch_language}
                </button>
            </header>
            <main class="ph-main">
                {move || match ctx.view.get() {
                    View::About => view! { <About /> },
                }}
            </main>
        </div>
    }
}
