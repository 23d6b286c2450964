//! The embed code a city pastes into its site, for the chosen region, view, language and colour.

use leptos::prelude::*;
use pentahelix_core::api::query::QueryPairs;

use crate::api::query_string;
use crate::clipboard;
use crate::context::use_ctx;

/// The snippet an official pastes into the city's website, built from a few choices, with a
/// live preview (the iframe fallback with the same settings).
#[component]
pub fn EmbedCode() -> impl IntoView {
    let ctx = use_ctx();
    let city = ctx.city();
    let region = RwSignal::new(city.to_string());
    let first = RwSignal::new("initiatives".to_owned());
    let lang = RwSignal::new("id".to_owned());
    let colour = RwSignal::new("#0b6e4f".to_owned());
    let copied = RwSignal::new(false);
    let host = {
        let api = ctx.config.with_value(|c| c.api.clone());
        if api.is_empty() {
            web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default()
        } else {
            api
        }
    };
    let host = StoredValue::new(host);
    let snippet = move || {
        embed_snippet(
            &host.get_value(),
            &region.get(),
            &first.get(),
            &lang.get(),
            &colour.get(),
        )
    };
    let frame = move || {
        embed_frame_url(
            &host.get_value(),
            &region.get(),
            &first.get(),
            &lang.get(),
            &colour.get(),
        )
    };
    let areas: Vec<(String, String)> = std::iter::once((
        city.to_string(),
        ctx.regions().name(city).unwrap_or_default().to_owned(),
    ))
    .chain(
        ctx.regions()
            .children(city)
            .map(|r| (r.code.to_string(), r.name)),
    )
    .collect();
    let copy = move |_| copied.set(clipboard::copy(&snippet()));
    view! {
        <section class="ph-panel" data-testid="embed-code">
            <h4 class="ph-subheading">{move || ctx.t().embed_heading}</h4>
            <p class="ph-muted">{move || ctx.t().embed_intro}</p>
            <div class="ph-row">
                <div class="ph-field">
                    <label class="ph-field__label" for=ctx.id("embed-region")>
                        {move || ctx.t().area}
                    </label>
                    <select
                        id=ctx.id("embed-region")
                        class="ph-input"
                        on:change=move |ev| region.set(event_target_value(&ev))
                    >
                        {areas
                            .into_iter()
                            .map(|(code, name)| view! { <option value=code>{name}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="ph-field">
                    <label class="ph-field__label" for=ctx.id("embed-view")>
                        {move || ctx.t().embed_view}
                    </label>
                    <select
                        id=ctx.id("embed-view")
                        class="ph-input"
                        on:change=move |ev| first.set(event_target_value(&ev))
                    >
                        <option value="initiatives">{move || ctx.t().tab_initiatives}</option>
                        <option value="propose">{move || ctx.t().tab_propose}</option>
                        <option value="partners">{move || ctx.t().tab_partners}</option>
                        <option value="dashboard">{move || ctx.t().tab_dashboard}</option>
                    </select>
                </div>
                <div class="ph-field">
                    <label class="ph-field__label" for=ctx.id("embed-lang")>
                        {move || ctx.t().embed_lang}
                    </label>
                    <select
                        id=ctx.id("embed-lang")
                        class="ph-input"
                        on:change=move |ev| lang.set(event_target_value(&ev))
                    >
                        <option value="id">"Bahasa Indonesia"</option>
                        <option value="en">"English"</option>
                    </select>
                </div>
                <div class="ph-field">
                    <label class="ph-field__label" for=ctx.id("embed-colour")>
                        {move || ctx.t().embed_colour}
                    </label>
                    <input
                        id=ctx.id("embed-colour")
                        class="ph-input"
                        type="color"
                        prop:value=move || colour.get()
                        on:input=move |ev| colour.set(event_target_value(&ev))
                    />
                </div>
            </div>
            <div class="ph-field">
                <label class="ph-field__label" for=ctx.id("embed-snippet")>
                    {move || ctx.t().embed_snippet}
                </label>
                <textarea
                    id=ctx.id("embed-snippet")
                    class="ph-input ph-input--multiline"
                    rows="3"
                    readonly=true
                    data-testid="snippet"
                    prop:value=snippet
                ></textarea>
            </div>
            <div class="ph-actions">
                <button type="button" class="ph-button" on:click=copy>
                    {move || if copied.get() { ctx.t().copied } else { ctx.t().copy }}
                </button>
                <a class="ph-link" href=frame target="_blank" rel="noopener">
                    {move || ctx.t().embed_frame}
                </a>
            </div>
            <p class="ph-field__label">{move || ctx.t().embed_preview}</p>
            <iframe
                class="ph-preview"
                data-testid="embed-preview"
                src=move || format!("{}&preview", frame())
                title=move || ctx.t().embed_preview
            ></iframe>
        </section>
    }
}

/// The two lines a city site needs: the loader once, and the element with its attributes.
pub fn embed_snippet(host: &str, region: &str, view: &str, lang: &str, colour: &str) -> String {
    format!(
        "<script type=\"module\" src=\"{host}/embed.js\"></script>\n<pentahelix-widget region=\"{region}\" view=\"{view}\" lang=\"{lang}\" theme=\"{colour}\"></pentahelix-widget>"
    )
}

/// The iframe fallback's address with the same settings.
pub fn embed_frame_url(host: &str, region: &str, view: &str, lang: &str, colour: &str) -> String {
    struct Frame<'a>([(&'static str, &'a str); 4]);
    impl QueryPairs for Frame<'_> {
        fn each_pair(&self, each: &mut dyn FnMut(&'static str, &str)) {
            for (name, value) in self.0 {
                each(name, value);
            }
        }
    }
    let query = query_string(&Frame([
        ("region", region),
        ("view", view),
        ("lang", lang),
        ("theme", colour),
    ]));
    format!("{host}/embed/frame{query}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_carries_every_choice() {
        let snippet = embed_snippet(
            "https://ph.bandung.go.id",
            "32.73.02",
            "propose",
            "en",
            "#1f5fa8",
        );
        assert_eq!(
            snippet,
            "<script type=\"module\" src=\"https://ph.bandung.go.id/embed.js\"></script>\n\
             <pentahelix-widget region=\"32.73.02\" view=\"propose\" lang=\"en\" theme=\"#1f5fa8\"></pentahelix-widget>"
        );
        assert_eq!(
            embed_frame_url(
                "https://ph.bandung.go.id",
                "32.73",
                "dashboard",
                "id",
                "#0b6e4f"
            ),
            "https://ph.bandung.go.id/embed/frame?region=32.73&view=dashboard&lang=id&theme=%230b6e4f"
        );
    }
}
