//! A list's filters (the initiatives, the partner directory): the search bar with the toggle
//! that shows the other filters on a phone and says how many are set, and each filter a labelled
//! select whose first option means "any". The options follow the reader's language; a value is
//! a slug (or a region code), empty for any.

use leptos::prelude::*;
use pentahelix_core::Lang;
use pentahelix_core::taxonomy::Taxonomy;
use pentahelix_core::words::fill;

use crate::context::use_ctx;

/// The options of a taxonomy's filter (helix, subsector, resource), in `lang`.
pub fn choices<T: Taxonomy>(lang: Lang) -> Vec<(String, String)> {
    T::ALL
        .iter()
        .map(|t| (t.slug().to_owned(), t.label(lang).to_owned()))
        .collect()
}

#[component]
pub fn FilterSelect(
    id: String,
    label: Signal<&'static str>,
    any: Signal<&'static str>,
    value: RwSignal<String>,
    /// Each option's value and label.
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    view! {
        <div class="ph-field">
            <label class="ph-field__label" for=id.clone()>
                {move || label.get()}
            </label>
            <select
                id=id
                class="ph-input"
                on:change=move |ev| value.set(event_target_value(&ev))
                prop:value=move || value.get()
            >
                <option value="">{move || any.get()}</option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(slug, text)| {
                            let selected = value.with_untracked(|v| *v == slug);
                            view! {
                                <option value=slug selected=selected>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// The search field with its button, and the toggle of the filters panel `panel` (its element
/// id), which shows how many filters are set.
#[component]
pub fn SearchBar(
    /// The search field's element id.
    id: String,
    panel: String,
    text: RwSignal<String>,
    open: RwSignal<bool>,
    active: Signal<usize>,
) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <div class="ph-filters__bar">
            <div class="ph-field ph-field--grow">
                <label class="ph-field__label" for=id.clone()>
                    {move || ctx.t().search}
                </label>
                <div class="ph-search">
                    <input
                        id=id
                        class="ph-input"
                        type="search"
                        placeholder=move || ctx.t().search_placeholder
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    />
                    <button type="submit" class="ph-button">
                        {move || ctx.t().search}
                    </button>
                </div>
            </div>
            <button
                type="button"
                class="ph-button ph-button--ghost ph-filters__toggle"
                data-testid="filters-toggle"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=panel
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || ctx.t().filter_toggle}
                {move || {
                    let n = active.get();
                    (n > 0)
                        .then(|| {
                            view! {
                                " "
                                <span class="ph-count">
                                    {fill(ctx.t().filters_active, &[("n", &n.to_string())])}
                                </span>
                            }
                        })
                }}
            </button>
        </div>
    }
}
