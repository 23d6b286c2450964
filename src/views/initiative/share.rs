//! "Bagikan": how Indonesians pass an initiative on, a WhatsApp message with its title and link,
//! or the link copied. The link is the server's share page for the initiative: a chat app reads
//! its preview card (title, description, coverage pentagon) there, and a browser is sent on to the
//! page the widget is embedded in, opened at this initiative (its deep link, which the host page
//! follows when it sets `deeplink`). The server sends browsers only to its allowed origins.

use leptos::prelude::*;

use crate::clipboard;
use crate::context::{Ctx, use_ctx};

/// The share page of initiative `id`, naming this page as where to go.
fn link_to(ctx: &Ctx, id: i64) -> String {
    let location = window().location();
    let origin = location.origin().unwrap_or_default();
    let page = format!(
        "{origin}{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let base = ctx.config.with_value(|c| c.api.clone());
    let base = if base.is_empty() { origin } else { base };
    format!(
        "{}/share/initiatives/{id}?page={}",
        base.trim_end_matches('/'),
        String::from(js_sys::encode_uri_component(&page))
    )
}

#[component]
pub fn Share(id: i64, title: String) -> impl IntoView {
    let ctx = use_ctx();
    let link = link_to(&ctx, id);
    let message = format!("{title}\n{link}");
    let whatsapp = format!(
        "https://wa.me/?text={}",
        String::from(js_sys::encode_uri_component(&message))
    );
    let copied = RwSignal::new(false);
    let copy = move |_| copied.set(clipboard::copy(&link));
    view! {
        <div class="ph-share" data-testid="share">
            <span class="ph-field__label">{move || ctx.t().share}</span>
            <div class="ph-actions">
                <a
                    class="ph-button ph-button--ghost"
                    data-testid="share-whatsapp"
                    href=whatsapp
                    target="_blank"
                    rel="noopener noreferrer"
                >
                    {move || ctx.t().share_whatsapp}
                </a>
                <button
                    type="button"
                    class="ph-button ph-button--ghost"
                    data-testid="copy-link"
                    on:click=copy
                >
                    {move || ctx.t().copy_link}
                </button>
                <span role="status">{move || copied.get().then(|| ctx.t().link_copied)}</span>
            </div>
        </div>
    }
}
