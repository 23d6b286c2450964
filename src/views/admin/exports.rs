//! The CSV exports.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::{Download, Export};

use crate::api::Call;
use crate::components::load::error_text;
use crate::context::use_ctx;

#[component]
pub fn Exports(token: String) -> impl IntoView {
    let ctx = use_ctx();
    let token = StoredValue::new(token);
    let fetch = Action::new_local(move |export: &Export| {
        let (export, token) = (*export, token.get_value());
        async move {
            ctx.api()
                .call(&Download { export }, Call::with_token(Some(&token)))
                .await
                .map(|csv| (export.file(), csv))
        }
    });
    view! {
        <section class="ph-panel">
            <h4 class="ph-subheading">{move || ctx.t().exports}</h4>
            <div class="ph-actions">
                <button
                    type="button"
                    class="ph-button ph-button--ghost"
                    on:click=move |_| {
                        fetch.dispatch(Export::Initiatives);
                    }
                >
                    {move || ctx.t().export_initiatives}
                </button>
                <button
                    type="button"
                    class="ph-button ph-button--ghost"
                    on:click=move |_| {
                        fetch.dispatch(Export::Stakeholders);
                    }
                >
                    {move || ctx.t().export_stakeholders}
                </button>
            </div>
            <p role="status" aria-live="polite">
                {move || match fetch.value().get() {
                    Some(Ok((file, csv))) => {
                        Some(
                            view! {
                                <a
                                    class="ph-link"
                                    data-testid="csv-link"
                                    download=file
                                    href=format!(
                                        "data:text/csv;charset=utf-8,{}",
                                        String::from(js_sys::encode_uri_component(&csv)),
                                    )
                                >
                                    {file}
                                </a>
                            }
                                .into_any(),
                        )
                    }
                    Some(Err(e)) => Some(view! { <span>{error_text(&ctx, &e)}</span> }.into_any()),
                    None => None,
                }}
            </p>
        </section>
    }
}
