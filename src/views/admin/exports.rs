//! The exports: one workbook for people (initiatives, partners, what the program achieved) and
//! CSV files for other systems, each made with the official's session and saved from a link.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::{Download, Export};

use crate::api::{ApiError, Call};
use crate::components::load::error_text;
use crate::context::use_ctx;

/// A file ready to save: its name and the address the link points at.
#[derive(Clone, PartialEq)]
struct Ready {
    file: &'static str,
    href: String,
}

/// The workbook's bytes as a `blob:` address (a `data:` address would copy megabytes into the
/// page's markup).
fn blob_address(bytes: &[u8]) -> Option<String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// A CSV text as a `data:` address, with the byte-order mark Excel needs to read it as UTF-8
/// (the browser dropped the server's when it read the answer as text).
fn csv_address(csv: &str) -> String {
    format!(
        "data:text/csv;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&format!("\u{feff}{csv}")))
    )
}

#[component]
pub fn Exports(token: String) -> impl IntoView {
    let ctx = use_ctx();
    let token = StoredValue::new(token);
    // The last workbook's address, given back to the browser when replaced or when the
    // workspace goes.
    let blob = StoredValue::new(None::<String>);
    let forget_blob = move || {
        if let Some(old) = blob.try_update_value(Option::take).flatten() {
            let _ = web_sys::Url::revoke_object_url(&old);
        }
    };
    on_cleanup(forget_blob);
    let fetch = Action::new_local(move |export: &Export| {
        let (export, token) = (*export, token.get_value());
        async move {
            let call = Call::with_token(Some(&token));
            let href = if export == Export::Program {
                let bytes = ctx.api().download(export, call).await?;
                let href = blob_address(&bytes).ok_or(ApiError::Unreadable)?;
                forget_blob();
                blob.set_value(Some(href.clone()));
                href
            } else {
                csv_address(&ctx.api().call(&Download { export }, call).await?)
            };
            Ok::<_, ApiError>(Ready {
                file: export.file(),
                href,
            })
        }
    });
    let button = move |export: Export, label: fn(&crate::i18n::Messages) -> &'static str| {
        view! {
            <button
                type="button"
                class="ph-button ph-button--ghost"
                data-testid=format!("export-{}", export.file())
                disabled=move || fetch.pending().get()
                on:click=move |_| {
                    fetch.dispatch(export);
                }
            >
                {move || label(ctx.t())}
            </button>
        }
    };
    view! {
        <section class="ph-panel" data-testid="exports">
            <h4 class="ph-subheading">{move || ctx.t().exports}</h4>
            <p class="ph-muted">{move || ctx.t().exports_hint}</p>
            <div class="ph-actions">
                {button(Export::Program, |t| t.export_workbook)}
                {button(Export::Initiatives, |t| t.export_initiatives)}
                {button(Export::Stakeholders, |t| t.export_stakeholders)}
            </div>
            <p role="status" aria-live="polite">
                {move || match fetch.value().get() {
                    Some(Ok(ready)) => {
                        let testid = if ready.file.ends_with(".xlsx") {
                            "xlsx-link"
                        } else {
                            "csv-link"
                        };
                        Some(
                            view! {
                                <a
                                    class="ph-link"
                                    data-testid=testid
                                    download=ready.file
                                    href=ready.href
                                >
                                    {ready.file}
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
